// Train in the browser, serve with onnxruntime-web: each model kind is fitted on iris in the page,
// exported with "wasmax/onnx", run by onnxruntime-web (its wasm build, one thread) and imported
// back. The answer lands in #result as JSON: per model the largest probability gap and whether
// the labels agree.

import * as wasmax from "wasmax";
import { toONNX, fromONNX } from "/dist/onnx.js";
import * as ort from "/test/runtimes/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs";

const out = document.getElementById("result");
try {
  ort.env.wasm.wasmPaths = "/test/runtimes/node_modules/onnxruntime-web/dist/";
  ort.env.wasm.numThreads = 1;
  await wasmax.init();
  const iris = await (await fetch("/test/fixtures/iris.json")).json();
  const sets = iris.X.map((x) => [...(x[2] > 4 ? ["large petal"] : []), ...(x[0] > 6 ? ["long sepal"] : [])]);
  const models = {
    SoftmaxRegression: new wasmax.SoftmaxRegression({ maxIter: 1000 }).fit(iris.X, iris.y),
    MLPClassifier: new wasmax.MLPClassifier({ hiddenLayerSizes: [12], maxIter: 100, tol: 0, randomState: 1 }).fit(iris.X, iris.y),
    MultiLabelLogisticRegression: new wasmax.MultiLabelLogisticRegression({ maxIter: 1000 }).fit(iris.X, sets),
  };
  const X = Float32Array.from(iris.X.flat());
  const result = { backend: wasmax.backend(), models: {} };
  for (const [name, model] of Object.entries(models)) {
    const bytes = toONNX(model);
    const session = await ort.InferenceSession.create(bytes);
    const got = await session.run({ X: new ort.Tensor("float32", X, [iris.X.length, 4]) });
    await session.release();
    const proba = model.predictProba(iris.X);
    let gap = 0;
    proba.forEach((p, i) => (gap = Math.max(gap, Math.abs(p - got.probabilities.data[i]))));
    const predicted = model.predict(iris.X);
    const sameLabels = got.label
      ? Array.from(got.label.data, (k) => model.classes[Number(k)]).every((c, i) => c === predicted[i])
      : Array.from(got.labels.data, Boolean).every((on, j) => on === predicted[Math.floor(j / 2)].includes(model.classes[j % 2]));
    const back = fromONNX(bytes);
    result.models[name] = {
      gap,
      sameLabels,
      roundTrip: back instanceof model.constructor && back.predictProba(iris.X).every((p, i) => p === proba[i]),
    };
    back.dispose();
    model.dispose();
  }
  out.textContent = JSON.stringify(result);
} catch (error) {
  out.textContent = JSON.stringify({ error: `${error.name}: ${error.message}` });
}
