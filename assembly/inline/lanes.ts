// Small f32x4 helpers shared by the SIMD kernels.
//
// Row tails: a row of K floats is walked in whole vectors, then one last vector of t = K % 4
// valid lanes. That last load reads up to 12 bytes past the row (the TS arena pads every buffer so
// this never leaves wasm memory); lanes >= t are masked before use and never stored.

/** Mask with the low t lanes set (t in 0..4). */
// @ts-ignore: decorator
@inline export function laneMask(t: i32): v128 {
  return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(t));
}

/** Largest lane (lanes that are NaN may be dropped, like f32x4.pmax). */
// @ts-ignore: decorator
@inline export function maxLanes(v: v128): f32 {
  const m = f32x4.pmax(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return max<f32>(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1));
}

/** Adds the four f32 lanes of v into the two f64 lanes of acc (exact conversion, f64 adds). */
// @ts-ignore: decorator
@inline export function addWide(acc: v128, v: v128): v128 {
  const hi = v128.shuffle<f32>(v, v, 2, 3, 2, 3);
  return f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(hi)));
}

/** Sum of the two f64 lanes. */
// @ts-ignore: decorator
@inline export function sumWide(acc: v128): f64 {
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** Stores the low t lanes of v at ptr (t in 0..3), leaving the bytes after them untouched. */
// @ts-ignore: decorator
@inline export function storeLanes(ptr: usize, v: v128, t: i32): void {
  if (t >= 2) {
    v128.store64_lane(ptr, v, 0);
    if (t == 3) v128.store32_lane(ptr + 8, v, 2);
  } else if (t == 1) {
    v128.store32_lane(ptr, v, 0);
  }
}

/**
 * [Σa, Σb, Σc, Σd]: the lane sums of four vectors as one vector.
 */
// @ts-ignore: decorator
@inline export function sumLanes4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}
