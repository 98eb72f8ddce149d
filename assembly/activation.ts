// Hidden-layer activations, fused with the bias add, and their backward pass from the outputs:
//   forward   y = f(x + b)  in place, row-major rows × cols, b one per column (or 0 for none)
//   backward  g ← g ⊙ f′, with f′ written in terms of y: relu 1[y > 0], tanh 1 − y², logistic
//             y·(1 − y), identity 1 (scikit-learn's four activations)
// kind: 0 identity, 1 relu, 2 tanh, 3 logistic. Reads may run up to 12 bytes past a row (the
// heap's padding); writes never do. NaN propagates.

import { logistic, logistic4, tanhf, tanh4 } from "./inline/activations";

// @ts-ignore: decorator
@inline const IDENTITY = 0;
// @ts-ignore: decorator
@inline const RELU = 1;
// @ts-ignore: decorator
@inline const TANH = 2;

// @ts-ignore: decorator
@inline function apply(kind: i32, v: f32): f32 {
  if (kind == RELU) return v > 0 ? v : (v != v ? v : <f32>0);
  if (kind == TANH) return tanhf(v);
  if (kind == IDENTITY) return v;
  return logistic(v);
}

// @ts-ignore: decorator
@inline function apply4(kind: i32, v: v128): v128 {
  if (kind == RELU) return f32x4.max(v, f32x4.splat(0));
  if (kind == TANH) return tanh4(v);
  if (kind == IDENTITY) return v;
  return logistic4(v);
}

// @ts-ignore: decorator
@inline function slope(kind: i32, y: f32): f32 {
  if (kind == RELU) return y > 0 ? <f32>1 : <f32>0;
  if (kind == TANH) return <f32>1 - y * y;
  if (kind == IDENTITY) return 1;
  return y * (<f32>1 - y);
}

// @ts-ignore: decorator
@inline function slope4(kind: i32, y: v128): v128 {
  if (kind == RELU) return v128.and(f32x4.splat(1), f32x4.gt(y, f32x4.splat(0)));
  if (kind == TANH) return f32x4.sub(f32x4.splat(1), f32x4.mul(y, y));
  if (kind == IDENTITY) return f32x4.splat(1);
  return f32x4.mul(y, f32x4.sub(f32x4.splat(1), y));
}

/** y = f(x + b) in place over rows × cols (b: cols f32, or 0). */
export function biasActivation(x: usize, b: usize, rows: i32, cols: i32, kind: i32): void {
  const rowBytes = <usize>cols << 2;
  const vecEnd = <usize>(cols & ~3) << 2;
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      for (; o < vecEnd; o += 16) {
        let v = v128.load(row + o);
        if (b) v = f32x4.add(v, v128.load(b + o));
        v128.store(row + o, apply4(kind, v));
      }
    }
    for (; o < rowBytes; o += 4) {
      let v = load<f32>(row + o);
      if (b) v += load<f32>(b + o);
      store<f32>(row + o, apply(kind, v));
    }
  }
}

/** g ← g ⊙ f′(y) over n values, f′ from the activation's outputs y. */
export function activationGrad(g: usize, y: usize, n: i32, kind: i32): void {
  if (kind == IDENTITY) return;
  const bytes = <usize>n << 2;
  let o: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(n & ~3) << 2;
    for (; o < vecEnd; o += 16) v128.store(g + o, f32x4.mul(v128.load(g + o), slope4(kind, v128.load(y + o))));
  }
  for (; o < bytes; o += 4) store<f32>(g + o, load<f32>(g + o) * slope(kind, load<f32>(y + o)));
}
