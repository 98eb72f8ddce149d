// quantizeData: `fasttext quantize` on a model's plain data (FastText::quantize of fastText 0.9.2).
// 1. cutoff (0 < cutoff < input rows): keep the `cutoff` input rows of largest L2 norm, EOS first
//    (selectEmbeddings, ties ordered as libstdc++'s std::sort leaves them), prune the dictionary to
//    them (words in id order, then the kept n-gram buckets via pruneidx) and take their rows;
// 2. retrain (with a cutoff): fine-tune the kept rows and the output. That needs training, which the
//    classifier owns: pass `retrain`, a function that trains the pruned model and returns its matrices;
// 3. the input matrix product-quantized with sub-vectors of dsub columns; with qnorm each row is divided
//    by its norm first and the norms quantized apart (one byte per row);
// 4. qout: the output matrix too, with dsub 2 (fastText's fixed choice), qnorm as the input.
// The result reads and predicts in native fastText as `fasttext quantize`'s .ftz of the same model does.

import { cxxSort } from "../features/cxx_sort.js";
import { FastTextDictionary, type FastTextDictionaryData } from "../features/fasttext_dictionary.js";
import type { FastTextDenseMatrix, FastTextFileData, FastTextQuantizedMatrix } from "./file_data.js";
import { computeCodes, trainQuantizer, type CentroidSearch } from "./product_quantizer.js";

/** The pruned model handed to QuantizeOptions.retrain. */
export interface RetrainInput {
  args: FastTextFileData["args"];
  dictionary: FastTextDictionaryData;
  /** The kept input rows (cutoff x dim), in the pruned dictionary's row order. */
  input: FastTextDenseMatrix;
  output: FastTextDenseMatrix;
}

/** Options of quantizeData: `fasttext quantize`'s flags. */
export interface QuantizeOptions {
  /** Input rows to keep (words and n-grams of largest norm); 0 keeps all. @default 0 */
  cutoff?: number;
  /** Quantize the row norms apart. @default false */
  qnorm?: boolean;
  /** Quantize the output matrix too (it needs at least 256 labels). @default false */
  qout?: boolean;
  /** Columns per sub-vector of the input's quantizer. @default 2 */
  dsub?: number;
  /**
   * With a cutoff: trains the pruned model further and returns its new dense matrices (the classifier's
   * fine-tuning, fastText's -retrain, which trains on the -input file with the quantize command's -epoch,
   * -lr and -thread: 5, 0.05 and 12 unless given). Lines map to rows through the pruned dictionary. Not
   * called without a cutoff. @default undefined (no retraining)
   */
  retrain?: (pruned: RetrainInput) => { input: FastTextDenseMatrix; output: FastTextDenseMatrix };
}

const OPTION_NAMES = ["cutoff", "qnorm", "qout", "dsub", "retrain"];

/**
 * The quantized model (new arrays; `data` is not changed), its nearest-centroid searches run by `search`.
 * RangeError when the input is already quantized, for options out of range, for a matrix that holds NaN
 * or ±Infinity, or for a matrix with fewer than 256 rows (the k-means needs 256).
 */
export function quantizeData(data: FastTextFileData, options: QuantizeOptions, search: CentroidSearch): FastTextFileData {
  if (options === null || typeof options !== "object") throw new TypeError("quantize: options must be an object");
  for (const name of Object.keys(options)) if (!OPTION_NAMES.includes(name)) throw new RangeError(`quantize: unknown option "${name}"`);
  const { retrain } = options;
  if (retrain !== undefined && typeof retrain !== "function") throw new TypeError("quantize: retrain must be a function");
  if (data.input.kind !== "dense" || data.output.kind !== "dense") throw new RangeError("quantize: the model is already quantized");
  for (const [name, m] of [
    ["input", data.input],
    ["output", data.output],
  ] as const) {
    let at = 0;
    while (at < m.data.length && Number.isFinite(m.data[at])) at++;
    if (at < m.data.length) {
      const where = `row ${Math.floor(at / m.cols)}, column ${at % m.cols}`;
      throw new RangeError(`quantize: the ${name} matrix holds ${m.data[at]} at ${where}; only finite weights can be quantized`);
    }
  }
  const cutoff = options.cutoff ?? 0;
  const dsub = options.dsub ?? 2;
  const qnorm = options.qnorm ?? false;
  const qout = options.qout ?? false;
  if (!Number.isInteger(cutoff) || cutoff < 0) throw new RangeError(`quantize: cutoff must be an integer >= 0, got ${cutoff}`);
  if (!Number.isInteger(dsub) || dsub < 1 || dsub > 2 ** 31 - 1)
    throw new RangeError(`quantize: dsub must be an integer >= 1, got ${dsub}`);
  if (typeof qnorm !== "boolean" || typeof qout !== "boolean") throw new TypeError("quantize: qnorm and qout must be booleans");
  const args = { ...data.args, cutoff, dsub, qnorm, qout, retrain: retrain !== undefined };
  let { dictionary } = data;
  let input: FastTextDenseMatrix = data.input;
  let output: FastTextDenseMatrix = data.output;
  if (args.cutoff > 0 && args.cutoff < input.rows) {
    const full = new FastTextDictionary(dictionary, args);
    const pruned = full.prune(selectEmbeddings(input, full.wordId("</s>"), args.cutoff));
    dictionary = pruned.dictionary.toData();
    input = takeRows(input, pruned.rows);
    if (retrain) ({ input, output } = retrained(retrain({ args, dictionary, input, output }), input, output));
  }
  return {
    args,
    dictionary,
    input: quantizeMatrix(search, input, args.dsub, args.qnorm),
    output: args.qout ? quantizeMatrix(search, output, 2, args.qnorm) : { ...output, data: output.data.slice() },
  };
}

/** A QuantMatrix of a dense matrix, as fastText builds it. */
export function quantizeMatrix(search: CentroidSearch, m: FastTextDenseMatrix, dsub: number, qnorm: boolean): FastTextQuantizedMatrix {
  const x = m.data.slice();
  if (!qnorm) {
    const pq = trainQuantizer(search, x, m.rows, m.cols, dsub);
    return { kind: "quantized", rows: m.rows, cols: m.cols, qnorm, codes: computeCodes(search, pq, x, m.rows), pq };
  }
  const norms = rowNorms(m);
  for (let i = 0; i < m.rows; i++) {
    const n = norms[i]!;
    if (n !== 0) for (let j = 0; j < m.cols; j++) x[i * m.cols + j] = Math.fround(x[i * m.cols + j]! / n);
  }
  const normPq = trainQuantizer(search, norms, m.rows, 1, 1);
  const normCodes = computeCodes(search, normPq, norms, m.rows);
  const pq = trainQuantizer(search, x, m.rows, m.cols, dsub);
  return { kind: "quantized", rows: m.rows, cols: m.cols, qnorm, codes: computeCodes(search, pq, x, m.rows), pq, normCodes, normPq };
}

/** DenseMatrix::l2NormRow per row: float32 squares summed in float64, the root rounded to float32. */
function rowNorms(m: FastTextDenseMatrix): Float32Array {
  const norms = new Float32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let sum = 0;
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j]!;
      sum += Math.fround(v * v);
    }
    norms[i] = Math.sqrt(sum);
  }
  return norms;
}

/** FastText::selectEmbeddings: the `cutoff` rows of largest norm, EOS first. */
function selectEmbeddings(input: FastTextDenseMatrix, eos: number, cutoff: number): Int32Array {
  const norms = rowNorms(input);
  const order = Int32Array.from({ length: input.rows }, (_, i) => i);
  cxxSort(order, (a, b) => (a === eos && b === eos ? false : a === eos || (b !== eos && norms[a]! > norms[b]!)));
  return order.slice(0, cutoff);
}

function takeRows(m: FastTextDenseMatrix, rows: Int32Array): FastTextDenseMatrix {
  const data = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return { kind: "dense", rows: rows.length, cols: m.cols, data };
}

/** The matrices retrain returned, checked to keep their shapes. */
function retrained(
  result: { input: FastTextDenseMatrix; output: FastTextDenseMatrix },
  input: FastTextDenseMatrix,
  output: FastTextDenseMatrix,
): { input: FastTextDenseMatrix; output: FastTextDenseMatrix } {
  for (const [name, got, was] of [
    ["input", result?.input, input],
    ["output", result?.output, output],
  ] as const) {
    if (got?.kind !== "dense" || got.rows !== was.rows || got.cols !== was.cols || got.data?.length !== was.rows * was.cols) {
      throw new RangeError(`quantize: retrain must return a dense ${name} matrix of ${was.rows} x ${was.cols}`);
    }
  }
  return result;
}
