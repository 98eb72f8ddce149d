// fastText's format and text internals that the tests reach into (re-exported by testing.ts as
// fastTextInternals), in one place so testing.ts gains one line.

export { FastTextDictionary } from "../features/fasttext_dictionary.js";
export { fastTextArgs, checkFastTextArgs, SUPERVISED_DEFAULTS, STORED_ARGS, LOSS, MODEL } from "../features/fasttext_args.js";
export { fastTextHash, wordNgramBuckets, charNgramBuckets, uint32Mod, uint64Mod } from "../features/fasttext_hash.js";
export { cxxSort } from "../features/cxx_sort.js";
export { readFastText } from "../fasttext/reader.js";
export { writeFastText } from "../fasttext/writer.js";
export { FastTextError } from "../fasttext/errors.js";
export { buildContext, threadState, threadLoss, tokensDone } from "../objectives/fasttext_context.js";
export { trainContext, trainingThreads } from "../objectives/fasttext_training.js";
export { startUniformFill } from "../objectives/fasttext_fill.js";
export { denseToWasm, matrixToWasm, readMatrix } from "../objectives/fasttext_matrix.js";
export { huffmanTree, negativesTable, lossTables } from "../objectives/fasttext_tables.js";
export { quantizeData, quantizeMatrix } from "../fasttext/quantize.js";
export { trainQuantizer, computeCodes } from "../fasttext/product_quantizer.js";
export { MinstdRand } from "../fasttext/cxx_random.js";
export { scannerBlock, scanBatch } from "../models/fasttext_scanner.js";
export { buildRecorded, encodeRecorded } from "../features/fasttext_recorded_corpus.js";
