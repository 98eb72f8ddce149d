// SoftmaxRegression({ sampledSoftmax }): trains with sampled classes, predicts with the full
// softmax; close to full-softmax training on a Zipf-distributed problem; bad options refused.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rng } from "../reference.js";
import { rejects } from "../assertions.js";

const { SoftmaxRegression, topKAccuracy } = wasmax;
const Sampled = suite("SoftmaxRegression with sampled softmax");
checkMemory(Sampled);

/** K class centroids in D dimensions; train and test rows drawn with Zipf(1) class frequencies, plus noise. */
function zipf(N, D, K, seed, Ntest = 0) {
  const r = rng(seed);
  const centroids = Array.from({ length: K }, () => Array.from({ length: D }, () => r.normal()));
  const weights = Array.from({ length: K }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = (n) => {
    const X = new Float32Array(n * D);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let u = r.uniform() * total;
      let k = 0;
      while (u > weights[k] && k < K - 1) u -= weights[k++];
      y[i] = k;
      for (let d = 0; d < D; d++) X[i * D + d] = centroids[k][d] + 0.5 * r.normal();
    }
    return { X, y: Array.from(y) };
  };
  return { ...draw(N), test: draw(Ntest) };
}

const warn = console.warn;
Sampled.before(() => (console.warn = () => {}));
Sampled.after(() => (console.warn = warn));

Sampled(
  "every sampler learns the problem: after 8 epochs, top-1 within 12 points and top-5 within 5 of the full softmax (K = 200, S = 20)",
  () => {
    const D = 16,
      K = 200;
    const train = zipf(6000, D, K, 1, 2000);
    const test = train.test;
    const options = { solver: "adam", learningRate: 0.01, maxIter: 8, tol: 0, batchSize: 128, randomState: 3, C: Infinity };
    const full = new SoftmaxRegression(options).fit(train.X, train.y, { features: D });
    const classes = full.classes;
    const fullTop1 = full.score(test.X, test.y);
    try {
      for (const sampler of ["log-uniform", "unigram", "uniform"]) {
        const model = new SoftmaxRegression({ ...options, sampledSoftmax: { classes: 20, sampler } }).fit(train.X, train.y, {
          features: D,
        });
        try {
          const top1 = model.score(test.X, test.y);
          const top5 = topKAccuracy(test.y, model.predictProba(test.X), model.classes, 5);
          assert.ok(fullTop1 > 0.5, `the full softmax learns the problem: top-1 ${fullTop1}`);
          console.log(`  ${sampler}: top-1 ${top1.toFixed(4)} (full ${fullTop1.toFixed(4)}), top-5 ${top5.toFixed(4)}`);
          assert.ok(top1 > fullTop1 - 0.12, `${sampler}: top-1 ${top1} vs full softmax ${fullTop1}`);
          assert.ok(top5 > topKAccuracy(test.y, full.predictProba(test.X), classes, 5) - 0.05, `${sampler}: top-5 ${top5}`);
          assert.is(model.predictProba(test.X.subarray(0, D)).length, model.classes.length, "probabilities over every class");
        } finally {
          model.dispose();
        }
      }
    } finally {
      full.dispose();
    }
  },
);

Sampled("MLPClassifier: a sampled output layer trains the network (top-1 within 6 points of the full softmax)", () => {
  const { MLPClassifier } = wasmax;
  const D = 16;
  const train = zipf(4000, D, 100, 11, 1000);
  const test = train.test;
  const options = { hiddenLayerSizes: [32], learningRate: 0.01, maxIter: 6, tol: 0, batchSize: 128, randomState: 13 };
  const full = new MLPClassifier(options).fit(train.X, train.y, { features: D });
  const sampled = new MLPClassifier({ ...options, sampledSoftmax: { classes: 15 } }).fit(train.X, train.y, { features: D });
  try {
    const a = full.score(test.X, test.y);
    const b = sampled.score(test.X, test.y);
    assert.ok(b > a - 0.06, `sampled ${b} vs full ${a}`);
    assert.ok(b > 0.5, `sampled accuracy ${b}`);
  } finally {
    full.dispose();
    sampled.dispose();
  }
  rejects(
    () => new MLPClassifier({ sampledSoftmax: { classes: 2 } }).fit([[0], [1], [2]], [["a"], ["b"], ["a", "c"]]),
    TypeError,
    /sampledSoftmax needs one label per row/,
  );
});

Sampled("reproducible with randomState; JSON keeps the option; warm start and partialFit continue", () => {
  const D = 8,
    K = 30;
  const { X, y } = zipf(600, D, K, 4);
  const options = {
    solver: "sgd",
    learningRate: 0.2,
    maxIter: 3,
    tol: 0,
    randomState: 5,
    sampledSoftmax: { classes: 6, sampler: "unigram", distortion: 0.5 },
  };
  const a = new SoftmaxRegression(options).fit(X, y, { features: D });
  const b = new SoftmaxRegression(options).fit(X, y, { features: D });
  try {
    assert.equal(a.toJSON().coef, b.toJSON().coef, "same seed, same weights");
    const copy = SoftmaxRegression.fromJSON(JSON.stringify(a));
    assert.equal(copy.options.sampledSoftmax, { classes: 6, sampler: "unigram", distortion: 0.5, removeAccidentalHits: true });
    copy.dispose();
    const before = a.nIter;
    a.partialFit(X, y);
    assert.is(a.nIter, before + 1);
  } finally {
    a.dispose();
    b.dispose();
  }
});

Sampled("large K: predictTopK streams and matches predictProba's best k; predictProba refuses above maxOutputBytes", () => {
  const { configure } = wasmax;
  const D = 8;
  const { X, y } = zipf(300, D, 40, 7);
  const model = new SoftmaxRegression({ solver: "adam", maxIter: 2, tol: 0, randomState: 8, sampledSoftmax: { classes: 10 } }).fit(X, y, {
    features: D,
  });
  const previous = configure({ chunkBytes: 1024 }); // a few rows per chunk, so the stream really chunks
  try {
    const Kc = model.classes.length; // the classes the Zipf draw produced
    const proba = model.predictProba(X);
    const { labels, probabilities } = model.predictTopK(X, 3);
    assert.is(labels.length, 300);
    for (let i = 0; i < 300; i++) {
      const row = Array.from(proba.subarray(i * Kc, (i + 1) * Kc));
      const best = row
        .map((p, k) => [p, k])
        .sort((a, b) => b[0] - a[0] || a[1] - b[1])
        .slice(0, 3);
      assert.equal(
        labels[i],
        best.map(([, k]) => model.classes[k]),
        `row ${i}`,
      );
      best.forEach(([p], j) => assert.ok(Math.abs(probabilities[i * 3 + j] - p) < 1e-6));
    }
    configure({ maxOutputBytes: 1000 });
    rejects(
      () => model.predictProba(X),
      RangeError,
      new RegExp(
        `predictProba would return 300 × ${Kc} values \\(${300 * Kc * 4} bytes\\), above configure\\(\\{ maxOutputBytes \\}\\) = 1000`,
      ),
      /predictTopK/,
    );
    assert.is(model.predictTopK(X, 2).labels.length, 300, "predictTopK is not limited by it");
    rejects(() => model.predictTopK(X, Kc + 1), RangeError, new RegExp(`k must be an integer in \\[1, ${Kc}\\]`));
  } finally {
    configure(previous);
    model.dispose();
  }
});

Sampled("bad options: S ≥ K, S < 1, unknown sampler, non-boolean removeAccidentalHits, lbfgs, with class weights", () => {
  const D = 4;
  const { X, y } = zipf(200, D, 10, 6);
  const fit =
    (sampledSoftmax, extra = {}) =>
    () =>
      new SoftmaxRegression({ solver: "sgd", maxIter: 1, sampledSoftmax, ...extra }).fit(X, y, { features: D });
  rejects(fit({ classes: 10 }), RangeError, /sampledSoftmax.classes must be below the number of classes \(10\), got 10/);
  rejects(fit({ classes: 0 }), RangeError, /sampledSoftmax.classes must be >= 1/);
  rejects(fit({ classes: 2.5 }), TypeError, /sampledSoftmax.classes must be an integer/);
  rejects(
    fit({ classes: 3, sampler: "zipf" }),
    RangeError,
    /sampledSoftmax.sampler must be 'log-uniform', 'unigram', 'uniform', got "zipf"/,
  );
  rejects(fit({ classes: 3, removeAccidentalHits: "yes" }), TypeError, /removeAccidentalHits must be true or false/);
  rejects(fit({ classes: 3, samplr: "uniform" }), TypeError, /did you mean sampler\?/);
  rejects(fit({ classes: 3 }, { solver: "lbfgs" }), TypeError, /sampledSoftmax trains with solver 'sgd' or 'adam'/);
  rejects(fit({ classes: 3 }, { classWeight: "balanced" }), TypeError, /does not combine with classWeight/);
});

Sampled.run();
