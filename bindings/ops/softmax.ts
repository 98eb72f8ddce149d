// softmax and logSoftmax over the last axis.

import { copyOut, copyRows, toMatrix, toOutput, type MatrixInput } from "../core/input.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";

/**
 * Row-wise softmax of a rows × classes matrix. `logits` is a Float32Array or Float64Array
 * (row-major, `classes` required) or a number[][] (`classes` inferred). Writes into `out` when given
 * (it may be `logits` itself, but not overlap it at an offset), else into a new Float32Array.
 * Logits are rounded to float32 first: a Float64Array value beyond ±3.4e38 becomes ±Infinity.
 *
 * Non-finite logits: a row containing NaN or +Infinity, or made only of −Infinity, comes out all
 * NaN; −Infinity entries of any other row get probability exactly 0.
 *
 * @param logits rows × classes.
 * @param classes Classes per row; required for a typed array, inferred from a number[][].
 * @param out Where to write the result (rows × classes), instead of a new array.
 * @example
 * ```ts
 * softmax([[1, 2, 3]]);                   // Float32Array [0.090, 0.245, 0.665]
 * softmax(new Float32Array(64 * 10), 10);  // 64 rows of 10 classes
 * ```
 */
export function softmax(logits: MatrixInput, classes?: number, out?: Float32Array): Float32Array {
  return rowwise("softmax", logits, classes, out);
}

/**
 * Row-wise log-softmax, computed as (x − max) − log Σ exp(x − max): finite wherever the logit is,
 * even where the probability underflows to 0. Same arguments and non-finite contract as softmax
 * (−Infinity entries give −Infinity).
 */
export function logSoftmax(logits: MatrixInput, classes?: number, out?: Float32Array): Float32Array {
  return rowwise("logSoftmax", logits, classes, out);
}

function rowwise(
  kernel: "softmax" | "logSoftmax",
  logits: MatrixInput,
  classes: number | undefined,
  out: Float32Array | undefined,
): Float32Array {
  const rt = ready();
  const m = toMatrix("logits", logits, classes, "classes");
  const result = toOutput("out", out, m.rows * m.cols, "logits", logits);
  const chunk = rowsPerChunk(m.cols * 4);
  try {
    const ptr = acquire(rt, Math.min(chunk, m.rows) * m.cols * 4);
    const at = ptr >>> 2;
    for (let from = 0; from < m.rows; from += chunk) {
      const to = Math.min(from + chunk, m.rows);
      const n = (to - from) * m.cols;
      copyRows(m, from, to, rt.heap.f32, at);
      rt.exports[kernel](ptr, ptr, to - from, m.cols);
      copyOut(rt.heap.f32, at, n, result, from * m.cols);
    }
  } finally {
    settle(rt);
  }
  return result;
}
