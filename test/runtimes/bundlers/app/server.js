// The serverless case, written with `import` like every README snippet: a Node app bundled with
// esbuild --platform=node (CommonJS by default, or ESM), run from a folder that holds only the
// bundle's output. (No top-level await: CommonJS output cannot have it.)
import { init, SoftmaxRegression, fitInWorker, backend, configure, threads } from "wasmax";
import { availableParallelism } from "node:os";
import iris from "./iris.json";
import { threadedFit } from "./threads.js";

async function main() {
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
      cores: availableParallelism(),
      ...(await threadedFit({ SoftmaxRegression, configure, threads, fitInWorker })),
    }),
  );
}

main();
