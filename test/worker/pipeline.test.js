// Pipeline.fitInWorker and rows of objects in fitInWorker, from the shipped Node entry (dist/node.js)
// in real worker_threads Workers: the same model as fit() in this thread, bit for bit.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { init, fitInWorker, Pipeline, ColumnTransformer, SoftmaxRegression, MLPClassifier, StandardScaler } from "../../dist/node.js";

const Worker = suite("Pipeline.fitInWorker (worker_threads)");
await init();

const cities = ["Oslo", "Rome", "Lima"];
const rows = Array.from({ length: 90 }, (_, i) => ({ gpa: 2 + (i % 10) / 5, exam: 40 + ((i * 7) % 60), city: cities[i % 3] }));
const y = rows.map((r) => (r.gpa * 20 + r.exam + (r.city === "Oslo" ? 15 : 0) > 115 ? "admit" : "reject"));

Worker("a pipeline trains its model in a worker: the same weights as fit() here; the data steps fit here", async () => {
  const options = { solver: "lbfgs", maxIter: 50, randomState: 3 };
  const epochs = [];
  const remote = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression(options)]);
  const model = remote.model;
  const returned = await remote.fitInWorker(rows, y, { onEpoch: (info) => epochs.push(info.epoch) });
  const local = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression(options)]).fit(rows, y);
  try {
    assert.is(returned, remote);
    assert.is(remote.model, model, "the pipeline's own model is fitted in place");
    assert.equal(remote.toJSON(), local.toJSON(), "bit-identical steps and weights");
    assert.equal(epochs.length, local.model.nIter);
    assert.equal(remote.featureNames, ["gpa", "exam", "city"]);
  } finally {
    remote.dispose();
    local.dispose();
  }
});

Worker("a failed worker fit leaves the pipeline as it was", async () => {
  const pipe = new Pipeline([new StandardScaler(), new MLPClassifier({ hiddenLayerSizes: [3], maxIter: 5, tol: 0, randomState: 1 })]);
  const X = rows.map((r) => [r.gpa, r.exam]);
  pipe.fit(X, y);
  const before = JSON.stringify(pipe.toJSON());
  let failed = null;
  await pipe
    .fitInWorker(
      X.map(([a, b]) => [a * 100, b]),
      y.map(() => "one"),
    )
    .catch((error) => (failed = error));
  assert.instance(failed, RangeError);
  assert.match(failed.message, /single class/);
  assert.is(JSON.stringify(pipe.toJSON()), before);
  pipe.dispose();
});

Worker("fitInWorker takes rows of objects: the model keeps their column names", async () => {
  const numbers = rows.map(({ gpa, exam }) => ({ gpa, exam: exam / 50 }));
  const model = await fitInWorker(numbers, y, { maxIter: 500 });
  try {
    assert.equal(model.featureNames, ["gpa", "exam"]);
    assert.equal(model.predict([{ exam: 99 / 50, gpa: 3.9 }]), ["admit"]);
  } finally {
    model.dispose();
  }
});

Worker.run();
