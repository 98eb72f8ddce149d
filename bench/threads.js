// Threads benchmark (issue #15): the same fits with 1 thread and with every thread init() started,
// in one process, alternating (configure({ threads })) in rounds of rotated order; medians.
//   L-BFGS   MNIST 8k (T1's split), C = 1, 100 iterations (tol 0): seconds per fit;
//   T2       60,000 × 784 synthetic rows (synthetic.js, as training.js), 10 classes, SGD at batch 256;
//   MLP      MNIST 8k, 784-128-10 ReLU, Adam, batch 256;
//   and the MLP at batch 128 and 64 and T1's SGD at batch 64, smaller shards where threads pay
//   less or (T1: 32 rows of 7,850 parameters, below the split threshold) not at all.
// Stochastic fits run 6 epochs; their steady epoch is the median of epochs 2…6. 7 rounds.
// Each row also gives the largest difference between the two runs' final losses: threads sum
// gradients in another order, so results agree to f32 rounding, not bit for bit.
//
// Busy cores: the L-BFGS and MLP batch-256 rows are run again while as many busy-loop processes
// as the machine has cores (BENCH_BUSY=n for another count) keep the cores busy, as on a shared
// server or a busy laptop: threads must not make a fit slower there (issue #21: ≥ 0.9× the
// 1-thread speed with both cores busy). Each busy process stops by itself after BUSY_SECONDS,
// and is killed as soon as its rows are measured.
//
// It also times init() and the wait for the workers to be up after it.
//
//   node bench/threads.js     (writes bench/results/threads.json and prints a table)
//   BENCH_ONLY=L-BFGS node bench/threads.js   (only the rows whose name contains the text)

import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine, startThreads } from "./machine.js";
import { mnistInT1Order } from "./mnist_t1.js";
import { centroidData } from "./synthetic.js";

const { initMs, workersReadyMs, started } = await startThreads(wasmax);
const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 1 : 7;
/** Epochs per stochastic fit; the steady epoch is the median of epochs 2…EPOCHS. */
const EPOCHS = quick ? 2 : 6;
const now = () => performance.now() / 1000;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const mnist = mnistInT1Order();

const t2 = { ...centroidData(60000, 784, 10), D: 784 };

/** Fits a model; returns the seconds the workload measures and the final training loss. */
function timed(make, data, steady) {
  const stamps = [];
  const start = now();
  const model = make(() => void stamps.push(now())).fit(data.X, data.y, { features: data.D });
  const end = now();
  const result = { seconds: steady(start, stamps, end), loss: model.lossCurve.at(-1), nIter: model.nIter };
  model.dispose();
  return result;
}
const whole = (start, _stamps, end) => end - start;
const laterEpochs = (_start, stamps) => median(stamps.slice(1).map((t, i) => t - stamps[i]));

const mnistData = { X: mnist.train.X, y: mnist.train.y, D: mnist.features };
const workloads = [
  {
    name: `L-BFGS, MNIST 8k, ${quick ? 20 : 100} iterations`,
    unit: "s per fit",
    data: mnistData,
    steady: whole,
    make: (onEpoch) => new wasmax.SoftmaxRegression({ C: 1, maxIter: quick ? 20 : 100, tol: 0, onEpoch }),
  },
  {
    name: "T2 60,000 × 784 SGD epoch, batch 256",
    unit: "s per epoch",
    data: t2,
    steady: laterEpochs,
    make: (onEpoch) =>
      new wasmax.SoftmaxRegression({
        solver: "sgd",
        batchSize: 256,
        learningRate: 0.05,
        momentum: 0,
        C: Infinity,
        shuffle: false,
        maxIter: EPOCHS,
        tol: 0,
        onEpoch,
      }),
  },
  {
    name: "MLP 784-128-10 epoch, Adam, batch 256",
    unit: "s per epoch",
    data: mnistData,
    steady: laterEpochs,
    make: (onEpoch) =>
      new wasmax.MLPClassifier({
        hiddenLayerSizes: [128],
        batchSize: 256,
        maxIter: EPOCHS,
        tol: 0,
        shuffle: false,
        randomState: 0,
        onEpoch,
      }),
  },
  {
    name: "T1 SGD epoch, MNIST 8k, batch 64",
    unit: "s per epoch",
    data: mnistData,
    steady: laterEpochs,
    make: (onEpoch) =>
      new wasmax.SoftmaxRegression({
        solver: "sgd",
        batchSize: 64,
        learningRate: 0.1,
        momentum: 0,
        C: Infinity,
        shuffle: false,
        maxIter: EPOCHS,
        tol: 0,
        onEpoch,
      }),
  },
  {
    name: "MLP 784-128-10 epoch, Adam, batch 128",
    unit: "s per epoch",
    data: mnistData,
    steady: laterEpochs,
    make: (onEpoch) =>
      new wasmax.MLPClassifier({
        hiddenLayerSizes: [128],
        batchSize: 128,
        maxIter: EPOCHS,
        tol: 0,
        shuffle: false,
        randomState: 0,
        onEpoch,
      }),
  },
  {
    name: "MLP 784-128-10 epoch, Adam, batch 64",
    unit: "s per epoch",
    data: mnistData,
    steady: laterEpochs,
    make: (onEpoch) =>
      new wasmax.MLPClassifier({
        hiddenLayerSizes: [128],
        batchSize: 64,
        maxIter: EPOCHS,
        tol: 0,
        shuffle: false,
        randomState: 0,
        onEpoch,
      }),
  },
];

/** Workloads that are also timed with the cores busy. */
const UNDER_LOAD = ["L-BFGS, MNIST 8k", "MLP 784-128-10 epoch, Adam, batch 256"];
const busyCount = Number(process.env.BENCH_BUSY ?? availableParallelism());
/** A busy process's own time limit: it ends even if this script dies before killing it. */
const BUSY_SECONDS = 600;

/** Starts `n` busy-loop processes; returns a function that kills them. */
function busyCores(n) {
  const code = `const end = Date.now() + ${BUSY_SECONDS * 1000}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
  // Each in a session of its own, as other programs are: where the kernel groups CPU time by
  // session (Linux's autogroup), busy processes in this one's session would share its slice.
  const children = Array.from({ length: n }, () => spawn(process.execPath, ["-e", code], { stdio: "ignore", detached: true }));
  return () => children.forEach((child) => child.kill());
}

const rows = [];
const only = process.env.BENCH_ONLY;
const quiet = console.warn;
console.warn = () => {}; // lbfgs at tol 0 always reports that it did not converge
const selected = workloads.filter((w) => !only || w.name.includes(only));
for (const [w, load] of [
  ...selected.map((w) => [w, "quiet"]),
  ...selected.filter((w) => UNDER_LOAD.some((name) => w.name.startsWith(name))).map((w) => [w, `${busyCount} busy processes`]),
]) {
  const stopBusy = load === "quiet" ? () => {} : busyCores(busyCount);
  const runs = { 1: [], [started]: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? [1, started] : [started, 1]) {
        wasmax.configure({ threads: t });
        runs[t].push(timed(w.make, w.data, w.steady));
      }
    }
  } finally {
    stopBusy();
  }
  wasmax.configure({ threads: 0 });
  const one = median(runs[1].map((r) => r.seconds));
  const many = median(runs[started].map((r) => r.seconds));
  const lossDiff = Math.max(...runs[1].map((r, i) => Math.abs(r.loss - runs[started][i].loss) / Math.abs(r.loss)));
  rows.push({
    workload: w.name,
    load,
    unit: w.unit,
    threads: started,
    oneThread: one,
    threaded: many,
    speedup: one / many,
    lossRelativeDifference: lossDiff,
    rounds: ROUNDS,
  });
}
console.warn = quiet;

const result = { machine: machine(), quick, threads: started, backend: wasmax.backend(), initMs, workersReadyMs, rows };
writeFileSync(new URL("results/threads.json", import.meta.url), JSON.stringify(result, null, 2) + "\n");
console.log(
  `${result.machine.cpu}, ${result.machine.cores} cores, ${result.backend}, ${started} threads; ` +
    `init() ${initMs.toFixed(1)} ms, then ${workersReadyMs.toFixed(1)} ms until the workers were up`,
);
for (const r of rows) {
  console.log(
    `${r.workload.padEnd(42)} ${r.load.padEnd(18)} 1 thread ${r.oneThread.toFixed(3)}  ${started} threads ` +
      `${r.threaded.toFixed(3)} ${r.unit}  ×${r.speedup.toFixed(2)}  (loss rel. diff ${r.lossRelativeDifference.toExponential(1)})`,
  );
}
