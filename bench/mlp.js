// MLP benchmark (issue #12): MNIST-8k (the main job's split), a 784-128-10 ReLU network with a
// softmax output, Adam at learning rate 1e-3, rows in one seeded permutation for every contender
// and epoch (no reshuffling, so all run the same batches), 5 epochs:
//   wasmax MLPClassifier at batch 64 and 256, against TF.js layers (the same Sequential network,
//   Glorot-uniform, Adam, categorical cross-entropy, model.fit) on its wasm backend at batch 64.
// And sigmoid BCE + gradient at 65536 × 16 against TF.js wasm (see below).
// Steady epoch = the median of epochs 2…5 (epoch 1 includes setup), over rounds in rotated order;
// test accuracy after the 5 epochs. Effective GFLOP/s counts the products of one epoch: forward
// 2·N·(784·128 + 128·10), weight gradients as much again, and the hidden layer's input gradient
// 2·N·128·10.
//
//   node bench/mlp.js     (writes bench/results/mlp.json and prints a table)

import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { tf, useBackend } from "./tfjs.js";
import { mnistInT1Order } from "./mnist_t1.js";

await wasmax.init();
const quick = process.env.BENCH_QUICK === "1";
const EPOCHS = quick ? 2 : 5;
const ROUNDS = quick ? 1 : 3;
const H = 128;
const { train, test, features: D } = mnistInT1Order();
const K = 10;
const N = train.rows;
const FLOPS = 4 * N * (D * H + H * K) + 2 * N * H * K;
const now = () => performance.now() / 1000;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function accuracyOf(proba) {
  let hits = 0;
  for (let i = 0; i < test.rows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    if (best === test.y[i]) hits++;
  }
  return hits / test.rows;
}

function runWasmax(batch) {
  const stamps = [];
  const start = now();
  const model = new wasmax.MLPClassifier({
    hiddenLayerSizes: [H],
    batchSize: batch,
    maxIter: EPOCHS,
    tol: 0,
    shuffle: false,
    randomState: 0,
    onEpoch: () => void stamps.push(now()),
  }).fit(train.X, train.y, { features: D });
  const accuracy = accuracyOf(model.predictProba(test.X));
  model.dispose();
  return { start, stamps, accuracy };
}

async function runLayers(batch) {
  useBackend("wasm");
  const X = tf.tensor2d(train.X, [N, D]);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(train.y, "int32"), K), "float32"));
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: H, inputShape: [D], activation: "relu" }), tf.layers.dense({ units: K, activation: "softmax" })],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy" });
  const stamps = [];
  const start = now();
  await model.fit(X, Y, {
    batchSize: batch,
    epochs: EPOCHS,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: () => void stamps.push(now()) },
  });
  const proba = tf.tidy(() => model.predict(tf.tensor2d(test.X, [test.rows, D])).dataSync());
  X.dispose();
  Y.dispose();
  model.dispose();
  return { start, stamps, accuracy: accuracyOf(proba) };
}

const contenders = [
  { name: "wasmax MLPClassifier, batch 64", batch: 64, run: () => runWasmax(64) },
  { name: "wasmax MLPClassifier, batch 256", batch: 256, run: () => runWasmax(256) },
  { name: `TF.js ${tf.version.tfjs} layers (wasm), batch 64`, batch: 64, run: () => runLayers(64) },
];
const results = Object.fromEntries(contenders.map((c) => [c.name, { epochs: [], first: [], accuracy: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
  for (const c of order) {
    const { start, stamps, accuracy } = await c.run();
    const times = stamps.map((t, i) => t - (i === 0 ? start : stamps[i - 1]));
    results[c.name].first.push(times[0]);
    results[c.name].epochs.push(...times.slice(1));
    results[c.name].accuracy.push(accuracy);
  }
}

const rows = contenders.map((c) => {
  const r = results[c.name];
  const epoch = median(r.epochs);
  return {
    name: c.name,
    batch: c.batch,
    epochSeconds: epoch,
    firstEpochSeconds: median(r.first),
    gflops: FLOPS / epoch / 1e9,
    accuracy: median(r.accuracy),
  };
});
const tfRow = rows[2];

// Sigmoid binary cross-entropy + gradient, 65536 × 16 (multi-label outputs): wasmax's public call
// (copies in and out included) against TF.js wasm's valueAndGrad of tf.losses.sigmoidCrossEntropy
// on resident tensors, gradient read back. Both are checked against a float64 loss first (TF.js
// sums its million terms in f32: about 0.2% off here, so it is held to 1%, wasmax to 1e-6).
const BCE = { rows: 65536, labels: 16 };
const bceX = Float32Array.from({ length: BCE.rows * BCE.labels }, (_, i) => Math.sin(i * 0.37) * 4);
const bceZ = Float32Array.from({ length: BCE.rows * BCE.labels }, (_, i) => (((i * 2654435761) >>> 0) % 3 === 0 ? 1 : 0));
useBackend("wasm");
const tx = tf.tensor2d(bceX, [BCE.rows, BCE.labels]);
const tz = tf.tensor2d(bceZ, [BCE.rows, BCE.labels]);
const tfBce = () => {
  const { value, grad } = tf.valueAndGrad((x) => tf.losses.sigmoidCrossEntropy(tz, x))(tx);
  const out = [value.dataSync()[0], grad.dataSync()];
  value.dispose();
  grad.dispose();
  return out;
};
const ours = wasmax.sigmoidCrossEntropy(bceX, bceZ, BCE.labels);
const [tfLoss, tfGrad] = tfBce();
let bce64 = 0;
for (let i = 0; i < bceX.length; i++) bce64 += Math.max(bceX[i], 0) - bceX[i] * bceZ[i] + Math.log1p(Math.exp(-Math.abs(bceX[i])));
bce64 /= bceX.length;
if (Math.abs(ours.loss - bce64) > 1e-6 * bce64) throw new Error(`wasmax BCE ${ours.loss}, float64 ${bce64}`);
if (Math.abs(tfLoss - bce64) > 1e-2 * bce64) throw new Error(`TF.js BCE ${tfLoss}, float64 ${bce64}`);
for (let i = 0; i < tfGrad.length; i += 997)
  if (Math.abs(ours.grad[i] - tfGrad[i]) > 1e-9 + 1e-4 * Math.abs(tfGrad[i])) throw new Error(`BCE gradients differ at ${i}`);
const timeCalls = (fn, calls) => {
  const samples = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
};
const bceTimes = { wasmax: [], tf: [] };
for (let round = 0; round < ROUNDS; round++) {
  bceTimes.wasmax.push(timeCalls(() => wasmax.sigmoidCrossEntropy(bceX, bceZ, BCE.labels), quick ? 5 : 30));
  bceTimes.tf.push(timeCalls(tfBce, quick ? 5 : 30));
}
tx.dispose();
tz.dispose();
const bce = {
  wasmaxMs: median(bceTimes.wasmax),
  tfMs: median(bceTimes.tf),
  lossError: { wasmax: Math.abs(ours.loss - bce64) / bce64, tf: Math.abs(tfLoss - bce64) / bce64 },
};
const m = machine(wasmax.threads());
writeFileSync(
  new URL("./results/mlp.json", import.meta.url),
  `${JSON.stringify({ machine: m, epochs: EPOCHS, rounds: ROUNDS, rows, sigmoidCrossEntropy: { ...BCE, ...bce } }, null, 2)}\n`,
);
console.log(
  `${m.date.slice(0, 10)} · ${m.cpu} (${m.cores} cores) · ${m.runtime} · ${ROUNDS} ` +
    `rounds × ${EPOCHS} epochs, steady epoch = median of epochs 2…${EPOCHS}\n`,
);
console.log(
  "| contender | steady epoch | first epoch | effective GFLOP/s | test accuracy after " +
    EPOCHS +
    " epochs | TF.js ÷ this |\n|---|---|---|---|---|---|",
);
for (const r of rows) {
  console.log(
    `| ${r.name} | ${(r.epochSeconds * 1000).toFixed(1)} ms | ${(r.firstEpochSeconds * 1000).toFixed(1)} ms | ` +
      `${r.gflops.toFixed(1)} | ${r.accuracy.toFixed(4)} | ${(tfRow.epochSeconds / r.epochSeconds).toFixed(1)}× |`,
  );
}
console.log(
  `\nsigmoid cross-entropy + grad, ${BCE.rows} × ${BCE.labels}: wasmax call ${bce.wasmaxMs.toFixed(2)} ` +
    `ms, TF.js wasm ${bce.tfMs.toFixed(2)} ms (${(bce.tfMs / bce.wasmaxMs).toFixed(1)}×)`,
);
