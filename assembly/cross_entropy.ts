// Fused softmax cross-entropy: per-row loss and gradient with respect to the logits, in one sweep.
//
// For row i with label y, target q = (1 − ε)·onehot(y) + ε/K and class weights c (1 when absent),
// the row's loss is  w_i · Σ_k c_k q_k (lse − z_k),  lse = max + log Σ exp(z − max)
// (PyTorch's CrossEntropyLoss with weight and label_smoothing, times a per-sample weight w_i).
// Its gradient is  w_i · (p_k · A − c_k q_k),  A = Σ_k c_k q_k,  p = softmax(z).
//
// Numerics: lse − z_y is formed as (max − z_y) + log Σ in f64, so the loss stays finite and exact
// where p_y underflows (a label 1000 below the max costs 1000, not Infinity). The smoothing part
// sums c_k (max − z_k), terms that are all >= 0, then adds log Σ · Σ c_k: no cancellation.

import { rowMax, rowExpSum, rowAffine, rowGapSum } from "./inline/rows";
import { logF64 } from "./inline/log";
import { rowLoss, classWeightTotal, gradScaleExp, gradShift, gradLabel } from "./inline/loss";
import { crossEntropyPairs10_f32__simd128 } from "./small_k/pairs10";
import { crossEntropyLanes_f32__simd128, lanesLoss } from "./small_k/rows_in_lanes";

/**
 * z: rows × K logits. labels: rows i32, each in [0, K) (checked by the caller).
 * classWeights: K f32 or 0. sampleWeights: rows f32 or 0. smoothing: ε in [0, 1].
 * gradScale: multiplies every gradient element (1/Σweights for a mean, 1 for a sum).
 * lossOut: rows f32 (each row's weighted loss) or 0. gradOut: rows × K f32 or 0; it may equal z.
 * Returns Σ_i of the weighted row losses, in f64.
 */
export function softmaxCrossEntropy(
  z: usize, labels: usize, rows: i32, K: i32,
  classWeights: usize, sampleWeights: usize, smoothing: f32, gradScale: f32,
  lossOut: usize, gradOut: usize
): f64 {
  let total: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD && K == 10) {
    const pairs = rows >> 1;
    total = crossEntropyPairs10_f32__simd128(z, labels, pairs, classWeights, sampleWeights, smoothing, gradScale, lossOut, gradOut);
    i = pairs << 1;
  } else if (ASC_FEATURE_SIMD && K >= 2 && K <= 8) {
    i = crossEntropyLanes_f32__simd128(z, labels, rows, K, classWeights, sampleWeights, smoothing, gradScale, lossOut, gradOut);
    total = lanesLoss;
  }
  const rowBytes = <usize>K << 2;
  const eps = <f64>smoothing;
  const epsPerClass = eps / <f64>K;
  const classWeightSum = classWeightTotal(classWeights, K);
  for (; i < rows; i++) {
    const row = z + <usize>i * rowBytes;
    const label = load<i32>(labels + (<usize>i << 2));
    const m = rowMax(row, K);
    const zLabel = load<f32>(row + (<usize>label << 2));
    const gap = smoothing > 0 ? rowGapSum(row, classWeights, K, m) : 0;
    const grad = gradOut ? gradOut + <usize>i * rowBytes : 0;
    const s = rowExpSum(row, grad, K, m);
    const cLabel: f64 = classWeights ? <f64>load<f32>(classWeights + (<usize>label << 2)) : 1;
    const w: f64 = sampleWeights ? <f64>load<f32>(sampleWeights + (<usize>i << 2)) : 1;
    const loss = rowLoss(s, logF64(s), m, zLabel, gap, cLabel, w, eps, epsPerClass, classWeightSum, gradScale);
    if (lossOut) store<f32>(lossOut + (<usize>i << 2), <f32>loss);
    total += loss;
    if (grad) {
      rowAffine(grad, grad, classWeights, K, gradScaleExp, gradShift);
      const at = grad + (<usize>label << 2);
      store<f32>(at, load<f32>(at) - gradLabel);
    }
  }
  return total;
}
