// MLPClassifier: a multi-layer perceptron with a softmax output layer, scikit-learn's
// MLPClassifier contract spelled the TypeScript way. Objective: Σ_i s_i · CE_i + (λ/2)·Σ_l ‖W_l‖²,
// with scikit-learn's alpha: λ = alpha for lbfgs (the whole data set is one batch) and
// λ = alpha · rows / batchSize for sgd and adam, so each step follows the mean batch gradient plus
// (alpha / batchSize)·W, as scikit-learn's does. Weights start Glorot-uniform as scikit-learn's
// (bound √(6 / (fan_in + fan_out)), √(2 / …) for logistic), from the seeded generator.
// The MLP objective (objectives/mlp.ts) driven by the shared solvers; lifecycle from model.ts.

import { ready } from "../runtime/scratch.js";
import type { Runtime } from "../runtime/runtime.js";
import { checkFinite, copyOut, toMatrix, type Matrix, type MatrixInput } from "../core/input.js";
import { checkOptions } from "../core/checks.js";
import { random, seedOf } from "../core/random.js";
import { encodeLabels, type Label, type LabelsInput } from "../data/labels.js";
import { MlpObjective, forwardMlp, mlpLayout, type MlpShape } from "../objectives/mlp.js";
import { softmaxHead } from "../objectives/heads.js";
import { readParams } from "../objectives/params.js";
import { stateBlocks, type OptimizerState } from "../solvers/step_rules.js";
import { Model, type FittedBase, type LayerInfo } from "./model.js";
import { train } from "./train.js";
import { validationScore } from "./validation.js";
import { fitData, partialFitData, sameClasses, type FitData } from "./fit_data.js";
import type { FitOptions, PartialFitOptions, TypedLabels } from "./softmax_regression.js";
import { checkMLPOptionNames, resolveMLPOptions, type MLPClassifierOptions, type ResolvedMLPOptions } from "./mlp_classifier_options.js";
import { MLP_FORMAT, mlpJSON, parseMLPJSON, type MLPClassifierJSON } from "./mlp_classifier_json.js";

interface Fitted extends FittedBase {
  classes: Label[];
  shape: MlpShape;
  params: number;
  nIter: number;
  lossCurve: number[];
  converged: boolean;
  optimizer: OptimizerState | null;
}

export class MLPClassifier<L extends Label = Label> extends Model<Fitted> {
  /** The name fitInWorker and messages use. */
  static readonly modelName = "MLPClassifier";
  /** The format tag of its JSON, by which loadModel finds the class. */
  static readonly format = MLP_FORMAT;
  readonly options: MLPClassifierOptions;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options: MLPClassifierOptions = {}) {
    super();
    this.options = { ...checkMLPOptionNames(options) };
  }

  // ---- fitted attributes ----

  get classes(): L[] {
    return [...this.state().classes] as L[];
  }

  /** Weights per layer in scikit-learn's layout: coefs[l] is inputs × outputs. */
  get coefs(): number[][][] {
    return this.json().coefs;
  }

  get intercepts(): number[][] {
    return this.json().intercepts;
  }

  get nIter(): number {
    return this.state().nIter;
  }

  get lossCurve(): number[] {
    return [...this.state().lossCurve];
  }

  get nFeatures(): number {
    return this.state().shape.features;
  }

  /** False when training stopped short of its stopping rule (see SoftmaxRegression.converged). */
  get converged(): boolean {
    return this.state().converged;
  }

  // ---- training ----

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  fit<Y extends L>(X: Float32Array | Float64Array, y: readonly Y[], options: FitOptions & { features: number }): MLPClassifier<Y>;
  fit<Y extends L>(X: readonly (readonly number[])[], y: readonly Y[], options?: FitOptions): MLPClassifier<Y>;
  fit(X: Float32Array | Float64Array, y: TypedLabels, options: FitOptions & { features: number }): MLPClassifier<number>;
  fit(X: readonly (readonly number[])[], y: TypedLabels, options?: FitOptions): MLPClassifier<number>;
  fit(X: MatrixInput, y: LabelsInput, options?: FitOptions): MLPClassifier<Label> {
    this.usable();
    const fitOptions = checkOptions("fit options", options, ["sampleWeight", "features"]);
    const opts = resolveMLPOptions(this.options);
    const rt = ready();
    const data = fitData(X, y, fitOptions);
    const shape: MlpShape = { features: data.X.cols, hidden: opts.hiddenLayerSizes, outputs: data.classes.length, activation: opts.activation };
    const current = this.current();
    const warm = opts.warmStart && current && sameClasses(current.classes, data.classes) && sameShape(current.shape, shape) ? current : null;
    this.commit(rt, this.train(rt, opts, data, shape, warm, null));
    return this;
  }

  /** One epoch of sgd or adam over (X, y), continuing from the current weights and optimizer state. */
  partialFit(X: MatrixInput, y: readonly L[] | TypedLabels, partialOptions?: PartialFitOptions<L>): this {
    this.usable();
    const options = checkOptions("partialFit options", partialOptions, ["classes", "features"]);
    const opts = resolveMLPOptions(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const current = this.current();
    const data = partialFitData(X, y, options, current ? { classes: current.classes, features: current.shape.features } : null);
    const shape = current?.shape ?? { features: data.X.cols, hidden: opts.hiddenLayerSizes, outputs: data.classes.length, activation: opts.activation };
    const once = { ...opts, maxIter: 1, earlyStopping: false, tol: 0 };
    this.commit(rt, this.train(rt, once, data, shape, current, current));
    return this;
  }

  private train(rt: Runtime, opts: ResolvedMLPOptions, data: FitData, shape: MlpShape, warm: Fitted | null, continued: Fitted | null): Fitted {
    const widths = mlpLayout(shape).widths;
    const trained = train(rt, {
      opts, set: { ...data, classWeights: null }, continued,
      penalty: opts.solver === "lbfgs" ? opts.alpha : (rows) => (opts.alpha * rows) / Math.min(opts.batchSize, rows),
      objective: (d) => new MlpObjective(rt, shape, softmaxHead(rt, { classWeights: null, labelSmoothing: 0 }), d.batchRows),
      init: (objective) => {
        const f32 = rt.heap.f32;
        if (warm) f32.copyWithin(objective.params >>> 2, warm.params >>> 2, (warm.params >>> 2) + objective.paramCount);
        else f32.set(glorot(shape, opts.randomState), objective.params >>> 2);
      },
      evaluate: (params, v) => validationScore(rt, (visit) => forwardMlp(rt, params, { data: v.X, rows: v.labels.length, cols: shape.features }, shape, visit), v.labels, shape.outputs),
      snapshot: (p, epochs, curve) => mlpJSON(opts, data.classes, widths, p, epochs, curve, false),
    });
    return {
      classes: data.classes, shape, params: trained.params, nIter: trained.nIter, lossCurve: trained.lossCurve,
      converged: trained.converged, optimizer: trained.optimizer, blocks: [trained.params, ...stateBlocks(trained.optimizer)],
    };
  }

  // ---- prediction ----

  /** Class probabilities, rows × classes, columns in `classes` order. */
  predictProba(X: MatrixInput): Float32Array {
    return this.outputs(X, "softmax");
  }

  /** Log-probabilities from log-softmax of the output layer: finite where probabilities underflow. */
  predictLogProba(X: MatrixInput): Float32Array {
    return this.outputs(X, "logSoftmax");
  }

  /** The output layer's values before the softmax, rows × classes. */
  decisionFunction(X: MatrixInput): Float32Array {
    return this.outputs(X, null);
  }

  /** The most probable class of each row (argmax's rule). */
  predict(X: MatrixInput): L[] {
    const { classes } = this.state();
    return Array.from(this.predictIndices(X), (k) => classes[k]! as L);
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
    const m = checkedInput(X, f);
    const out = new Int32Array(m.rows);
    forwardMlp(rt, f.params, m, f.shape, ({ logits, aux, rows, from }) => {
      rt.exports.argmax(logits, aux, rows, f.shape.outputs);
      copyOut(rt.heap.i32, aux >>> 2, rows, out, from);
    });
    return out;
  }

  private outputs(X: MatrixInput, then: "softmax" | "logSoftmax" | null): Float32Array {
    const f = this.state();
    const rt = ready();
    const m = checkedInput(X, f);
    const K = f.shape.outputs;
    const out = new Float32Array(m.rows * K);
    forwardMlp(rt, f.params, m, f.shape, ({ logits, rows, from }) => {
      if (then) rt.exports[then](logits, logits, rows, K);
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
      kind: "dense" as const, inputs: widths[l]!, outputs: widths[l + 1]!,
      weight: params.slice(at, biasAt[l]!), bias: params.slice(biasAt[l]!, biasAt[l]! + widths[l + 1]!),
      activation: l + 1 < weightAt.length ? f.shape.activation : "softmax",
    }));
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  toJSON(): MLPClassifierJSON {
    return this.json();
  }

  static fromJSON<L extends Label = Label>(json: unknown): MLPClassifier<L> {
    const j = parseMLPJSON(json);
    const model = new MLPClassifier<L>(j.options);
    const rt = ready();
    const params = rt.heap.alloc(j.params.length * 4);
    rt.heap.f32.set(j.params, params >>> 2);
    const shape: MlpShape = { features: j.nFeatures, hidden: j.hiddenLayerSizes, outputs: j.classes.length, activation: j.activation };
    model.commit(rt, { classes: j.classes, shape, params, nIter: j.nIter, lossCurve: j.lossCurve, converged: j.converged, optimizer: null, blocks: [params] });
    return model;
  }

  private json(): MLPClassifierJSON {
    const f = this.state();
    const { widths, paramCount } = mlpLayout(f.shape);
    const params = readParams(ready(), f.params, new Float32Array(paramCount));
    return mlpJSON(resolveMLPOptions({ ...this.options, hiddenLayerSizes: f.shape.hidden, activation: f.shape.activation }), f.classes, widths, params, f.nIter, f.lossCurve, f.converged);
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

function sameShape(a: MlpShape, b: MlpShape): boolean {
  return a.features === b.features && a.outputs === b.outputs && a.activation === b.activation &&
    a.hidden.length === b.hidden.length && a.hidden.every((h, i) => h === b.hidden[i]);
}

function checkedInput(X: MatrixInput, f: Fitted): Matrix {
  const D = f.shape.features;
  const m = toMatrix("X", X, ArrayBuffer.isView(X) ? D : undefined, "features");
  if (m.cols !== D) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${D}`);
  checkFinite("X", m);
  return m;
}
