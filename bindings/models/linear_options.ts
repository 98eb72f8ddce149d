// What the two linear models (SoftmaxRegression, MultiLabelLogisticRegression) share beyond the
// solver options: C, scikit-learn's inverse L2 strength, and the rule that layers trained elsewhere
// make one of them only when there is a single layer with the model's output.

import type { LayerInfo } from "./spec.js";

/** C checked: a number > 0, Infinity for no penalty. */
export function inverseC(value: unknown): number {
  const C = value ?? 1;
  if (typeof C !== "number") throw new TypeError(`C must be a number > 0 (Infinity for no penalty), got ${JSON.stringify(C) ?? String(C)}`);
  if (!(C > 0)) throw new RangeError(`C must be a number > 0 (Infinity for no penalty), got ${C}`);
  return C;
}

/** λ = 1/C (0 without penalty): the penalty ‖W‖²/(2C) of scikit-learn's LogisticRegression. */
export function penaltyOfC(o: { C: number }): number {
  return Number.isFinite(o.C) ? 1 / o.C : 0;
}

/** Why `layers` cannot make a linear model with `output` activation, or null. */
export function refuseForLinear(layers: readonly LayerInfo[], output: "softmax" | "sigmoid"): string | null {
  if (layers.length !== 1) return `a linear model has one layer, got ${layers.length}`;
  const activation = layers[0]!.activation;
  return activation === output ? null : `its output is ${activation}, expected ${output}`;
}
