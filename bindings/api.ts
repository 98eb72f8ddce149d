// Everything wasmax exports, whatever the runtime. Each entry point (node.ts, browser.ts) registers
// where its bundled binaries live, then re-exports this.

import { ready } from "./scratch.js";

export { init, initSync, backend } from "./runtime.js";
export type { Backend, InitOptions, InitSource, WasmSource } from "./runtime.js";
export { configure } from "./scratch.js";
export type { Config } from "./scratch.js";
export { softmax, logSoftmax } from "./softmax.js";
export { softmaxCrossEntropy } from "./cross_entropy.js";
export type { CrossEntropyOptions, CrossEntropyResult, Reduction } from "./cross_entropy.js";
export { argmax, topK } from "./argmax.js";
export type { TopK } from "./argmax.js";
export { linear, linearBackward } from "./linear.js";
export type { LinearGrads } from "./linear.js";
export type { MatrixInput, LabelInput } from "./input.js";
export { SoftmaxRegression } from "./softmax_regression.js";
export type { SoftmaxRegressionOptions, FitOptions, PartialFitOptions, EpochInfo, Solver } from "./softmax_regression.js";
export type { SoftmaxRegressionJSON } from "./model_json.js";
export { fitInWorker } from "./worker_client.js";
export type { WorkerFitOptions } from "./worker_client.js";
export { NotFittedError, DisposedError, TrainingDivergedError } from "./errors.js";
export { LabelEncoder } from "./labels.js";
export type { Label, LabelsInput } from "./labels.js";
export { accuracy, logLoss, confusionMatrix, classificationReport, topKAccuracy } from "./metrics.js";
export type { ClassificationReport, ClassScores } from "./metrics.js";
export { trainTestSplit, StandardScaler } from "./preprocessing.js";
export type { Split, SplitOptions } from "./preprocessing.js";

export interface MemoryStats {
  /** Bytes of wasm memory held by wasmax's live allocations (a constant baseline between calls). */
  allocatedBytes: number;
  /** Bytes of wasm memory reserved (grows on demand, never shrinks). */
  memoryBytes: number;
}

/** Wasm memory use, for leak checks and sizing. */
export function memoryStats(): MemoryStats {
  const { heap } = ready();
  return { allocatedBytes: heap.allocatedBytes, memoryBytes: heap.memoryBytes };
}
