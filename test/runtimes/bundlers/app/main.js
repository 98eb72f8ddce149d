// A tiny app as users write it: init, fit, predict and fitInWorker from the package, bundled by
// each bundler under test. It writes what it saw into #result as JSON.
import { init, SoftmaxRegression, fitInWorker, backend, configure, threads } from "wasmax";
import iris from "./iris.json";
import { threadedFit } from "./threads.js";

const result = document.getElementById("result");
(async () => {
  try {
    await init();
    const X = iris.train.map((i) => iris.X[i]);
    const y = iris.train.map((i) => iris.y[i]);
    const test = iris.test.map((i) => iris.X[i]);
    const model = new SoftmaxRegression({ maxIter: 500 }).fit(X, y);
    const epochs = [];
    const remote = await fitInWorker(X, y, { maxIter: 500 }, { onEpoch: (info) => epochs.push(info.epoch) });
    result.textContent = JSON.stringify({
      backend: backend(),
      predictions: model.predict(test),
      workerPredictions: remote.predict(test),
      sameWeights: JSON.stringify(model.toJSON().coef) === JSON.stringify(remote.toJSON().coef),
      epochs: epochs.length,
      cores: navigator.hardwareConcurrency,
      ...(await threadedFit({ SoftmaxRegression, configure, threads, fitInWorker })),
    });
  } catch (error) {
    result.textContent = JSON.stringify({ error: String(error?.stack ?? error) });
  }
})();
