// Independent sigmoids (multi-label outputs) and the fused sigmoid binary cross-entropy with logits:
// loss and gradient in one pass, PyTorch's BCEWithLogitsLoss(pos_weight) in its stable form
//   l = (1 − z)·x + (1 + (p − 1)·z)·(log1p(e^−|x|) + max(−x, 0))
//     = −[p·z·log σ(x) + (1 − z)·log(1 − σ(x))]
//   ∂l/∂x = σ(x)·(1 + (p − 1)·z) − p·z                    (σ(x) − z when p = 1)
// x: logits rows × K, z: targets rows × K (0/1, or probabilities), p: one weight per label
// (pos_weight) or 0 for all ones, w: one weight per row or 0. log1p keeps the loss of a confident
// right answer exact: −log σ(20) = 2.06e-9, not 0. Row sums are carried in f64.

import { logistic, logistic4, log1pUnit, log1pUnit4 } from "./inline/activations";
import { expNonPositive, expNonPositive4 } from "./inline/exp";

/** y = σ(x) over n values (in place allowed). */
export function sigmoid(x: usize, y: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let o: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(n & ~3) << 2;
    for (; o < vecEnd; o += 16) v128.store(y + o, logistic4(v128.load(x + o)));
  }
  for (; o < bytes; o += 4) store<f32>(y + o, logistic(load<f32>(x + o)));
}

/**
 * Σ_i w_i Σ_k l_ik. Writes each row's weighted loss to lossOut (rows f32) unless 0, and
 * gradScale · w_i · ∂l/∂x to gradOut (rows × K; may be x itself) unless 0.
 */
export function sigmoidCrossEntropy(
  x: usize, z: usize, rows: i32, K: i32, posWeight: usize, sampleWeights: usize, gradScale: f32,
  lossOut: usize, gradOut: usize,
): f64 {
  const rowBytes = <usize>K << 2;
  const vecEnd = ASC_FEATURE_SIMD ? <usize>(K & ~3) << 2 : 0;
  let total: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const xi = x + <usize>i * rowBytes;
    const zi = z + <usize>i * rowBytes;
    const gi = gradOut + <usize>i * rowBytes;
    const w: f32 = sampleWeights ? load<f32>(sampleWeights + (<usize>i << 2)) : 1;
    const scale = gradScale * w;
    let rowLoss: f64 = 0;
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      const one = f32x4.splat(1);
      let acc = f32x4.splat(0);
      for (; o < vecEnd; o += 16) {
        const xv = v128.load(xi + o);
        const zv = v128.load(zi + o);
        const pv = posWeight ? v128.load(posWeight + o) : one;
        const e = expNonPositive4(f32x4.neg(f32x4.abs(xv)));
        const soft = f32x4.add(log1pUnit4(e), f32x4.pmax(f32x4.splat(0), f32x4.neg(xv)));
        const coef = f32x4.add(one, f32x4.mul(f32x4.sub(pv, one), zv));
        acc = f32x4.add(acc, f32x4.add(f32x4.mul(f32x4.sub(one, zv), xv), f32x4.mul(coef, soft)));
        if (gradOut) {
          const r = f32x4.div(one, f32x4.add(one, e));
          const s = v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(xv, f32x4.splat(0)));
          const g = f32x4.sub(f32x4.mul(s, coef), f32x4.mul(pv, zv));
          v128.store(gi + o, f32x4.mul(g, f32x4.splat(scale)));
        }
      }
      // ((lane 0 + lane 1) + lane 2) + lane 3, the order the golden weights were recorded with.
      rowLoss = <f64>f32x4.extract_lane(acc, 0) + <f64>f32x4.extract_lane(acc, 1) + <f64>f32x4.extract_lane(acc, 2);
      rowLoss += <f64>f32x4.extract_lane(acc, 3);
    }
    for (; o < rowBytes; o += 4) {
      const xv = load<f32>(xi + o);
      const zv = load<f32>(zi + o);
      const pv: f32 = posWeight ? load<f32>(posWeight + o) : 1;
      const e = expNonPositive(-Mathf.abs(xv));
      const soft = log1pUnit(e) + (xv < 0 ? -xv : <f32>0);
      const coef = <f32>1 + (pv - <f32>1) * zv;
      rowLoss += <f64>((<f32>1 - zv) * xv + coef * soft);
      if (gradOut) {
        const r = <f32>1 / (<f32>1 + e);
        const s = xv >= 0 ? r : e * r;
        store<f32>(gi + o, (s * coef - pv * zv) * scale);
      }
    }
    rowLoss *= <f64>w;
    if (lossOut) store<f32>(lossOut + (<usize>i << 2), <f32>rowLoss);
    total += rowLoss;
  }
  return total;
}
