// The synthetic data of the sampled-softmax benchmarks: Zipf(1) class frequencies, class centroids
// (standard normal, D = 128) plus Gaussian noise (σ = 0.8), seeded; and top-1 / top-5 accuracy by
// the full softmax (predictTopK streams the rows).

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
