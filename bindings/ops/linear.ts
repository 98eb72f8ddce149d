// The products of a linear layer: forward logits and the weight/bias gradients.

import { copyOut, copyRows, toMatrix, toVector, type MatrixInput } from "../core/input.js";
import { after, regionBytes } from "../runtime/layout.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";

/**
 * logits = x·weightᵀ + bias. `x` is batch × features, `weight` classes × features (class-major, as
 * PyTorch's Linear), `bias` has one entry per class (or is omitted). `features` is required when x
 * is a typed array. Returns batch × classes.
 */
export function linear(
  x: MatrixInput,
  weight: MatrixInput,
  bias?: Float32Array | Float64Array | readonly number[] | null,
  features?: number,
): Float32Array {
  const rt = ready();
  const X = toMatrix("x", x, features, "features");
  const W = toMatrix("weight", weight, X.cols, "features");
  const K = W.rows;
  const D = X.cols;
  const b = bias == null ? null : toVector("bias", bias, K, "one per class", true);
  const out = new Float32Array(X.rows * K);
  const chunk = rowsPerChunk((D + K) * 4);
  const rows = Math.min(chunk, X.rows);
  try {
    const wAt = acquire(rt, regionBytes(K * D * 4) + regionBytes(K * 4) + regionBytes(rows * D * 4) + regionBytes(rows * K * 4));
    const bAt = after(wAt, K * D * 4);
    const xAt = after(bAt, K * 4);
    const yAt = after(xAt, rows * D * 4);
    copyRows(W, 0, K, rt.heap.f32, wAt >>> 2);
    if (b) rt.heap.f32.set(b, bAt >>> 2);
    for (let from = 0; from < X.rows; from += chunk) {
      const to = Math.min(from + chunk, X.rows);
      copyRows(X, from, to, rt.heap.f32, xAt >>> 2);
      rt.exports.linear(xAt, wAt, b ? bAt : 0, yAt, to - from, D, K);
      copyOut(rt.heap.f32, yAt >>> 2, (to - from) * K, out, from * K);
    }
  } finally {
    settle(rt);
  }
  return out;
}

/** What {@link linearBackward} returns. */
export interface LinearGrads {
  /** gradᵀ·x: classes × features. */
  weightGrad: Float32Array;
  /** Column sums of grad: one per class. */
  biasGrad: Float32Array;
}

/**
 * Gradients of a linear layer from the gradient of its output: weightGrad = gradᵀ·x (classes ×
 * features) and biasGrad = Σ_rows grad. `grad` is batch × classes, `x` batch × features.
 */
export function linearBackward(grad: MatrixInput, x: MatrixInput, classes?: number, features?: number): LinearGrads {
  const rt = ready();
  const G = toMatrix("grad", grad, classes, "classes");
  const X = toMatrix("x", x, features, "features");
  if (G.rows !== X.rows) throw new RangeError(`grad has ${G.rows} rows but x has ${X.rows}`);
  const K = G.cols;
  const D = X.cols;
  const weightGrad = new Float32Array(K * D);
  const biasGrad = new Float32Array(K);
  if (X.rows === 0) return { weightGrad, biasGrad }; // an empty batch has zero gradients
  const chunk = rowsPerChunk((D + K) * 4);
  const rows = Math.min(chunk, X.rows);
  try {
    const dwAt = acquire(rt, regionBytes(K * D * 4) + regionBytes(K * 4) + regionBytes(rows * K * 4) + regionBytes(rows * D * 4));
    const dbAt = after(dwAt, K * D * 4);
    const gAt = after(dbAt, K * 4);
    const xAt = after(gAt, rows * K * 4);
    for (let from = 0; from < X.rows; from += chunk) {
      const to = Math.min(from + chunk, X.rows);
      copyRows(G, from, to, rt.heap.f32, gAt >>> 2);
      copyRows(X, from, to, rt.heap.f32, xAt >>> 2);
      rt.exports.linearWeightGrad(gAt, xAt, dwAt, to - from, D, K, from > 0);
      rt.exports.biasGrad(gAt, dbAt, to - from, K, from > 0);
    }
    copyOut(rt.heap.f32, dwAt >>> 2, K * D, weightGrad, 0);
    copyOut(rt.heap.f32, dbAt >>> 2, K, biasGrad, 0);
  } finally {
    settle(rt);
  }
  return { weightGrad, biasGrad };
}
