// The synthetic data of the sampled-softmax benchmarks: Zipf(1) class frequencies, class centroids
// (standard normal, D = 128) plus Gaussian noise (σ = 0.8), seeded; top-1 / top-5 accuracy by the
// full softmax (predictTopK streams the rows); and training with accuracy checkpoints.

import { rng } from "../test/reference.js";

const D = 128;

export function zipfData(K, Ntrain, Ntest, seed) {
  const r = rng(seed);
  const centroids = new Float32Array(K * D);
  for (let i = 0; i < centroids.length; i++) centroids[i] = r.normal();
  const cdf = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) cdf[k] = total += 1 / (k + 1);
  const rows = (N) => {
    const X = new Float32Array(N * D);
    const y = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const u = r.uniform() * total;
      let lo = 0;
      let hi = K - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      y[i] = lo;
      for (let d = 0; d < D; d++) X[i * D + d] = centroids[lo * D + d] + 0.8 * r.normal();
    }
    return { X, y: Array.from(y), rows: N };
  };
  return { K, train: rows(Ntrain), test: rows(Ntest) };
}

export function accuracy(model, test) {
  const { labels } = model.predictTopK(test.X, 5);
  let top1 = 0;
  let top5 = 0;
  labels.forEach((row, i) => {
    if (row[0] === test.y[i]) top1++;
    if (row.includes(test.y[i])) top5++;
  });
  return { top1: top1 / test.rows, top5: top5 / test.rows };
}

/**
 * SoftmaxRegression over all K classes (Adam, batch 256, no penalty), one partialFit call per
 * epoch: the full softmax when S is 0, else S classes from `sampler`. Returns the test top-1 /
 * top-5 after each epoch listed in `checkpoints`, keyed by epoch.
 */
export function accuracyAtEpochs(wasmax, data, { S, sampler, learningRate, randomState = 1 }, checkpoints) {
  const model = new wasmax.SoftmaxRegression({
    solver: "adam",
    learningRate,
    batchSize: 256,
    maxIter: 1,
    tol: 0,
    C: Infinity,
    randomState,
    ...(S > 0 ? { sampledSoftmax: { classes: S, sampler } } : {}),
  });
  const classes = Array.from({ length: data.K }, (_, k) => k);
  const at = {};
  try {
    for (let epoch = 1; epoch <= Math.max(...checkpoints); epoch++) {
      model.partialFit(data.train.X, data.train.y, epoch === 1 ? { classes, features: data.train.X.length / data.train.rows } : {});
      if (checkpoints.includes(epoch)) at[epoch] = accuracy(model, data.test);
    }
  } finally {
    model.dispose();
  }
  return at;
}
