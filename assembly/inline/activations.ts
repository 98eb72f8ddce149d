// Element-wise activations and softplus in f32, scalar and f32x4, built on expNonPositive (so no
// input can overflow: every exp argument is −|x| or −2|x|) and logPositive4.
//
// Numerics:
// - logistic σ(x) = 1/(1+e) for x >= 0 and e/(1+e) otherwise, e = exp(−|x|): relative error a few
//   f32 roundings over the whole line (exp's 1.7e-7 plus two operations).
// - tanh(x) = sign(x)·(1 − t)/(1 + t), t = exp(−2|x|); below |x| = 1/16, where 1 − t cancels, the
//   series x·(1 − x²/3 + 2x⁴/15) instead (truncation ≤ 3e-10 relative there).
// - log1p(u) for u in [0, 1] as log(w)·u/(w − 1), w = 1 + u (w − 1 is exact in f32), which
//   keeps the relative precision of u when 1 + u rounds: log1p(e^−20) = 2.06e-9, where log(1 + u)
//   would give 0. When w rounds to 1 exactly the result is u.

import { expNonPositive, expNonPositive4, logPositive4 } from "./exp";

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
  const series = f32x4.mul(x, f32x4.sub(f32x4.splat(1), f32x4.mul(x2, f32x4.sub(f32x4.splat(<f32>(1.0 / 3)), f32x4.mul(x2, f32x4.splat(<f32>(2.0 / 15)))))));
  return v128.bitselect(series, signed, f32x4.lt(a, f32x4.splat(SMALL_TANH)));
}

/** log1p(u) for u in [0, 1], scalar. */
// @ts-ignore: decorator
@inline export function log1pUnit(u: f32): f32 {
  const w = <f32>1 + u;
  return w == 1 ? u : Mathf.log(w) * (u / (w - <f32>1));
}

/** log1p(u) for u in [0, 1] lane-wise. */
// @ts-ignore: decorator
@inline export function log1pUnit4(u: v128): v128 {
  const one = f32x4.splat(1);
  const w = f32x4.add(one, u);
  const ratio = f32x4.div(u, f32x4.sub(w, one));
  return v128.bitselect(u, f32x4.mul(logPositive4(w), ratio), f32x4.eq(w, one));
}
