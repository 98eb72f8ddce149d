// FastTextClassifier's saved form: { format, version, options, args, dictionary, input, output,
// lossCurve }. Matrices and counts are base64 of their little-endian bytes (f32, u8, f64), so a round
// trip is bit-identical and a model of millions of rows stays a string per matrix. Reading checks
// every field and every declared size against the bytes present before anything is allocated. Typed
// arrays are taken as little-endian, as everywhere in wasmax (wasm memory is; so are its hosts).

import { describeValue } from "../core/checks.js";
import type { FastTextDictionaryData } from "../features/fasttext_dictionary.js";
import { KSUB, centroidCount, type MatrixData, type ProductQuantizerData } from "../objectives/fasttext_matrix.js";

type Fail = (what: string, kind?: "range") => never;

/** The longest string JavaScript engines make (V8: 2^29 − 24 characters). */
const MAX_STRING = 2 ** 29 - 24;

/** Base64 of a typed array's bytes, little-endian; a RangeError naming `what` beyond the longest string. */
export function toBase64(a: Float32Array | Float64Array | Uint8Array | Int32Array, what = "an array"): string {
  if (Math.ceil(a.byteLength / 3) * 4 > MAX_STRING) {
    throw new RangeError(
      `toJSON: ${what} (${(a.byteLength / 2 ** 20).toFixed(0)} MB) is too large for a JSON string; save the model with toFastText`,
    );
  }
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x6000) out += btoa(String.fromCharCode(...bytes.subarray(i, i + 0x6000)));
  return out;
}

/** The bytes of base64 `s`, which must decode to exactly `bytes` bytes. */
function fromBase64(s: unknown, bytes: number, field: string, fail: Fail): Uint8Array<ArrayBuffer> {
  if (typeof s !== "string") fail(`${field} must be a base64 string, got ${describeValue(s)}`);
  const text = s as string;
  if (text.length !== Math.ceil(bytes / 3) * 4)
    fail(`${field} holds ${text.length} base64 characters, expected ${Math.ceil(bytes / 3) * 4}`, "range");
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return fail(`${field} is not valid base64`);
  }
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Wasm32 memory ends at 4 GiB: no matrix may declare more. */
const MAX_BYTES = 2 ** 32;

function count(o: Record<string, unknown>, name: string, where: string, fail: Fail, min = 0): number {
  const v = o[name];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1)
    fail(`${where}.${name} must be an integer from ${min} to 2^31 - 1, got ${describeValue(v)}`, "range");
  return v as number;
}

function object(v: unknown, where: string, fail: Fail): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(`${where} must be an object, got ${describeValue(v)}`);
  return v as Record<string, unknown>;
}

/** The saved form of a matrix. */
export function matrixJSON(m: MatrixData): object {
  if (m.kind === "dense") return { kind: "dense", rows: m.rows, cols: m.cols, data: toBase64(m.data, `a ${m.rows} × ${m.cols} matrix`) };
  return {
    kind: "quantized",
    rows: m.rows,
    cols: m.cols,
    qnorm: m.qnorm,
    codes: toBase64(m.codes),
    pq: pqJSON(m.pq),
    ...(m.normCodes && m.normPq ? { normCodes: toBase64(m.normCodes), normPq: pqJSON(m.normPq) } : {}),
  };
}

function pqJSON(pq: ProductQuantizerData): object {
  return { dim: pq.dim, nsubq: pq.nsubq, dsub: pq.dsub, lastdsub: pq.lastdsub, centroids: toBase64(pq.centroids) };
}

/** Reads a saved matrix of `cols` columns, checked (see the header). */
export function readMatrixJSON(v: unknown, where: string, cols: number, fail: Fail): MatrixData {
  const o = object(v, where, fail);
  const rows = count(o, "rows", where, fail);
  if (o["cols"] !== cols) fail(`${where}.cols must be ${cols} (the model's dim), got ${describeValue(o["cols"])}`, "range");
  if (o["kind"] === "dense") {
    if (rows * cols * 4 > MAX_BYTES) fail(`${where}: ${rows} × ${cols} floats do not fit in wasm memory`, "range");
    const bytes = fromBase64(o["data"], rows * cols * 4, `${where}.data`, fail);
    return { kind: "dense", rows, cols, data: new Float32Array(bytes.buffer) };
  }
  if (o["kind"] !== "quantized") fail(`${where}.kind must be "dense" or "quantized", got ${describeValue(o["kind"])}`);
  if (typeof o["qnorm"] !== "boolean") fail(`${where}.qnorm must be a boolean`);
  const pq = readPq(o["pq"], `${where}.pq`, cols, fail);
  const codes = fromBase64(o["codes"], rows * pq.nsubq, `${where}.codes`, fail);
  const qnorm = o["qnorm"] as boolean;
  if (!qnorm) return { kind: "quantized", rows, cols, qnorm, codes, pq };
  const normPq = readPq(o["normPq"], `${where}.normPq`, 1, fail);
  const normCodes = fromBase64(o["normCodes"], rows, `${where}.normCodes`, fail);
  return { kind: "quantized", rows, cols, qnorm, codes, pq, normCodes, normPq };
}

function readPq(v: unknown, where: string, dim: number, fail: Fail): ProductQuantizerData {
  const o = object(v, where, fail);
  const nsubq = count(o, "nsubq", where, fail, 1);
  const dsub = count(o, "dsub", where, fail, 1);
  const lastdsub = count(o, "lastdsub", where, fail, 1);
  if (o["dim"] !== dim || (nsubq - 1) * dsub + lastdsub !== dim || lastdsub > dsub)
    fail(
      `${where}: dim ${describeValue(o["dim"])}, nsubq ${nsubq}, dsub ${dsub}, lastdsub ${lastdsub} do not cover ${dim} columns`,
      "range",
    );
  const pq = { dim, nsubq, dsub, lastdsub, centroids: new Float32Array(0) };
  const bytes = fromBase64(o["centroids"], centroidCount(pq) * 4, `${where}.centroids`, fail);
  pq.centroids = new Float32Array(bytes.buffer);
  return pq;
}

/** The saved form of a dictionary. */
export function dictionaryJSON(d: FastTextDictionaryData): object {
  return {
    words: d.words,
    counts: toBase64(d.counts),
    nwords: d.nwords,
    nlabels: d.nlabels,
    ntokens: d.ntokens,
    pruneidx: d.pruneidx === null ? null : Array.from(d.pruneidx),
  };
}

/**
 * Reads a saved dictionary: the sizes, before the counts are decoded; the dictionary's constructor checks
 * the rest (checkDictionaryData).
 */
export function readDictionaryJSON(v: unknown, fail: Fail): FastTextDictionaryData {
  const o = object(v, "dictionary", fail);
  const nwords = count(o, "nwords", "dictionary", fail);
  const nlabels = count(o, "nlabels", "dictionary", fail, 1);
  const counts = new Float64Array(fromBase64(o["counts"], (nwords + nlabels) * 8, "dictionary.counts", fail).buffer);
  let pruneidx: Int32Array | null = null;
  const pairs = o["pruneidx"];
  if (pairs !== null) {
    if (!Array.isArray(pairs) || pairs.length % 2 !== 0 || !pairs.every((x) => Number.isInteger(x) && x >= 0 && x <= 2 ** 31 - 1))
      fail("dictionary.pruneidx must be null or an array of (bucket, row) integer pairs");
    pruneidx = Int32Array.from(pairs as number[]);
  }
  return { words: o["words"] as string[], counts, nwords, nlabels, ntokens: o["ntokens"] as number, pruneidx };
}

/** Rows the input matrix must have for a dictionary and bucket count (fewer when pruned). */
export function inputRows(d: FastTextDictionaryData, bucket: number): number {
  return d.nwords + (d.pruneidx === null ? bucket : d.pruneidx.length / 2);
}

export { KSUB };
