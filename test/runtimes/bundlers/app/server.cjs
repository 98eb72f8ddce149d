// The same app written with require (resolves to dist/node.cjs): a Node app bundled with esbuild
// --platform=node, run from a folder that holds only the bundle's output.
const { init, SoftmaxRegression, fitInWorker, backend, configure, threads } = require("wasmax");
const iris = require("./iris.json");
const { threadedFit } = require("./threads.js");

(async () => {
  await init();
  const X = iris.train.map((i) => iris.X[i]);
  const y = iris.train.map((i) => iris.y[i]);
  const test = iris.test.map((i) => iris.X[i]);
  const model = new SoftmaxRegression({ maxIter: 500 }).fit(X, y);
  const remote = await fitInWorker(X, y, { maxIter: 500 });
  console.log(
    JSON.stringify({
      backend: backend(),
      predictions: model.predict(test),
      workerPredictions: remote.predict(test),
      cores: require("node:os").availableParallelism(),
      ...(await threadedFit({ SoftmaxRegression, configure, threads, fitInWorker })),
    }),
  );
})();
