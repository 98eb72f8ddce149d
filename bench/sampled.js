// Sampled softmax (issue #13): SoftmaxRegression with { sampledSoftmax } against the same model with
// the full softmax, on synthetic data with Zipf(1) class frequencies (class centroids + Gaussian
// noise, D = 128, seeded), Adam lr 3e-3, batch 256, S = 64 log-uniform samples:
// Every model declares all K classes (partialFit with { classes }), one epoch per call.
//   K = 100,000, N = 50,000  one sampled epoch vs one full-softmax epoch (the full epoch is timed
//                            over its first 20 batches and scaled to the epoch's 196: ~1.3 TFLOP
//                            of products would take minutes)
//   K = 10,000               test top-1/top-5 after the same number of epochs (2, 5, 10, 15), and the
//                            accuracy the sampled model reaches in the wall-clock time of 2 full epochs
//   K = 1,000                whether sampling pays there (epoch times)
// Accuracy is the full softmax's (predictTopK streams the rows).
//
//   node bench/sampled.js     (writes bench/results/sampled.json; BENCH_QUICK=1 for a smoke run)

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { zipfData, accuracy } from "./sampled_data.js";

// A child process (--sampled-epoch K N threads) measures one sampled epoch's memory on that many threads.
const child = process.argv[2] === "--sampled-epoch";
await wasmax.init(undefined, child ? { threads: Number(process.argv[5]) } : undefined);
console.warn = () => {};
const quick = process.env.BENCH_QUICK === "1";
const D = 128;
const BATCH = 256;
const S = 64;
const now = () => performance.now() / 1000;

const options = (sampled, epochs) => ({
  solver: "adam",
  learningRate: 3e-3,
  batchSize: BATCH,
  maxIter: epochs,
  tol: 0,
  C: Infinity,
  randomState: 1,
  ...(sampled ? { sampledSoftmax: { classes: S, sampler: "log-uniform" } } : {}),
});

/**
 * Trains epoch by epoch with partialFit, declaring all K classes (a Zipf sample of N rows does not
 * contain every class, and the model must have all K), timing each epoch; `at` holds the test
 * accuracy after each epoch listed in `checkpoints` (evaluated outside the timed epochs).
 */
function fitTimed(data, sampled, epochs, { rows = data.train.rows, checkpoints = [] } = {}) {
  const model = new wasmax.SoftmaxRegression(options(sampled, 1));
  const classes = Array.from({ length: data.K }, (_, k) => k);
  const X = data.train.X.subarray(0, rows * D);
  const y = data.train.y.slice(0, rows);
  const times = [];
  const at = {};
  for (let e = 1; e <= epochs; e++) {
    const start = now();
    model.partialFit(X, y, e === 1 ? { classes, features: D } : {});
    times.push(now() - start);
    if (checkpoints.includes(e)) at[e] = accuracy(model, data.test);
  }
  return { model, epochs: times, at };
}

if (child) {
  // One sampled epoch at K = 100,000 alone, for its peak resident memory and wasm memory.
  const [K, N] = process.argv.slice(3).map(Number);
  const baselineRssMB = process.memoryUsage().rss / 2 ** 20; // Node with wasmax loaded, before any data
  fitTimed(zipfData(K, N, 1000, 1), true, 1).model.dispose();
  const wasmMB = wasmax.memoryStats().memoryBytes / 2 ** 20;
  console.log(JSON.stringify({ threads: wasmax.threads(), baselineRssMB, peakRssMB: process.resourceUsage().maxRSS / 1024, wasmMB }));
  process.exit(0);
}

const results = { machine: machine(wasmax.threads()), batch: BATCH, sampled: S, features: D };

// K = 100,000
{
  const K = quick ? 20_000 : 100_000;
  const N = quick ? 10_000 : 50_000;
  const data = zipfData(K, N, 1000, 1);
  const sampled = fitTimed(data, true, 1);
  sampled.model.dispose();
  const partRows = 20 * BATCH;
  const full = fitTimed(data, false, 1, { rows: partRows });
  full.model.dispose();
  const fullEpoch = (full.epochs[0] * N) / partRows;
  // Peak memory of a sampled epoch in a process of its own, against what it must hold: W and b, Adam's
  // two moments of them, and the training rows (the JS array and its copy in wasm memory). The data
  // generator's K × D centroids and Node itself with wasmax loaded (baselineRssMB) come on top, and
  // so do the worker threads' isolates when the pool runs (measured on 1 thread and on this run's).
  const memory = [...new Set([1, wasmax.threads()])].map((threads) =>
    JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--sampled-epoch", String(K), String(N), String(threads)], {
        encoding: "utf8",
      })
        .trim()
        .split("\n")
        .pop(),
    ),
  );
  const heldMB = (3 * K * (D + 1) * 4 + 2 * N * D * 4) / 2 ** 20;
  results.k100k = {
    K,
    N,
    sampledEpochSeconds: sampled.epochs[0],
    fullEpochSecondsEstimated: fullEpoch,
    speedup: fullEpoch / sampled.epochs[0],
    heldMB,
    memory,
  };
  console.log(
    `K = ${K}, N = ${N}: sampled epoch ${sampled.epochs[0].toFixed(2)} s, full epoch ` +
      `${fullEpoch.toFixed(1)} s (from 20 batches): ${(fullEpoch / sampled.epochs[0]).toFixed(0)}×; ` +
      `W, b, Adam's moments and the rows take ${heldMB.toFixed(0)} MB; a sampled epoch alone: ` +
      memory
        .map(
          (m) =>
            `${m.threads} thread(s) peak RSS ${m.peakRssMB.toFixed(0)} MB (wasm memory ` +
            `${m.wasmMB.toFixed(0)} MB, Node with wasmax loaded ${m.baselineRssMB.toFixed(0)} MB)`,
        )
        .join("; "),
  );
}

// K = 10,000
{
  const K = quick ? 2_000 : 10_000;
  const N = quick ? 10_000 : 50_000;
  const CHECKPOINTS = quick ? [1, 2] : [2, 5, 10, 15];
  const EPOCHS = CHECKPOINTS.at(-1);
  const data = zipfData(K, N, 5000, 2);
  const sum = (times) => times.reduce((a, b) => a + b, 0);
  const full = fitTimed(data, false, EPOCHS, { checkpoints: CHECKPOINTS });
  full.model.dispose();
  const same = fitTimed(data, true, EPOCHS, { checkpoints: CHECKPOINTS });
  same.model.dispose();
  // As many sampled epochs as fit in the wall-clock time of the full softmax's first 2 epochs.
  const twoFullEpochs = sum(full.epochs.slice(0, 2));
  const budgetEpochs = Math.max(2, Math.floor(twoFullEpochs / (sum(same.epochs) / EPOCHS)));
  const long = fitTimed(data, true, budgetEpochs, { checkpoints: [budgetEpochs] });
  long.model.dispose();
  results.k10k = {
    K,
    N,
    full: { seconds: sum(full.epochs), at: full.at },
    sampledSameEpochs: { seconds: sum(same.epochs), at: same.at },
    sampledSameTime: { fullSeconds: twoFullEpochs, epochs: budgetEpochs, seconds: sum(long.epochs), ...long.at[budgetEpochs] },
  };
  const pair = ({ top1, top5 }) => `${top1.toFixed(4)} / ${top5.toFixed(4)}`;
  for (const e of CHECKPOINTS)
    console.log(`K = ${K}, top-1 / top-5 after ${e} epochs: full ${pair(full.at[e])}, sampled ${pair(same.at[e])}`);
  console.log(
    `K = ${K}: ${EPOCHS} epochs take ${sum(full.epochs).toFixed(1)} s full, ${sum(same.epochs).toFixed(1)} s sampled; ` +
      `in the time of 2 full epochs (${twoFullEpochs.toFixed(1)} s) ${budgetEpochs} sampled epochs reach ${pair(long.at[budgetEpochs])}`,
  );
}

// K = 1,000
{
  const K = 1000;
  const N = quick ? 10_000 : 50_000;
  const data = zipfData(K, N, 1000, 3);
  const full = fitTimed(data, false, 1);
  full.model.dispose();
  const sampled = fitTimed(data, true, 1);
  sampled.model.dispose();
  results.k1k = { K, N, fullEpochSeconds: full.epochs[0], sampledEpochSeconds: sampled.epochs[0] };
  console.log(
    `K = 1000: full epoch ${full.epochs[0].toFixed(2)} s, sampled epoch ` +
      `${sampled.epochs[0].toFixed(2)} s (${(full.epochs[0] / sampled.epochs[0]).toFixed(1)}×)`,
  );
}

writeFileSync(new URL("./results/sampled.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
