// readFastText: a fastText supervised .bin / .ftz (fastText 0.9.2, file version 12) to plain data, read
// with bounds checks. Layout, all little-endian (what fastText writes on every platform it runs on):
//   int32 magic 793712314, int32 version 12
//   args: int32 dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate;
//         float64 t
//   dictionary: int32 size, nwords, nlabels; int64 ntokens, pruneidx_size (-1: not pruned);
//         size entries (word bytes, NUL, int64 count, int8 type 0 word / 1 label);
//         pruneidx_size pairs (int32 bucket, int32 row)
//   bool quantized input; the input matrix; bool qout; the output matrix (quantized iff both flags)
//   dense matrix: int64 rows, int64 cols, rows * cols float32
//   quantized matrix: bool qnorm, int64 rows, int64 cols, int32 codesize, codesize bytes, product
//         quantizer (int32 dim, nsubq, dsub, lastdsub, dim * 256 float32), then with qnorm: rows bytes and
//         the norms' product quantizer
// Every size is checked against the bytes left before anything of that size is allocated, and every
// value against what the model needs (sizes consistent with dim, nwords, nlabels, bucket; finite
// weights; valid UTF-8 words, each once; ids in range), so a model read here never indexes out of its
// matrices. Failures are FastTextError naming the field and its byte offset.

import { utf8Decoder } from "../core/utf8.js";
import { describe } from "../core/input.js";
import { MAX_NGRAM, SUPERVISED_DEFAULTS, lossOfCode, modelOfCode, type FastTextArgs } from "../features/fasttext_args.js";
import type { FastTextDictionaryData } from "../features/fasttext_dictionary.js";
import { FastTextError } from "./errors.js";
import { shapeProblem } from "./shape.js";
import {
  FASTTEXT_MAGIC,
  FASTTEXT_VERSION,
  KSUB,
  type FastTextFileData,
  type FastTextMatrix,
  type FastTextProductQuantizer,
} from "./file_data.js";

const INT32_MAX = 2 ** 31 - 1;

/** A copy of bytes[from, to) in a new buffer (Buffer's slice would be a view into the caller's memory). */
function copyOf(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  out.set(bytes.subarray(from, to));
  return out;
}

/** A read position in the file that refuses to read past its end. */
class Cursor {
  private readonly view: DataView;
  at = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get left(): number {
    return this.bytes.length - this.at;
  }

  /** FastTextError unless `n` more bytes are present for `field`. */
  need(field: string, n: number): void {
    if (n > this.left) {
      throw new FastTextError(field, this.at, `needs ${n} bytes but the file has ${this.left} left (truncated or a wrong size)`);
    }
  }

  int32(field: string): number {
    this.need(field, 4);
    const v = this.view.getInt32(this.at, true);
    this.at += 4;
    return v;
  }

  /** An int64 that must lie in [min, max] (max at most 2^53 - 1). */
  int64(field: string, min: number, max: number): number {
    this.need(field, 8);
    const v = this.view.getBigInt64(this.at, true);
    if (v < BigInt(min) || v > BigInt(max)) throw new FastTextError(field, this.at, `${v} is not in ${min}..${max}`);
    this.at += 8;
    return Number(v);
  }

  float64(field: string): number {
    this.need(field, 8);
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  /** A C++ bool: one byte, 0 or 1. */
  bool(field: string): boolean {
    this.need(field, 1);
    const v = this.bytes[this.at]!;
    if (v > 1) throw new FastTextError(field, this.at, `a bool byte must be 0 or 1, got ${v}`);
    this.at++;
    return v === 1;
  }

  /** An int32 in [min, max]. */
  intIn(field: string, min: number, max: number): number {
    const v = this.int32(field);
    if (v < min || v > max) throw new FastTextError(field, this.at - 4, `${v} is not in ${min}..${max}`);
    return v;
  }

  /** `n` little-endian float32, copied, each finite. */
  floats(field: string, n: number): Float32Array {
    this.need(field, 4 * n);
    const values = new Float32Array(copyOf(this.bytes, this.at, this.at + 4 * n).buffer, 0, n);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i]!)) throw new FastTextError(field, this.at + 4 * i, `value ${i} is ${values[i]}`);
    }
    this.at += 4 * n;
    return values;
  }

  /** `n` bytes, copied. */
  u8(field: string, n: number): Uint8Array {
    this.need(field, n);
    const out = copyOf(this.bytes, this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** Bytes up to a NUL (consumed), as UTF-8. */
  cstring(field: string): string {
    const end = this.bytes.indexOf(0, this.at);
    if (end < 0) throw new FastTextError(field, this.at, "no NUL byte ends it before the end of the file (truncated)");
    let text: string;
    try {
      text = utf8Decoder(true).decode(this.bytes.subarray(this.at, end));
    } catch {
      throw new FastTextError(field, this.at, "is not valid UTF-8 (wasmax reads only UTF-8 dictionaries)");
    }
    this.at = end + 1;
    return text;
  }
}

/**
 * Reads a fastText supervised model (.bin, or .ftz when quantized) written by fastText 0.9.2 or by
 * writeFastText, given as bytes (a Node Buffer is one) or an ArrayBuffer (as fetch's arrayBuffer() gives);
 * TypeError for anything else. FastTextError (naming the field and byte offset) for a file it cannot
 * read: not a fastText file, a version other than 12, an unsupervised (cbow / skipgram) model, a
 * truncated file, impossible or inconsistent sizes or values, or bytes after the output matrix.
 */
export function readFastText(file: Uint8Array | ArrayBuffer): FastTextFileData {
  const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : file;
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`readFastText: expected the file as a Uint8Array or an ArrayBuffer, got ${describe(file)}`);
  }
  const c = new Cursor(bytes);
  const magic = c.int32("magic number");
  if (magic !== FASTTEXT_MAGIC) throw new FastTextError("magic number", 0, `${magic} is not ${FASTTEXT_MAGIC}: not a fastText model file`);
  const version = c.int32("version");
  if (version !== FASTTEXT_VERSION) {
    throw new FastTextError(
      "version",
      4,
      `${version}: wasmax reads version ${FASTTEXT_VERSION} (fastText 0.9.x); re-save older models with fastText 0.9.2`,
    );
  }
  const args = readArgs(c);
  const dictionary = readDictionary(c, args);
  const quantInput = c.bool("quantized-input flag");
  const inputAt = c.at;
  const input = quantInput ? readQuantized(c, "input matrix") : readDense(c, "input matrix");
  args.qout = c.bool("qout flag");
  const outputAt = c.at;
  const output = quantInput && args.qout ? readQuantized(c, "output matrix") : readDense(c, "output matrix");
  if (c.left > 0) throw new FastTextError("end of file", c.at, `${c.left} bytes follow the output matrix`);
  if (input.kind === "quantized") {
    args.qnorm = input.qnorm;
    args.dsub = input.pq.dsub;
  }
  const problem = shapeProblem(args, dictionary, input, output);
  if (problem) throw new FastTextError(problem[0], problem[0].startsWith("output") ? outputAt : inputAt, problem[1]);
  return { args, dictionary, input, output };
}

function readArgs(c: Cursor): FastTextArgs {
  const args: FastTextArgs = { ...SUPERVISED_DEFAULTS };
  const ints = (names: readonly (keyof FastTextArgs)[], min: number, max = INT32_MAX) => {
    for (const name of names) (args[name] as number) = c.intIn(`args ${name}`, min, max);
  };
  args.dim = c.intIn("args dim", 1, INT32_MAX);
  ints(["ws", "epoch", "minCount", "neg", "wordNgrams"], 0);
  const lossAt = c.at;
  const loss = lossOfCode(c.int32("args loss"));
  if (loss === undefined) throw new FastTextError("args loss", lossAt, "unknown loss code (1 hs, 2 ns, 3 softmax, 4 ova)");
  args.loss = loss;
  const modelAt = c.at;
  const modelCode = c.int32("args model");
  const model = modelOfCode(modelCode);
  if (model === undefined)
    throw new FastTextError("args model", modelAt, `unknown model code ${modelCode} (1 cbow, 2 skipgram, 3 supervised)`);
  if (model !== "sup") {
    throw new FastTextError(
      "args model",
      modelAt,
      `an unsupervised ${model === "sg" ? "skipgram" : "cbow"} model (word vectors): wasmax reads supervised models only`,
    );
  }
  args.model = model;
  ints(["bucket"], 0);
  ints(["minn", "maxn"], 0, MAX_NGRAM);
  ints(["lrUpdateRate"], 0);
  const tAt = c.at;
  args.t = c.float64("args t");
  if (!Number.isFinite(args.t)) throw new FastTextError("args t", tAt, `${args.t} is not finite`);
  if (args.bucket === 0 && (args.maxn > 0 || args.wordNgrams > 1)) {
    throw new FastTextError("args bucket", tAt - 20, "is 0 but maxn > 0 or wordNgrams > 1 hash into buckets");
  }
  return args;
}

function readDictionary(c: Cursor, args: FastTextArgs): FastTextDictionaryData {
  const sizeAt = c.at;
  const size = c.intIn("dictionary size", 0, INT32_MAX);
  const nwords = c.intIn("dictionary nwords", 0, INT32_MAX);
  const nlabels = c.intIn("dictionary nlabels", 0, INT32_MAX);
  if (nwords + nlabels !== size) throw new FastTextError("dictionary size", sizeAt, `${size} is not nwords ${nwords} + nlabels ${nlabels}`);
  if (nlabels === 0) throw new FastTextError("dictionary nlabels", sizeAt + 8, "0: a supervised model needs labels");
  const ntokens = c.int64("dictionary ntokens", 0, Number.MAX_SAFE_INTEGER);
  const pruneSize = c.int64("dictionary pruneidx size", -1, args.bucket);
  // Each entry is at least 10 bytes (NUL, int64 count, int8 type): refuse a size the file cannot hold.
  c.need(`dictionary (${size} entries)`, 10 * size);
  const words: string[] = new Array(size);
  const counts = new Float64Array(size);
  const seen = new Set<string>();
  for (let i = 0; i < size; i++) {
    const at = c.at;
    const word = c.cstring(`dictionary entry ${i} word`);
    if (seen.has(word)) throw new FastTextError(`dictionary entry ${i} word`, at, `${JSON.stringify(word)} appears twice`);
    seen.add(word);
    words[i] = word;
    counts[i] = c.int64(`dictionary entry ${i} count`, 0, Number.MAX_SAFE_INTEGER);
    const typeAt = c.at;
    const type = c.u8(`dictionary entry ${i} type`, 1)[0]!;
    const expected = i < nwords ? 0 : 1;
    if (type !== expected) {
      throw new FastTextError(
        `dictionary entry ${i} type`,
        typeAt,
        `${type}, expected ${expected} (${nwords} words come first, then the labels)`,
      );
    }
  }
  let pruneidx: Int32Array | null = null;
  if (pruneSize >= 0) {
    c.need(`dictionary pruneidx (${pruneSize} pairs)`, 8 * pruneSize);
    pruneidx = new Int32Array(2 * pruneSize);
    const keys = new Set<number>();
    for (let i = 0; i < pruneSize; i++) {
      const at = c.at;
      const bucket = c.int32(`dictionary pruneidx ${i} bucket`);
      const row = c.int32(`dictionary pruneidx ${i} row`);
      if (bucket < 0 || bucket >= args.bucket || keys.has(bucket)) {
        throw new FastTextError(`dictionary pruneidx ${i} bucket`, at, `${bucket} is repeated or not in 0..${args.bucket - 1}`);
      }
      if (row < 0 || row >= pruneSize)
        throw new FastTextError(`dictionary pruneidx ${i} row`, at + 4, `${row} is not in 0..${pruneSize - 1}`);
      keys.add(bucket);
      pruneidx[2 * i] = bucket;
      pruneidx[2 * i + 1] = row;
    }
  }
  return { words, counts, nwords, nlabels, ntokens, pruneidx };
}

function readDense(c: Cursor, name: string): FastTextMatrix {
  const at = c.at;
  const rows = c.int64(`${name} rows`, 0, INT32_MAX);
  const cols = c.int64(`${name} cols`, 0, INT32_MAX);
  if (rows * cols * 4 > c.left)
    throw new FastTextError(`${name} data`, c.at, `${rows} x ${cols} float32 needs ${rows * cols * 4} bytes, ${c.left} left`);
  if (rows * cols > INT32_MAX) throw new FastTextError(name, at, `${rows} x ${cols} is more than 2^31 - 1 values`);
  return { kind: "dense", rows, cols, data: c.floats(`${name} data`, rows * cols) };
}

function readQuantized(c: Cursor, name: string): FastTextMatrix {
  const qnorm = c.bool(`${name} qnorm`);
  const rows = c.int64(`${name} rows`, 0, INT32_MAX);
  const cols = c.int64(`${name} cols`, 1, INT32_MAX);
  const codesAt = c.at;
  const codesize = c.intIn(`${name} codesize`, 0, INT32_MAX);
  c.need(`${name} codes`, codesize);
  const codes = c.u8(`${name} codes`, codesize);
  const pq = readQuantizer(c, `${name} product quantizer`);
  if (pq.dim !== cols)
    throw new FastTextError(`${name} product quantizer dim`, codesAt + 4 + codesize, `${pq.dim} is not the matrix's ${cols} columns`);
  if (codesize !== rows * pq.nsubq) {
    throw new FastTextError(`${name} codesize`, codesAt, `${codesize} is not rows ${rows} x ${pq.nsubq} sub-quantizers`);
  }
  if (!qnorm) return { kind: "quantized", rows, cols, qnorm, codes, pq };
  const normCodes = c.u8(`${name} norm codes`, rows);
  const normAt = c.at;
  const normPq = readQuantizer(c, `${name} norm quantizer`);
  if (normPq.dim !== 1 || normPq.dsub !== 1)
    throw new FastTextError(`${name} norm quantizer`, normAt, `dim ${normPq.dim} dsub ${normPq.dsub}, expected 1 and 1`);
  return { kind: "quantized", rows, cols, qnorm, codes, pq, normCodes, normPq };
}

function readQuantizer(c: Cursor, name: string): FastTextProductQuantizer {
  const at = c.at;
  const dim = c.intIn(`${name} dim`, 1, INT32_MAX);
  const nsubq = c.intIn(`${name} nsubq`, 1, INT32_MAX);
  const dsub = c.intIn(`${name} dsub`, 1, INT32_MAX);
  const lastdsub = c.intIn(`${name} lastdsub`, 1, INT32_MAX);
  const expectedLast = dim % dsub === 0 ? dsub : dim % dsub;
  if (nsubq !== Math.ceil(dim / dsub) || lastdsub !== expectedLast) {
    throw new FastTextError(
      name,
      at,
      `dim ${dim}, dsub ${dsub} give ${Math.ceil(dim / dsub)} sub-quantizers, the last of ${expectedLast}; got ${nsubq} and ${lastdsub}`,
    );
  }
  if (dim * KSUB * 4 > c.left)
    throw new FastTextError(`${name} centroids`, c.at, `${dim} x ${KSUB} float32 needs ${dim * KSUB * 4} bytes, ${c.left} left`);
  return { dim, nsubq, dsub, lastdsub, centroids: c.floats(`${name} centroids`, dim * KSUB) };
}
