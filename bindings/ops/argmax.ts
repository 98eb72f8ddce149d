// Prediction: the best class of each row, and the k best with their scores.

import { checkCount, copyOut, copyRows, toMatrix, type MatrixInput } from "../core/input.js";
import { after, regionBytes } from "../runtime/layout.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";

/**
 * Index of the largest value in each row of `logits` (rows × classes). Ties go to the lowest index;
 * a NaN counts as the largest value (numpy's rule), so a corrupted row is visible, not hidden.
 */
export function argmax(logits: MatrixInput, classes?: number): Int32Array {
  const rt = ready();
  const m = toMatrix("logits", logits, classes, "classes");
  const result = new Int32Array(m.rows);
  const chunk = rowsPerChunk(m.cols * 4 + 4);
  const rows = Math.min(chunk, m.rows);
  try {
    const xBytes = rows * m.cols * 4;
    const xAt = acquire(rt, regionBytes(xBytes) + regionBytes(rows * 4));
    const outAt = after(xAt, xBytes);
    for (let from = 0; from < m.rows; from += chunk) {
      const to = Math.min(from + chunk, m.rows);
      copyRows(m, from, to, rt.heap.f32, xAt >>> 2);
      rt.exports.argmax(xAt, outAt, to - from, m.cols);
      copyOut(rt.heap.i32, outAt >>> 2, to - from, result, from);
    }
  } finally {
    settle(rt);
  }
  return result;
}

/** What {@link topK} returns: k entries per row, row-major. */
export interface TopK {
  /** rows × k class indices, best first. */
  indices: Int32Array;
  /** rows × k values, in the same order. */
  values: Float32Array;
}

/** The k largest values of each row and their indices, best first (same ordering as argmax). */
export function topK(logits: MatrixInput, k: number, classes?: number): TopK {
  const rt = ready();
  const m = toMatrix("logits", logits, classes, "classes");
  checkCount("k", k);
  if (k > m.cols) throw new RangeError(`k = ${k} exceeds the number of classes (${m.cols})`);
  const indices = new Int32Array(m.rows * k);
  const values = new Float32Array(m.rows * k);
  const chunk = rowsPerChunk(m.cols * 4 + k * 8);
  const rows = Math.min(chunk, m.rows);
  try {
    const xBytes = rows * m.cols * 4;
    const topBytes = rows * k * 4;
    const xAt = acquire(rt, regionBytes(xBytes) + 2 * regionBytes(topBytes));
    const valAt = after(xAt, xBytes);
    const idxAt = after(valAt, topBytes);
    for (let from = 0; from < m.rows; from += chunk) {
      const to = Math.min(from + chunk, m.rows);
      const n = (to - from) * k;
      copyRows(m, from, to, rt.heap.f32, xAt >>> 2);
      rt.exports.topk(xAt, valAt, idxAt, to - from, m.cols, k);
      copyOut(rt.heap.f32, valAt >>> 2, n, values, from * k);
      copyOut(rt.heap.i32, idxAt >>> 2, n, indices, from * k);
    }
  } finally {
    settle(rt);
  }
  return { indices, values };
}
