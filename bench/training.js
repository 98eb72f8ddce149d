// Training benchmarks for SoftmaxRegression (issue targets in the README):
//   one epoch of mini-batch SGD (batch 64) over the 8,000-digit MNIST training split, against the
//   same epoch written in plain JS and in TF.js (wasm backend, tf.train.momentum on a hand-built
//   linear model); L-BFGS to convergence on that split (C = 1); one epoch at
//   batch 256 over 60,000 × 784 (10 classes) and 10,000 × 256 (1,000 classes), synthetic and seeded.
// Accuracy is checked before anything is timed. Writes bench/results/training.json and .md.
//
//   npm run bench:training

import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import * as plain from "./plain.js";
import { machine } from "./machine.js";
import { loadMnist } from "../examples/mnist-data.js";
import { rng } from "../test/reference.js";
import { tf } from "./tfjs.js";

await wasmax.init();
const { SoftmaxRegression } = wasmax;
const rows = [];

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1), samples: s.length };
}

/** Seconds of each epoch after the first, from onEpoch timestamps of one fit (setup excluded). */
function epochTimes(options, X, y, features, epochs) {
  const stamps = [];
  new SoftmaxRegression({ ...options, maxIter: epochs + 1, tol: 0, onEpoch: () => void stamps.push(performance.now()) })
    .fit(X, y, { features })
    .dispose();
  return median(stamps.slice(1).map((t, i) => (t - stamps[i]) / 1000));
}

function time(fn, repeats) {
  const out = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    out.push((performance.now() - t) / 1000);
  }
  return median(out);
}

/** One epoch of the same SGD in plain JS: Float32Array loops, class-major weights. */
function plainEpoch(X, y, N, D, K, W, b, lr, B) {
  const Z = new Float32Array(B * K);
  const dW = new Float32Array(K * D);
  for (let from = 0; from < N; from += B) {
    const n = Math.min(B, N - from);
    const x = X.subarray(from * D, (from + n) * D);
    plain.linear(x, W, b, Z, n, D, K);
    plain.softmaxCrossEntropy(Z, y.subarray(from, from + n), Z, n, K);
    plain.linearWeightGrad(Z, x, dW, n, D, K);
    for (let i = 0; i < K * D; i++) W[i] -= lr * dW[i];
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Z[i * K + k];
      b[k] -= lr * s;
    }
  }
}

/**
 * The same SGD (lr 0.05, momentum 0.9, batch 64, mean cross-entropy) in TF.js on its wasm backend:
 * W (784 × 10) and b as variables, tf.train.momentum, batches in a seeded shuffled order.
 */
function tfSgd(train, test, epochs) {
  const W = tf.variable(tf.zeros([784, 10]));
  const b = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.momentum(0.05, 0.9);
  const order = Int32Array.from({ length: train.rows }, (_, i) => i);
  const r = rng(1);
  const seconds = [];
  const xb = new Float32Array(64 * 784);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r.uniform() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const t = performance.now();
    for (let from = 0; from < train.rows; from += 64) {
      const n = Math.min(64, train.rows - from);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        xb.set(train.X.subarray(order[from + i] * 784, (order[from + i] + 1) * 784), i * 784);
        labels[i] = train.y[order[from + i]];
      }
      tf.tidy(() => {
        const xs = tf.tensor2d(xb.subarray(0, n * 784), [n, 784]);
        const ys = tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), 10), "float32");
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(xs, W), b)));
      });
    }
    seconds.push((performance.now() - t) / 1000);
  }
  const predicted = tf.tidy(() => tf.argMax(tf.add(tf.matMul(tf.tensor2d(test.X, [test.rows, 784]), W), b), 1).dataSync());
  const accuracy = predicted.reduce((hits, k, i) => hits + (k === test.y[i] ? 1 : 0), 0) / test.rows;
  W.dispose();
  b.dispose();
  optimizer.dispose();
  return { seconds, accuracy };
}

const { train, test } = loadMnist();
const sgd = { solver: "sgd", batchSize: 64, learningRate: 0.05, momentum: 0.9, tol: 0, randomState: 0 };
{
  const check = new SoftmaxRegression({ ...sgd, maxIter: 10 }).fit(train.X, train.y, { features: 784 });
  const acc = check.score(test.X, test.y);
  check.dispose();
  if (acc < 0.88) throw new Error(`SGD check failed: test accuracy ${acc}`);
  const epoch = epochTimes(sgd, train.X, train.y, 784, 15);
  rows.push({ workload: "SGD epoch, batch 64, MNIST 8k", contender: "wasmax", ...epoch, note: `10-epoch test accuracy ${acc.toFixed(4)}` });
  const setup = time(() => new SoftmaxRegression({ ...sgd, maxIter: 1 }).fit(train.X, train.y, { features: 784 }).dispose(), 15);
  rows.push({ workload: "SGD epoch, batch 64, MNIST 8k", contender: "wasmax, whole fit() of 1 epoch", ...setup, note: "adds input checks and the copy into wasm memory" });
  const yTrain = Int32Array.from(train.y);
  const W = new Float32Array(7840);
  const b = new Float32Array(10);
  const plainTime = time(() => plainEpoch(train.X, yTrain, train.rows, 784, 10, W, b, 0.05, 64), 5);
  rows.push({ workload: "SGD epoch, batch 64, MNIST 8k", contender: "plain JS", ...plainTime, note: "same loops as bench/plain.js" });
  const tfEpochs = tfSgd(train, test, 4);
  rows.push({ workload: "SGD epoch, batch 64, MNIST 8k", contender: `TF.js ${tf.version.tfjs} wasm`, ...median(tfEpochs.seconds), note: `test accuracy after ${tfEpochs.seconds.length} epochs ${tfEpochs.accuracy.toFixed(4)}` });
}
{
  let model;
  const fit = time(() => {
    model?.dispose();
    model = new SoftmaxRegression({ C: 1, maxIter: 1000 }).fit(train.X, train.y, { features: 784 });
  }, 3);
  rows.push({ workload: "lbfgs to convergence, C = 1, MNIST 8k", contender: "wasmax", ...fit, note: `${model.nIter} iterations, test accuracy ${model.score(test.X, test.y).toFixed(4)}` });
  model.dispose();
}
for (const [N, D, K] of [[60000, 784, 10], [10000, 256, 1000]]) {
  const r = rng(N);
  const centers = Float32Array.from({ length: K * D }, () => r.normal());
  const y = Int32Array.from({ length: N }, (_, i) => i % K);
  const X = new Float32Array(N * D);
  for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) X[i * D + d] = 0.3 * centers[y[i] * D + d] + r.normal();
  const opts = { solver: "sgd", batchSize: 256, learningRate: 0.05, tol: 0, maxIter: 1, randomState: 0 };
  const m = new SoftmaxRegression(opts).fit(X, y, { features: D });
  const acc = m.score(X.subarray(0, 2000 * D), y.subarray(0, 2000));
  m.dispose();
  rows.push({ workload: `SGD epoch, batch 256, ${N} × ${D}, ${K} classes`, contender: "wasmax", ...epochTimes(opts, X, y, D, 5), note: `training accuracy after 1 epoch ${acc.toFixed(3)}` });
  const t = time(() => new SoftmaxRegression(opts).fit(X, y, { features: D }).dispose(), 5);
  rows.push({ workload: `SGD epoch, batch 256, ${N} × ${D}, ${K} classes`, contender: "wasmax, whole fit() of 1 epoch", ...t, note: "adds input checks and the copy into wasm memory" });
}

const m = machine();
writeFileSync(new URL("results/training.json", import.meta.url), JSON.stringify({ machine: m, rows }, null, 2) + "\n");
const fmt = (s) => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1e3).toFixed(1)} ms`);
const md = [
  `Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores), ${m.runtime}. Epoch rows time epochs 2 onwards of one fit; "whole fit()" rows include validating and copying the data.`,
  "",
  "| workload | contender | median | min–max | runs | note |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.workload} | ${r.contender} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.samples} | ${r.note} |`),
].join("\n") + "\n";
writeFileSync(new URL("results/training.md", import.meta.url), md);
console.log(md);
