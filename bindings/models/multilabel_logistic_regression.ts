// MultiLabelLogisticRegression: one logistic regression per label over shared features, for rows
// that carry sets of labels ("red" and "shirt"). Objective Σ_i s_i Σ_k BCE_ik + ‖W‖² / (2C),
// intercepts unpenalised: it separates per label, so its optimum is scikit-learn's
// OneVsRestClassifier(LogisticRegression(C)). The linear objective with a sigmoid head, driven by
// the shared solvers. Targets: label sets or a 0/1 indicator matrix (data/multilabel.ts's rule);
// predict answers in the form fit was given, a label being on where its probability ≥ threshold.

import { ready } from "../runtime/scratch.js";
import type { Runtime } from "../runtime/runtime.js";
import { checkFinite, copyOut, toMatrix, toVector, type Matrix, type MatrixInput } from "../core/input.js";
import { checkOptions, flag, inRange } from "../core/checks.js";
import { checkLabels, type Label } from "../data/labels.js";
import { readMultiLabel, writeMultiLabel, type IndicatorMatrix, type LabelSets, type MultiLabelTargets } from "../data/multilabel.js";
import { LinearObjective, forwardLinear, type LinearShape } from "../objectives/linear.js";
import { sigmoidHead } from "../objectives/heads.js";
import { readParams } from "../objectives/params.js";
import { SOLVER_OPTION_NAMES, resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";
import { stateBlocks, type OptimizerState } from "../solvers/step_rules.js";
import { Model, type FittedBase, type LayerInfo } from "./model.js";
import { train } from "./train.js";
import { multiLabelScore, subsetHits } from "./validation.js";
import { readJSONObject, trainingRecord } from "./json.js";
import { checkLinearBlock, linearBlock, uploadLinear } from "./linear_json.js";
import { linearParams } from "./coefficients.js";
import { partialMultiLabelData } from "./fit_data.js";

/** Options of {@link MultiLabelLogisticRegression}: the solver options plus its own. */
export interface MultiLabelOptions extends SolverOptions {
  /** Inverse L2 strength, as LogisticRegression's; Infinity means no penalty. @default 1 */
  C?: number;
  /** Learn an intercept per label (unpenalised). @default true */
  fitIntercept?: boolean;
  /** One weight per label for its positive rows (PyTorch's pos_weight). @default undefined (all 1) */
  posWeight?: readonly number[];
  /** A label is predicted where its probability is at least this. @default 0.5 */
  threshold?: number;
}

type Resolved = ResolvedSolverOptions & { C: number; fitIntercept: boolean; posWeight: readonly number[] | undefined; threshold: number };

const FORMAT = "wasmax/MultiLabelLogisticRegression";
const OPTION_NAMES: readonly string[] = [...SOLVER_OPTION_NAMES, "C", "fitIntercept", "posWeight", "threshold"];

interface Fitted extends FittedBase {
  classes: Label[];
  form: "sets" | "indicator";
  features: number;
  params: number;
  optimizer: OptimizerState | null;
}

/** What {@link MultiLabelLogisticRegression.toJSON} returns: a versioned plain object. */
export interface MultiLabelJSON {
  /** The format tag, by which loadModel finds the class. */
  format: typeof FORMAT;
  /** The format's version. */
  version: number;
  /** The model's options (without onEpoch). */
  options: MultiLabelOptions;
  /** The labels, in column order. */
  classes: Label[];
  /** Whether fit was given label sets or an indicator matrix (predict answers in the same form). */
  form: "sets" | "indicator";
  /** Features per row. */
  nFeatures: number;
  /** Coefficients, labels × features. */
  coef: number[][];
  /** Intercepts, one per label. */
  intercept: number[];
  /** Iterations or epochs trained. */
  nIter: number;
  /** The training loss after each iteration or epoch. */
  lossCurve: number[];
  /** Whether the solver reached tol (see the models' converged). */
  converged: boolean;
}

/**
 * One sigmoid per label, for rows that carry a set of labels (an image that is both "red" and
 * "shirt"): scikit-learn's `OneVsRestClassifier(LogisticRegression(C))` with lbfgs. Targets are
 * label sets (arrays of labels, any length) or a 0/1 indicator matrix; predict answers in the form
 * fit was given.
 *
 * @example
 * ```ts
 * const tags = new MultiLabelLogisticRegression({ C: 1 }).fit(X, [["red", "shirt"], ["hat"], [], ["red"]]);
 * tags.predict(X);      // label sets, as given (threshold 0.5)
 * tags.predictProba(X); // rows × labels, columns in tags.classes order
 * ```
 */
export class MultiLabelLogisticRegression extends Model<Fitted> {
  /** The name fitInWorker and messages use. */
  static readonly modelName = "MultiLabelLogisticRegression";
  /** The format tag of its JSON, by which loadModel finds the class. */
  static readonly format = FORMAT;
  /** The options as given to the constructor (a copy); fit checks and defaults them. */
  readonly options: MultiLabelOptions;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options: MultiLabelOptions = {}) {
    super();
    this.options = { ...checkOptions("MultiLabelLogisticRegression options", options, OPTION_NAMES) };
  }

  /** The labels, in column order (0 … K−1 when fit was given an indicator matrix). */
  get classes(): Label[] {
    return [...this.state().classes];
  }

  /** Coefficients, labels × features. */
  get coef(): number[][] {
    return this.toJSON().coef;
  }

  /** Intercepts, one per label. */
  get intercept(): number[] {
    return this.toJSON().intercept;
  }

  /** Trains on X (rows × features) and y (label sets or a 0/1 indicator matrix). */
  fit(
    X: MatrixInput,
    y: LabelSets | IndicatorMatrix,
    options?: { sampleWeight?: Float32Array | Float64Array | readonly number[]; features?: number },
  ): this {
    this.usable();
    const fitOptions = checkOptions("fit options", options, ["sampleWeight", "features"]);
    const opts = resolve(this.options);
    const rt = ready();
    const matrix = toMatrix("X", X, fitOptions.features, "features");
    checkFinite("X", matrix);
    const targets = readMultiLabel("y", y);
    if (targets.rows !== matrix.rows) throw new RangeError(`X has ${matrix.rows} rows but y has ${targets.rows} label sets`);
    if (targets.classes.length < 1) throw new RangeError("y names no label: a multi-label model needs at least one");
    const sampleWeights =
      fitOptions.sampleWeight === undefined ? null : toVector("sampleWeight", fitOptions.sampleWeight, matrix.rows, "one per row of X");
    const current = this.current();
    const warm =
      opts.warmStart && current && current.features === matrix.cols && current.classes.length === targets.classes.length ? current : null;
    this.commit(rt, this.train(rt, opts, matrix, targets, sampleWeights, warm, null));
    return this;
  }

  /**
   * One epoch of the sgd or adam solver over (X, y), continuing from the current weights and
   * optimizer state, as SoftmaxRegression.partialFit: chunks streamed through it run the same steps
   * as one fit epoch over them in sequence (with C = Infinity). The first call of label sets names
   * every label the model will see, `{ classes }` (a chunk need not hold them all); an indicator
   * matrix's columns are the labels 0 … K−1. Later calls take y in the same form.
   */
  partialFit(X: MatrixInput, y: LabelSets | IndicatorMatrix, options?: { classes?: readonly Label[]; features?: number }): this {
    this.usable();
    const partialOptions = checkOptions("partialFit options", options, ["classes", "features"]);
    const opts = resolve(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const current = this.current();
    const { X: matrix, targets } = partialMultiLabelData(X, y, partialOptions, current);
    const once = { ...opts, maxIter: 1, earlyStopping: false, tol: 0 };
    this.commit(rt, this.train(rt, once, matrix, targets, null, current, current));
    return this;
  }

  /** Trains from `warm`'s weights (zeros without), continuing `continued`'s optimizer state and counts. */
  private train(
    rt: Runtime,
    opts: Resolved,
    matrix: Matrix,
    targets: MultiLabelTargets,
    sampleWeights: Float32Array | null,
    warm: Fitted | null,
    continued: Fitted | null,
  ): Fitted {
    const K = targets.classes.length;
    const posWeight = opts.posWeight === undefined ? null : toVector("posWeight", opts.posWeight, K, "one per label");
    const shape: LinearShape = { features: matrix.cols, classes: K, fitIntercept: opts.fitIntercept };
    const trained = train(rt, {
      opts,
      continued,
      set: { X: matrix, labels: new Int32Array(matrix.rows), targets: targets.indicator, sampleWeights, classWeights: null },
      penalty: Number.isFinite(opts.C) ? 1 / opts.C : 0,
      objective: (batchRows, sharedParams) => new LinearObjective(rt, shape, sigmoidHead(rt, { posWeight }), batchRows, sharedParams),
      init: (objective) => {
        if (warm) rt.heap.f32.copyWithin(objective.params >>> 2, warm.params >>> 2, (warm.params >>> 2) + objective.paramCount);
      },
      evaluate: (params, v) =>
        multiLabelScore(
          rt,
          (visit) => forwardLinear(rt, params, { data: v.X, rows: v.targets!.length / K, cols: shape.features }, shape, visit),
          v.targets!,
          K,
          opts.threshold,
        ),
      snapshot: (p, epochs, curve) => saved(opts, targets.classes, targets.form, matrix.cols, p, epochs, curve, false),
    });
    return {
      classes: targets.classes,
      form: targets.form,
      features: matrix.cols,
      params: trained.params,
      nIter: trained.nIter,
      lossCurve: trained.lossCurve,
      converged: trained.converged,
      optimizer: trained.optimizer,
      blocks: [trained.params, ...stateBlocks(trained.optimizer)],
    };
  }

  /** Per-label probabilities σ(x·w_k + b_k), rows × labels, columns in `classes` order. */
  predictProba(X: MatrixInput): Float32Array {
    return this.outputs(X, true);
  }

  /** The logits, rows × labels. */
  decisionFunction(X: MatrixInput): Float32Array {
    return this.outputs(X, false);
  }

  /** Each row's labels (probability ≥ threshold), in the form fit was given: label sets or indicator rows. */
  predict(X: MatrixInput): Label[][] | number[][] {
    const f = this.state();
    const threshold = resolve(this.options).threshold;
    const proba = this.predictProba(X);
    const on = proba.map((p) => (p >= threshold ? 1 : 0));
    return writeMultiLabel(on, f.classes.length, f.classes, f.form);
  }

  /** Subset accuracy on (X, y): the fraction of rows whose whole label set is right (scikit-learn's score). */
  score(X: MatrixInput, y: LabelSets | IndicatorMatrix): number {
    const f = this.state();
    const truth = readMultiLabel("y", y, f);
    const threshold = resolve(this.options).threshold;
    const proba = this.predictProba(X);
    if (proba.length !== truth.indicator.length)
      throw new RangeError(`X has ${proba.length / f.classes.length} rows but y has ${truth.rows} label sets`);
    return subsetHits(proba, truth.indicator, f.classes.length, threshold) / truth.rows;
  }

  private outputs(X: MatrixInput, probabilities: boolean): Float32Array {
    const f = this.state();
    const rt = ready();
    const m = toMatrix("X", X, ArrayBuffer.isView(X) ? f.features : undefined, "features");
    if (m.cols !== f.features) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${f.features}`);
    checkFinite("X", m);
    const K = f.classes.length;
    const out = new Float32Array(m.rows * K);
    forwardLinear(rt, f.params, m, { features: f.features, classes: K, fitIntercept: true }, ({ logits, rows, from }) => {
      if (probabilities) rt.exports.sigmoid(logits, logits, rows * K);
      copyOut(rt.heap.f32, logits >>> 2, rows * K, out, from * K);
    });
    return out;
  }

  layers(): LayerInfo[] {
    const j = this.toJSON();
    return [
      {
        kind: "dense",
        inputs: j.nFeatures,
        outputs: j.classes.length,
        weight: Float32Array.from(j.coef.flat()),
        bias: Float32Array.from(j.intercept),
        activation: "sigmoid",
      },
    ];
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  toJSON(): MultiLabelJSON {
    const f = this.state();
    const params = readParams(ready(), f.params, new Float32Array(f.classes.length * (f.features + 1)));
    return saved(resolve(this.options), f.classes, f.form, f.features, params, f.nIter, f.lossCurve, f.converged);
  }

  /**
   * A model from coefficients trained elsewhere: `coef` labels × features (scikit-learn's
   * OneVsRestClassifier estimators' coef_ rows stacked, PyTorch's Linear.weight), `intercept` one
   * per label, `classes` in the same order. It predicts label sets.
   */
  static fromCoefficients(
    source: { coef: readonly (readonly number[])[]; intercept?: readonly number[]; classes: readonly Label[] },
    options: MultiLabelOptions = {},
  ): MultiLabelLogisticRegression {
    const s = checkOptions("fromCoefficients", source, ["coef", "intercept", "classes"]);
    if (!Array.isArray(s.classes) || s.classes.length < 1)
      throw new RangeError("classes must be an array of at least one label, in the order of coef's rows");
    checkLabels("classes", s.classes);
    if (new Set(s.classes).size !== s.classes.length) throw new RangeError("classes has duplicates");
    if (!Array.isArray(s.coef) || s.coef.length !== s.classes.length)
      throw new RangeError(`coef has ${Array.isArray(s.coef) ? s.coef.length : 0} rows, expected ${s.classes.length} (one per label)`);
    const { params, features } = linearParams(s.coef, s.intercept, s.classes.length);
    return MultiLabelLogisticRegression.fromJSON(saved(resolve(options), s.classes, "sets", features, params, 0, [], true));
  }

  /** The model saved by toJSON (an object or its JSON string); a TypeError or RangeError names what is wrong with it. */
  static fromJSON(json: unknown): MultiLabelLogisticRegression {
    const j = parse(json);
    const model = new MultiLabelLogisticRegression(j.options);
    const rt = ready();
    const D = j.nFeatures;
    const params = uploadLinear(rt, j.coef, j.intercept, D);
    model.commit(rt, {
      classes: j.classes,
      form: j.form,
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

function resolve(o: MultiLabelOptions): Resolved {
  checkOptions("MultiLabelLogisticRegression options", o, OPTION_NAMES);
  const solver = resolveSolverOptions(o, { solver: "lbfgs", batchSize: 64 });
  const C = o.C ?? 1;
  if (typeof C !== "number") throw new TypeError(`C must be a number > 0 (Infinity for no penalty), got ${String(C)}`);
  if (!(C > 0)) throw new RangeError(`C must be a number > 0 (Infinity for no penalty), got ${C}`);
  if (o.posWeight !== undefined && !Array.isArray(o.posWeight)) throw new TypeError("posWeight must be an array with one weight per label");
  return {
    ...solver,
    C,
    fitIntercept: flag("fitIntercept", o.fitIntercept ?? true),
    posWeight: o.posWeight,
    threshold: inRange("threshold", o.threshold ?? 0.5, 0, 1),
  };
}

function saved(
  opts: Resolved,
  classes: readonly Label[],
  form: "sets" | "indicator",
  D: number,
  params: Float32Array,
  nIter: number,
  lossCurve: readonly number[],
  converged: boolean,
): MultiLabelJSON {
  const { onEpoch: _callback, ...options } = opts;
  return {
    format: FORMAT,
    version: 1,
    options: { ...options, C: Number.isFinite(options.C) ? options.C : (null as unknown as number) },
    classes: [...classes],
    form,
    nFeatures: D,
    ...linearBlock(params, classes.length, D),
    nIter,
    lossCurve: [...lossCurve],
    converged,
  };
}

function parse(json: unknown): MultiLabelJSON {
  const fail = (what: string): never => {
    throw new TypeError(`MultiLabelLogisticRegression.fromJSON: ${what}`);
  };
  const o = readJSONObject("MultiLabelLogisticRegression.fromJSON", json) as Partial<MultiLabelJSON>;
  if (o.format !== FORMAT) fail(`format is ${JSON.stringify(o.format)}, expected ${JSON.stringify(FORMAT)}`);
  if (o.version !== 1) fail(`version ${String(o.version)} is not supported (this wasmax reads 1)`);
  if (o.form !== "sets" && o.form !== "indicator") fail("form must be 'sets' or 'indicator'");
  if (!Array.isArray(o.classes) || o.classes.length < 1) fail("classes must be an array of at least one label");
  if (typeof o.nFeatures !== "number" || !Number.isInteger(o.nFeatures) || o.nFeatures < 1) fail("nFeatures must be an integer >= 1");
  const K = o.classes!.length;
  const D = o.nFeatures!;
  if ((K * D + K) * 4 > 2 ** 32)
    throw new RangeError(`MultiLabelLogisticRegression.fromJSON: ${K} labels × ${D} features are more than wasm memory can hold (4 GiB)`);
  checkLabels("classes", o.classes);
  if (new Set(o.classes).size !== K) fail("classes has duplicates");
  checkLinearBlock(fail, o.coef, o.intercept, K, D, "label");
  const options = (typeof o.options === "object" && o.options !== null ? { ...o.options } : {}) as MultiLabelOptions;
  if ((options.C as unknown) === null) options.C = Infinity;
  return {
    format: FORMAT,
    version: 1,
    options,
    classes: o.classes!,
    form: o.form!,
    nFeatures: D,
    coef: o.coef!,
    intercept: o.intercept!,
    ...trainingRecord(o),
  };
}
