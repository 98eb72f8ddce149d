// SoftmaxRegression: multinomial logistic regression with scikit-learn's contract and objective,
//   Σ_i s_i · c_{y_i} · CE_i  +  ‖W‖² / (2C),   intercept unpenalised,
// trained by L-BFGS (to scikit-learn's optimum), mini-batch SGD with momentum, or Adam: the dense
// chain with no hidden layer and a softmax head (sampled, with sampledSoftmax). Fitted parameters
// [W | b], W class-major K × D. Everything shared is model.ts's; this file is the spec.

import { checkOptions } from "../core/checks.js";
import { checkLabels, type Label, type FitLabel } from "../data/labels.js";
import type { SparseMatrix } from "../core/sparse.js";
import { resolveClassWeights } from "../data/class_weights.js";
import { softmaxHead } from "../objectives/heads.js";
import { solverOptionNamesAnd } from "../solvers/options.js";

import { linearParams } from "./coefficients.js";
import { sampledObjectiveOptions } from "./sampled_options.js";
import { Model, type DenseRows, type ModelInput, type FitOptions, type PartialFitOptions, type TypedLabels } from "./model.js";
import { layersJSON, type ModelJSON } from "./json.js";
import { linearWeights } from "./weights_json.js";
import { penaltyOfC, refuseForLinear } from "./linear_options.js";
import { resolveOptions, type ResolvedOptions, type SoftmaxRegressionOptions } from "./softmax_regression_options.js";
import type { ModelSpec } from "./spec.js";

const spec: ModelSpec<ResolvedOptions> = {
  name: "SoftmaxRegression",
  format: "wasmax/SoftmaxRegression",
  version: 1,
  cliName: "softmax",
  targets: "labels",
  // A getter, as in every spec: bundlers keep a list spread at module level (and with it the model) in apps that never use it.
  get optionNames() {
    return solverOptionNamesAnd("C", "fitIntercept", "classWeight", "labelSmoothing", "sampledSoftmax");
  },
  resolve: (o) => resolveOptions(o as SoftmaxRegressionOptions),
  shape: (o, features, outputs) => ({ features, hidden: [], outputs, activation: "identity", fitIntercept: o.fitIntercept }),
  head: (o, _form, data) =>
    softmaxHead({
      classWeights: data ? resolveClassWeights(o.classWeight, data.classes, data.labels) : null,
      labelSmoothing: o.labelSmoothing,
      sampled:
        data && o.sampledSoftmax ? sampledObjectiveOptions(o.sampledSoftmax, o.randomState, data.labels, data.classes.length) : undefined,
    }),
  penalty: penaltyOfC,
  weights: linearWeights,
  refuseLayers: (layers) => refuseForLinear(layers, "softmax"),
  layerOptions: () => ({}),
};

/**
 * L is the type of the labels the model predicts: fit infers it from y (string[] gives
 * SoftmaxRegression<string>); fromJSON gives Label (string | number) unless told.
 */
export class SoftmaxRegression<L extends Label = Label> extends Model<L, SoftmaxRegressionOptions> {
  /** @internal What makes this model differ from the others (models/spec.ts); the registry reads it. */
  static readonly spec = spec;
  /**
   * The name fitInWorker and messages use (class names do not survive minifiers). Getters, not
   * fields: a static field that reads a property would keep the class in the bundles of apps that never
   * use it.
   */
  static get modelName(): string {
    return spec.name;
  }
  /** The format tag of its JSON, by which loadModel finds the class. */
  static get format(): string {
    return spec.format;
  }

  constructor(options: SoftmaxRegressionOptions = {}) {
    super(options);
  }

  /** Coefficients, classes × features. */
  get coef(): number[][] {
    const [layer] = this.layers();
    return Array.from({ length: layer!.outputs }, (_, k) => Array.from(layer!.weight.subarray(k * layer!.inputs, (k + 1) * layer!.inputs)));
  }

  /** Intercepts, one per class. */
  get intercept(): number[] {
    return Array.from(this.layers()[0]!.bias);
  }

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  fit<Y extends {} = L>(
    X: Float32Array | Float64Array,
    y: readonly FitLabel<Y, L>[],
    options: FitOptions & { features: number },
  ): SoftmaxRegression<FitLabel<Y, L>>;
  fit<Y extends {} = L>(X: DenseRows | SparseMatrix, y: readonly FitLabel<Y, L>[], options?: FitOptions): SoftmaxRegression<FitLabel<Y, L>>;
  fit(X: Float32Array | Float64Array, y: TypedLabels, options: FitOptions & { features: number }): SoftmaxRegression<number>;
  fit(X: DenseRows | SparseMatrix, y: TypedLabels, options?: FitOptions): SoftmaxRegression<number>;
  fit(X: ModelInput, y: unknown, options?: FitOptions): SoftmaxRegression<Label> {
    this.fitModel(X, y, options);
    return this;
  }

  /**
   * One epoch of the sgd or adam solver over (X, y) in the given order (shuffled when `shuffle` is
   * set), continuing from the current weights and optimizer state. Streaming chunks through
   * partialFit runs the same steps as one fit epoch over the chunks in sequence (with C = Infinity;
   * with a penalty, each call's share uses that call's row count).
   */
  partialFit(X: ModelInput, y: readonly L[] | TypedLabels, options?: PartialFitOptions<L>): this {
    this.partialFitModel(X, y, options);
    return this;
  }

  /** The most probable class of each row (the argmax kernel's rule), as labels of the kind fit was given. */
  predict(X: ModelInput): L[] {
    return this.predictRows(X) as L[];
  }

  /** Accuracy on (X, y); an unknown label in y is a RangeError. */
  score(X: ModelInput, y: readonly L[] | TypedLabels): number {
    return this.scoreRows(X, y);
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  override toJSON(): SoftmaxRegressionJSON {
    return super.toJSON() as SoftmaxRegressionJSON;
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
    const K = s.classes.length;
    const { params, features } = linearParams(s.coef, s.intercept, K);
    const layer = { kind: "dense" as const, inputs: features, outputs: K, activation: "softmax" as const };
    const json = layersJSON(spec, [{ ...layer, weight: params.subarray(0, K * features), bias: params.subarray(K * features) }], {
      classes: s.classes,
      options,
    });
    return SoftmaxRegression.fromJSON<L>(json);
  }

  /** A model from its saved form (toJSON), checked field by field. */
  static fromJSON<L extends Label = Label>(json: unknown): SoftmaxRegression<L> {
    return Model.restore(SoftmaxRegression, json) as SoftmaxRegression<L>;
  }
}

/** The saved form of a SoftmaxRegression. */
export interface SoftmaxRegressionJSON extends ModelJSON {
  /** Always "wasmax/SoftmaxRegression". */
  format: "wasmax/SoftmaxRegression";
  /** The options, resolved. */
  options: SoftmaxRegressionOptions & Record<string, unknown>;
  /** Coefficients, classes × features (scikit-learn's coef_). */
  coef: number[][];
  /** Intercepts, one per class. */
  intercept: number[];
}
