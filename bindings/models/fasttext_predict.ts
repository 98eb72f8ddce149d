// Batched prediction of a fastText model: a batch of texts becomes input rows in wasm memory
// (fasttext_scanner.ts), then one ftPredict call (assembly/fasttext_predict.ts) predicts them all, so a
// text costs no JS-to-wasm call and no JS array of its own.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { allocRegions } from "../runtime/layout.js";
import { describeValue } from "../core/checks.js";
import type { FastTextDictionary } from "../features/fasttext_dictionary.js";
import { batchEnd, scanBatch } from "./fasttext_scanner.js";

/**
 * Gets each text's label ids and scores, best first: ids[at, at + count) and scores[at, at + count)
 * (arrays valid during the call only), and whether the text had no input row.
 */
export type BatchVisitor = (ids: Int32Array, scores: Float32Array, at: number, count: number, empty: boolean) => void;

/** What predictBatches needs of a model: its prediction context (fasttext_context.ts) and dictionary block (fasttext_scanner.ts). */
export interface PredictModel {
  ctx: number;
  scanner: number;
  dictionary: FastTextDictionary;
  dim: number;
}

/** Runs ftPredict over `texts` in order, calling `visit` once per text. */
export function predictBatches(
  rt: Runtime,
  model: PredictModel,
  texts: readonly string[],
  k: number,
  threshold: number,
  visit: BatchVisitor,
): void {
  if (!Array.isArray(texts)) throw new TypeError(`texts must be an array of strings, got ${describeValue(texts)}`);
  const E = fastTextKernels(rt.exports);
  const osz = model.dictionary.nlabels;
  for (let from = 0; from < texts.length;) {
    const to = batchEnd(texts, from);
    const rows = to - from;
    const scanned = scanBatch(rt, model.scanner, model.dictionary, texts, from, to);
    try {
      // ftPredict's scratch (hidden, output and the heap of k + 1 pairs, each from a 16-byte boundary),
      // then the labels, scores and counts.
      const scratchBytes = (Math.ceil(model.dim / 4) + Math.ceil(osz / 4)) * 16 + (k + 1) * 8;
      const [scratch, labels, scores, counts] = allocRegions(rt.heap, [scratchBytes, rows * k * 4, rows * k * 4, rows * 4] as const);
      try {
        E.ftPredict(model.ctx, scratch, scanned.rows, scanned.rowStarts, rows, k, threshold, labels, scores, counts);
        const i32 = rt.heap.i32;
        const ids = i32.slice(labels >>> 2, (labels >>> 2) + rows * k);
        const values = rt.heap.f32.slice(scores >>> 2, (scores >>> 2) + rows * k);
        const starts = i32.slice(scanned.rowStarts >>> 2, (scanned.rowStarts >>> 2) + rows + 1);
        const count = i32.slice(counts >>> 2, (counts >>> 2) + rows);
        for (let r = 0; r < rows; r++) visit(ids, values, r * k, count[r]!, starts[r + 1] === starts[r]);
      } finally {
        rt.heap.release(scratch);
      }
    } finally {
      rt.heap.release(scanned.block);
    }
    from = to;
  }
}
