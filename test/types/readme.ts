// The examples of the README and the guides in docs/, type-checked as a user's TypeScript project compiles them
// (test/runtimes/types.test.js runs tsc on this file under each supported setup).

import { toONNX, fromONNX, ONNXError } from "wasmax/onnx";
import { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } from "wasmax/plot";
import {
  init,
  initSync,
  backend,
  threads,
  configure,
  ThreadError,
  SoftmaxRegression,
  StandardScaler,
  classificationReport,
  fitInWorker,
  loadModel,
  confusionMatrix,
  type EpochInfo,
} from "wasmax";

export async function example(): Promise<void> {
  await init();
  const X = [
    [3.9, 92],
    [2.1, 55],
    [3.0, 75],
    [3.6, 88],
    [2.4, 61],
    [2.9, 70],
  ];
  const y = ["admitted", "rejected", "waitlisted", "admitted", "rejected", "waitlisted"];
  const scaler = new StandardScaler().fit(X);
  const model = new SoftmaxRegression({ C: 10 }).fit(scaler.transform(X), y, { features: 2 });
  const predicted: string[] = model.predict(scaler.transform([[3.8, 90]]));
  const proba: Float32Array = model.predictProba(scaler.transform([[3.8, 90]]));
  console.log(predicted, proba, classificationReport(y, model.predict(scaler.transform(X))).text);
  const saved = JSON.stringify(model);
  const copy = SoftmaxRegression.fromJSON<string>(saved);
  const again: string[] = copy.predict(scaler.transform(X));
  console.log(again, loadModel(saved).classes);
  model.dispose();
  copy.dispose();
}

export async function threaded(): Promise<number> {
  await init(undefined, { threads: 4 });
  const previous = configure({ threads: 1 });
  configure({ threads: previous.threads });
  const error: Error = new ThreadError("a worker failed");
  console.log(error.name);
  return threads();
}

export async function sources(simdUrl: string, scalarUrl: string, bytes: Uint8Array, url: URL): Promise<string> {
  await init({ simd: simdUrl, scalar: scalarUrl });
  await init(url);
  await init(bytes, { simd: false });
  initSync(bytes);
  return backend();
}

export async function worker(X: Float32Array, y: number[]): Promise<number[]> {
  const controller = new AbortController();
  const model = await fitInWorker(
    X,
    y,
    { solver: "sgd", maxIter: 10 },
    {
      features: 784,
      onEpoch: ({ epoch, loss }: EpochInfo) => console.log(epoch, loss),
      signal: controller.signal,
    },
  );
  const json = await fitInWorker(X, y, {}, { features: 784, output: "json" });
  console.log(json.format);
  return model.predict(X);
}

export function onnx(model: SoftmaxRegression<string>, file: Uint8Array): Uint8Array {
  try {
    const imported = fromONNX(file, { classes: ["cat", "dog"], modelOptions: { solver: "adam", warmStart: true } });
    console.log(imported.classes, imported.predictProba([[1, 2]]));
  } catch (error) {
    if (error instanceof ONNXError) console.error(error.node, error.message);
  }
  return toONNX(model, { opset: 17 });
}

// docs/plots.md: a model's loss curve with held-out accuracy, its confusion matrix, and decision regions
// from a fitted model itself or from a function.
export function plots(model: SoftmaxRegression<string>, scaler: StandardScaler, X: number[][], y: string[]): string[] {
  const heldOut = [0.8, 0.9];
  const confusion = confusionMatrix(y, model.predict(X));
  return [
    lossCurveSVG(model.lossCurve, { accuracy: heldOut, title: "Iris, SGD" }),
    confusionMatrixSVG(confusion, { cellSize: 30 }),
    decisionRegionsSVG(model, X, y),
    decisionRegionsSVG((grid) => model.predict(scaler.transform(grid)), X, y, { featureNames: ["GPA", "exam score"] }),
    decisionRegionsSVG((grid) => grid.map(([a]) => (a! > 0 ? 1 : 2)), new Float32Array(4), [1, 2], { resolution: 40 }),
  ];
}
