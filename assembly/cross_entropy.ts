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

import { rowMax, rowExpSum, rowAffine, rowGapSum } from "./rows";

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
  const rowBytes = <usize>K << 2;
  const eps = <f64>smoothing;
  const epsPerClass = eps / <f64>K;
  let classWeightSum: f64 = <f64>K;
  if (classWeights) {
    classWeightSum = 0;
    for (let k = 0; k < K; k++) classWeightSum += load<f32>(classWeights + (<usize>k << 2));
  }
  let total: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const label = load<i32>(labels + (<usize>i << 2));
    const m = rowMax(z, K);
    const zLabel = load<f32>(z + (<usize>label << 2));
    const gapSum = smoothing > 0 ? rowGapSum(z, classWeights, K, m) : 0;
    const s = rowExpSum(z, gradOut, K, m);
    const logSum = Math.log(s);
    const cLabel: f64 = classWeights ? <f64>load<f32>(classWeights + (<usize>label << 2)) : 1;
    const w: f64 = sampleWeights ? <f64>load<f32>(sampleWeights + (<usize>i << 2)) : 1;

    let loss = (1 - eps) * cLabel * ((<f64>m - <f64>zLabel) + logSum);
    if (smoothing > 0) loss += epsPerClass * (gapSum + logSum * classWeightSum);
    loss *= w;
    if (lossOut) store<f32>(lossOut + (<usize>i << 2), <f32>loss);
    total += loss;

    if (gradOut) {
      const c = w * <f64>gradScale;
      const A = (1 - eps) * cLabel + epsPerClass * classWeightSum;
      rowAffine(gradOut, gradOut, classWeights, K, <f32>(c * A / s), <f32>(c * epsPerClass));
      const at = gradOut + (<usize>label << 2);
      store<f32>(at, load<f32>(at) - <f32>(c * (1 - eps) * cLabel));
      gradOut += rowBytes;
    }
    z += rowBytes;
  }
  return total;
}
