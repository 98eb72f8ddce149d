// The fastText surface ("wasmax/fasttext" adds it to everything in api.ts): the text classifier,
// its files both ways and its errors. Kept out of api.ts so that apps which do not use fastText
// carry none of it; the entries that export it also register the model (registerTextModels) and
// load the binaries with the fastText kernels.

export { FastTextError } from "./fasttext/errors.js";
export { TEXT_MODELS } from "./models/text_models.js";
export { FastTextClassifier, toFastText } from "./models/fasttext_classifier.js";
export { quantize } from "./models/fasttext_quantize.js";
export type { FastTextQuantizeOptions } from "./models/fasttext_quantize.js";
export type { DenseMatrixData, QuantizedMatrixData, ProductQuantizerData, MatrixData } from "./objectives/fasttext_matrix.js";
export { FastTextDictionary } from "./features/fasttext_dictionary.js";
export type {
  FastTextDictionaryArgs,
  FastTextCorpus,
  FastTextLine,
  FastTextDictionaryData,
  FastTextLabels,
} from "./features/fasttext_dictionary.js";
export type { FastTextArgs, FastTextLoss, FastTextModelName } from "./features/fasttext_args.js";
export type {
  FastTextClassifierOptions,
  FastTextClassifierJSON,
  FastTextEpochInfo,
  FastTextProgress,
  FastTextLabel,
  FastTextParts,
  FastTextPredictOptions,
  FastTextPredictions,
  FastTextTestResult,
} from "./models/fasttext_classifier.js";
