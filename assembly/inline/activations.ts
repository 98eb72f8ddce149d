// Element-wise activations and softplus in f32, scalar and f32x4, built on expNonPositive (so no
// input can overflow: every exp argument is −|x| or −2|x|) and logPositive4.
//
// Numerics:
// - logistic σ(x) = 1/(1+e) for x >= 0 and e/(1+e) otherwise, e = exp(−|x|): relative error a few
//   f32 roundings over the whole line (exp's 1.7e-7 plus two operations).
// - tanh(x) = sign(x)·(1 − t)/(1 + t), t = exp(−2|x|); below |x| = 1/16, where 1 − t cancels, the
//   series x·(1 − x²/3 + 2x⁴/15) instead (truncation ≤ 3e-10 relative there).
// - log1p(u) for u in [0, 1] (softplus needs log1p(e^−|x|)) as u·q(u), q a degree-8 polynomial
//   fitted for relative error (scripts/fit-log1p.py): 2.1e-7 max relative error evaluated in f32,
//   and exact to f32 near 0, where log(1 + u) would round to 0: log1p(e^−20) = 2.06e-9. No
//   division and no log: it runs at the speed of a polynomial (measured 2.4× faster than
//   log(w)·u/(w − 1) with logPositive4 in the fused sigmoid cross-entropy).

import { expNonPositive, expNonPositive4 } from "./exp";

// @ts-ignore: decorator
@inline const SMALL_TANH: f32 = 0.0625;

/** σ(x), scalar. */
// @ts-ignore: decorator
@inline export function logistic(x: f32): f32 {
  const e = expNonPositive(-Mathf.abs(x));
  const r = <f32>1 / (<f32>1 + e);
  return x >= 0 ? r : e * r;
}

/** σ(x) lane-wise. */
// @ts-ignore: decorator
@inline export function logistic4(x: v128): v128 {
  const e = expNonPositive4(f32x4.neg(f32x4.abs(x)));
  const r = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(x, f32x4.splat(0)));
}

/** tanh(x), scalar. */
// @ts-ignore: decorator
@inline export function tanhf(x: f32): f32 {
  const a = Mathf.abs(x);
  if (a < SMALL_TANH) {
    const x2 = x * x;
    return x * (<f32>1 - x2 * (<f32>(1.0 / 3) - x2 * <f32>(2.0 / 15)));
  }
  const t = expNonPositive(<f32>-2 * a);
  const r = (<f32>1 - t) / (<f32>1 + t);
  return x < 0 ? -r : r;
}

/** tanh(x) lane-wise. */
// @ts-ignore: decorator
@inline export function tanh4(x: v128): v128 {
  const a = f32x4.abs(x);
  const t = expNonPositive4(f32x4.mul(f32x4.splat(-2), a));
  const big = f32x4.div(f32x4.sub(f32x4.splat(1), t), f32x4.add(f32x4.splat(1), t));
  const signed = v128.or(big, v128.and(x, f32x4.splat(-0.0)));
  const x2 = f32x4.mul(x, x);
  const inner = f32x4.sub(f32x4.splat(<f32>(1.0 / 3)), f32x4.mul(x2, f32x4.splat(<f32>(2.0 / 15))));
  const series = f32x4.mul(x, f32x4.sub(f32x4.splat(1), f32x4.mul(x2, inner)));
  return v128.bitselect(series, signed, f32x4.lt(a, f32x4.splat(SMALL_TANH)));
}

// @ts-ignore: decorator
@inline const Q0: f32 = 0.99999994; // 0x3f7fffff
// @ts-ignore: decorator
@inline const Q1: f32 = -0.49999493; // 0xbeffff56
// @ts-ignore: decorator
@inline const Q2: f32 = 0.33319098; // 0x3eaa9802
// @ts-ignore: decorator
@inline const Q3: f32 = -0.24842985; // 0xbe7e6465
// @ts-ignore: decorator
@inline const Q4: f32 = 0.19106016; // 0x3e43a546
// @ts-ignore: decorator
@inline const Q5: f32 = -0.13663265; // 0xbe0be96e
// @ts-ignore: decorator
@inline const Q6: f32 = 0.078226179; // 0x3da0350c
// @ts-ignore: decorator
@inline const Q7: f32 = -0.029505378; // 0xbcf1b543
// @ts-ignore: decorator
@inline const Q8: f32 = 0.0052327290; // 0x3bab7750

/** log1p(u) for u in [0, 1], scalar (the same polynomial as the SIMD lanes). */
// @ts-ignore: decorator
@inline export function log1pUnit(u: f32): f32 {
  const q = (((((((Q8 * u + Q7) * u + Q6) * u + Q5) * u + Q4) * u + Q3) * u + Q2) * u + Q1) * u + Q0;
  return u * q;
}

/** log1p(u) for u in [0, 1] lane-wise. */
// @ts-ignore: decorator
@inline export function log1pUnit4(u: v128): v128 {
  let q = f32x4.add(f32x4.mul(f32x4.splat(Q8), u), f32x4.splat(Q7));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q6));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q5));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q4));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q3));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q2));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q1));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(Q0));
  return f32x4.mul(u, q);
}
