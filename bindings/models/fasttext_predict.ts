// Batched prediction of a fastText model: texts tokenized by the dictionary (one flat array of input
// rows per batch), then one ftPredict call per batch of PREDICT_BATCH lines
// (assembly/fasttext_predict.ts), so a text costs no JS-to-wasm call of its own.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { after, regionBytes } from "../runtime/layout.js";
import { describeValue } from "../core/checks.js";
import type { FastTextDictionary } from "../features/fasttext_dictionary.js";

/** Lines per wasm call. */
const PREDICT_BATCH = 4096;

/** Gets a text's label ids and scores (views, best first), their count, and whether the text had no input row. */
export type BatchVisitor = (ids: Int32Array, scores: Float32Array, count: number, empty: boolean) => void;

/** Runs ftPredict over `texts` in order with the prediction context `ctx` (fasttext_context.ts). */
export function predictBatches(
  rt: Runtime,
  model: { ctx: number; dictionary: FastTextDictionary; dim: number },
  texts: readonly string[],
  k: number,
  threshold: number,
  visit: BatchVisitor,
): void {
  if (!Array.isArray(texts)) throw new TypeError(`texts must be an array of strings, got ${describeValue(texts)}`);
  const E = fastTextKernels(rt.exports);
  const osz = model.dictionary.nlabels;
  for (let from = 0; from < texts.length; from += PREDICT_BATCH) {
    const batch = model.dictionary.encode(texts.slice(from, from + PREDICT_BATCH));
    const rows = batch.lines;
    // ftPredict's scratch (hidden, output and the heap of k + 1 pairs, each from a 16-byte boundary),
    // then the input rows, offsets, labels, scores and counts.
    const scratchBytes = (Math.ceil(model.dim / 4) + Math.ceil(osz / 4)) * 16 + (k + 1) * 8;
    const sizes = [scratchBytes, batch.words.length * 4, (rows + 1) * 4, rows * k * 4, rows * k * 4, rows * 4];
    const block = rt.heap.alloc(sizes.reduce((sum, b) => sum + regionBytes(b), 0));
    try {
      const at: number[] = [];
      sizes.reduce((next, b) => (at.push(next), after(next, b)), block);
      const [scratch, ids, offsets, labels, scores, counts] = at as [number, number, number, number, number, number];
      rt.heap.i32.set(batch.words, ids >>> 2);
      rt.heap.i32.set(batch.wordStarts, offsets >>> 2);
      E.ftPredict(model.ctx, scratch, ids, offsets, rows, k, threshold, labels, scores, counts);
      const i32 = rt.heap.i32;
      const f32 = rt.heap.f32;
      for (let r = 0; r < rows; r++) {
        const count = i32[(counts >>> 2) + r]!;
        const base = r * k;
        visit(
          i32.subarray((labels >>> 2) + base, (labels >>> 2) + base + count),
          f32.subarray((scores >>> 2) + base, (scores >>> 2) + base + count),
          count,
          batch.wordStarts[r + 1] === batch.wordStarts[r],
        );
      }
    } finally {
      rt.heap.release(block);
    }
  }
}
