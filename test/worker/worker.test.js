// fitInWorker from the shipped Node entry (dist/node.js), in real worker_threads Workers.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import {
  init,
  fitInWorker,
  configure,
  threads,
  SoftmaxRegression,
  MLPClassifier,
  MultiLabelLogisticRegression,
  SparseMatrix,
} from "../../dist/node.js";
import { rng } from "../reference.js";

const Worker = suite("fitInWorker (worker_threads)");

await init();

const { uniform: random } = rng(11);
const X = [];
const y = [];
for (let i = 0; i < 240; i++) {
  const c = i % 3;
  X.push([c + random() * 1.5, 2 - c + random() * 1.5, random()]);
  y.push(["low", "mid", "high"][c]);
}

Worker("trains the same model as fit() in this thread, reporting every iteration", async () => {
  const options = { solver: "lbfgs", maxIter: 50, randomState: 3 };
  const epochs = [];
  const model = await fitInWorker(X, y, options, { onEpoch: (info) => epochs.push(info.epoch) });
  const local = new SoftmaxRegression(options).fit(X, y);
  try {
    assert.ok(model instanceof SoftmaxRegression);
    assert.equal(model.toJSON().coef, local.toJSON().coef, "bit-identical weights");
    assert.equal(model.predict(X), local.predict(X));
    assert.equal(
      epochs,
      Array.from({ length: local.nIter }, (_, i) => i + 1),
    );
  } finally {
    model.dispose();
    local.dispose();
  }
});

Worker("a SparseMatrix crosses to the worker as its arrays: the same weights as fit() here, the caller's matrix intact", async () => {
  const S = SparseMatrix.fromRows(
    X.map((row) => row.map((v, d) => [d * 7, v])),
    40,
  );
  const options = { solver: "sgd", maxIter: 5, tol: 0, randomState: 2 };
  const remote = await fitInWorker(S, y, options);
  const local = new SoftmaxRegression(options).fit(S, y);
  try {
    assert.equal(remote.toJSON().coef, local.toJSON().coef, "bit-identical weights");
    assert.is(remote.toJSON().inputMajor, true);
    assert.is(S.nnz, 240 * 3, "the caller's matrix is not detached");
  } finally {
    remote.dispose();
    local.dispose();
  }
});

Worker("a fit large enough to split trains on as many threads in the worker as here: the same weights", async () => {
  const r = rng(5);
  const [N, D] = [2000, 300];
  const big = Float32Array.from({ length: N * D }, () => r.normal());
  const labels = Array.from({ length: N }, (_, i) => (big[i * D] > 0 ? "up" : "down") + (i % 3));
  const options = { maxIter: 5, tol: 0 };
  const quiet = console.warn;
  console.warn = () => {};
  try {
    for (const limit of [0, 1]) {
      configure({ threads: limit });
      const remote = await fitInWorker(big, labels, options, { features: D });
      const local = new SoftmaxRegression(options).fit(big, labels, { features: D });
      assert.equal(remote.toJSON().coef, local.toJSON().coef, `bit-identical weights with ${threads()} thread(s) here (limit ${limit})`);
      remote.dispose();
      local.dispose();
    }
  } finally {
    configure({ threads: 0 });
    console.warn = quiet;
  }
});

Worker("output: 'json' returns loadable JSON; a posted module is used by the worker", async () => {
  const scalar = new WebAssembly.Module(readFileSync(new URL("../../wasm/scalar.wasm", import.meta.url)));
  const json = await fitInWorker(X, y, { solver: "sgd", maxIter: 3, randomState: 1 }, { output: "json", module: scalar });
  assert.is(json.format, "wasmax/SoftmaxRegression");
  assert.equal(json.classes, ["high", "low", "mid"]);
  const model = SoftmaxRegression.fromJSON(json);
  assert.ok(model.score(X, y) > 0.6);
  model.dispose();
});

Worker("abort ends the worker and rejects with the signal's reason", async () => {
  const controller = new AbortController();
  const seen = [];
  const training = fitInWorker(
    X,
    y,
    { solver: "sgd", maxIter: 1e6, tol: 0 },
    {
      signal: controller.signal,
      onEpoch: (info) => {
        seen.push(info.epoch);
        if (info.epoch === 2) controller.abort();
      },
    },
  );
  const error = await training.then(
    () => null,
    (e) => e,
  );
  assert.is(error?.name, "AbortError");
  assert.ok(seen.length >= 2 && seen.length < 1e6);
  await fitInWorker(X, y, {}, { signal: AbortSignal.abort() }).then(
    () => assert.unreachable("an aborted signal must reject"),
    (e) => assert.is(e.name, "AbortError"),
  );
});

Worker("errors come back with the same type and message as in this thread", async () => {
  const local = (() => {
    try {
      new SoftmaxRegression().fit(X, y.slice(1));
    } catch (e) {
      return e;
    }
  })();
  const remote = await fitInWorker(X, y.slice(1)).then(
    () => null,
    (e) => e,
  );
  assert.ok(remote instanceof RangeError);
  assert.is(remote.message, local.message);
  const misplaced = await fitInWorker(X, y, { onEpoch() {} }).then(
    () => null,
    (e) => e,
  );
  assert.match(misplaced?.message ?? "", /fourth argument/);
});

Worker("a throwing onEpoch rejects the promise with its error; the process lives on", async () => {
  const error = await fitInWorker(
    X,
    y,
    { solver: "sgd", maxIter: 1e6, tol: 0 },
    {
      onEpoch: (info) => {
        if (info.epoch === 2) throw new Error("progress bar broke");
      },
    },
  ).then(
    () => null,
    (e) => e,
  );
  assert.is(error?.message, "progress bar broke");
});

Worker("option names are checked in this thread, before a worker starts", async () => {
  const unknown = await fitInWorker(X, y, { maxIters: 3 }).then(
    () => null,
    (e) => e,
  );
  assert.ok(unknown instanceof TypeError);
  assert.match(unknown.message, /did you mean maxIter\?/);
  const run = await fitInWorker(X, y, {}, { onepoch: () => {} }).then(
    () => null,
    (e) => e,
  );
  assert.match(run?.message ?? "", /unknown option "onepoch" \(did you mean onEpoch\?\)/);
  const model = await fitInWorker(X, y, {}, { model: "Nope" }).then(
    () => null,
    (e) => e,
  );
  assert.match(model?.message ?? "", /unknown model "Nope": expected one of SoftmaxRegression/);
});

Worker("any registered model: an MLPClassifier trains in the worker with the weights of an in-thread fit", async () => {
  const options = { hiddenLayerSizes: [6], solver: "lbfgs", maxIter: 50, randomState: 3 };
  const remote = await fitInWorker(X, y, options, { model: "MLPClassifier" });
  const local = new MLPClassifier(options).fit(X, y);
  try {
    assert.ok(remote instanceof MLPClassifier);
    assert.equal(remote.toJSON().coefs, local.toJSON().coefs, "bit-identical weights");
  } finally {
    remote.dispose();
    local.dispose();
  }
});

Worker("a multi-label model trains in the worker on label sets", async () => {
  const sets = y.map((label, i) => (i % 3 ? [label] : [label, "tagged"]));
  const remote = await fitInWorker(X, sets, { maxIter: 50 }, { model: "MultiLabelLogisticRegression" });
  const local = new MultiLabelLogisticRegression({ maxIter: 50 }).fit(X, sets);
  try {
    assert.ok(remote instanceof MultiLabelLogisticRegression);
    assert.equal(remote.toJSON().coef, local.toJSON().coef, "bit-identical weights");
    assert.equal(remote.predict(X), local.predict(X));
  } finally {
    remote.dispose();
    local.dispose();
  }
});

Worker.run();
