// Training benchmarks (issue #4):
//   T1   the 8,000-digit MNIST training split (first 80% of each digit; the rest is the test set),
//        softmax regression 784 → 10, mini-batch SGD at batch 64, learning rate 0.1, no momentum,
//        no penalty, 10 epochs, zero initial weights and the same batch order for every contender
//        (one seeded permutation of the rows, then batches in order every epoch);
//   T2   60,000 × 784, 10 classes, synthetic and seeded, SGD at batch 256;
//   T2K  10,000 × 256, 1,000 classes, the same;
//   and wasmax's L-BFGS to convergence on the T1 split (no peer runs L-BFGS in JS).
// Contenders: wasmax (SoftmaxRegression), TF.js on its wasm and cpu backends (W and b as
// variables, tf.train.sgd, each batch uploaded from the arrays), TF.js layers (a Dense softmax
// layer, model.fit on wasm), ml-logistic-regression (one-vs-rest sigmoids, full-batch gradient
// steps: a different algorithm, so its accuracy is shown but not held to the agreement rule), and
// plain JS loops. Training is stateful, so these are timed per epoch by hand rather than by
// benny; contenders take turns in rounds (rotated order) so drift hits them alike. T1 is valid
// only if every mini-batch SGD contender's test accuracy is within 0.5 points of the others'.
//
//   node bench/training.js     (writes bench/results/training.json)

import { writeFileSync } from "node:fs";
import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import * as wasmax from "../build/testing.js";
import * as plain from "./plain.js";
import { machine } from "./machine.js";
import { tf, useBackend } from "./tfjs.js";
import { loadMnist } from "../examples/mnist-data.js";
import { permutation } from "./mnist_t1.js";
import { centroidData } from "./synthetic.js";

await wasmax.init();
const { SoftmaxRegression, accuracy, logLoss } = wasmax;
const quick = process.env.BENCH_QUICK === "1";
const now = () => performance.now() / 1000;

/** Rows of X (n × D) and y in the order of `order`. */
function reorder(X, y, D, order) {
  const Xo = new Float32Array(order.length * D);
  order.forEach((i, r) => Xo.set(X.subarray(i * D, (i + 1) * D), r * D));
  return { X: Xo, y: Int32Array.from(order, (i) => y[i]) };
}

/** Test-set scores from probabilities (rows × K) or, without them, predicted classes. */
function scores(test, K, proba, predicted) {
  if (proba) {
    predicted = new Int32Array(test.y.length);
    for (let i = 0; i < predicted.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
      predicted[i] = best;
    }
  }
  const labels = Array.from({ length: K }, (_, k) => k);
  return {
    accuracy: accuracy(Array.from(test.y), Array.from(predicted)),
    logLoss: proba ? logLoss(Array.from(test.y), proba, labels) : null,
  };
}

// ---- contenders: each run(data, settings) trains from zero and returns epoch end times ----

function runWasmax({ train, test, D, K }, { epochs, batch, lr }) {
  const stamps = [];
  const start = now();
  const model = new SoftmaxRegression({
    solver: "sgd",
    batchSize: batch,
    learningRate: lr,
    momentum: 0,
    C: Infinity,
    shuffle: false,
    maxIter: epochs,
    tol: 0,
    onEpoch: () => void stamps.push(now()),
  }).fit(train.X, train.y, { features: D });
  const result = { start, stamps, ...(test ? scores(test, K, model.predictProba(test.X)) : {}) };
  model.dispose();
  return result;
}

function runPlain({ train, test, D, K }, { epochs, batch, lr }) {
  const N = train.y.length;
  const W = new Float32Array(K * D);
  const b = new Float32Array(K);
  const Z = new Float32Array(batch * K);
  const dW = new Float32Array(K * D);
  const stamps = [];
  const start = now();
  for (let e = 0; e < epochs; e++) {
    for (let from = 0; from < N; from += batch) {
      const n = Math.min(batch, N - from);
      const x = train.X.subarray(from * D, (from + n) * D);
      plain.linear(x, W, b, Z, n, D, K);
      plain.softmaxCrossEntropy(Z, train.y.subarray(from, from + n), Z, n, K);
      plain.linearWeightGrad(Z, x, dW, n, D, K);
      for (let i = 0; i < K * D; i++) W[i] -= lr * dW[i];
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Z[i * K + k];
        b[k] -= lr * s;
      }
    }
    stamps.push(now());
  }
  if (!test) return { start, stamps };
  const proba = new Float32Array(test.y.length * K);
  plain.linear(test.X, W, b, proba, test.y.length, D, K);
  plain.softmax(proba, proba, test.y.length, K);
  return { start, stamps, ...scores(test, K, proba) };
}

function runTf(backend) {
  return ({ train, test, D, K }, { epochs, batch, lr }) => {
    useBackend(backend);
    const N = train.y.length;
    // One-hot rows prepared once; each batch is uploaded from the arrays (slicing a resident tensor
    // on the wasm backend reads the whole tensor back per slice: ~9 s per T1 epoch instead of ~0.2 s).
    const onehot = new Float32Array(N * K);
    train.y.forEach((k, i) => (onehot[i * K + k] = 1));
    const W = tf.variable(tf.zeros([D, K]));
    const b = tf.variable(tf.zeros([K]));
    const optimizer = tf.train.sgd(lr);
    const stamps = [];
    const start = now();
    for (let e = 0; e < epochs; e++) {
      for (let from = 0; from < N; from += batch) {
        const n = Math.min(batch, N - from);
        tf.tidy(() => {
          const xs = tf.tensor2d(train.X.subarray(from * D, (from + n) * D), [n, D]);
          const ys = tf.tensor2d(onehot.subarray(from * K, (from + n) * K), [n, K]);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(xs, W), b)));
        });
      }
      b.dataSync(); // the epoch has finished
      stamps.push(now());
    }
    const proba = test ? tf.tidy(() => tf.softmax(tf.add(tf.matMul(tf.tensor2d(test.X, [test.y.length, D]), W), b)).dataSync()) : null;
    [W, b].forEach((t) => t.dispose());
    optimizer.dispose();
    return { start, stamps, ...(test ? scores(test, K, proba) : {}) };
  };
}

async function runLayers({ train, test, D, K }, { epochs, batch, lr }) {
  useBackend("wasm");
  const N = train.y.length;
  const X = tf.tensor2d(train.X, [N, D]);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(train.y, "int32"), K), "float32"));
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: K, inputShape: [D], activation: "softmax", kernelInitializer: "zeros", biasInitializer: "zeros" })],
  });
  model.compile({ optimizer: tf.train.sgd(lr), loss: "categoricalCrossentropy" });
  const stamps = [];
  const start = now();
  await model.fit(X, Y, { batchSize: batch, epochs, shuffle: false, verbose: 0, callbacks: { onEpochEnd: () => void stamps.push(now()) } });
  const proba = tf.tidy(() => model.predict(tf.tensor2d(test.X, [test.y.length, D])).dataSync());
  X.dispose();
  Y.dispose();
  model.dispose();
  return { start, stamps, ...scores(test, K, proba) };
}

/** ml-logistic-regression: `epochs` full-batch steps per class; its per-epoch time is total / epochs. */
function runMlJs({ train, test, D, K }, { epochs }) {
  const rows = (X, n) => Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * D, (i + 1) * D)));
  const X = new Matrix(rows(train.X, train.y.length));
  const Y = Matrix.columnVector(Array.from(train.y));
  const model = new LogisticRegression({ numSteps: epochs });
  const start = now();
  model.train(X, Y);
  const end = now();
  const predicted = model.predict(new Matrix(rows(test.X, test.y.length)));
  const stamps = Array.from({ length: epochs }, (_, e) => start + ((e + 1) * (end - start)) / epochs);
  return { start, stamps, ...scores(test, K, null, Int32Array.from(predicted)) };
}

// ---- rounds ----

const rows = [];

function summarise(workload, contender, runs, note) {
  const steady = runs.flatMap((r) => r.stamps.slice(1).map((t, i) => t - r.stamps[i]));
  const first = runs.map((r) => r.stamps[0] - r.start);
  const total = runs.map((r) => r.stamps.at(-1) - r.start);
  const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const last = runs.at(-1);
  rows.push({
    workload,
    contender,
    note,
    epochSeconds: steady.length ? med(steady) : med(first),
    epochMin: Math.min(...(steady.length ? steady : first)),
    epochMax: Math.max(...(steady.length ? steady : first)),
    epochSamples: steady.length || first.length,
    firstEpochSeconds: med(first),
    totalSeconds: med(total),
    rounds: runs.length,
    accuracy: last.accuracy,
    logLoss: last.logLoss,
  });
}

async function compete(workload, data, settings, contenders, rounds) {
  const runs = new Map(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + round) % contenders.length];
      if (round >= (c.rounds ?? rounds)) continue;
      runs.get(c.name).push(await c.run(data, settings));
      console.log(`  ${workload}: ${c.name} round ${round + 1} done`);
    }
  }
  for (const c of contenders) summarise(workload, c.name, runs.get(c.name), c.note);
}

const mnist = loadMnist();
const order = permutation(mnist.train.rows, 1);
const t1 = {
  train: reorder(mnist.train.X, mnist.train.y, 784, order),
  test: { X: mnist.test.X, y: Int32Array.from(mnist.test.y) },
  D: 784,
  K: 10,
};
const T1 = "T1 MNIST 8k, SGD batch 64, 10 epochs";
const tfVersion = `TF.js ${tf.version.tfjs}`;
await compete(
  T1,
  t1,
  { epochs: 10, batch: 64, lr: 0.1 },
  [
    { name: "wasmax", run: runWasmax },
    { name: `${tfVersion} wasm`, run: runTf("wasm") },
    { name: `${tfVersion} cpu`, run: runTf("cpu") },
    { name: `${tfVersion} layers (wasm)`, run: runLayers },
    { name: "plain JS", run: runPlain },
    { name: "ml-logistic-regression 2.0", run: runMlJs, note: "one-vs-rest, full-batch steps: not the same algorithm", rounds: 1 },
  ],
  quick ? 1 : 2,
);

const agreeing = rows.filter((r) => r.workload === T1 && !r.contender.startsWith("ml-"));
const spread = Math.max(...agreeing.map((r) => r.accuracy)) - Math.min(...agreeing.map((r) => r.accuracy));
const t1Valid = spread <= 0.005;
console.log(`T1 accuracy spread ${(spread * 100).toFixed(2)} points: ${t1Valid ? "valid" : "INVALID"}`);

{
  const started = now();
  const model = new SoftmaxRegression({ C: 1, maxIter: 1000 }).fit(mnist.train.X, mnist.train.y, { features: 784 });
  const seconds = now() - started;
  const result = scores(t1.test, 10, model.predictProba(t1.test.X));
  rows.push({
    workload: "L-BFGS to convergence, C = 1, MNIST 8k",
    contender: "wasmax",
    totalSeconds: seconds,
    rounds: 1,
    ...result,
    note: `${model.nIter} iterations`,
  });
  model.dispose();
}

for (const [name, N, D, K] of [
  ["T2", 60000, 784, 10],
  ["T2K", 10000, 256, 1000],
]) {
  const { X, y } = centroidData(N, D, K);
  // Two epochs per run: the second is the steady epoch reported; plain JS runs one (it is slow).
  await compete(
    `${name} ${N} × ${D}, ${K} classes, SGD batch 256`,
    { train: { X, y }, D, K },
    { epochs: 2, batch: 256, lr: 0.05 },
    [
      { name: "wasmax", run: runWasmax },
      { name: `${tfVersion} wasm`, run: runTf("wasm") },
      { name: "plain JS", run: (data, s) => runPlain(data, { ...s, epochs: 1 }), rounds: 1, note: "one epoch (no warm-up epoch)" },
    ],
    quick ? 1 : 2,
  );
}

writeFileSync(
  new URL("results/training.json", import.meta.url),
  JSON.stringify({ machine: machine(wasmax.threads()), quick, t1: { valid: t1Valid, spreadPoints: spread * 100 }, rows }, null, 2) + "\n",
);
console.log(`training: ${rows.length} rows`);
