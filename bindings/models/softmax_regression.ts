// SoftmaxRegression: multinomial logistic regression with scikit-learn's contract and objective,
//   Σ_i s_i · c_{y_i} · CE_i  +  ‖W‖² / (2C),   intercept unpenalised,
// trained by L-BFGS (to scikit-learn's optimum), mini-batch SGD with momentum, or Adam.
// The linear objective with a softmax head (objectives/), driven by the shared solvers (solvers/).
//
// State: the fitted parameters live in wasm memory ([W | b], W class-major K × D). The lifecycle
// and failure atomicity are model.ts's.

import { checkOutputSize, ready, rowsPerChunk } from "../runtime/scratch.js";
import type { Runtime } from "../runtime/runtime.js";
import { checkFinite, copyOut, toMatrix, type Matrix, type MatrixInput } from "../core/input.js";
import { checkOptions } from "../core/checks.js";
import { checkLabels, decodeLabels, encodeLabels, type Label, type LabelsInput } from "../data/labels.js";
import { linearParams } from "./coefficients.js";
import { uploadLinear } from "./linear_json.js";
import { resolveClassWeights } from "../data/class_weights.js";
import { LinearObjective, forwardLinear, type LinearShape } from "../objectives/linear.js";
import { SampledLinearObjective } from "../objectives/sampled_linear.js";
import { sampledObjectiveOptions } from "./sampled_options.js";
import { softmaxHead } from "../objectives/heads.js";
import { readParams } from "../objectives/params.js";
import { stateBlocks, type OptimizerState } from "../solvers/step_rules.js";
import { Model, type FittedBase, type LayerInfo } from "./model.js";
import { train, type TrainingSet } from "./train.js";
import { validationScore } from "./validation.js";
import { fitData, partialFitData, sameClasses } from "./fit_data.js";
import { checkOptionNames, resolveOptions, type ResolvedOptions, type SoftmaxRegressionOptions } from "./softmax_regression_options.js";
import { FORMAT, modelJSON, parseModelJSON, type SoftmaxRegressionJSON } from "./softmax_regression_json.js";

/** Options of a model's fit. */
export interface FitOptions {
  /** One non-negative weight per row. @default undefined (all 1) */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /** Feature count, required when X is a typed array. @default undefined (the length of X's rows) */
  features?: number;
}

/** Options of a model's partialFit. */
export interface PartialFitOptions<L extends Label = Label> {
  /** Every class the model will ever see; required on the first call. @default undefined (the fitted model's classes) */
  classes?: readonly L[];
  /** Feature count, required when X is a typed array. @default undefined (the length of X's rows) */
  features?: number;
}

interface Fitted extends FittedBase {
  classes: Label[];
  features: number;
  params: number;
  optimizer: OptimizerState | null;
}

/** Integer labels in a typed array: the model's labels are then numbers. */
export type TypedLabels = Int32Array | Uint32Array | Float64Array;

/**
 * Multinomial logistic regression (softmax regression), scikit-learn's `LogisticRegression`
 * contract spelled the TypeScript way: the constructor stores options, `fit` trains and returns the
 * model, `predict` / `predictProba` / `score`, fitted `classes`, `coef`, `intercept`, `nIter`.
 * Free its wasm memory with `dispose()` (or `using`).
 *
 * L is the type of the labels the model predicts: fit infers it from y (string[] gives
 * SoftmaxRegression<string>); fromJSON gives Label (string | number) unless told.
 *
 * @example
 * ```ts
 * import { init, SoftmaxRegression } from "wasmax";
 * await init();
 * const model = new SoftmaxRegression({ C: 10 }).fit([[3.9, 92], [2.1, 55], [3.0, 75]], ["admitted", "rejected", "waitlisted"]);
 * model.predict([[3.8, 90]]);      // ["admitted"]
 * model.predictProba([[3.8, 90]]); // Float32Array, columns in model.classes order
 * const saved = JSON.stringify(model); // SoftmaxRegression.fromJSON(saved) predicts bit-identically
 * model.dispose();
 * ```
 */
export class SoftmaxRegression<L extends Label = Label> extends Model<Fitted> {
  /** The name fitInWorker and messages use (class names do not survive minifiers). */
  static readonly modelName = "SoftmaxRegression";
  /** The format tag of its JSON, by which loadModel finds the class. */
  static readonly format = FORMAT;
  /** The options as given to the constructor (a copy); fit checks and defaults them. */
  readonly options: SoftmaxRegressionOptions;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options: SoftmaxRegressionOptions = {}) {
    super();
    this.options = { ...checkOptionNames(options) };
  }

  // ---- fitted attributes ----

  /** The labels, sorted (numbers ascending, then strings), in the order of predictProba's columns. */
  get classes(): L[] {
    return [...this.state().classes] as L[];
  }

  /** Coefficients, classes × features. */
  get coef(): number[][] {
    const { classes, features, params } = this.state();
    const f32 = ready().heap.f32;
    return classes.map((_, k) => Array.from(f32.subarray((params >>> 2) + k * features, (params >>> 2) + (k + 1) * features)));
  }

  /** Intercepts, one per class. */
  get intercept(): number[] {
    const { classes, features, params } = this.state();
    const at = (params >>> 2) + classes.length * features;
    return Array.from(ready().heap.f32.subarray(at, at + classes.length));
  }

  /** Features per row that the model was fitted on. */
  get nFeatures(): number {
    return this.state().features;
  }

  // ---- training ----

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  fit<Y extends L>(X: Float32Array | Float64Array, y: readonly Y[], options: FitOptions & { features: number }): SoftmaxRegression<Y>;
  fit<Y extends L>(X: readonly (readonly number[])[], y: readonly Y[], options?: FitOptions): SoftmaxRegression<Y>;
  fit(X: Float32Array | Float64Array, y: TypedLabels, options: FitOptions & { features: number }): SoftmaxRegression<number>;
  fit(X: readonly (readonly number[])[], y: TypedLabels, options?: FitOptions): SoftmaxRegression<number>;
  fit(X: MatrixInput, y: LabelsInput, options?: FitOptions): SoftmaxRegression<Label> {
    this.usable();
    const fitOptions = checkOptions("fit options", options, ["sampleWeight", "features"]);
    const opts = resolveOptions(this.options);
    const rt = ready();
    const data = fitData(X, y, fitOptions);
    const classWeights = resolveClassWeights(opts.classWeight, data.classes, data.labels);
    const current = this.current();
    const warm =
      opts.warmStart && current && sameClasses(current.classes, data.classes) && current.features === data.X.cols ? current : null;
    this.commit(rt, this.train(rt, opts, { ...data, classWeights }, warm, null));
    return this;
  }

  /**
   * One epoch of the sgd or adam solver over (X, y) in the given order (shuffled when `shuffle` is
   * set), continuing from the current weights and optimizer state. Streaming chunks through
   * partialFit runs the same steps as one fit epoch over the chunks in sequence (with C = Infinity;
   * with a penalty, each call's share uses that call's row count).
   */
  partialFit(X: MatrixInput, y: readonly L[] | TypedLabels, partialOptions?: PartialFitOptions<L>): this {
    this.usable();
    const options = checkOptions("partialFit options", partialOptions, ["classes", "features"]);
    const opts = resolveOptions(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const current = this.current();
    const data = partialFitData(X, y, options, current);
    const classWeights = resolveClassWeights(opts.classWeight, data.classes, data.labels);
    const once = { ...opts, maxIter: 1, earlyStopping: false, tol: 0 };
    this.commit(rt, this.train(rt, once, { ...data, classWeights }, current, current));
    return this;
  }

  /** Trains on `set` from `warm`'s weights (zeros without), continuing `continued`'s optimizer state and counts. */
  private train(
    rt: Runtime,
    opts: ResolvedOptions,
    set: TrainingSet & { classes: Label[] },
    warm: Fitted | null,
    continued: Fitted | null,
  ): Fitted {
    const shape: LinearShape = { features: set.X.cols, classes: set.classes.length, fitIntercept: opts.fitIntercept };
    const trained = train(rt, {
      opts,
      set,
      continued,
      penalty: Number.isFinite(opts.C) ? 1 / opts.C : 0,
      objective: (batchRows, sharedParams) =>
        opts.sampledSoftmax
          ? new SampledLinearObjective(
              rt,
              shape,
              sampledObjectiveOptions(opts.sampledSoftmax, opts.randomState, set.labels, shape.classes),
              batchRows,
            )
          : new LinearObjective(
              rt,
              shape,
              softmaxHead(rt, { classWeights: set.classWeights, labelSmoothing: opts.labelSmoothing }),
              batchRows,
              sharedParams,
            ),
      init: (objective) => {
        if (!warm) return;
        const f32 = rt.heap.f32;
        f32.copyWithin(objective.params >>> 2, warm.params >>> 2, (warm.params >>> 2) + objective.paramCount);
        if (!opts.fitIntercept)
          f32.fill(0, (objective.params >>> 2) + shape.classes * shape.features, (objective.params >>> 2) + objective.paramCount);
      },
      evaluate: (params, v) =>
        validationScore(
          rt,
          (visit) => forwardLinear(rt, params, { data: v.X, rows: v.labels.length, cols: shape.features }, shape, visit),
          v.labels,
          shape.classes,
        ),
      snapshot: (p, epochs, curve) => modelJSON(opts, set.classes, shape.features, p, epochs, curve, false),
    });
    return {
      classes: set.classes,
      features: shape.features,
      params: trained.params,
      nIter: trained.nIter,
      lossCurve: trained.lossCurve,
      converged: trained.converged,
      optimizer: trained.optimizer,
      blocks: [trained.params, ...stateBlocks(trained.optimizer)],
    };
  }

  // ---- prediction ----

  /** Logits X·Wᵀ + b, rows × classes. */
  decisionFunction(X: MatrixInput): Float32Array {
    return this.outputs(X, null);
  }

  /** Class probabilities, rows × classes, columns in `classes` order; rows sum to 1. */
  predictProba(X: MatrixInput): Float32Array {
    return this.outputs(X, "softmax");
  }

  /** Log-probabilities from log-softmax of the logits: finite where probabilities underflow. */
  predictLogProba(X: MatrixInput): Float32Array {
    return this.outputs(X, "logSoftmax");
  }

  /** The most probable class of each row (the argmax kernel's rule), as labels of the kind fit was given. */
  predict(X: MatrixInput): L[] {
    const { classes } = this.state();
    return decodeLabels<L>(this.predictIndices(X), classes);
  }

  /** Accuracy on (X, y); an unknown label in y is a RangeError. */
  score(X: MatrixInput, y: readonly L[] | TypedLabels): number {
    const { classes } = this.state();
    const truth = encodeLabels("y", y, classes);
    const predicted = this.predictIndices(X);
    if (truth.length !== predicted.length) throw new RangeError(`X has ${predicted.length} rows but y has ${truth.length} labels`);
    let hits = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
    return truth.length ? hits / truth.length : NaN;
  }

  private predictIndices(X: MatrixInput): Int32Array {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const out = new Int32Array(m.rows);
    forwardLinear(rt, f.params, m, this.shape(f), ({ logits, aux, rows, from }) => {
      rt.exports.argmax(logits, aux, rows, f.classes.length);
      copyOut(rt.heap.i32, aux >>> 2, rows, out, from);
    });
    return out;
  }

  /**
   * The k most probable classes of each row, best first, with their probabilities: rows streamed
   * in chunks, so 100,000 classes never need a rows × classes array. Ties go to the lower index.
   * @returns `labels`: rows arrays of k labels; `probabilities`: rows × k, in the same order.
   */
  predictTopK(X: MatrixInput, k: number): { labels: L[][]; probabilities: Float32Array } {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const K = f.classes.length;
    if (!Number.isInteger(k) || k < 1 || k > K) throw new RangeError(`k must be an integer in [1, ${K}], got ${String(k)}`);
    const labels: L[][] = [];
    const probabilities = new Float32Array(m.rows * k);
    let scratch = 0;
    try {
      scratch = rt.heap.alloc(2 * rowsPerChunk((f.features + K + 2) * 4) * k * 4);
      forwardLinear(rt, f.params, m, this.shape(f), ({ logits, rows, from }) => {
        rt.exports.softmax(logits, logits, rows, K);
        const values = scratch;
        const indices = scratch + rows * k * 4;
        rt.exports.topk(logits, values, indices, rows, K, k);
        copyOut(rt.heap.f32, values >>> 2, rows * k, probabilities, from * k);
        const i32 = rt.heap.i32;
        for (let i = 0; i < rows; i++) labels.push(Array.from({ length: k }, (_, j) => f.classes[i32[(indices >>> 2) + i * k + j]!]! as L));
      });
    } finally {
      if (scratch) rt.heap.release(scratch);
    }
    return { labels, probabilities };
  }

  private outputs(X: MatrixInput, then: "softmax" | "logSoftmax" | null): Float32Array {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const K = f.classes.length;
    checkOutputSize(then === "softmax" ? "predictProba" : then === "logSoftmax" ? "predictLogProba" : "decisionFunction", m.rows, K);
    const out = new Float32Array(m.rows * K);
    forwardLinear(rt, f.params, m, this.shape(f), ({ logits, rows, from }) => {
      if (then) rt.exports[then](logits, logits, rows, K);
      copyOut(rt.heap.f32, logits >>> 2, rows * K, out, from * K);
    });
    return out;
  }

  private checkedInput(X: MatrixInput, f: Fitted): Matrix {
    const m = toMatrix("X", X, ArrayBuffer.isView(X) ? f.features : undefined, "features");
    if (m.cols !== f.features) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${f.features}`);
    checkFinite("X", m);
    return m;
  }

  private shape(f: Fitted): LinearShape {
    return { features: f.features, classes: f.classes.length, fitIntercept: true };
  }

  // ---- description and persistence ----

  layers(): LayerInfo[] {
    const f = this.state();
    const K = f.classes.length;
    const params = readParams(ready(), f.params, new Float32Array(K * (f.features + 1)));
    return [
      {
        kind: "dense",
        inputs: f.features,
        outputs: K,
        weight: params.slice(0, K * f.features),
        bias: params.slice(K * f.features),
        activation: "softmax",
      },
    ];
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  toJSON(): SoftmaxRegressionJSON {
    const f = this.state();
    const params = readParams(ready(), f.params, new Float32Array(f.classes.length * (f.features + 1)));
    return modelJSON(resolveOptions(this.options), f.classes, f.features, params, f.nIter, f.lossCurve, f.converged);
  }

  /**
   * A model from coefficients trained elsewhere: `coef` classes × features (scikit-learn's coef_,
   * Spark MLlib's multinomial coefficientMatrix row by row, PyTorch's Linear.weight), `intercept`
   * one per class, `classes` in the same order. A binary model's single coef row is accepted.
   */
  static fromCoefficients<L extends Label = Label>(
    source: { coef: readonly (readonly number[])[]; intercept?: readonly number[]; classes: readonly L[] },
    options: SoftmaxRegressionOptions = {},
  ): SoftmaxRegression<L> {
    const s = checkOptions("fromCoefficients", source, ["coef", "intercept", "classes"]);
    checkLabels("classes", s.classes);
    if (!Array.isArray(s.classes) || s.classes.length < 2 || new Set(s.classes).size !== s.classes.length) {
      throw new RangeError("classes must hold at least two distinct labels, in the order of coef's rows");
    }
    const { params, features } = linearParams(s.coef, s.intercept, s.classes.length);
    return SoftmaxRegression.fromJSON<L>(modelJSON(resolveOptions(options), s.classes, features, params, 0, [], true));
  }

  /** The model saved by toJSON (an object or its JSON string); a TypeError or RangeError names what is wrong with it. */
  static fromJSON<L extends Label = Label>(json: unknown): SoftmaxRegression<L> {
    const j = parseModelJSON(json);
    const model = new SoftmaxRegression<L>(j.options);
    const rt = ready();
    const D = j.nFeatures;
    const params = uploadLinear(rt, j.coef, j.intercept, D);
    model.commit(rt, {
      classes: j.classes,
      features: D,
      params,
      nIter: j.nIter,
      lossCurve: j.lossCurve,
      converged: j.converged,
      optimizer: null,
      blocks: [params],
    });
    return model;
  }
}
