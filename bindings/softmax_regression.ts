// SoftmaxRegression: multinomial logistic regression with scikit-learn's contract and objective,
//   Σ_i s_i · c_{y_i} · CE_i  +  ‖W‖² / (2C),   intercept unpenalised,
// trained by L-BFGS (to scikit-learn's optimum), mini-batch SGD with momentum, or Adam.
//
// State: the fitted parameters live in wasm memory ([W | b], W class-major K × D). A call that
// fails (bad input, divergence) leaves the model exactly as it was: training runs on its own buffers
// and is committed only at the end.

import { runtime, type Runtime } from "./runtime.js";
import { checkCount, copyOut, copyRows, toMatrix, toVector, type Matrix, type MatrixInput } from "./input.js";
import { after, regionBytes } from "./layout.js";
import { acquire, ready, rowsPerChunk, settle } from "./scratch.js";
import { encodeLabels, uniqueLabels, type Label, type LabelsInput } from "./labels.js";
import { NotFittedError, DisposedError, TrainingDivergedError } from "./errors.js";
import { TrainingSession, readParams, type OptimizerState, type StepRule } from "./training.js";
import { lbfgs } from "./lbfgs.js";
import { random, seedOf, shuffle } from "./random.js";
import { modelJSON, parseModelJSON, type SoftmaxRegressionJSON } from "./model_json.js";

export type Solver = "lbfgs" | "sgd" | "adam";

export interface EpochInfo {
  /** 1-based epoch (sgd, adam) or iteration (lbfgs). */
  epoch: number;
  /** Training objective per unit of weight: (Σ weighted losses + ‖W‖²/(2C)) / Σ weights. */
  loss: number;
  validationLoss?: number;
  validationAccuracy?: number;
  /** Seconds since fit started. */
  seconds: number;
}

export interface SoftmaxRegressionOptions {
  /** Inverse L2 strength (default 1); Infinity means no penalty. */
  C?: number;
  fitIntercept?: boolean;
  solver?: Solver;
  /** Iterations (lbfgs) or epochs (sgd, adam); default 100. */
  maxIter?: number;
  /** lbfgs: max |gradient| of the objective per unit weight; sgd/adam: least loss improvement; 0 runs maxIter. Default 1e-4. */
  tol?: number;
  batchSize?: number;
  /** Default 0.1 for sgd, 0.001 for adam. */
  learningRate?: number;
  /** sgd only; default 0. */
  momentum?: number;
  classWeight?: "balanced" | Record<string, number> | Map<Label, number>;
  labelSmoothing?: number;
  shuffle?: boolean;
  randomState?: number;
  earlyStopping?: boolean;
  validationFraction?: number;
  nIterNoChange?: number;
  warmStart?: boolean;
  onEpoch?: (info: EpochInfo) => boolean | void;
}

export type Resolved = Required<Omit<SoftmaxRegressionOptions, "classWeight" | "randomState" | "onEpoch" | "learningRate">> &
  Pick<SoftmaxRegressionOptions, "classWeight" | "randomState" | "onEpoch"> & { learningRate: number };

export interface FitOptions {
  /** One non-negative weight per row. */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /** Feature count, required when X is a typed array. */
  features?: number;
}

export interface PartialFitOptions {
  /** Every class the model will ever see; required on the first call. */
  classes?: readonly Label[];
  features?: number;
}

interface Fitted {
  classes: Label[];
  features: number;
  params: number;
  nIter: number;
  lossCurve: number[];
  converged: boolean;
  optimizer: OptimizerState | null;
  adamT: number;
}

/**
 * Frees a collected model's wasm memory if its owner never called dispose(). Runtimes without
 * FinalizationRegistry (workerd) rely on dispose() alone.
 */
const leaks = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry<{ rt: Runtime; ptrs: number[] }>(({ rt, ptrs }) => {
    for (const ptr of ptrs) rt.heap.release(ptr);
  })
  : undefined;

export class SoftmaxRegression {
  readonly options: SoftmaxRegressionOptions;
  private fitted: Fitted | null = null;
  private disposed = false;

  constructor(options: SoftmaxRegressionOptions = {}) {
    this.options = { ...options };
  }

  // ---- fitted attributes ----

  get classes(): Label[] {
    return [...this.state().classes];
  }

  /** Coefficients, classes × features. */
  get coef(): number[][] {
    const { classes, features, params } = this.state();
    const f32 = runtime().heap.f32;
    return classes.map((_, k) => Array.from(f32.subarray((params >>> 2) + k * features, (params >>> 2) + (k + 1) * features)));
  }

  get intercept(): number[] {
    const { classes, features, params } = this.state();
    const at = (params >>> 2) + classes.length * features;
    return Array.from(runtime().heap.f32.subarray(at, at + classes.length));
  }

  get nIter(): number {
    return this.state().nIter;
  }

  get lossCurve(): number[] {
    return [...this.state().lossCurve];
  }

  get nFeatures(): number {
    return this.state().features;
  }

  private state(): Fitted {
    if (this.disposed) throw new DisposedError("this SoftmaxRegression was disposed; create or load a new one");
    if (!this.fitted) throw new NotFittedError("this SoftmaxRegression is not fitted yet: call fit(X, y) first");
    return this.fitted;
  }

  // ---- training ----

  fit(X: MatrixInput, y: LabelsInput, fitOptions: FitOptions = {}): this {
    if (this.disposed) this.state();
    const opts = resolve(this.options);
    const rt = ready();
    const matrix = features("X", X, fitOptions.features);
    checkFinite(matrix);
    const classes = uniqueLabels("y", y);
    if ((y as ArrayLike<Label>).length !== matrix.rows) {
      throw new RangeError(`X has ${matrix.rows} rows but y has ${(y as ArrayLike<Label>).length} labels`);
    }
    if (classes.length < 2) {
      throw new RangeError(`y has a single class (${JSON.stringify(classes[0])}): a classifier needs at least two`);
    }
    const labels = encodeLabels("y", y, classes);
    const sampleWeights = fitOptions.sampleWeight === undefined ? null : toVector("sampleWeight", fitOptions.sampleWeight, matrix.rows, "one per row of X");
    const classWeights = resolveClassWeights(opts.classWeight, classes, labels);
    const warm = opts.warmStart && this.fitted && sameClasses(this.fitted.classes, classes) && this.fitted.features === matrix.cols ? this.fitted : null;

    const started = Date.now();
    const next = opts.solver === "lbfgs"
      ? this.fitLbfgs(rt, opts, matrix, labels, sampleWeights, classWeights, classes, warm, started)
      : this.fitStochastic(rt, opts, matrix, labels, sampleWeights, classWeights, classes, warm, started, null);
    this.commit(rt, next);
    return this;
  }

  /**
   * One epoch of the sgd or adam solver over (X, y) in the given order (shuffled when `shuffle` is
   * set), continuing from the current weights and optimizer state. Streaming chunks through
   * partialFit runs the same steps as one fit epoch over the chunks in sequence (with C = Infinity;
   * with a penalty, each call's share uses that call's row count).
   */
  partialFit(X: MatrixInput, y: LabelsInput, options: PartialFitOptions = {}): this {
    if (this.disposed) this.state();
    const opts = resolve(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const current = this.fitted;
    let classes: Label[];
    if (current) {
      classes = current.classes;
      if (options.classes !== undefined && !sameClasses(uniqueLabels("classes", options.classes), classes)) {
        throw new RangeError("partialFit: classes differ from the ones this model was trained with");
      }
    } else {
      if (options.classes === undefined) throw new TypeError("partialFit: pass { classes } (every label the model will see) on the first call");
      classes = uniqueLabels("classes", options.classes);
      if (classes.length < 2) throw new RangeError("partialFit: classes must hold at least two labels");
    }
    const matrix = features("X", X, ArrayBuffer.isView(X) ? (current ? current.features : options.features) : undefined);
    if (current && matrix.cols !== current.features) {
      throw new RangeError(`X has ${matrix.cols} features, but the model was trained with ${current.features}`);
    }
    checkFinite(matrix);
    if ((y as ArrayLike<Label>).length !== matrix.rows) {
      throw new RangeError(`X has ${matrix.rows} rows but y has ${(y as ArrayLike<Label>).length} labels`);
    }
    const labels = encodeLabels("y", y, classes);
    const classWeights = resolveClassWeights(opts.classWeight, classes, labels);
    const next = this.fitStochastic(rt, { ...opts, maxIter: 1, earlyStopping: false, tol: 0 }, matrix, labels, null, classWeights, classes, current, Date.now(), current);
    this.commit(rt, next);
    return this;
  }

  private commit(rt: Runtime, next: Fitted): void {
    this.release(rt);
    this.fitted = next;
    leaks?.register(this, { rt, ptrs: ownedBlocks(next) }, this);
  }

  private release(rt: Runtime): void {
    if (!this.fitted) return;
    leaks?.unregister(this);
    for (const ptr of ownedBlocks(this.fitted)) rt.heap.release(ptr);
    this.fitted = null;
  }

  private fitLbfgs(
    rt: Runtime, opts: Resolved, X: Matrix, labels: Int32Array, sampleWeights: Float32Array | null,
    classWeights: Float32Array | null, classes: Label[], warm: Fitted | null, started: number,
  ): Fitted {
    const K = classes.length;
    const D = X.cols;
    const session = new TrainingSession(rt, { X, labels, sampleWeights, classWeights, classes: K }, {
      fitIntercept: opts.fitIntercept, labelSmoothing: opts.labelSmoothing, batchSize: 1,
    });
    try {
      const weightSum = totalWeight(labels, sampleWeights, classWeights);
      const penalty = Number.isFinite(opts.C) ? 1 / opts.C : 0;
      const x0 = new Float64Array(session.paramCount);
      if (warm) readParams(rt, warm.params, x0);
      const objective = (theta: Float64Array, grad: Float64Array): number => {
        session.setParams(theta);
        let value = session.objective(grad);
        for (let i = 0; i < K * D; i++) {
          value += 0.5 * penalty * theta[i]! * theta[i]!;
          grad[i]! += penalty * theta[i]!;
        }
        for (let i = 0; i < grad.length; i++) grad[i]! /= weightSum;
        return value / weightSum;
      };
      const result = lbfgs(objective, x0, {
        maxIter: opts.maxIter,
        tol: opts.tol,
        onIteration: (iteration, value) => {
          if (!Number.isFinite(value)) return false;
          return opts.onEpoch?.({ epoch: iteration, loss: value, seconds: (Date.now() - started) / 1000 });
        },
      });
      if (!Number.isFinite(result.value)) {
        throw new TrainingDivergedError("lbfgs: the loss is not finite; check the features for huge values or scale them", null);
      }
      if (result.reason === "max iterations") {
        console.warn(`wasmax: lbfgs did not converge in ${opts.maxIter} iterations (max |gradient| above tol = ${opts.tol}); raise maxIter or scale the features`);
      }
      session.setParams(result.x);
      return { classes, features: D, params: session.takeParams(), nIter: result.iterations, lossCurve: result.history, converged: result.converged, optimizer: null, adamT: 0 };
    } finally {
      session.dispose();
    }
  }

  private fitStochastic(
    rt: Runtime, opts: Resolved, X: Matrix, labels: Int32Array, sampleWeights: Float32Array | null,
    classWeights: Float32Array | null, classes: Label[], warm: Fitted | null, started: number,
    continued: Fitted | null,
  ): Fitted {
    const K = classes.length;
    const D = X.cols;
    const next = random(seedOf(opts.randomState));
    const split = opts.earlyStopping ? validationSplit(labels, opts.validationFraction, next) : null;
    const trainRows = split ? split.train : null;
    const trainX = trainRows ? subsetRows(X, trainRows) : X;
    const trainLabels = trainRows ? pick(labels, trainRows) : labels;
    const trainWeights = trainRows && sampleWeights ? pick(sampleWeights, trainRows) : sampleWeights;
    const session = new TrainingSession(rt, { X: trainX, labels: trainLabels, sampleWeights: trainWeights, classWeights, classes: K }, {
      fitIntercept: opts.fitIntercept, labelSmoothing: opts.labelSmoothing, batchSize: opts.batchSize,
    });
    try {
      if (warm) session.setParams(readParams(rt, warm.params, new Float32Array(session.paramCount)));
      if (continued?.optimizer) {
        // The session takes the state over; on failure the old model must keep a copy of its own.
        session.adoptState(copyState(rt, continued.optimizer, session.paramCount));
      }
      const step: StepRule = opts.solver === "adam"
        ? { kind: "adam", learningRate: opts.learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, t: continued?.adamT ?? 0 }
        : { kind: "sgd", learningRate: opts.learningRate, momentum: opts.momentum };
      const N = session.rows;
      const weightSum = totalWeight(trainLabels, trainWeights, classWeights);
      const penalty = Number.isFinite(opts.C) ? 1 / opts.C : 0;
      const decay = penalty / N;
      const lossCurve: number[] = continued ? [...continued.lossCurve] : [];
      const validation = split ? makeValidation(X, labels, split.validation) : null;
      let best = Infinity;
      let bestParams: Float32Array | null = null;
      let stale = 0;
      let epochs = 0;
      let lastGood = session.getParams();
      const order = opts.shuffle ? Int32Array.from({ length: N }, (_, i) => i) : null;
      for (let epoch = 1; epoch <= opts.maxIter; epoch++) {
        if (order) shuffle(order, next);
        const total = session.epoch(order, step, opts.batchSize, decay);
        if (!Number.isFinite(total) || !session.paramsFinite()) {
          throw new TrainingDivergedError(
            `${opts.solver}: ${Number.isFinite(total) ? "the weights overflowed" : "the loss became " + total} in epoch ${epoch}; ` +
              `lower learningRate (now ${opts.learningRate}) or scale the features`,
            modelJSON(opts, classes, D, lastGood, epochs, lossCurve, false),
          );
        }
        lastGood = session.getParams(lastGood);
        epochs = epoch;
        const loss = (total + 0.5 * penalty * session.weightSquares()) / weightSum;
        lossCurve.push(loss);
        const info: EpochInfo = { epoch: (continued?.nIter ?? 0) + epoch, loss, seconds: (Date.now() - started) / 1000 };
        let score = loss;
        if (validation) {
          const v = evaluate(rt, session.params, validation, D, K, opts.fitIntercept);
          info.validationLoss = v.loss;
          info.validationAccuracy = v.accuracy;
          score = v.loss;
        }
        if (score < best - opts.tol) {
          best = score;
          stale = 0;
          if (validation) bestParams = session.getParams(bestParams ?? undefined);
        } else {
          stale++;
        }
        if (opts.onEpoch?.(info) === false) break;
        if (opts.tol > 0 && stale >= opts.nIterNoChange) break;
      }
      if (bestParams) session.setParams(bestParams);
      const optimizer = session.takeState();
      return {
        classes, features: D, params: session.takeParams(), nIter: (continued?.nIter ?? 0) + epochs, lossCurve,
        converged: true, optimizer: optimizer.first ? optimizer : null, adamT: step.kind === "adam" ? step.t : 0,
      };
    } finally {
      session.dispose();
    }
  }

  // ---- prediction ----

  /** Logits X·Wᵀ + b, rows × classes. */
  decisionFunction(X: MatrixInput): Float32Array {
    return this.forward(X, null);
  }

  /** Class probabilities, rows × classes, columns in `classes` order; rows sum to 1. */
  predictProba(X: MatrixInput): Float32Array {
    return this.forward(X, "softmax");
  }

  /** Log-probabilities from log-softmax of the logits: finite where probabilities underflow. */
  predictLogProba(X: MatrixInput): Float32Array {
    return this.forward(X, "logSoftmax");
  }

  /** The most probable class of each row, as labels of the kind fit was given. */
  predict(X: MatrixInput): Label[] {
    const { classes } = this.state();
    const logits = this.forward(X, null);
    const K = classes.length;
    const out: Label[] = new Array(logits.length / K);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (logits[i * K + k]! > logits[i * K + best]!) best = k;
      out[i] = classes[best]!;
    }
    return out;
  }

  /** Accuracy on (X, y); an unknown label in y is a RangeError. */
  score(X: MatrixInput, y: LabelsInput): number {
    const { classes } = this.state();
    const truth = encodeLabels("y", y, classes);
    const predicted = encodeLabels("predictions", this.predict(X), classes);
    if (truth.length !== predicted.length) throw new RangeError(`X has ${predicted.length} rows but y has ${truth.length} labels`);
    let hits = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
    return truth.length ? hits / truth.length : NaN;
  }

  private forward(X: MatrixInput, then: "softmax" | "logSoftmax" | null): Float32Array {
    const { classes, features: D, params } = this.state();
    const rt = ready();
    const K = classes.length;
    const m = features("X", X, ArrayBuffer.isView(X) ? D : undefined);
    if (m.cols !== D) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${D}`);
    checkFinite(m);
    const out = new Float32Array(m.rows * K);
    const chunk = rowsPerChunk((D + K) * 4);
    const rows = Math.min(chunk, m.rows);
    try {
      const xAt = acquire(rt, regionBytes(rows * D * 4) + regionBytes(rows * K * 4));
      const zAt = after(xAt, rows * D * 4);
      for (let from = 0; from < m.rows; from += chunk) {
        const n = Math.min(chunk, m.rows - from);
        copyRows(m, from, from + n, rt.heap.f32, xAt >>> 2);
        rt.exports.linear(xAt, params, params + K * D * 4, zAt, n, D, K);
        if (then) rt.exports[then](zAt, zAt, n, K);
        copyOut(rt.heap.f32, zAt >>> 2, n * K, out, from * K);
      }
    } finally {
      settle(rt);
    }
    return out;
  }

  // ---- lifecycle and persistence ----

  /** Frees the model's wasm memory; later calls throw DisposedError. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    if (this.fitted) this.release(runtime());
    this.disposed = true;
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  toJSON(): SoftmaxRegressionJSON {
    const f = this.state();
    const params = readParams(runtime(), f.params, new Float32Array(f.classes.length * (f.features + 1)));
    return modelJSON(resolve(this.options), f.classes, f.features, params, f.nIter, f.lossCurve, f.converged);
  }

  static fromJSON(json: unknown): SoftmaxRegression {
    const j = parseModelJSON(json);
    const rt = ready();
    const K = j.classes.length;
    const D = j.nFeatures;
    const params = rt.heap.alloc((K * D + K) * 4);
    const f32 = rt.heap.f32;
    j.coef.forEach((row, k) => f32.set(row, (params >>> 2) + k * D));
    f32.set(j.intercept, (params >>> 2) + K * D);
    const model = new SoftmaxRegression(j.options);
    model.commit(rt, { classes: j.classes, features: D, params, nIter: j.nIter, lossCurve: j.lossCurve, converged: j.converged, optimizer: null, adamT: 0 });
    return model;
  }
}

// ---- helpers ----

function resolve(o: SoftmaxRegressionOptions): Resolved {
  const solver = o.solver ?? "lbfgs";
  if (solver !== "lbfgs" && solver !== "sgd" && solver !== "adam") throw new RangeError(`solver must be 'lbfgs', 'sgd' or 'adam', got ${String(solver)}`);
  const C = o.C ?? 1;
  if (typeof C !== "number" || !(C > 0)) throw new RangeError(`C must be a number > 0 (Infinity for no penalty), got ${String(C)}`);
  const positive = (name: string, v: number) => {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number > 0, got ${String(v)}`);
    return v;
  };
  const fraction = (name: string, v: number, lo: number, hi: number) => {
    if (typeof v !== "number" || !(v >= lo && v < hi)) throw new RangeError(`${name} must be in [${lo}, ${hi}), got ${String(v)}`);
    return v;
  };
  const tol = o.tol ?? 1e-4;
  if (typeof tol !== "number" || !(tol >= 0)) throw new RangeError(`tol must be a number >= 0, got ${String(tol)}`);
  if (o.onEpoch !== undefined && typeof o.onEpoch !== "function") throw new TypeError("onEpoch must be a function");
  return {
    C,
    fitIntercept: o.fitIntercept ?? true,
    solver,
    maxIter: checkCount("maxIter", o.maxIter ?? 100),
    tol,
    batchSize: checkCount("batchSize", o.batchSize ?? 64),
    learningRate: positive("learningRate", o.learningRate ?? (solver === "adam" ? 0.001 : 0.1)),
    momentum: fraction("momentum", o.momentum ?? 0, 0, 1),
    classWeight: o.classWeight,
    labelSmoothing: fraction("labelSmoothing", o.labelSmoothing ?? 0, 0, 1),
    shuffle: o.shuffle ?? true,
    randomState: o.randomState,
    earlyStopping: o.earlyStopping ?? false,
    validationFraction: fraction("validationFraction", o.validationFraction ?? 0.1, Number.MIN_VALUE, 1),
    nIterNoChange: checkCount("nIterNoChange", o.nIterNoChange ?? 5),
    warmStart: o.warmStart ?? false,
    onEpoch: o.onEpoch,
  };
}

function features(name: string, X: MatrixInput, cols: number | undefined): Matrix {
  return toMatrix(name, X, cols, "features");
}

/** Every feature must be finite; the error names the row and column. */
function checkFinite(m: Matrix): void {
  const { data, rows, cols } = m;
  if (ArrayBuffer.isView(data)) {
    const a = data as Float32Array;
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i]!)) throw new RangeError(`X[${Math.floor(i / cols)}][${i % cols}] is ${a[i]}: features must be finite numbers`);
    }
    return;
  }
  const arr = data as readonly (readonly unknown[])[];
  for (let i = 0; i < rows; i++) {
    const row = arr[i]!;
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`X[${i}][${j}] is ${typeof v === "number" ? String(v) : JSON.stringify(v) ?? String(v)}: features must be finite numbers`);
      }
    }
  }
}

function resolveClassWeights(option: Resolved["classWeight"], classes: Label[], labels: Int32Array): Float32Array | null {
  if (option === undefined) return null;
  const K = classes.length;
  const weights = new Float32Array(K).fill(1);
  if (option === "balanced") {
    const counts = new Float64Array(K);
    for (const y of labels) counts[y]!++;
    for (let k = 0; k < K; k++) weights[k] = counts[k]! > 0 ? labels.length / (K * counts[k]!) : 1;
    return weights;
  }
  const entries = option instanceof Map ? [...option.entries()] : typeof option === "object" && option !== null ? Object.entries(option) : null;
  if (!entries) throw new TypeError(`classWeight must be 'balanced' or a map from label to weight, got ${String(option)}`);
  for (const [label, w] of entries) {
    const k = classes.findIndex((c) => String(c) === String(label));
    if (k < 0) throw new RangeError(`classWeight names ${JSON.stringify(label)}, which is not a class of y`);
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new RangeError(`classWeight[${JSON.stringify(label)}] must be a finite number >= 0, got ${String(w)}`);
    weights[k] = w;
  }
  return weights;
}

function totalWeight(labels: Int32Array, sampleWeights: Float32Array | null, classWeights: Float32Array | null): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (sampleWeights ? sampleWeights[i]! : 1) * (classWeights ? classWeights[labels[i]!]! : 1);
  if (!(s > 0)) throw new RangeError("the sample and class weights of the training rows sum to 0");
  return s;
}

function sameClasses(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function ownedBlocks(f: Fitted): number[] {
  return [f.params, ...(f.optimizer ? [f.optimizer.first, f.optimizer.second].filter((p) => p !== 0) : [])];
}

function copyState(rt: Runtime, state: OptimizerState, n: number): OptimizerState {
  const copy = (ptr: number) => {
    if (!ptr) return 0;
    const to = rt.heap.alloc(n * 4);
    rt.heap.f32.copyWithin(to >>> 2, ptr >>> 2, (ptr >>> 2) + n);
    return to;
  };
  return { first: copy(state.first), second: copy(state.second) };
}

/** Stratified hold-out: about `fraction` of each class's rows, chosen by the seeded generator. */
function validationSplit(labels: Int32Array, fraction: number, next: () => number): { train: Int32Array; validation: Int32Array } {
  const byClass = new Map<number, number[]>();
  labels.forEach((y, i) => (byClass.get(y) ?? byClass.set(y, []).get(y)!).push(i));
  const train: number[] = [];
  const validation: number[] = [];
  for (const rows of byClass.values()) {
    const order = shuffle(Int32Array.from(rows), next);
    const held = Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
    validation.push(...order.subarray(0, held));
    train.push(...order.subarray(held));
  }
  if (train.length === 0 || validation.length === 0) throw new RangeError("earlyStopping needs more rows: the validation split is empty");
  return { train: Int32Array.from(train.sort((a, b) => a - b)), validation: Int32Array.from(validation.sort((a, b) => a - b)) };
}

function subsetRows(m: Matrix, rows: Int32Array): Matrix {
  const out = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => copyRows(m, r, r + 1, out, i * m.cols));
  return { data: out, rows: rows.length, cols: m.cols };
}

function pick<T extends Int32Array | Float32Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, i) => (out[i] = values[r]!));
  return out;
}

interface Validation {
  X: Float32Array;
  labels: Int32Array;
}

function makeValidation(X: Matrix, labels: Int32Array, rows: Int32Array): Validation {
  return { X: subsetRows(X, rows).data as Float32Array, labels: pick(labels, rows) };
}

/** Mean cross-entropy and accuracy of the parameters at `params` on a held-out set. */
function evaluate(rt: Runtime, params: number, v: Validation, D: number, K: number, fitIntercept: boolean): { loss: number; accuracy: number } {
  const N = v.labels.length;
  const chunk = rowsPerChunk((D + K + 2) * 4);
  let loss = 0;
  let hits = 0;
  try {
    const rows = Math.min(chunk, N);
    const xAt = acquire(rt, regionBytes(rows * D * 4) + regionBytes(rows * K * 4) + 2 * regionBytes(rows * 4));
    const zAt = after(xAt, rows * D * 4);
    const yAt = after(zAt, rows * K * 4);
    const pAt = after(yAt, rows * 4);
    for (let from = 0; from < N; from += chunk) {
      const n = Math.min(chunk, N - from);
      rt.heap.f32.set(v.X.subarray(from * D, (from + n) * D), xAt >>> 2);
      rt.heap.i32.set(v.labels.subarray(from, from + n), yAt >>> 2);
      rt.exports.linear(xAt, params, fitIntercept ? params + K * D * 4 : 0, zAt, n, D, K);
      rt.exports.argmax(zAt, pAt, n, K);
      loss += rt.exports.softmaxCrossEntropy(zAt, yAt, n, K, 0, 0, 0, 1, 0, 0);
      const i32 = rt.heap.i32;
      for (let i = 0; i < n; i++) if (i32[(pAt >>> 2) + i] === v.labels[from + i]) hits++;
    }
  } finally {
    settle(rt);
  }
  return { loss: loss / N, accuracy: hits / N };
}
