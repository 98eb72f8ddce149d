// The stochastic solver: epochs of mini-batch steps (step_rules.ts) over training data resident in
// wasm memory, optionally reshuffled each epoch, with the stopping rules of scikit-learn's
// stochastic solvers: stop after nIterNoChange epochs whose loss (or validation loss, with early
// stopping) did not improve by tol, or at maxIter. With a validation score, the best weights seen
// are restored at the end. A non-finite loss, weight or optimizer state is divergence:
// TrainingDivergedError, carrying the last finite weights as the model describes them.

import type { Runtime } from "../runtime/runtime.js";
import type { Objective } from "../objectives/objective.js";
import type { TrainingData } from "../objectives/training_data.js";
import { paramsFinite, penalizedSquares, readParams, writeParams } from "../objectives/params.js";
import { shuffle } from "../core/random.js";
import { TrainingDivergedError } from "../core/errors.js";
import type { StepRule } from "./step_rules.js";
import type { EpochInfo, Solver } from "./options.js";
import type { FitResult } from "./full_batch.js";

export interface StochasticOptions {
  /** For messages. */
  solver: Solver;
  learningRate: number;
  maxIter: number;
  tol: number;
  batchSize: number;
  nIterNoChange: number;
  /** Uniform [0, 1) numbers for shuffling; null keeps the data's order. */
  shuffle: (() => number) | null;
  /** λ of the L2 penalty (0 for none); each step adds (λ / N)·θ to the mean batch gradient. */
  penalty: number;
  /** Σ of the row weights (sample × class weights), > 0. */
  weightSum: number;
  /** Mean loss and accuracy on held-out rows at the current parameters; the stopping score when given. */
  validate?: (() => { loss: number; accuracy: number }) | undefined;
  onEpoch?: ((info: EpochInfo) => boolean | void) | undefined;
  /** Epochs already run by earlier fits (partialFit, warm start), for EpochInfo.epoch. */
  epochOffset: number;
  /** Losses of earlier fits, continued. */
  lossCurve: readonly number[];
  /** The model's saved form of given parameters, for TrainingDivergedError.lastFinite. */
  snapshot: (params: Float32Array, epochs: number, lossCurve: number[]) => unknown;
  started: number;
}

export function fitStochastic(rt: Runtime, objective: Objective, data: TrainingData, step: StepRule, o: StochasticOptions): FitResult {
  const decay = o.penalty / data.rows;
  const lossCurve = [...o.lossCurve];
  let best = Infinity;
  let bestParams: Float32Array | null = null;
  let stale = 0;
  let epochs = 0;
  let lastGood = readParams(rt, objective.params, new Float32Array(objective.paramCount));
  const order = o.shuffle ? Int32Array.from({ length: data.rows }, (_, i) => i) : null;
  let stopped: "tol" | "callback" | null = null;
  for (let epoch = 1; epoch <= o.maxIter; epoch++) {
    if (order) shuffle(order, o.shuffle!);
    const total = runEpoch(objective, data, step, order, o.batchSize, decay);
    if (!Number.isFinite(total) || !paramsFinite(rt, objective) || !step.finite()) {
      const what = !Number.isFinite(total) ? `the loss became ${total}` : "the weights or the optimizer state overflowed";
      throw new TrainingDivergedError(
        `${o.solver}: ${what} in epoch ${epoch}; lower learningRate (now ${o.learningRate}) or scale the features`,
        o.snapshot(lastGood, epochs, lossCurve),
      );
    }
    lastGood = readParams(rt, objective.params, lastGood);
    epochs = epoch;
    const loss = (total + 0.5 * o.penalty * penalizedSquares(rt, objective)) / o.weightSum;
    lossCurve.push(loss);
    const info: EpochInfo = { epoch: o.epochOffset + epoch, loss, seconds: (Date.now() - o.started) / 1000 };
    let score = loss;
    if (o.validate) {
      const v = o.validate();
      info.validationLoss = v.loss;
      info.validationAccuracy = v.accuracy;
      score = v.loss;
    }
    if (score < best - o.tol) {
      best = score;
      stale = 0;
      if (o.validate) bestParams = readParams(rt, objective.params, bestParams ?? new Float32Array(objective.paramCount));
    } else {
      stale++;
    }
    if (o.onEpoch?.(info) === false) {
      stopped = "callback";
      break;
    }
    if (o.tol > 0 && stale >= o.nIterNoChange) {
      stopped = "tol";
      break;
    }
  }
  if (bestParams) writeParams(rt, objective.params, bestParams);
  // With tol = 0 the caller asked for exactly maxIter epochs; with tol > 0, running out of them
  // means the loss was still improving: not converged, and said so as lbfgs says it.
  const converged = stopped !== null || o.tol === 0;
  if (!converged) {
    console.warn(
      `wasmax: ${o.solver} did not converge in ${o.maxIter} epochs ` +
        `(the ${o.validate ? "validation " : ""}loss still improved by more than ` +
        `tol = ${o.tol} within ${o.nIterNoChange} epochs); raise maxIter, or raise tol to stop sooner`,
    );
  }
  return { nIter: epochs, lossCurve, converged };
}

/**
 * One pass over the rows (in `order`, or as stored) in batches, stepping after each. Returns Σ of
 * the weighted batch losses, each measured before its step; NaN as soon as one is not finite.
 */
function runEpoch(
  objective: Objective,
  data: TrainingData,
  step: StepRule,
  order: Int32Array | null,
  batchSize: number,
  decay: number,
): number {
  const lazy = objective.lazyPenalty;
  if (lazy) lazy.shrink = 1 - step.learningRate * decay;
  let total = 0;
  for (let from = 0; from < data.rows; from += batchSize) {
    const n = Math.min(batchSize, data.rows - from);
    const batch = order ? data.gather(order, from, n) : data.slice(from, n);
    const loss = objective.lossGrad(batch, 1 / n, false);
    if (!Number.isFinite(loss)) return NaN;
    total += loss;
    step.begin();
    if (objective.touched) {
      for (const run of objective.touched()) step.applyRun(objective, run.param, run.grad, run.length, run.penalized ? decay : 0);
    } else {
      for (const group of objective.groups) step.apply(objective, group, group.penalized ? decay : 0);
    }
  }
  lazy?.settle();
  return total;
}
