// "wasmax/onnx" beside "wasmax", imported as users import them. Fits each model kind on iris,
// exports it, and prints JSON: per model the ONNX bytes (base64), our probabilities and labels on
// iris, whether fromONNX gives back the application's own model class; per fixture file given as
// an argument, our probabilities after fromONNX.

import * as wasmax from "wasmax";
import { toONNX, fromONNX, ONNXError } from "wasmax/onnx";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression } = wasmax;
await wasmax.init();
const iris = JSON.parse(readFileSync(new URL("./iris.json", import.meta.url), "utf8"));
const names = ["setosa", "versicolor", "virginica"];
const y = iris.y.map((k) => names[k]);
const sets = iris.X.map((x) => [...(x[2] > 4 ? ["large petal"] : []), ...(x[0] > 6 ? ["long sepal"] : [])]);

const models = {
  SoftmaxRegression: new SoftmaxRegression({ maxIter: 1000 }).fit(iris.X, y),
  "MLPClassifier relu": new MLPClassifier({ hiddenLayerSizes: [16], maxIter: 200, tol: 0, randomState: 1 }).fit(iris.X, y),
  "MLPClassifier tanh ×2": new MLPClassifier({ hiddenLayerSizes: [8, 6], activation: "tanh", maxIter: 200, tol: 0, randomState: 2 }).fit(
    iris.X,
    y,
  ),
  "MLPClassifier logistic, label sets": new MLPClassifier({
    hiddenLayerSizes: [8],
    activation: "logistic",
    maxIter: 200,
    tol: 0,
    randomState: 3,
  }).fit(iris.X, sets),
  MultiLabelLogisticRegression: new MultiLabelLogisticRegression({ threshold: 0.4, maxIter: 1000 }).fit(iris.X, sets),
};
const out = { models: {}, fixtures: {} };
for (const [name, model] of Object.entries(models)) {
  const bytes = toONNX(model, { opset: name.startsWith("MLPClassifier tanh") ? 21 : 13 });
  const back = fromONNX(bytes);
  const proba = Array.from(model.predictProba(iris.X));
  const predicted = model.predict(iris.X);
  const K = model.classes.length;
  out.models[name] = {
    onnx: Buffer.from(bytes).toString("base64"),
    proba,
    labels: Array.isArray(predicted[0])
      ? predicted.map((set) => model.classes.map((c) => set.includes(c)))
      : predicted.map((c) => model.classes.indexOf(c)),
    classes: model.classes,
    K,
    sameClass: back instanceof model.constructor,
    sameProba: Array.from(back.predictProba(iris.X)).every((p, i) => p === proba[i]),
  };
}
for (const file of process.argv.slice(2)) {
  const model = fromONNX(readFileSync(file));
  out.fixtures[basename(file)] = Array.from(model.predictProba(iris.X));
}
try {
  fromONNX(new Uint8Array([1, 2, 3]));
} catch (error) {
  out.error = { isONNXError: error instanceof ONNXError, message: error.message };
}
console.log(JSON.stringify(out));
