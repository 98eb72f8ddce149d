// The full-batch solver: L-BFGS (lbfgs.ts) on the whole objective
//   f(θ) = (Σ_i s_i · loss_i(θ) + (λ/2)·‖θ_penalized‖²) / Σ_i s_i,
// summed over the data in chunks of the data's batchRows rows (FULL_BATCH_ROWS per thread), with
// the gradient in f64. This is scikit-learn's LogisticRegression objective divided by the total
// weight, so `tol` means the same thing whatever the data size.

import type { Runtime } from "../runtime/runtime.js";
import type { Objective } from "../objectives/objective.js";
import type { TrainingData } from "../objectives/training_data.js";
import { readParams, writeParams } from "../objectives/params.js";
import { TrainingDivergedError } from "../core/errors.js";
import { lbfgs } from "./lbfgs.js";
import type { EpochInfo } from "./options.js";

/** Rows per pass of the full-data objective: enough to amortise calls, small enough to stay in cache. */
export const FULL_BATCH_ROWS = 1024;

export interface FullBatchOptions {
  maxIter: number;
  tol: number;
  /** λ of the L2 penalty (0 for none). */
  penalty: number;
  /** Σ of the row weights (sample × class weights), > 0. */
  weightSum: number;
  onEpoch?: ((info: EpochInfo) => boolean | void) | undefined;
  /** Date.now() when the fit started, for EpochInfo.seconds. */
  started: number;
}

export interface FitResult {
  /** Iterations or epochs run by this call. */
  nIter: number;
  lossCurve: number[];
  converged: boolean;
}

/** Minimises the objective from its current parameters; leaves the solution in its parameter block. */
export function fitFullBatch(rt: Runtime, objective: Objective, data: TrainingData, o: FullBatchOptions): FitResult {
  const x0 = readParams(rt, objective.params, new Float64Array(objective.paramCount));
  const result = lbfgs(fullObjective(rt, objective, data, o.penalty, o.weightSum), x0, {
    maxIter: o.maxIter,
    tol: o.tol,
    onIteration: (iteration, value) => {
      if (!Number.isFinite(value)) return false;
      return o.onEpoch?.({ epoch: iteration, loss: value, seconds: (Date.now() - o.started) / 1000 });
    },
  });
  if (!Number.isFinite(result.value)) {
    throw new TrainingDivergedError("lbfgs: the loss is not finite; check the features for huge values or scale them", null);
  }
  if (result.reason === "max iterations") {
    console.warn(
      `wasmax: lbfgs did not converge in ${o.maxIter} iterations (max |gradient| above tol = ${o.tol}); ` +
        "raise maxIter or scale the features",
    );
  } else if (result.reason === "line search") {
    console.warn(
      `wasmax: lbfgs stopped after ${result.iterations} iterations without converging: the line search found no step that lowers ` +
        `the loss (max |gradient| above tol = ${o.tol}). Features of very different scales cause this: standardise them (StandardScaler)`,
    );
  }
  writeParams(rt, objective.params, result.x);
  return { nIter: result.iterations, lossCurve: result.history, converged: result.converged };
}

/** f(θ) and its gradient, as L-BFGS calls it: θ is written to wasm memory, the gradient read back in f64. */
export function fullObjective(rt: Runtime, objective: Objective, data: TrainingData, penalty: number, weightSum: number) {
  return (theta: Float64Array, grad: Float64Array): number => {
    writeParams(rt, objective.params, theta);
    let value = 0;
    for (let from = 0; from < data.rows; from += data.batchRows) {
      const n = Math.min(data.batchRows, data.rows - from);
      value += objective.lossGrad(data.slice(from, n), 1, from > 0);
    }
    const f32 = rt.heap.f32;
    const at = objective.grads >>> 2;
    grad.fill(0);
    for (const g of objective.groups) {
      for (let i = g.start; i < g.end; i++) grad[i] = f32[at + i]!;
    }
    for (const g of objective.groups) {
      if (!g.penalized) continue;
      for (let i = g.start; i < g.end; i++) {
        value += 0.5 * penalty * theta[i]! * theta[i]!;
        grad[i]! += penalty * theta[i]!;
      }
    }
    for (let i = 0; i < grad.length; i++) grad[i]! /= weightSum;
    return value / weightSum;
  };
}
