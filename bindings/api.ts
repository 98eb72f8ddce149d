// Everything wasmax exports, whatever the runtime: re-exports only. Each entry point (entries/)
// registers where its bundled binaries live, then re-exports this.

export { init, initSync, backend, threads } from "./runtime/runtime.js";
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
export type { SoftmaxRegressionJSON } from "./models/softmax_regression.js";
export type { FitOptions, PartialFitOptions, TypedLabels, ModelInput, LabelTopK, DenseRows, NamedRows } from "./models/model.js";
export type { ModelJSON } from "./models/json.js";
export type { SoftmaxRegressionOptions } from "./models/softmax_regression_options.js";
export type { SampledSoftmaxOptions } from "./models/sampled_options.js";
export type { SamplerName } from "./objectives/samplers.js";
export { MLPClassifier } from "./models/mlp_classifier.js";
export type { MLPClassifierJSON } from "./models/mlp_classifier.js";
export type { MLPClassifierOptions } from "./models/mlp_classifier_options.js";
export type { Activation } from "./objectives/dense_chain.js";
export { MultiLabelLogisticRegression } from "./models/multilabel_logistic_regression.js";
export type { MultiLabelOptions, MultiLabelJSON } from "./models/multilabel_logistic_regression.js";
export { MultiLabelBinarizer } from "./data/multilabel.js";
export type { LabelSets, IndicatorMatrix } from "./data/multilabel.js";
export { hammingLoss, subsetAccuracy, precisionScore, recallScore, f1Score, multiLabelReport } from "./data/multilabel_metrics.js";
export type { Average, LabelScores, MultiLabelReport, ScoreOptions, LabelReportRow, PrecisionRecallF1 } from "./data/multilabel_metrics.js";
export { averagePrecision, labelRankingAveragePrecision, coverageError, labelRankingLoss } from "./data/ranking_metrics.js";
export type { AveragePrecisionOptions } from "./data/ranking_metrics.js";
export type { EpochInfo, Solver, SolverOptions } from "./solvers/options.js";
export type { LayerInfo } from "./models/spec.js";
export { loadRowModel, modelFromLayers, modelForLayers, modelByCliName, MODELS } from "./models/registry.js";
export { loadModel } from "./pipeline/load.js";
export { Pipeline, makePipeline } from "./pipeline/pipeline.js";
export type { PipelineInput, PipelineStep, PipelineFitOptions, PipelineJSON } from "./pipeline/pipeline.js";
export type { Transformer } from "./pipeline/steps.js";
export { fitStream } from "./models/stream.js";
export type { StreamChunk, StreamOptions, StreamProgress, StreamableModel } from "./models/stream.js";
export type { AnyModel, AnyModelOptions, AnyTextModel, LayerSource, ModelClass, ModelName, TextModelClass } from "./models/registry.js";
export { fitInWorker } from "./worker/client.js";
export type { WorkerFitOptions } from "./worker/client.js";
export type { WorkerModelOptions, FitInWorker } from "./models/registry.js";
export type { WasmModule, WasmBytes, ResponseLike, WebWorkerLike } from "./core/platform.js";
export { NotFittedError, DisposedError, TrainingDivergedError, ThreadError } from "./core/errors.js";
export { LabelEncoder } from "./data/labels.js";
export type { Label, LabelsInput, FitLabel } from "./data/labels.js";
export { accuracy, logLoss, confusionMatrix, classificationReport, topKAccuracy } from "./data/metrics.js";
export { parseFastText } from "./data/fasttext_format.js";
export type { FastTextFormatOptions, LabeledTexts } from "./data/fasttext_format.js";
export type { ClassificationReport, ClassScores, Scores } from "./data/metrics.js";
export { trainTestSplit, StandardScaler } from "./data/preprocessing.js";
export type { Split, SplitOptions } from "./data/preprocessing.js";
export { OneHotEncoder } from "./data/one_hot_encoder.js";
export type { OneHotEncoderOptions, OneHotEncoderJSON } from "./data/one_hot_encoder.js";
export { ColumnTransformer } from "./data/column_transformer.js";
export type {
  AutoColumnsOptions,
  ColumnEntry,
  ColumnStep,
  ColumnTransformerJSON,
  ColumnTransformerOptions,
  ColumnTreatment,
} from "./data/column_transformer.js";
export type { Cell, RecordRow, TableInput } from "./data/table.js";
export { SparseMatrix } from "./core/sparse.js";
export { isSparseMatrix } from "./core/sparse_brand.js";
export type { CSRParts, SparseRow } from "./core/sparse.js";
export { HashingVectorizer } from "./features/hashing_vectorizer.js";
export type { HashingVectorizerOptions, HashingVectorizerJSON } from "./features/hashing_vectorizer.js";
export { TfidfTransformer } from "./features/tfidf_transformer.js";
export type { TfidfTransformerOptions, TfidfTransformerJSON } from "./features/tfidf_transformer.js";
export type { Norm } from "./features/norm.js";
export { tokenize } from "./features/tokenizer.js";
export type { TokenizeOptions } from "./features/tokenizer.js";
export { murmurHash3 } from "./features/murmurhash3.js";
