// The options of every solver, declared once and shared by every model that trains. Models may
// choose their own defaults where scikit-learn's LogisticRegression and MLPClassifier differ
// (solver, batchSize, learningRate, momentum, maxIter, nIterNoChange: SolverDefaults); everything
// else defaults the same way everywhere.

import { checkCount } from "../core/input.js";
import { flag, inRange, nonNegative, oneOf, positive } from "../core/checks.js";

/** lbfgs: full-batch L-BFGS to the optimum; sgd: mini-batch SGD with momentum; adam: mini-batch Adam. */
export type Solver = "lbfgs" | "sgd" | "adam";
export const SOLVERS: readonly Solver[] = ["lbfgs", "sgd", "adam"];

/** What onEpoch receives after each epoch or iteration. */
export interface EpochInfo {
  /** 1-based epoch (sgd, adam) or iteration (lbfgs), counted across warm-started and partial fits. */
  epoch: number;
  /** Training objective per unit of weight: (Σ weighted losses + penalty) / Σ weights. */
  loss: number;
  /** The held-out loss, with earlyStopping. */
  validationLoss?: number;
  /** The held-out accuracy, with earlyStopping. */
  validationAccuracy?: number;
  /** Seconds since fit started. */
  seconds: number;
}

/** The options of every solver, shared by every model that trains (each model may set its own defaults). */
export interface SolverOptions {
  /** The solver. @default model-specific ('lbfgs' for the linear models, 'adam' for MLPClassifier) */
  solver?: Solver;
  /** Iterations (lbfgs) or epochs (sgd, adam). @default 100 (200 for MLPClassifier) */
  maxIter?: number;
  /**
   * lbfgs: stop when max |gradient| of the objective per unit weight is at most tol; sgd/adam: the
   * least improvement of the loss (or validation loss) that resets the patience count. 0 runs maxIter.
   * @default 1e-4
   */
  tol?: number;
  /** Rows per mini-batch (sgd, adam). @default model-specific (64 for SoftmaxRegression, min(200, rows) for MLPClassifier) */
  batchSize?: number;
  /** Step size. @default 0.1 for sgd, 0.001 for adam */
  learningRate?: number;
  /** sgd: momentum in [0, 1). @default 0 (0.9 for MLPClassifier) */
  momentum?: number;
  /** adam: decay of the first moment, in [0, 1). @default 0.9 */
  beta1?: number;
  /** adam: decay of the second moment, in [0, 1). @default 0.999 */
  beta2?: number;
  /** adam: added to √v for stability. @default 1e-8 */
  epsilon?: number;
  /** Reshuffle the rows every epoch (sgd, adam). @default true */
  shuffle?: boolean;
  /** Seed for shuffling and the validation split; a fresh one each fit when undefined. @default undefined */
  randomState?: number;
  /** Hold out validationFraction of the rows (stratified), stop when its loss stops improving, keep the best weights. @default false */
  earlyStopping?: boolean;
  /** Fraction of the rows held out when earlyStopping is on, in (0, 1). @default 0.1 */
  validationFraction?: number;
  /** Epochs without an improvement of at least tol before stopping. @default 5 (10 for MLPClassifier) */
  nIterNoChange?: number;
  /** fit() continues from the current weights when classes and features match. @default false */
  warmStart?: boolean;
  /** Called after each epoch or iteration; returning false stops training. @default undefined */
  onEpoch?: (info: EpochInfo) => boolean | void;
}

/** Every key of SolverOptions, for the unknown-option check. */
export const SOLVER_OPTION_NAMES = [
  "solver",
  "maxIter",
  "tol",
  "batchSize",
  "learningRate",
  "momentum",
  "beta1",
  "beta2",
  "epsilon",
  "shuffle",
  "randomState",
  "earlyStopping",
  "validationFraction",
  "nIterNoChange",
  "warmStart",
  "onEpoch",
] as const satisfies readonly (keyof SolverOptions)[];

/** SOLVER_OPTION_NAMES followed by a model's own option names (a spec's optionNames getter). */
export function solverOptionNamesAnd(...own: string[]): readonly string[] {
  return [...SOLVER_OPTION_NAMES, ...own];
}

export type ResolvedSolverOptions = Required<Omit<SolverOptions, "randomState" | "onEpoch">> &
  Pick<SolverOptions, "randomState" | "onEpoch">;

/** The defaults a model sets for itself; the rest are the ones documented on SolverOptions. */
export interface SolverDefaults {
  solver: Solver;
  batchSize: number;
  /** @default 0.1 for sgd, 0.001 for adam */
  learningRate?: (solver: Solver) => number;
  momentum?: number;
  maxIter?: number;
  nIterNoChange?: number;
}

/** Every solver option checked and defaulted. */
export function resolveSolverOptions(o: SolverOptions, defaults: SolverDefaults): ResolvedSolverOptions {
  const solver = oneOf("solver", o.solver ?? defaults.solver, SOLVERS);
  if (o.onEpoch !== undefined && typeof o.onEpoch !== "function") throw new TypeError("onEpoch must be a function");
  if (o.randomState !== undefined && (typeof o.randomState !== "number" || !Number.isInteger(o.randomState))) {
    throw new TypeError(
      `randomState must be an integer, got ${typeof o.randomState === "string" ? JSON.stringify(o.randomState) : String(o.randomState)}`,
    );
  }
  return {
    solver,
    maxIter: checkCount("maxIter", o.maxIter ?? defaults.maxIter ?? 100),
    tol: nonNegative("tol", o.tol ?? 1e-4),
    batchSize: checkCount("batchSize", o.batchSize ?? defaults.batchSize),
    learningRate: positive("learningRate", o.learningRate ?? defaults.learningRate?.(solver) ?? (solver === "adam" ? 0.001 : 0.1)),
    momentum: inRange("momentum", o.momentum ?? defaults.momentum ?? 0, 0, 1),
    beta1: inRange("beta1", o.beta1 ?? 0.9, 0, 1),
    beta2: inRange("beta2", o.beta2 ?? 0.999, 0, 1),
    epsilon: positive("epsilon", o.epsilon ?? 1e-8),
    shuffle: flag("shuffle", o.shuffle ?? true),
    randomState: o.randomState,
    earlyStopping: flag("earlyStopping", o.earlyStopping ?? false),
    validationFraction: inRange("validationFraction", o.validationFraction ?? 0.1, Number.MIN_VALUE, 1),
    nIterNoChange: checkCount("nIterNoChange", o.nIterNoChange ?? defaults.nIterNoChange ?? 5),
    warmStart: flag("warmStart", o.warmStart ?? false),
    onEpoch: o.onEpoch,
  };
}
