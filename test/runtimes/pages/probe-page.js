// The shared probe in a browser page (no bundler: the ESM build imported by URL), then the same fit
// in a module Web Worker through fitInWorker. The answer lands in #result as JSON.

import * as wasmax from "/dist/browser.js";
import { probe } from "/test/runtimes/harness/probe.js";

const out = document.getElementById("result");
try {
  const iris = await (await fetch("/test/fixtures/iris.json")).json();
  const result = await probe(wasmax, iris);
  const X = iris.train.map((i) => iris.X[i]);
  const y = iris.train.map((i) => iris.y[i]);
  const epochs = [];
  const remote = await wasmax.fitInWorker(X, y, { C: 1, maxIter: 500 }, { onEpoch: (info) => epochs.push(info.epoch) });
  const local = new wasmax.SoftmaxRegression({ C: 1, maxIter: 500 }).fit(X, y);
  result.worker = {
    epochs: epochs.length,
    nIter: local.nIter,
    sameWeights: JSON.stringify(remote.toJSON().coef) === JSON.stringify(local.toJSON().coef),
  };
  remote.dispose();
  local.dispose();
  out.textContent = JSON.stringify(result);
} catch (error) {
  out.textContent = JSON.stringify({ error: `${error.name}: ${error.message}` });
}
