// Threads and workers (docs/threads-and-workers.md): the same MNIST fit three ways — on this
// thread and its worker threads, on this thread alone (configure({ threads: 1 })), and in a worker
// with fitInWorker, progress reported here — and a check that all three give the same predictions.
//
//   node examples/worker.js

import { init, threads, configure, fitInWorker, SoftmaxRegression, accuracy } from "wasmax";
import { loadMnist } from "./mnist-data.js";

await init();
const { train, test, features } = loadMnist();
const options = { solver: "sgd", maxIter: 5, batchSize: 256, learningRate: 0.05, momentum: 0.9, tol: 0, randomState: 0 };
console.log(`MNIST: ${train.rows} training digits; ${threads()} threads train here`);

// Timings belong in bench/threads.js (side by side, many rounds); here, what each way gives.
const run = async (name, fit) => {
  const model = await fit();
  const predicted = model.predict(test.X);
  console.log(`${name.padEnd(12)} test accuracy ${accuracy(test.y, predicted).toFixed(4)}`);
  return { model, predicted };
};

const all = await run(`${threads()} threads`, () => new SoftmaxRegression(options).fit(train.X, train.y, { features }));
const previous = configure({ threads: 1 });
const one = await run("1 thread", () => new SoftmaxRegression(options).fit(train.X, train.y, { features }));
configure(previous);
const epochs = [];
const worker = await run("fitInWorker", () =>
  fitInWorker(train.X, train.y, options, { features, onEpoch: ({ epoch, loss }) => epochs.push(`${epoch}: ${loss.toFixed(4)}`) }),
);
console.log(`progress received from the worker, epoch: loss — ${epochs.join(", ")}`);

const same = (a, b) => a.predicted.every((label, i) => label === b.predicted[i]);
console.log(`same predictions: threads vs 1 thread ${same(all, one)}, in-thread vs fitInWorker ${same(all, worker)}`);
for (const { model } of [all, one, worker]) model.dispose();
