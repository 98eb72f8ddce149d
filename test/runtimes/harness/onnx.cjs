// "wasmax/onnx" through `require`: its models are the CommonJS build's own.

const wasmax = require("wasmax");
const { toONNX, fromONNX } = require("wasmax/onnx");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

wasmax.initSync();
const iris = JSON.parse(readFileSync(join(__dirname, "iris.json"), "utf8"));
const model = new wasmax.SoftmaxRegression({ maxIter: 1000 }).fit(iris.X, iris.y);
const back = fromONNX(toONNX(model));
console.log(
  JSON.stringify({
    sameClass: back instanceof wasmax.SoftmaxRegression,
    same: back.predict(iris.X).join() === model.predict(iris.X).join(),
  }),
);
