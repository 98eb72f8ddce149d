// SoftmaxRegression's options: the shared solver options (solvers/options.ts) plus the model's own.

import { flag, inRange } from "../core/checks.js";
import type { Label } from "../data/labels.js";
import { resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";

export interface SoftmaxRegressionOptions extends SolverOptions {
  /** Inverse L2 strength: the penalty is ‖W‖² / (2C). Infinity means no penalty. @default 1 */
  C?: number;
  /** Learn an intercept per class (unpenalised). @default true */
  fitIntercept?: boolean;
  /** Per-class weights multiplying each row's loss; 'balanced' gives N / (K · count of the class). @default undefined (all 1) */
  classWeight?: "balanced" | Record<string, number> | Map<Label, number>;
  /** ε in [0, 1): the target becomes (1 − ε)·onehot + ε/K. @default 0 */
  labelSmoothing?: number;
}

export type ResolvedOptions = ResolvedSolverOptions & {
  C: number;
  fitIntercept: boolean;
  classWeight: SoftmaxRegressionOptions["classWeight"];
  labelSmoothing: number;
};

export function resolveOptions(o: SoftmaxRegressionOptions): ResolvedOptions {
  const solver = resolveSolverOptions(o, { solver: "lbfgs", batchSize: 64 });
  const C = o.C ?? 1;
  if (typeof C !== "number" || !(C > 0)) throw new RangeError(`C must be a number > 0 (Infinity for no penalty), got ${String(C)}`);
  return {
    ...solver,
    C,
    fitIntercept: flag("fitIntercept", o.fitIntercept ?? true),
    classWeight: o.classWeight,
    labelSmoothing: inRange("labelSmoothing", o.labelSmoothing ?? 0, 0, 1),
  };
}
