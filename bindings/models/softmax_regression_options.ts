// SoftmaxRegression's options: the shared solver options (solvers/options.ts) plus the model's own.

import { checkOptions, flag, inRange } from "../core/checks.js";
import type { Label } from "../data/labels.js";
import { SOLVER_OPTION_NAMES, resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";

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

const OPTION_NAMES: readonly string[] = [...SOLVER_OPTION_NAMES, "C", "fitIntercept", "classWeight", "labelSmoothing"];

/** The options object itself: a plain object whose every key is an option of SoftmaxRegression. */
export function checkOptionNames(o: SoftmaxRegressionOptions | undefined): SoftmaxRegressionOptions {
  return checkOptions("SoftmaxRegression options", o, OPTION_NAMES);
}

/** Every option checked (names and values) and defaulted. */
export function resolveOptions(o: SoftmaxRegressionOptions): ResolvedOptions {
  checkOptionNames(o);
  const solver = resolveSolverOptions(o, { solver: "lbfgs", batchSize: 64 });
  const C = o.C ?? 1;
  if (typeof C !== "number") throw new TypeError(`C must be a number > 0 (Infinity for no penalty), got ${JSON.stringify(C) ?? String(C)}`);
  if (!(C > 0)) throw new RangeError(`C must be a number > 0 (Infinity for no penalty), got ${C}`);
  return {
    ...solver,
    C,
    fitIntercept: flag("fitIntercept", o.fitIntercept ?? true),
    classWeight: checkClassWeightKind(o.classWeight),
    labelSmoothing: inRange("labelSmoothing", o.labelSmoothing ?? 0, 0, 1),
  };
}

function checkClassWeightKind(v: unknown): SoftmaxRegressionOptions["classWeight"] {
  if (v === undefined || v === "balanced" || v instanceof Map) return v;
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, number>;
  throw new TypeError(`classWeight must be 'balanced', a Map or an object from label to weight, got ${JSON.stringify(v) ?? String(v)}`);
}
