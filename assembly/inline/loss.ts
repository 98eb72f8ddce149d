// One row's cross-entropy loss and gradient coefficients, shared by the row kernel and the K = 10
// pair kernel. See cross_entropy.ts for the definitions.
//
// Results besides the loss come back in module globals (kernels allocate nothing and AssemblyScript
// has no multi-value returns): the row's gradient is  g_k = e_k·gradScaleExp − c_k·gradShift,
// then  g_label −= gradLabel,  where e_k = exp(z_k − max) as stored by the exp pass.

export let gradScaleExp: f32 = 0;
export let gradShift: f32 = 0;
export let gradLabel: f32 = 0;

/**
 * sum = Σ exp(z − max) and logSum = its log; zLabel = the label's logit; gap = Σ c_k (max − z_k) (used only when eps > 0);
 * cLabel = the label's class weight; w = the sample weight; classWeightSum = Σ c_k (K without weights).
 * Returns the row's weighted loss, in f64.
 */
// @ts-ignore: decorator
@inline export function rowLoss(
  sum: f64, logSum: f64, max: f64, zLabel: f64, gap: f64, cLabel: f64, w: f64,
  eps: f64, epsPerClass: f64, classWeightSum: f64, gradScale: f64,
): f64 {
  let loss = (1 - eps) * cLabel * ((max - zLabel) + logSum);
  if (eps > 0) loss += epsPerClass * (gap + logSum * classWeightSum);
  const c = w * gradScale;
  gradScaleExp = <f32>(c * ((1 - eps) * cLabel + epsPerClass * classWeightSum) / sum);
  gradShift = <f32>(c * epsPerClass);
  gradLabel = <f32>(c * (1 - eps) * cLabel);
  return loss * w;
}

/** Σ_k c_k, or K when there are no class weights. */
// @ts-ignore: decorator
@inline export function classWeightTotal(classWeights: usize, K: i32): f64 {
  if (!classWeights) return <f64>K;
  let s: f64 = 0;
  for (let k = 0; k < K; k++) s += load<f32>(classWeights + (<usize>k << 2));
  return s;
}
