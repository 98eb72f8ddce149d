// Per-class weights (scikit-learn's class_weight) and the total weight of a training set.

import type { Label } from "./labels.js";
import { finite32 } from "../core/checks.js";

export type ClassWeightOption = "balanced" | Record<string, number> | Map<Label, number>;

/**
 * One weight per class, or null for all ones. 'balanced' gives N / (K · count of the class), as
 * scikit-learn does; a map names classes by label (keys compared as strings).
 */
export function resolveClassWeights(
  option: ClassWeightOption | undefined,
  classes: readonly Label[],
  labels: Int32Array,
): Float32Array | null {
  if (option === undefined) return null;
  const K = classes.length;
  const weights = new Float32Array(K).fill(1);
  if (option === "balanced") {
    const counts = new Float64Array(K);
    for (const y of labels) counts[y]!++;
    for (let k = 0; k < K; k++) weights[k] = counts[k]! > 0 ? labels.length / (K * counts[k]!) : 1;
    return weights;
  }
  const entries =
    option instanceof Map ? [...option.entries()] : typeof option === "object" && option !== null ? Object.entries(option) : null;
  if (!entries) throw new TypeError(`classWeight must be 'balanced' or a map from label to weight, got ${String(option)}`);
  for (const [label, w] of entries) {
    const k = classes.findIndex((c) => String(c) === String(label));
    if (k < 0) throw new RangeError(`classWeight names ${JSON.stringify(label)}, which is not a class of y`);
    if (typeof w !== "number" || !finite32(w) || w < 0)
      throw new RangeError(`classWeight[${JSON.stringify(label)}] must be a finite number >= 0 within float32 range, got ${String(w)}`);
    weights[k] = w;
  }
  return weights;
}

/** Σ_i sampleWeight_i · classWeight_{y_i}; a RangeError when it is not > 0. */
export function totalWeight(labels: Int32Array, sampleWeights: Float32Array | null, classWeights: Float32Array | null): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (sampleWeights ? sampleWeights[i]! : 1) * (classWeights ? classWeights[labels[i]!]! : 1);
  if (!(s > 0)) throw new RangeError("the sample and class weights of the training rows sum to 0");
  return s;
}
