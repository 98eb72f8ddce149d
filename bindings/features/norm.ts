// Row normalisation shared by the vectorizers, as sklearn.preprocessing.normalize: each row divided by
// its l2 norm (sqrt of the sum of squares) or l1 norm (sum of absolute values), accumulated in float64;
// a row whose norm is 0 (an empty row) is left as it is.

import { describeValue } from "../core/checks.js";

/** How rows are normalised: "l2", "l1" or null (not at all). */
export type Norm = "l2" | "l1" | null;

/** `v` checked as a Norm; `name` names the option in errors. */
export function checkNorm(name: string, v: unknown): Norm {
  if (v === null || v === "l2" || v === "l1") return v;
  throw new (typeof v === "string" ? RangeError : TypeError)(`${name} must be 'l2', 'l1' or null, got ${describeValue(v)}`);
}

/** What to divide values[from .. to) by: its norm, or 1 when norm is null or the norm is 0. */
export function normDivisor(values: Float32Array | Float64Array, from: number, to: number, norm: Norm): number {
  if (norm === null) return 1;
  let sum = 0;
  if (norm === "l2") for (let k = from; k < to; k++) sum += values[k]! * values[k]!;
  else for (let k = from; k < to; k++) sum += Math.abs(values[k]!);
  const divisor = norm === "l2" ? Math.sqrt(sum) : sum;
  return divisor > 0 ? divisor : 1;
}
