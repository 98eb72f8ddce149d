// SoftmaxRegression's options: the shared solver options (solvers/options.ts) plus the model's own.

import { checkOptions, flag, inRange, oneOf } from "../core/checks.js";
import { SAMPLERS, type SamplerName } from "../objectives/samplers.js";
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
  /**
   * Train with sampled softmax (sgd or adam): each batch computes the true classes and `classes`
   * sampled ones instead of all K. Prediction and validation still use the full softmax.
   * @default undefined (full softmax)
   */
  sampledSoftmax?: SampledSoftmaxOptions;
}

export interface SampledSoftmaxOptions {
  /** S: sampled classes per batch, 1 ≤ S < K. */
  classes: number;
  /** @default 'log-uniform' (classes ranked by training frequency) */
  sampler?: SamplerName;
  /** unigram: P(k) ∝ count^distortion. @default 0.75 */
  distortion?: number;
  /** A sampled class that is a row's true class gets no probability. @default true */
  removeAccidentalHits?: boolean;
}

export type ResolvedOptions = ResolvedSolverOptions & {
  C: number;
  fitIntercept: boolean;
  classWeight: SoftmaxRegressionOptions["classWeight"];
  labelSmoothing: number;
  sampledSoftmax: Required<SampledSoftmaxOptions> | undefined;
};

const OPTION_NAMES: readonly string[] = [...SOLVER_OPTION_NAMES, "C", "fitIntercept", "classWeight", "labelSmoothing", "sampledSoftmax"];

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
    sampledSoftmax: resolveSampled(o, solver.solver),
  };
}

/** The sampled softmax option checked, except S < K, which fit checks once it knows K. */
function resolveSampled(o: SoftmaxRegressionOptions, solver: string): Required<SampledSoftmaxOptions> | undefined {
  if (o.sampledSoftmax === undefined) return undefined;
  const s = checkOptions("sampledSoftmax", o.sampledSoftmax, ["classes", "sampler", "distortion", "removeAccidentalHits"]);
  if (typeof s.classes !== "number" || !Number.isInteger(s.classes)) throw new TypeError(`sampledSoftmax.classes must be an integer, got ${String(s.classes)}`);
  if (s.classes < 1) throw new RangeError(`sampledSoftmax.classes must be >= 1, got ${s.classes}`);
  if (solver === "lbfgs") throw new TypeError("sampledSoftmax trains with solver 'sgd' or 'adam' (each batch draws its own classes); lbfgs needs the full softmax");
  if (o.classWeight !== undefined || (o.labelSmoothing ?? 0) !== 0) throw new TypeError("sampledSoftmax does not combine with classWeight or labelSmoothing");
  const distortion = s.distortion ?? 0.75;
  if (typeof distortion !== "number" || !(distortion > 0) || !Number.isFinite(distortion)) throw new RangeError(`sampledSoftmax.distortion must be a finite number > 0, got ${String(distortion)}`);
  return {
    classes: s.classes,
    sampler: oneOf("sampledSoftmax.sampler", s.sampler ?? "log-uniform", SAMPLERS),
    distortion,
    removeAccidentalHits: flag("sampledSoftmax.removeAccidentalHits", s.removeAccidentalHits ?? true),
  };
}

function checkClassWeightKind(v: unknown): SoftmaxRegressionOptions["classWeight"] {
  if (v === undefined || v === "balanced" || v instanceof Map) return v;
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, number>;
  throw new TypeError(`classWeight must be 'balanced', a Map or an object from label to weight, got ${JSON.stringify(v) ?? String(v)}`);
}
