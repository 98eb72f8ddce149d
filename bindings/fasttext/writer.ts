// writeFastText: plain data to the bytes of a fastText 0.9.2 .bin (or .ftz when the input matrix is
// quantized), the layout reader.ts describes, field for field as FastText::saveModel writes it. What
// readFastText returns is written back to the same bytes. The data is checked first (TypeError for a
// wrong kind, RangeError naming the field for a wrong size or value), so no partial file is made.

import { utf8Encoder } from "../core/utf8.js";
import { LOSS, MODEL, STORED_ARGS, type FastTextArgs } from "../features/fasttext_args.js";
import { checkDictionaryData } from "../features/fasttext_dictionary_data.js";
import type { FastTextDictionaryData } from "../features/fasttext_dictionary.js";
import {
  FASTTEXT_MAGIC,
  FASTTEXT_VERSION,
  KSUB,
  type FastTextFileData,
  type FastTextMatrix,
  type FastTextProductQuantizer,
} from "./file_data.js";
import { shapeProblem } from "./shape.js";

const INT32_MAX = 2 ** 31 - 1;

/** The bytes of a fastText model file holding `data` (see the file header). */
export function writeFastText(data: FastTextFileData): Uint8Array {
  if (data === null || typeof data !== "object") throw new TypeError("writeFastText: expected { args, dictionary, input, output }");
  const { args, dictionary, input, output } = data;
  checkArgs(args);
  checkDictionaryData(dictionary);
  const words = dictionary.words.map((w, i) => {
    const bytes = utf8Encoder().encode(w);
    if (bytes.includes(0)) throw new RangeError(`writeFastText: dictionary entry ${i} holds a NUL character, which ends words in the file`);
    return bytes;
  });
  checkMatrix("input", input);
  checkMatrix("output", output);
  const problem = shapeProblem(args, dictionary, input, output);
  if (problem) throw new RangeError(`writeFastText: ${problem[0]}: ${problem[1]}`);

  let size = 8 + 12 * 4 + 8 + 3 * 4 + 2 * 8;
  for (const w of words) size += w.length + 1 + 8 + 1;
  size += (dictionary.pruneidx?.length ?? 0) * 4 + 1 + matrixBytes(input) + 1 + matrixBytes(output);
  const w = new Writer(size);
  w.int32(FASTTEXT_MAGIC);
  w.int32(FASTTEXT_VERSION);
  writeArgs(w, args);
  writeDictionary(w, dictionary, words);
  w.byte(input.kind === "quantized" ? 1 : 0);
  writeMatrix(w, input);
  w.byte(args.qout ? 1 : 0);
  writeMatrix(w, output);
  if (w.at !== size) throw new Error(`writeFastText: wrote ${w.at} bytes, computed ${size}`);
  return w.bytes;
}

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  int32(v: number): void {
    this.view.setInt32(this.at, v, true);
    this.at += 4;
  }

  int64(v: number): void {
    this.view.setBigInt64(this.at, BigInt(v), true);
    this.at += 8;
  }

  float64(v: number): void {
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }

  byte(v: number): void {
    this.bytes[this.at++] = v;
  }

  raw(v: Uint8Array | Float32Array): void {
    this.bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), this.at);
    this.at += v.byteLength;
  }
}

function writeArgs(w: Writer, args: FastTextArgs): void {
  for (const name of STORED_ARGS) {
    if (name === "loss") w.int32(LOSS[args.loss]);
    else if (name === "model") w.int32(MODEL[args.model]);
    else if (name === "t") w.float64(args.t);
    else w.int32(args[name]);
  }
}

function writeDictionary(w: Writer, d: FastTextDictionaryData, words: Uint8Array[]): void {
  w.int32(d.nwords + d.nlabels);
  w.int32(d.nwords);
  w.int32(d.nlabels);
  w.int64(d.ntokens);
  w.int64(d.pruneidx === null ? -1 : d.pruneidx.length / 2);
  words.forEach((bytes, i) => {
    w.raw(bytes);
    w.byte(0);
    w.int64(d.counts[i]!);
    w.byte(i < d.nwords ? 0 : 1);
  });
  if (d.pruneidx !== null) for (const v of d.pruneidx) w.int32(v);
}

function matrixBytes(m: FastTextMatrix): number {
  if (m.kind === "dense") return 16 + 4 * m.data.length;
  const pq = (q: FastTextProductQuantizer): number => 16 + 4 * q.centroids.length;
  return 1 + 20 + m.codes.length + pq(m.pq) + (m.qnorm ? m.rows + pq(m.normPq!) : 0);
}

function writeMatrix(w: Writer, m: FastTextMatrix): void {
  if (m.kind === "dense") {
    w.int64(m.rows);
    w.int64(m.cols);
    w.raw(m.data);
    return;
  }
  w.byte(m.qnorm ? 1 : 0);
  w.int64(m.rows);
  w.int64(m.cols);
  w.int32(m.codes.length);
  w.raw(m.codes);
  writeQuantizer(w, m.pq);
  if (m.qnorm) {
    w.raw(m.normCodes!);
    writeQuantizer(w, m.normPq!);
  }
}

function writeQuantizer(w: Writer, q: FastTextProductQuantizer): void {
  w.int32(q.dim);
  w.int32(q.nsubq);
  w.int32(q.dsub);
  w.int32(q.lastdsub);
  w.raw(q.centroids);
}

function checkArgs(args: FastTextArgs): void {
  if (args === null || typeof args !== "object") throw new TypeError("writeFastText: args must be an object");
  for (const name of STORED_ARGS) {
    if (name === "loss" || name === "model" || name === "t") continue;
    const v = args[name];
    if (!Number.isInteger(v) || v < 0 || v > INT32_MAX)
      throw new RangeError(`writeFastText: args.${name} must be an integer from 0 to 2^31 - 1, got ${v}`);
  }
  if (args.dim < 1) throw new RangeError("writeFastText: args.dim must be at least 1");
  if (!(args.loss in LOSS))
    throw new RangeError(`writeFastText: args.loss ${JSON.stringify(args.loss)} is not one of ${Object.keys(LOSS).join(", ")}`);
  if (args.model !== "sup")
    throw new RangeError(`writeFastText: args.model must be "sup" (wasmax writes supervised models), got ${JSON.stringify(args.model)}`);
  if (typeof args.t !== "number" || !Number.isFinite(args.t))
    throw new RangeError(`writeFastText: args.t must be a finite number, got ${args.t}`);
  if (typeof args.qout !== "boolean") throw new TypeError("writeFastText: args.qout must be a boolean");
}

function checkMatrix(name: string, m: FastTextMatrix): void {
  if (m === null || typeof m !== "object") throw new TypeError(`writeFastText: ${name} must be a matrix object`);
  for (const key of ["rows", "cols"] as const) {
    if (!Number.isInteger(m[key]) || m[key] < 0 || m[key] > INT32_MAX)
      throw new RangeError(`writeFastText: ${name}.${key} must be an integer from 0 to 2^31 - 1`);
  }
  if (m.kind === "dense") {
    if (!(m.data instanceof Float32Array)) throw new TypeError(`writeFastText: ${name}.data must be a Float32Array`);
    if (m.data.length !== m.rows * m.cols)
      throw new RangeError(`writeFastText: ${name}.data has ${m.data.length} values, expected ${m.rows} x ${m.cols}`);
    checkFinite(`${name}.data`, m.data);
    return;
  }
  if (m.kind !== "quantized") throw new RangeError(`writeFastText: ${name}.kind must be "dense" or "quantized"`);
  checkQuantizer(`${name}.pq`, m.pq, m.cols);
  if (!(m.codes instanceof Uint8Array) || m.codes.length !== m.rows * m.pq.nsubq) {
    throw new RangeError(`writeFastText: ${name}.codes must be a Uint8Array of rows x nsubq = ${m.rows * m.pq.nsubq} bytes`);
  }
  if (typeof m.qnorm !== "boolean") throw new TypeError(`writeFastText: ${name}.qnorm must be a boolean`);
  if (m.qnorm) {
    if (!(m.normCodes instanceof Uint8Array) || m.normCodes.length !== m.rows) {
      throw new RangeError(`writeFastText: ${name}.normCodes must be a Uint8Array of ${m.rows} bytes (qnorm)`);
    }
    checkQuantizer(`${name}.normPq`, m.normPq!, 1);
    if (m.normPq!.dsub !== 1) throw new RangeError(`writeFastText: ${name}.normPq.dsub must be 1`);
  }
}

function checkQuantizer(name: string, q: FastTextProductQuantizer | undefined, dim: number): void {
  if (q === null || typeof q !== "object") throw new TypeError(`writeFastText: ${name} must be a product quantizer object`);
  if (q.dim !== dim) throw new RangeError(`writeFastText: ${name}.dim ${q.dim} is not the matrix's ${dim} columns`);
  const last = q.dim % q.dsub === 0 ? q.dsub : q.dim % q.dsub;
  if (!Number.isInteger(q.dsub) || q.dsub < 1 || q.nsubq !== Math.ceil(q.dim / q.dsub) || q.lastdsub !== last) {
    throw new RangeError(
      `writeFastText: ${name}: nsubq ${q.nsubq} and lastdsub ${q.lastdsub} do not follow from dim ${q.dim} and dsub ${q.dsub}`,
    );
  }
  if (!(q.centroids instanceof Float32Array) || q.centroids.length !== q.dim * KSUB) {
    throw new RangeError(`writeFastText: ${name}.centroids must be a Float32Array of dim x ${KSUB} = ${q.dim * KSUB} values`);
  }
  checkFinite(`${name}.centroids`, q.centroids);
}

function checkFinite(name: string, values: Float32Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`writeFastText: ${name}[${i}] is ${values[i]}, not finite`);
  }
}
