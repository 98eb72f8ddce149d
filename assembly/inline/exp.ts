// exp(x) for x <= 0 (or NaN), in f32: the only range softmax needs after subtracting the row max.
//
// Numerics: x = n·ln2 + r with n = nearest(x/ln2), |r| <= ln2/2, ln2 split in two (Cody–Waite) so r
// is exact to f32. n is rounded by adding MAGIC = 1.5·2^23 + 127: the sum's low mantissa bits are
// then n + 127, which shifted left by 23 are the bits of 2^n (no float→int conversion needed);
// e^r = 1 + r·q(r) with q a degree-4 polynomial fitted (relative minimax, scripts/fit-exp.py) on
// [-ln2/2, ln2/2]: 1.7e-7 max relative error evaluated in f32. The result
// is formed as s + s·(r·q) with s = 2^n built from its exponent bits, which keeps every step away
// from denormals (no slow path near -87). Inputs below ln(2^-126) ≈ -87.3365 return exactly 0:
// those results would be denormal, and they are below f32's relative precision of any row sum.
// NaN stays NaN; -Infinity gives 0.

import { madd } from "./madd";

// @ts-ignore: decorator
@inline export const LOG2E: f32 = 1.44269502; // 0x3fb8aa3b
// @ts-ignore: decorator
@inline export const MAGIC: f32 = 12583039.0; // 0x4b40007f, 1.5·2^23 + 127
// @ts-ignore: decorator
@inline export const LN2_HI: f32 = 0.693145752; // 0x3f317200, 16 significant bits: n·LN2_HI is exact
// @ts-ignore: decorator
@inline export const LN2_LO: f32 = 1.42860677e-6; // 0x35bfbe8e, ln2 - LN2_HI
// @ts-ignore: decorator
@inline export const MIN_X: f32 = -87.3365448; // 0xc2aeac50, ln(2^-126)
// @ts-ignore: decorator
@inline export const C1: f32 = 0.999999702; // 0x3f7ffffb
// @ts-ignore: decorator
@inline export const C2: f32 = 0.499991506; // 0x3efffee3
// @ts-ignore: decorator
@inline export const C3: f32 = 0.166676357; // 0x3e2aad35
// @ts-ignore: decorator
@inline export const C4: f32 = 0.0418979302; // 0x3d2b9d2a
// @ts-ignore: decorator
@inline export const C5: f32 = 0.00829031318; // 0x3c07d418

/** exp(x) for x <= 0 or NaN, scalar. See the numerics note above. */
// @ts-ignore: decorator
@inline export function expNonPositive(x: f32): f32 {
  if (x < MIN_X) return 0;
  const v = x * LOG2E + MAGIC;
  const n = v - MAGIC;
  const r = x - n * LN2_HI - n * LN2_LO;
  const q = (((C5 * r + C4) * r + C3) * r + C2) * r + C1;
  const s = reinterpret<f32>(reinterpret<i32>(v) << 23);
  return s + s * (r * q);
}

/**
 * exp(x) lane-wise for x <= 0 or NaN, f32x4. Same algorithm and error as expNonPositive; the
 * relaxed build fuses the polynomial's multiply-adds (one rounding fewer each).
 */
// @ts-ignore: decorator
@inline export function expNonPositive4(x: v128): v128 {
  const v = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(MAGIC));
  const n = f32x4.sub(v, f32x4.splat(MAGIC));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let q = madd(f32x4.splat(C5), r, f32x4.splat(C4));
  q = madd(q, r, f32x4.splat(C3));
  q = madd(q, r, f32x4.splat(C2));
  q = madd(q, r, f32x4.splat(C1));
  const s = i32x4.shl(v, 23);
  const e = madd(s, f32x4.mul(r, q), s);
  // Keep lanes that are not below MIN_X (NaN compares false, so it is kept); zero the rest.
  return v128.andnot(e, f32x4.lt(x, f32x4.splat(MIN_X)));
}

// @ts-ignore: decorator
@inline const LN2: f32 = 0.693147182; // 0x3f317218
// @ts-ignore: decorator
@inline const SQRT_HALF_BITS: i32 = 0x3f3504f3; // √½

/**
 * log(x) lane-wise for finite x > 0 (NaN stays NaN). x = 2^e·m with m in [√½, √2), then
 * log m = 2·atanh(u), u = (m − 1)/(m + 1), |u| <= 0.1716, by its series to u⁹: truncation error
 * below 1e-9, so the result is within a few f32 roundings (~2e-7 absolute for x <= 1e4).
 */
// @ts-ignore: decorator
@inline export function logPositive4(x: v128): v128 {
  const shifted = i32x4.add(x, i32x4.splat(0x3f800000 - SQRT_HALF_BITS));
  const e = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_s(shifted, 23), i32x4.splat(127)));
  const m = i32x4.add(v128.and(shifted, i32x4.splat(0x007fffff)), i32x4.splat(SQRT_HALF_BITS));
  const u = f32x4.div(f32x4.sub(m, f32x4.splat(1)), f32x4.add(m, f32x4.splat(1)));
  const u2 = f32x4.mul(u, u);
  let p = f32x4.add(f32x4.mul(u2, f32x4.splat(<f32>(1.0 / 9))), f32x4.splat(<f32>(1.0 / 7)));
  p = f32x4.add(f32x4.mul(u2, p), f32x4.splat(<f32>(1.0 / 5)));
  p = f32x4.add(f32x4.mul(u2, p), f32x4.splat(<f32>(1.0 / 3)));
  const twoU = f32x4.add(u, u);
  const logM = f32x4.add(twoU, f32x4.mul(twoU, f32x4.mul(u2, p)));
  // A NaN lane has NaN's bits in its exponent and mantissa: give NaN back, not their log.
  return v128.bitselect(f32x4.add(f32x4.mul(e, f32x4.splat(LN2)), logM), x, f32x4.eq(x, x));
}
