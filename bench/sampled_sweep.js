// Sampled softmax at K = 10,000 (issue #13): top-1 / top-5 after 2 epochs against the number of
// sampled classes S, the sampler and Adam's learning rate, with the full softmax at each learning
// rate, on bench/sampled.js's Zipf data (N = 50,000, D = 128, batch 256, seed 2); then, at lr 1e-2
// and 3e-3, the accuracies after 1, 2, 5, 10, 15 and 20 epochs. Each row is one seeded run; the
// answer is which S is within a point of the full softmax after the same epochs.
//
//   node bench/sampled_sweep.js     (about 13 minutes on 2 threads; writes bench/results/sampled_sweep.json)

import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { zipfData, accuracy, accuracyAtEpochs } from "./sampled_data.js";

await wasmax.init();
console.warn = () => {};
const K = 10_000;
const data = zipfData(K, 50_000, 5000, 2);
const classes = Array.from({ length: K }, (_, k) => k);
const RUNS = [
  ...[1e-3, 3e-3, 1e-2, 3e-2].map((lr) => ({ S: 0, lr })),
  ...[64, 256, 1024, 2048].flatMap((S) => ["uniform", "log-uniform"].map((sampler) => ({ S, lr: 1e-2, sampler }))),
  ...[1e-3, 3e-3, 3e-2].flatMap((lr) => ["uniform", "log-uniform"].map((sampler) => ({ S: 64, lr, sampler }))),
];

const rows = [];
for (const { S, lr, sampler } of RUNS) {
  const started = performance.now();
  const model = new wasmax.SoftmaxRegression({
    solver: "adam",
    learningRate: lr,
    batchSize: 256,
    maxIter: 1,
    tol: 0,
    C: Infinity,
    randomState: 1,
    ...(S > 0 ? { sampledSoftmax: { classes: S, sampler } } : {}),
  });
  for (let epoch = 0; epoch < 2; epoch++) model.partialFit(data.train.X, data.train.y, epoch === 0 ? { classes, features: 128 } : {});
  const seconds = (performance.now() - started) / 1000;
  rows.push({ S: S || "full", sampler: sampler ?? "—", lr, seconds, ...accuracy(model, data.test) });
  model.dispose();
  const r = rows[rows.length - 1];
  console.log(`| ${r.S} | ${r.sampler} | ${lr} | ${r.top1.toFixed(4)} | ${r.top5.toFixed(4)} | ${seconds.toFixed(1)} s |`);
}
// More epochs: top-1 / top-5 after each checkpoint of one run each.
const CHECKPOINTS = [1, 2, 5, 10, 15, 20];
const progress = [];
const LONG_RUNS = [[0], [64, "log-uniform"], [64, "uniform"], [256, "log-uniform"], [256, "uniform"], [1024, "log-uniform"]];
for (const [lr, S, sampler] of [1e-2, 3e-3].flatMap((lr) => LONG_RUNS.map((run) => [lr, ...run]))) {
  const started = performance.now();
  const at = accuracyAtEpochs(wasmax, data, { S, sampler, learningRate: lr }, CHECKPOINTS);
  const row = { S: S || "full", sampler: sampler ?? "—", lr, seconds: (performance.now() - started) / 1000, at };
  progress.push(row);
  const checkpoints = CHECKPOINTS.map((e) => `${at[e].top1.toFixed(4)} / ${at[e].top5.toFixed(4)}`).join(" | ");
  console.log(`| ${row.S} | ${row.sampler} | ${lr} | ${checkpoints} | ${row.seconds.toFixed(1)} s |`);
}
writeFileSync(
  new URL("./results/sampled_sweep.json", import.meta.url),
  `${JSON.stringify({ machine: machine(wasmax.threads()), K, epochs: 2, rows, progress }, null, 2)}\n`,
);
