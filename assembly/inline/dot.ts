// The f32 dot product the row kernels share (sampled softmax's gathered rows, fastText's rows).

import { madd } from "./madd";

/** Σ a_j·b_j over D f32 (four lanes in the SIMD builds). */
// @ts-ignore: decorator
@inline export function dot(a: usize, b: usize, D: i32): f32 {
  let o: usize = 0;
  const bytes = <usize>D << 2;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(D & ~3) << 2;
    let acc = f32x4.splat(0);
    for (; o < vecEnd; o += 16) acc = madd(v128.load(a + o), v128.load(b + o), acc);
    s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  }
  for (; o < bytes; o += 4) s += load<f32>(a + o) * load<f32>(b + o);
  return s;
}
