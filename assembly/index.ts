// The wasm module's exports. One source, two binaries: built with --enable simd the kernels run
// their f32x4 versions, built without it their scalar twins (same signatures, same contracts).
// Every export takes byte offsets into this module's memory, which the TS bindings own: nothing here
// allocates. Buffers must be 16-byte aligned and followed by 16 bytes of padding (reads may run past
// the last row; writes never do).

import {
  linear_f32__simd128, linear_f32__scalar,
  linearWeightGrad_f32__simd128, linearWeightGrad_f32__scalar,
  biasGrad_f32__simd128, biasGrad_f32__scalar,
} from "./linear";

export { softmax, logSoftmax } from "./softmax";
export { softmaxCrossEntropy } from "./cross_entropy";
export { argmax, topk } from "./argmax";
export { sgdUpdate, adamUpdate, gatherRows } from "./optim";

/** 1 when this binary uses SIMD instructions, 0 for the scalar build. */
export function simd(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

/** First byte after the module's static data: the bindings' heap starts here (rounded up). */
export function heapBase(): usize {
  return __heap_base;
}

/** y = x·wᵀ + b: x B × D, w K × D, b K f32 or 0 for none, y B × K. */
export function linear(x: usize, w: usize, b: usize, y: usize, B: i32, D: i32, K: i32): void {
  if (ASC_FEATURE_SIMD) linear_f32__simd128(x, w, b, y, B, D, K);
  else linear_f32__scalar(x, w, b, y, B, D, K);
}

/** dw = gᵀ·x, or dw += gᵀ·x when accumulate: g B × K, x B × D, dw K × D. */
export function linearWeightGrad(g: usize, x: usize, dw: usize, B: i32, D: i32, K: i32, accumulate: bool): void {
  if (ASC_FEATURE_SIMD) linearWeightGrad_f32__simd128(g, x, dw, B, D, K, accumulate);
  else linearWeightGrad_f32__scalar(g, x, dw, B, D, K, accumulate);
}

/** db = column sums of g, or db += them when accumulate: g B × K, db K. */
export function biasGrad(g: usize, db: usize, B: i32, K: i32, accumulate: bool): void {
  if (ASC_FEATURE_SIMD) biasGrad_f32__simd128(g, db, B, K, accumulate);
  else biasGrad_f32__scalar(g, db, B, K, accumulate);
}
