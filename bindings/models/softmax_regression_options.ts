// SoftmaxRegression's options: the shared solver options (solvers/options.ts) plus the model's own,
// and the checks fit and fromJSON both run.

import { flag, inRange } from "../core/checks.js";
import { resolveSampled, type SampledSoftmaxOptions } from "./sampled_options.js";
import type { Label } from "../data/labels.js";
import { resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";
import { inverseC } from "./linear_options.js";

/** Options of {@link SoftmaxRegression}: the solver options (defaults: lbfgs, batchSize 64, maxIter 100) plus its own. */
export interface SoftmaxRegressionOptions extends SolverOptions {
  /** Inverse L2 strength: the penalty is ‖W‖² / (2C). Infinity means no penalty. @default 1 */
  C?: number;
  /** Learn an intercept per class (unpenalised). @default true */
  fitIntercept?: boolean;
  /** Per-class weights multiplying each row's loss; 'balanced' gives N / (K · count of the class). @default undefined (all 1) */
  classWeight?: "balanced" | Record<string, number> | Map<Label, number>;
  /** ε in [0, 1): the target becomes (1 − ε)·onehot + ε/K. @default 0 */
  labelSmoothing?: number;
  /**
   * Train with sampled softmax (sgd or adam): each batch computes the true classes and `classes`
   * sampled ones instead of all K. Prediction and validation still use the full softmax.
   * @default undefined (full softmax)
   */
  sampledSoftmax?: SampledSoftmaxOptions;
}

export type ResolvedOptions = ResolvedSolverOptions & {
  C: number;
  fitIntercept: boolean;
  classWeight: SoftmaxRegressionOptions["classWeight"];
  labelSmoothing: number;
  sampledSoftmax: Required<SampledSoftmaxOptions> | undefined;
};

/** Every option value checked and defaulted. */
export function resolveOptions(o: SoftmaxRegressionOptions): ResolvedOptions {
  const solver = resolveSolverOptions(o, { solver: "lbfgs", batchSize: 64 });
  return {
    ...solver,
    C: inverseC(o.C),
    fitIntercept: flag("fitIntercept", o.fitIntercept ?? true),
    classWeight: checkClassWeightKind(o.classWeight),
    labelSmoothing: inRange("labelSmoothing", o.labelSmoothing ?? 0, 0, 1),
    sampledSoftmax: resolveSampled(o, solver.solver, o.classWeight !== undefined || (o.labelSmoothing ?? 0) !== 0),
  };
}

function checkClassWeightKind(v: unknown): SoftmaxRegressionOptions["classWeight"] {
  if (v === undefined || v === "balanced" || v instanceof Map) return v;
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, number>;
  throw new TypeError(`classWeight must be 'balanced', a Map or an object from label to weight, got ${JSON.stringify(v) ?? String(v)}`);
}
