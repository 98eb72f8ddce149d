// Everything wasmax exports, whatever the runtime: re-exports only. Each entry point (entries/)
// registers where its bundled binaries live, then re-exports this.

export { init, initSync, backend } from "./runtime/runtime.js";
export type { Backend, InitOptions, InitSource, WasmSource } from "./runtime/runtime.js";
export { configure, memoryStats } from "./runtime/scratch.js";
export type { Config, MemoryStats } from "./runtime/scratch.js";
export { softmax, logSoftmax } from "./ops/softmax.js";
export { softmaxCrossEntropy } from "./ops/cross_entropy.js";
export type { CrossEntropyOptions, CrossEntropyResult, Reduction } from "./ops/cross_entropy.js";
export { argmax, topK } from "./ops/argmax.js";
export type { TopK } from "./ops/argmax.js";
export { linear, linearBackward } from "./ops/linear.js";
export { sigmoid, sigmoidCrossEntropy } from "./ops/sigmoid.js";
export type { SigmoidCrossEntropyOptions } from "./ops/sigmoid.js";
export type { LinearGrads } from "./ops/linear.js";
export type { MatrixInput, LabelInput } from "./core/input.js";
export { SoftmaxRegression } from "./models/softmax_regression.js";
export type { FitOptions, PartialFitOptions, TypedLabels } from "./models/softmax_regression.js";
export type { SoftmaxRegressionOptions } from "./models/softmax_regression_options.js";
export type { SoftmaxRegressionJSON } from "./models/softmax_regression_json.js";
export { MLPClassifier } from "./models/mlp_classifier.js";
export type { MLPClassifierOptions } from "./models/mlp_classifier_options.js";
export type { MLPClassifierJSON } from "./models/mlp_classifier_json.js";
export type { Activation } from "./objectives/mlp.js";
export type { EpochInfo, Solver, SolverOptions } from "./solvers/options.js";
export type { LayerInfo } from "./models/model.js";
export { loadModel, MODELS } from "./models/registry.js";
export type { AnyModel, ModelName } from "./models/registry.js";
export { fitInWorker } from "./worker/client.js";
export type { WorkerFitOptions, WorkerModelOptions } from "./worker/client.js";
export type { WasmModule, WasmBytes, ResponseLike, WebWorkerLike } from "./core/platform.js";
export { NotFittedError, DisposedError, TrainingDivergedError } from "./core/errors.js";
export { LabelEncoder } from "./data/labels.js";
export type { Label, LabelsInput } from "./data/labels.js";
export { accuracy, logLoss, confusionMatrix, classificationReport, topKAccuracy } from "./data/metrics.js";
export type { ClassificationReport, ClassScores } from "./data/metrics.js";
export { trainTestSplit, StandardScaler } from "./data/preprocessing.js";
export type { Split, SplitOptions } from "./data/preprocessing.js";
