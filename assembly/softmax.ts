// softmax and log-softmax over the last axis of a row-major rows × K f32 matrix.
//
// Contract (both): x and y hold rows·K f32; y may equal x (in place); K >= 1. Three passes per row:
// max, exp(x − max) with an f64 sum, then scale (softmax) or shift (log-softmax). The SIMD build
// takes small K faster ways: two rows per pass at K = 10 (pairs10.ts), one row per lane for
// K = 2..8 (rows_in_lanes.ts; sums of at most 8 terms in f32).
// Non-finite input: a row containing NaN or +Infinity, or made only of −Infinity, comes out all
// NaN; −Infinity entries in any other row give exactly 0 (softmax) and −Infinity (log-softmax).

import { rowMax, rowExpSum, rowAffine, rowShift } from "./inline/rows";
import { logF64 } from "./inline/log";
import { softmaxPairs10_f32__simd128, logSoftmaxPairs10_f32__simd128 } from "./small_k/pairs10";
import { softmaxLanes_f32__simd128, logSoftmaxLanes_f32__simd128 } from "./small_k/rows_in_lanes";

/** y = softmax(x) row-wise. Max relative error per element ~4e-7 (exp 1.7e-7 plus three roundings). */
export function softmax(x: usize, y: usize, rows: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  let i = 0;
  if (ASC_FEATURE_SIMD && K == 10) i = softmaxPairs10_f32__simd128(x, y, rows);
  else if (ASC_FEATURE_SIMD && K >= 2 && K <= 8) i = softmaxLanes_f32__simd128(x, y, rows, K);
  x += <usize>i * rowBytes;
  y += <usize>i * rowBytes;
  for (; i < rows; i++) {
    const m = rowMax(x, K);
    const s = rowExpSum(x, y, K, m);
    rowAffine(y, y, 0, K, <f32>(1.0 / s), 0);
    x += rowBytes;
    y += rowBytes;
  }
}

/**
 * y = log-softmax(x) row-wise, as (x − max) − log Σ exp(x − max): never log of a probability, so it
 * stays finite and exact where probabilities underflow. Absolute error <= ~1e-6 + 1 ulp of |y|.
 */
export function logSoftmax(x: usize, y: usize, rows: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  let i = 0;
  if (ASC_FEATURE_SIMD && K == 10) i = logSoftmaxPairs10_f32__simd128(x, y, rows);
  else if (ASC_FEATURE_SIMD && K >= 2 && K <= 8) i = logSoftmaxLanes_f32__simd128(x, y, rows, K);
  x += <usize>i * rowBytes;
  y += <usize>i * rowBytes;
  for (; i < rows; i++) {
    const m = rowMax(x, K);
    const s = rowExpSum(x, 0, K, m);
    rowShift(x, y, K, m, <f32>logF64(s));
    x += rowBytes;
    y += rowBytes;
  }
}
