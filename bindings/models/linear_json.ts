// The [W | b] block of the two linear models (SoftmaxRegression, MultiLabelLogisticRegression) in
// their saved form: coef (K rows of D) and intercept (K), as JSON numbers that round-trip f32
// exactly. Readers check every value by index before anything is allocated.

import type { Runtime } from "../runtime/runtime.js";
import { finite32 } from "../core/checks.js";

/** coef and intercept from a block laid out W class-major (K × D), then b (K). */
export function linearBlock(params: Float32Array, K: number, D: number): { coef: number[][]; intercept: number[] } {
  return {
    coef: Array.from({ length: K }, (_, k) => Array.from(params.subarray(k * D, (k + 1) * D))),
    intercept: Array.from(params.subarray(K * D, K * D + K)),
  };
}

/** Checks saved coef (K × D) and intercept (K): shapes, then finite f32 values; `fail` throws. `unit` names a row. */
export function checkLinearBlock(
  fail: (what: string) => never,
  coef: unknown,
  intercept: unknown,
  K: number,
  D: number,
  unit: "class" | "label",
): void {
  if (!Array.isArray(coef) || coef.length !== K) fail(`coef must have ${K} rows (one per ${unit})`);
  for (let k = 0; k < K; k++) {
    const row: unknown = (coef as unknown[])[k];
    if (!Array.isArray(row) || row.length !== D) fail(`coef[${k}] must be an array of ${D} numbers`);
    for (let d = 0; d < D; d++)
      if (!finite32((row as unknown[])[d]))
        fail(`coef[${k}][${d}] is ${String((row as unknown[])[d])}, expected a finite number within float32 range`);
  }
  if (!Array.isArray(intercept) || intercept.length !== K) fail(`intercept must be an array of ${K} numbers`);
  for (let k = 0; k < K; k++)
    if (!finite32((intercept as unknown[])[k]))
      fail(`intercept[${k}] is ${String((intercept as unknown[])[k])}, expected a finite number within float32 range`);
}

/** A new wasm block holding checked coef rows (each of D) and intercept; the caller owns it. */
export function uploadLinear(rt: Runtime, coef: readonly (readonly number[])[], intercept: readonly number[], D: number): number {
  const K = coef.length;
  const params = rt.heap.alloc((K * D + K) * 4);
  const f32 = rt.heap.f32;
  coef.forEach((row, k) => f32.set(row, (params >>> 2) + k * D));
  f32.set(intercept, (params >>> 2) + K * D);
  return params;
}
