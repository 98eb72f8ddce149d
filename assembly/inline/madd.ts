// a·b + c on four f32 lanes: fused (one rounding) in the relaxed-SIMD build where the engine has
// FMA, separate multiply and add otherwise. Results may differ in the last bit between builds and
// machines; every caller's tests use tolerances.

// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
