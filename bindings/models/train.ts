// The training run every model makes: hold out a validation split (stochastic solvers with early
// stopping), upload the data once, build the model's objective, set its starting parameters, run
// the solver the options name, and hand back the trained parameter block with the optimizer state.
// A SparseMatrix is uploaded as CSR; its objective then keeps the first layer's gradient for the
// features a batch touches (stochastic solvers) or dense (L-BFGS), and the fit stays on this thread.
// Everything is allocated here and freed here; the caller commits the result or, on any error,
// is left exactly as it was.

import type { Runtime } from "../runtime/runtime.js";
import type { Matrix } from "../core/input.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import { random, seedOf } from "../core/random.js";
import { totalWeight } from "../data/class_weights.js";
import { pickEntries, pickRows, stratifiedHoldout } from "../data/holdout.js";
import { TrainingData } from "../objectives/training_data.js";
import type { Objective } from "../objectives/objective.js";
import type { ShardableObjective, ThreadedObjective } from "../objectives/threaded.js";
import { splits } from "../objectives/shard_rule.js";
import { threadLimit } from "../runtime/scratch.js";
import { FULL_BATCH_ROWS, fitFullBatch, type FitResult } from "../solvers/full_batch.js";
import { fitStochastic } from "../solvers/stochastic.js";
import { StepRule, UPDATE_RULES, stepRuleOptions, type OptimizerState } from "../solvers/step_rules.js";
import type { ResolvedSolverOptions } from "../solvers/options.js";

/**
 * Checked training data: features, class-index labels (which the validation split stratifies by
 * and class weights apply to), optional 0/1 target rows for multi-label heads (rows × labels;
 * their labels are then all 0), optional row and class weights.
 */
export interface TrainingSet {
  X: Matrix | SparseMatrix;
  labels: Int32Array;
  targets?: Float32Array;
  sampleWeights: Float32Array | null;
  classWeights: Float32Array | null;
}

/** An objective whose trained parameter block can be handed over. */
export type OwnedObjective = Objective & { takeParams(): number };

export interface TrainPlan {
  opts: ResolvedSolverOptions;
  set: TrainingSet;
  /** λ of the L2 penalty for this solver and training-set size. */
  penalty: number | ((trainRows: number) => number);
  /**
   * The model's objective for batches of up to `batchRows` rows; with `sharedParams`, one that
   * computes with that parameter block (a thread's shard; see objectives/threaded.ts).
   */
  objective(batchRows: number, sharedParams?: number, sparse?: { nnz: number; steps: boolean }): OwnedObjective;
  /** Writes the starting parameters (warm start or fresh initialisation). */
  init(objective: OwnedObjective): void;
  /** Mean loss and accuracy at the parameters at byte offset `params`, on held-out rows. */
  evaluate(params: number, validation: HeldOutRows): { loss: number; accuracy: number };
  /** The model's saved form of some parameters, for TrainingDivergedError.lastFinite. */
  snapshot(params: Float32Array, epochs: number, lossCurve: number[]): unknown;
  /** The fit this one continues (partialFit): its epoch count, loss curve and optimizer state. */
  continued: { nIter: number; lossCurve: readonly number[]; optimizer: OptimizerState | null } | null;
}

/** Held-out rows of a validation split. */
export interface HeldOutRows {
  X: Matrix | SparseMatrix;
  labels: Int32Array;
  targets?: Float32Array;
}

export interface Trained {
  params: number;
  nIter: number;
  lossCurve: number[];
  converged: boolean;
  optimizer: OptimizerState | null;
}

export function train(rt: Runtime, plan: TrainPlan): Trained {
  const { opts, set, continued } = plan;
  const started = Date.now();
  const stochastic = opts.solver !== "lbfgs";
  const next = random(seedOf(opts.randomState));
  const split = stochastic && opts.earlyStopping ? stratifiedHoldout(set.labels, opts.validationFraction, next) : null;
  const trainX = split ? inputRows(set.X, split.train) : set.X;
  const trainLabels = split ? pickEntries(set.labels, split.train) : set.labels;
  const trainWeights = split && set.sampleWeights ? pickEntries(set.sampleWeights, split.train) : set.sampleWeights;
  const width = set.targets ? set.targets.length / Math.max(1, set.X.rows) : 0;
  const pickTargets = (rows: Int32Array): Float32Array => pickRows({ data: set.targets!, cols: width }, rows);
  const trainTargets = set.targets ? (split ? pickTargets(split.train) : set.targets) : trainLabels;
  const weightSum = totalWeight(trainLabels, trainWeights, set.classWeights);
  const penalty = typeof plan.penalty === "number" ? plan.penalty : plan.penalty(trainX.rows);
  let data: TrainingData | undefined;
  let objective: OwnedObjective | undefined;
  let step: StepRule | undefined;
  try {
    // Full-batch passes give each thread FULL_BATCH_ROWS rows.
    const threads = rt.pool?.ready() ? threadLimit(rt.pool.size) : 1;
    data = new TrainingData(rt, trainX, trainTargets, trainWeights, stochastic ? opts.batchSize : FULL_BATCH_ROWS * threads);
    const sparse = isSparseMatrix(trainX) ? { nnz: data.maxBatchNnz, steps: stochastic } : undefined;
    objective = sparse ? plan.objective(data.batchRows, undefined, sparse) : buildObjective(rt, plan, data.batchRows, threads);
    plan.init(objective);
    let result: FitResult;
    if (!stochastic) {
      result = fitFullBatch(rt, objective, data, {
        maxIter: opts.maxIter,
        tol: opts.tol,
        penalty,
        weightSum,
        onEpoch: opts.onEpoch,
        started,
      });
    } else {
      step = new StepRule(
        rt,
        objective.paramCount,
        stepRuleOptions(opts.solver as keyof typeof UPDATE_RULES, opts),
        continued?.optimizer ?? null,
      );
      const validation = split
        ? {
            X: inputRows(set.X, split.validation),
            labels: pickEntries(set.labels, split.validation),
            ...(set.targets ? { targets: pickTargets(split.validation) } : {}),
          }
        : null;
      const params = objective.params;
      result = fitStochastic(rt, objective, data, step, {
        solver: opts.solver,
        learningRate: opts.learningRate,
        maxIter: opts.maxIter,
        tol: opts.tol,
        batchSize: opts.batchSize,
        nIterNoChange: opts.nIterNoChange,
        shuffle: opts.shuffle ? next : null,
        penalty,
        weightSum,
        validate: validation ? () => plan.evaluate(params, validation) : undefined,
        onEpoch: opts.onEpoch,
        epochOffset: continued?.nIter ?? 0,
        lossCurve: continued?.lossCurve ?? [],
        started,
        snapshot: plan.snapshot,
      });
    }
    const optimizer = step?.take() ?? null;
    return {
      params: objective.takeParams(),
      nIter: (continued?.nIter ?? 0) + result.nIter,
      lossCurve: result.lossCurve,
      converged: result.converged,
      optimizer,
    };
  } finally {
    step?.dispose();
    objective?.dispose();
    data?.dispose();
  }
}

/**
 * The threaded objective's class: set by the thread code when init() loads it to start threads
 * (entries/threads.ts), so that an app on one thread never downloads it.
 */
let Threaded: typeof ThreadedObjective | undefined;

export function setThreadedObjective(value: typeof ThreadedObjective): void {
  Threaded = value;
}

/**
 * The plan's objective, threaded when worker threads run and the objective is dense (a sampled
 * output layer's sparse steps stay on the calling thread). Threaded, the model's objective holds
 * scratch for one thread's share of a batch, not the whole batch (memory proportional to a thread's work).
 */
function buildObjective(rt: Runtime, plan: TrainPlan, batchRows: number, threads: number): OwnedObjective {
  if (Threaded && rt.pool && threads > 1 && splits(batchRows, Infinity, SHARD_RULE)) {
    const shareRows = Math.min(batchRows, 2 * Math.ceil(batchRows / threads / 2));
    const share = plan.objective(shareRows);
    if ((share as Partial<ShardableObjective>).pass && splits(batchRows, share.paramCount, SHARD_RULE)) {
      const make = (rows: number, shared?: number) => plan.objective(rows, shared) as ShardableObjective;
      return new Threaded(rt, rt.pool, make, batchRows, SHARD_RULE, share as ShardableObjective, shareRows);
    }
    share.dispose();
  }
  return plan.objective(batchRows);
}

/**
 * What a thread's shard needs before a batch is split, from bench/threads.js (2 threads, AMD EPYC):
 * 128-row shards paid 1.43–1.75× (MNIST's 784 → 10 model and the 784-128-10 MLP at batch 256),
 * 64-row shards of the MLP 1.44–1.68×; 32-row shards of the MLP (batch 64) gained 0.94–1.6× in
 * runs made before this rule, too little and too unsteady to count on. The work bound keeps tiny
 * models (a few thousand parameters) on one thread.
 */
const SHARD_RULE = { rows: 64, work: 500_000 };

/** Rows `rows` of X, in order: dense rows as a matrix, sparse rows as a SparseMatrix. */
function inputRows(X: Matrix | SparseMatrix, rows: Int32Array): Matrix | SparseMatrix {
  return isSparseMatrix(X) ? X.selectRows(rows) : { data: pickRows(X, rows), rows: rows.length, cols: X.cols };
}
