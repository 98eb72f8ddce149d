// MLPClassifier: a multi-layer perceptron with a softmax output layer, scikit-learn's
// MLPClassifier contract spelled the TypeScript way. Given label sets or a 0/1 indicator matrix
// (data/multilabel.ts's rule) instead of one label per row, it trains logistic outputs with binary
// cross-entropy, as scikit-learn's does, and predicts label sets (probability ≥ 0.5). Objective: Σ_i s_i · CE_i + (λ/2)·Σ_l ‖W_l‖²,
// with scikit-learn's alpha: λ = alpha for lbfgs (the whole data set is one batch) and
// λ = alpha · rows / batchSize for sgd and adam, so each step follows the mean batch gradient plus
// (alpha / batchSize)·W, as scikit-learn's does. Weights start Glorot-uniform as scikit-learn's
// (bound √(6 / (fan_in + fan_out)), √(2 / …) for logistic), from the seeded generator.
// The MLP objective (objectives/mlp.ts) driven by the shared solvers; lifecycle from model.ts.

import { ready } from "../runtime/scratch.js";
import type { Runtime } from "../runtime/runtime.js";
import { checkFinite, copyOut, toMatrix, toVector, type Matrix, type MatrixInput } from "../core/input.js";
import { checkOptions } from "../core/checks.js";
import { random, seedOf } from "../core/random.js";
import { decodeLabels, encodeLabels, type Label, type LabelsInput } from "../data/labels.js";
import { MlpObjective, forwardMlp, mlpLayout, type Activation, type MlpShape } from "../objectives/mlp.js";
import { sigmoidHead, softmaxHead } from "../objectives/heads.js";
import { readMultiLabel, writeMultiLabel, type IndicatorMatrix, type LabelSets } from "../data/multilabel.js";
import { readParams } from "../objectives/params.js";
import { stateBlocks, type OptimizerState } from "../solvers/step_rules.js";
import { Model, type FittedBase, type LayerInfo } from "./model.js";
import { train } from "./train.js";
import { sampledObjectiveOptions } from "./sampled_options.js";
import { mlpCoefs } from "./coefficients.js";
import { multiLabelScore, subsetHits, validationScore } from "./validation.js";
import { fitData, partialFitData, partialMultiLabelData, sameClasses, type FitData } from "./fit_data.js";
import type { FitOptions, PartialFitOptions, TypedLabels } from "./softmax_regression.js";
import { checkMLPOptionNames, resolveMLPOptions, type MLPClassifierOptions, type ResolvedMLPOptions } from "./mlp_classifier_options.js";
import { MLP_FORMAT, mlpJSON, parseMLPJSON, type MLPClassifierJSON } from "./mlp_classifier_json.js";

interface Fitted extends FittedBase {
  classes: Label[];
  /** "classes": one label per row (softmax); "sets" or "indicator": label sets (sigmoids). */
  form: TargetForm;
  shape: MlpShape;
  params: number;
  optimizer: OptimizerState | null;
}

/**
 * A multi-layer perceptron with a softmax head (or a sigmoid head for label sets), scikit-learn's
 * `MLPClassifier`: its options, objective and defaults (adam, 100 ReLU units), the same methods as
 * {@link SoftmaxRegression}. Weights start Glorot-uniform from the seeded generator.
 *
 * @example
 * ```ts
 * const net = new MLPClassifier({ hiddenLayerSizes: [128], maxIter: 10, randomState: 0 }).fit(X, y, { features: 784 });
 * net.predict(Xtest);
 * net.coefs; // per layer, inputs × outputs (scikit-learn's layout)
 * ```
 */
export class MLPClassifier<L extends Label = Label> extends Model<Fitted> {
  /** The name fitInWorker and messages use. */
  static readonly modelName = "MLPClassifier";
  /** The format tag of its JSON, by which loadModel finds the class. */
  static readonly format = MLP_FORMAT;
  /** The options as given to the constructor (a copy); fit checks and defaults them. */
  readonly options: MLPClassifierOptions;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options: MLPClassifierOptions = {}) {
    super();
    this.options = { ...checkMLPOptionNames(options) };
  }

  // ---- fitted attributes ----

  /** The labels, sorted (numbers ascending, then strings), in the order of predictProba's columns. */
  get classes(): L[] {
    return [...this.state().classes] as L[];
  }

  /** Weights per layer in scikit-learn's layout: coefs[l] is inputs × outputs. */
  get coefs(): number[][][] {
    return this.json().coefs;
  }

  /** Biases per layer: intercepts[l] has one entry per output of layer l. */
  get intercepts(): number[][] {
    return this.json().intercepts;
  }

  /** Features per row that the model was fitted on. */
  get nFeatures(): number {
    return this.state().shape.features;
  }

  // ---- training ----

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  fit<Y extends L>(X: Float32Array | Float64Array, y: readonly Y[], options: FitOptions & { features: number }): MLPClassifier<Y>;
  fit<Y extends L>(X: readonly (readonly number[])[], y: readonly Y[], options?: FitOptions): MLPClassifier<Y>;
  fit(X: Float32Array | Float64Array, y: TypedLabels, options: FitOptions & { features: number }): MLPClassifier<number>;
  fit(X: readonly (readonly number[])[], y: TypedLabels, options?: FitOptions): MLPClassifier<number>;
  /** Label sets or a 0/1 indicator matrix train sigmoid outputs; predict then answers in that form. */
  fit(X: MatrixInput, y: LabelSets | IndicatorMatrix, options?: FitOptions): MLPClassifier<Label>;
  fit(X: MatrixInput, y: LabelsInput | LabelSets | IndicatorMatrix, options?: FitOptions): MLPClassifier<Label> {
    this.usable();
    const fitOptions = checkOptions("fit options", options, ["sampleWeight", "features"]);
    const opts = resolveMLPOptions(this.options);
    const rt = ready();
    const data = isLabelSets(y)
      ? multiLabelData(X, y, fitOptions)
      : { ...fitData(X, y as LabelsInput, fitOptions), form: "classes" as const };
    if (opts.sampledSoftmax && data.form !== "classes")
      throw new TypeError("sampledSoftmax needs one label per row: label sets train independent sigmoids");
    const shape: MlpShape = {
      features: data.X.cols,
      hidden: opts.hiddenLayerSizes,
      outputs: data.classes.length,
      activation: opts.activation,
    };
    const current = this.current();
    const warm =
      opts.warmStart &&
      current &&
      current.form === data.form &&
      sameClasses(current.classes, data.classes) &&
      sameShape(current.shape, shape)
        ? current
        : null;
    this.commit(rt, this.train(rt, opts, data, shape, warm, null));
    return this;
  }

  /**
   * One epoch of sgd or adam over (X, y), continuing from the current weights and optimizer state.
   * Label sets (sigmoid outputs) as MultiLabelLogisticRegression.partialFit takes them: `{ classes }`
   * on the first call of label sets, none for indicator rows; later calls in the model's form.
   */
  partialFit(X: MatrixInput, y: readonly L[] | TypedLabels, partialOptions?: PartialFitOptions<L>): this;
  partialFit(X: MatrixInput, y: LabelSets | IndicatorMatrix, partialOptions?: { classes?: readonly Label[]; features?: number }): this;
  partialFit(
    X: MatrixInput,
    y: LabelsInput | LabelSets | IndicatorMatrix,
    partialOptions?: { classes?: readonly Label[]; features?: number },
  ): this {
    this.usable();
    const options = checkOptions("partialFit options", partialOptions, ["classes", "features"]);
    const current = this.current();
    const opts = resolveMLPOptions(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const sets = current ? current.form !== "classes" : isLabelSets(y);
    if (sets && opts.sampledSoftmax) throw new TypeError("sampledSoftmax needs one label per row: label sets train independent sigmoids");
    const fitted = current && { classes: current.classes, features: current.shape.features };
    const data = sets
      ? multiLabelPartialData(X, y, options, current)
      : { ...partialFitData(X, y as LabelsInput, options, fitted), form: "classes" as const };
    const shape = current?.shape ?? {
      features: data.X.cols,
      hidden: opts.hiddenLayerSizes,
      outputs: data.classes.length,
      activation: opts.activation,
    };
    const once = { ...opts, maxIter: 1, earlyStopping: false, tol: 0 };
    this.commit(rt, this.train(rt, once, data, shape, current, current));
    return this;
  }

  private train(
    rt: Runtime,
    opts: ResolvedMLPOptions,
    data: FitData & { form: TargetForm; targets?: Float32Array },
    shape: MlpShape,
    warm: Fitted | null,
    continued: Fitted | null,
  ): Fitted {
    const widths = mlpLayout(shape).widths;
    const sets = data.form !== "classes";
    const trained = train(rt, {
      opts,
      set: { ...data, classWeights: null },
      continued,
      penalty: opts.solver === "lbfgs" ? opts.alpha : (rows) => (opts.alpha * rows) / Math.min(opts.batchSize, rows),
      objective: (batchRows, sharedParams) =>
        new MlpObjective(
          rt,
          shape,
          sets ? sigmoidHead(rt, { posWeight: null }) : softmaxHead(rt, { classWeights: null, labelSmoothing: 0 }),
          batchRows,
          opts.sampledSoftmax ? sampledObjectiveOptions(opts.sampledSoftmax, opts.randomState, data.labels, shape.outputs) : undefined,
          sharedParams,
        ),
      init: (objective) => {
        const f32 = rt.heap.f32;
        if (warm) f32.copyWithin(objective.params >>> 2, warm.params >>> 2, (warm.params >>> 2) + objective.paramCount);
        else f32.set(glorot(shape, opts.randomState), objective.params >>> 2);
      },
      evaluate: (params, v) => {
        const forward = (visit: Parameters<Parameters<typeof validationScore>[1]>[0]) =>
          forwardMlp(rt, params, { data: v.X, rows: v.labels.length, cols: shape.features }, shape, visit);
        return sets
          ? multiLabelScore(rt, forward, v.targets!, shape.outputs, THRESHOLD)
          : validationScore(rt, forward, v.labels, shape.outputs);
      },
      snapshot: (p, epochs, curve) => mlpJSON(opts, data.classes, data.form, widths, p, epochs, curve, false),
    });
    return {
      classes: data.classes,
      form: data.form,
      shape,
      params: trained.params,
      nIter: trained.nIter,
      lossCurve: trained.lossCurve,
      converged: trained.converged,
      optimizer: trained.optimizer,
      blocks: [trained.params, ...stateBlocks(trained.optimizer)],
    };
  }

  // ---- prediction ----

  /** Class probabilities, rows × classes, columns in `classes` order (per-label probabilities for label sets). */
  predictProba(X: MatrixInput): Float32Array {
    return this.outputs(X, this.state().form === "classes" ? "softmax" : "sigmoid");
  }

  /** Log-probabilities from the output layer (log-softmax, or −softplus(−x) per label): finite where probabilities underflow. */
  predictLogProba(X: MatrixInput): Float32Array {
    if (this.state().form === "classes") return this.outputs(X, "logSoftmax");
    return this.outputs(X, null).map((x) => -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)))));
  }

  /** The output layer's values before the softmax, rows × classes. */
  decisionFunction(X: MatrixInput): Float32Array {
    return this.outputs(X, null);
  }

  /** The most probable class of each row (argmax's rule); for label sets, each row's labels with probability ≥ 0.5. */
  predict(X: MatrixInput): L[];
  predict(X: MatrixInput): L[] | L[][] | number[][] {
    const { classes, form } = this.state();
    if (form !== "classes") {
      const on = this.outputs(X, "sigmoid").map((p) => (p >= THRESHOLD ? 1 : 0));
      return writeMultiLabel(on, classes.length, classes, form) as L[][] | number[][];
    }
    return decodeLabels<L>(this.predictIndices(X), classes);
  }

  /** Accuracy on (X, y) (subset accuracy for label sets); an unknown label in y is a RangeError. */
  score(X: MatrixInput, y: readonly L[] | TypedLabels | LabelSets | IndicatorMatrix): number {
    const { classes, form } = this.state();
    if (form !== "classes") {
      const truth = readMultiLabel("y", y, { classes, form });
      const proba = this.outputs(X, "sigmoid");
      if (proba.length !== truth.indicator.length)
        throw new RangeError(`X has ${proba.length / classes.length} rows but y has ${truth.rows} label sets`);
      return subsetHits(proba, truth.indicator, classes.length, THRESHOLD) / truth.rows;
    }
    const truth = encodeLabels("y", y as LabelsInput, classes);
    const predicted = this.predictIndices(X);
    if (truth.length !== predicted.length) throw new RangeError(`X has ${predicted.length} rows but y has ${truth.length} labels`);
    let hits = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
    return truth.length ? hits / truth.length : NaN;
  }

  private predictIndices(X: MatrixInput): Int32Array {
    const f = this.state();
    const rt = ready();
    const m = checkedInput(X, f);
    const out = new Int32Array(m.rows);
    forwardMlp(rt, f.params, m, f.shape, ({ logits, aux, rows, from }) => {
      rt.exports.argmax(logits, aux, rows, f.shape.outputs);
      copyOut(rt.heap.i32, aux >>> 2, rows, out, from);
    });
    return out;
  }

  private outputs(X: MatrixInput, then: "softmax" | "logSoftmax" | "sigmoid" | null): Float32Array {
    const f = this.state();
    const rt = ready();
    const m = checkedInput(X, f);
    const K = f.shape.outputs;
    const out = new Float32Array(m.rows * K);
    forwardMlp(rt, f.params, m, f.shape, ({ logits, rows, from }) => {
      if (then === "sigmoid") rt.exports.sigmoid(logits, logits, rows * K);
      else if (then) rt.exports[then](logits, logits, rows, K);
      copyOut(rt.heap.f32, logits >>> 2, rows * K, out, from * K);
    });
    return out;
  }

  // ---- description and persistence ----

  layers(): LayerInfo[] {
    const f = this.state();
    const { widths, weightAt, biasAt, paramCount } = mlpLayout(f.shape);
    const params = readParams(ready(), f.params, new Float32Array(paramCount));
    return weightAt.map((at, l) => ({
      kind: "dense" as const,
      inputs: widths[l]!,
      outputs: widths[l + 1]!,
      weight: params.slice(at, biasAt[l]!),
      bias: params.slice(biasAt[l]!, biasAt[l]! + widths[l + 1]!),
      activation: l + 1 < weightAt.length ? f.shape.activation : f.form === "classes" ? "softmax" : "sigmoid",
    }));
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  toJSON(): MLPClassifierJSON {
    return this.json();
  }

  /**
   * A network from weights trained elsewhere: per layer `coefs` in scikit-learn's inputs × outputs
   * layout (MLPClassifier.coefs_), or with `layout: "outputs × inputs"` PyTorch's Linear.weight;
   * `intercepts` per layer; the hidden layers' `activation`; `classes` in output order. `output`
   * "softmax" (the default) makes a multi-class network, "sigmoid" a multi-label one that predicts
   * label sets.
   */
  static fromCoefficients<L extends Label = Label>(
    source: {
      coefs: readonly (readonly (readonly number[])[])[];
      intercepts: readonly (readonly number[])[];
      classes: readonly L[];
      activation?: Activation;
      layout?: "inputs × outputs" | "outputs × inputs";
      output?: "softmax" | "sigmoid";
    },
    options: MLPClassifierOptions = {},
  ): MLPClassifier<L> {
    const s = checkOptions("fromCoefficients", source, ["coefs", "intercepts", "classes", "activation", "layout", "output"]);
    const layout = s.layout ?? "inputs × outputs";
    if (layout !== "inputs × outputs" && layout !== "outputs × inputs")
      throw new RangeError(`layout must be 'inputs × outputs' or 'outputs × inputs', got ${String(layout)}`);
    const output = s.output ?? "softmax";
    if (output !== "softmax" && output !== "sigmoid") throw new RangeError(`output must be 'softmax' or 'sigmoid', got ${String(output)}`);
    const { coefs, intercepts } = mlpCoefs(s.coefs, s.intercepts, layout);
    const outputs = coefs[coefs.length - 1]![0]!.length;
    if (!Array.isArray(s.classes) || s.classes.length !== outputs || new Set(s.classes).size !== outputs) {
      throw new RangeError(`classes must hold ${outputs} distinct labels, one per output of the last layer`);
    }
    const hiddenLayerSizes = coefs.slice(0, -1).map((m) => m[0]!.length);
    const activation = s.activation ?? "relu";
    const opts = resolveMLPOptions({ ...options, hiddenLayerSizes, activation });
    return MLPClassifier.fromJSON<L>({
      format: MLP_FORMAT,
      version: 1,
      options: { ...options, hiddenLayerSizes, activation },
      classes: [...s.classes],
      nFeatures: coefs[0]!.length,
      hiddenLayerSizes,
      activation: opts.activation,
      form: output === "softmax" ? "classes" : "sets",
      coefs,
      intercepts,
      nIter: 0,
      lossCurve: [],
      converged: true,
    });
  }

  /** The model saved by toJSON (an object or its JSON string); a TypeError or RangeError names what is wrong with it. */
  static fromJSON<L extends Label = Label>(json: unknown): MLPClassifier<L> {
    const j = parseMLPJSON(json);
    const model = new MLPClassifier<L>(j.options);
    const rt = ready();
    const params = rt.heap.alloc(j.params.length * 4);
    rt.heap.f32.set(j.params, params >>> 2);
    const shape: MlpShape = { features: j.nFeatures, hidden: j.hiddenLayerSizes, outputs: j.classes.length, activation: j.activation };
    model.commit(rt, {
      classes: j.classes,
      form: j.form,
      shape,
      params,
      nIter: j.nIter,
      lossCurve: j.lossCurve,
      converged: j.converged,
      optimizer: null,
      blocks: [params],
    });
    return model;
  }

  private json(): MLPClassifierJSON {
    const f = this.state();
    const { widths, paramCount } = mlpLayout(f.shape);
    const params = readParams(ready(), f.params, new Float32Array(paramCount));
    return mlpJSON(
      resolveMLPOptions({ ...this.options, hiddenLayerSizes: f.shape.hidden, activation: f.shape.activation }),
      f.classes,
      f.form,
      widths,
      params,
      f.nIter,
      f.lossCurve,
      f.converged,
    );
  }
}

/** Glorot-uniform weights and biases, as scikit-learn initialises them. */
function glorot(shape: MlpShape, randomState: number | undefined): Float32Array {
  const { widths, weightAt, paramCount } = mlpLayout(shape);
  // A stream of its own, so that initialisation does not shift the shuffling stream.
  const next = random(randomState === undefined ? seedOf(undefined) : (randomState ^ 0x5bd1e995) >>> 0);
  const params = new Float32Array(paramCount);
  const factor = shape.activation === "logistic" ? 2 : 6;
  for (let l = 0; l < weightAt.length; l++) {
    const bound = Math.sqrt(factor / (widths[l]! + widths[l + 1]!));
    const end = weightAt[l]! + widths[l]! * widths[l + 1]! + widths[l + 1]!;
    for (let i = weightAt[l]!; i < end; i++) params[i] = (2 * next() - 1) * bound;
  }
  return params;
}

/** A label is on where its probability is at least this (scikit-learn's MLP predicts with 0.5). */
const THRESHOLD = 0.5;

type TargetForm = "classes" | "sets" | "indicator";

/** Arrays of arrays are label sets or an indicator matrix; anything else is one label per row. */
function isLabelSets(y: unknown): y is LabelSets | IndicatorMatrix {
  return Array.isArray(y) && y.length > 0 && Array.isArray(y[0]);
}

/** What fit trains on for label sets: features checked, 0/1 target rows, labels all 0 (no strata). */
function multiLabelData(X: MatrixInput, y: LabelSets | IndicatorMatrix, options: { sampleWeight?: unknown; features?: number }) {
  const matrix = toMatrix("X", X, options.features, "features");
  checkFinite("X", matrix);
  const targets = readMultiLabel("y", y);
  if (targets.rows !== matrix.rows) throw new RangeError(`X has ${matrix.rows} rows but y has ${targets.rows} label sets`);
  if (targets.classes.length < 1) throw new RangeError("y names no label: a multi-label model needs at least one");
  const sampleWeights =
    options.sampleWeight === undefined ? null : toVector("sampleWeight", options.sampleWeight, matrix.rows, "one per row of X");
  return {
    X: matrix,
    classes: targets.classes,
    labels: new Int32Array(matrix.rows),
    targets: targets.indicator,
    sampleWeights,
    form: targets.form,
  };
}

/** What partialFit trains on for label sets (fit_data.ts's partialMultiLabelData), shaped as fit's. */
function multiLabelPartialData(
  X: MatrixInput,
  y: unknown,
  options: { classes?: readonly Label[]; features?: number },
  current: Fitted | null,
) {
  const fitted = current && { classes: current.classes, form: current.form as "sets" | "indicator", features: current.shape.features };
  const { X: matrix, targets } = partialMultiLabelData(X, y, options, fitted);
  return {
    X: matrix,
    classes: targets.classes,
    labels: new Int32Array(matrix.rows),
    targets: targets.indicator,
    sampleWeights: null,
    form: targets.form,
  };
}

function sameShape(a: MlpShape, b: MlpShape): boolean {
  return (
    a.features === b.features &&
    a.outputs === b.outputs &&
    a.activation === b.activation &&
    a.hidden.length === b.hidden.length &&
    a.hidden.every((h, i) => h === b.hidden[i])
  );
}

function checkedInput(X: MatrixInput, f: Fitted): Matrix {
  const D = f.shape.features;
  const m = toMatrix("X", X, ArrayBuffer.isView(X) ? D : undefined, "features");
  if (m.cols !== D) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${D}`);
  checkFinite("X", m);
  return m;
}
