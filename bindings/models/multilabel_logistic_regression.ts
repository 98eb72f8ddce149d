// MultiLabelLogisticRegression: one logistic regression per label (scikit-learn's
// OneVsRestClassifier(LogisticRegression) trained jointly), the dense chain with no hidden layer and
// a sigmoid head: Σ_i s_i · Σ_k BCE(x_i·w_k + b_k, z_ik) + ‖W‖² / (2C), intercepts unpenalised.
// It takes label sets or a 0/1 indicator matrix and predicts in the form it was given (labels whose
// probability is at least `threshold`). Everything shared is model.ts's.

import { checkOptions, flag, inRange } from "../core/checks.js";
import { toVector } from "../core/input.js";
import { checkLabels, type Label } from "../data/labels.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";
import { sigmoidHead } from "../objectives/heads.js";
import { solverOptionNamesAnd, resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";
import { linearParams } from "./coefficients.js";
import { LABEL_SETS } from "./label_sets.js";
import { Model, type ModelInput, type FitOptions, type PartialFitOptions } from "./model.js";
import { layersJSON, type ModelJSON } from "./json.js";
import { linearWeights } from "./weights_json.js";
import { inverseC, penaltyOfC, refuseForLinear } from "./linear_options.js";
import type { ModelSpec } from "./spec.js";

export interface MultiLabelOptions extends SolverOptions {
  /** Inverse L2 strength, as LogisticRegression's; Infinity means no penalty. @default 1 */
  C?: number;
  /** @default true */
  fitIntercept?: boolean;
  /** One weight per label for its positive rows (PyTorch's pos_weight). @default undefined (all 1) */
  posWeight?: readonly number[];
  /** A label is predicted where its probability is at least this, in (0, 1). @default 0.5 */
  threshold?: number;
}

type Resolved = ResolvedSolverOptions & { C: number; fitIntercept: boolean; posWeight: readonly number[] | undefined; threshold: number };

const spec: ModelSpec<Resolved> = {
  name: "MultiLabelLogisticRegression",
  format: "wasmax/MultiLabelLogisticRegression",
  version: 1,
  cliName: "multilabel",
  targets: "label-sets",
  labelSets: LABEL_SETS,
  get optionNames() {
    return solverOptionNamesAnd("C", "fitIntercept", "posWeight", "threshold");
  },
  resolve(options) {
    const o = options as MultiLabelOptions;
    if (o.posWeight !== undefined && !Array.isArray(o.posWeight))
      throw new TypeError("posWeight must be an array with one weight per label");
    const threshold = inRange("threshold", o.threshold ?? 0.5, 0, 1);
    if (threshold === 0) throw new RangeError("threshold must be in (0, 1), got 0");
    return {
      ...resolveSolverOptions(o, { solver: "lbfgs", batchSize: 64 }),
      C: inverseC(o.C),
      fitIntercept: flag("fitIntercept", o.fitIntercept ?? true),
      posWeight: o.posWeight,
      threshold,
    };
  },
  shape: (o, features, outputs) => ({ features, hidden: [], outputs, activation: "identity", fitIntercept: o.fitIntercept }),
  head: (o, _form, data) =>
    sigmoidHead({
      posWeight: data && o.posWeight !== undefined ? toVector("posWeight", o.posWeight, data.classes.length, "one per label") : null,
      threshold: o.threshold,
    }),
  penalty: penaltyOfC,
  weights: linearWeights,
  refuseLayers: (layers) => refuseForLinear(layers, "sigmoid"),
  layerOptions: (_shape, threshold) => (threshold === undefined ? {} : { threshold }),
};

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
export class MultiLabelLogisticRegression extends Model<Label, MultiLabelOptions> {
  /** @internal What makes this model differ from the others (models/spec.ts); the registry reads it. */
  static readonly spec = spec;
  /**
   * The name fitInWorker and messages use. Getters, not fields: a static field that reads a property
   * would keep the class in the bundles of apps that never use it.
   */
  static get modelName(): string {
    return spec.name;
  }
  /** The format tag of its JSON, by which loadModel finds the class. */
  static get format(): string {
    return spec.format;
  }

  constructor(options: MultiLabelOptions = {}) {
    super(options);
  }

  /** Coefficients, labels × features. */
  get coef(): number[][] {
    return this.toJSON().coef;
  }

  /** Intercepts, one per label. */
  get intercept(): number[] {
    return this.toJSON().intercept;
  }

  /** Trains on X (rows × features) and y (label sets or a 0/1 indicator matrix); returns the model. */
  fit(X: ModelInput, y: LabelSets | IndicatorMatrix, options?: FitOptions): this {
    this.fitModel(X, y, options);
    return this;
  }

  /**
   * One epoch of the sgd or adam solver over (X, y), continuing from the current weights and
   * optimizer state, as SoftmaxRegression.partialFit: chunks streamed through it run the same steps
   * as one fit epoch over them in sequence (with C = Infinity). The first call of label sets names
   * every label the model will see, `{ classes }` (a chunk need not hold them all); an indicator
   * matrix's columns are the labels 0 … K−1. Later calls take y in the same form.
   */
  partialFit(X: ModelInput, y: LabelSets | IndicatorMatrix, options?: PartialFitOptions): this {
    this.partialFitModel(X, y, options);
    return this;
  }

  /** Each row's labels (probability ≥ threshold), in the form fit was given: label sets or indicator rows. */
  predict(X: ModelInput): Label[][] | number[][] {
    return this.predictRows(X) as Label[][] | number[][];
  }

  /** Subset accuracy on (X, y): the fraction of rows whose whole label set is right (scikit-learn's score). */
  score(X: ModelInput, y: LabelSets | IndicatorMatrix): number {
    return this.scoreRows(X, y);
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  override toJSON(): MultiLabelJSON {
    return super.toJSON() as MultiLabelJSON;
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
    const K = s.classes.length;
    if (!Array.isArray(s.coef) || s.coef.length !== K)
      throw new RangeError(`coef has ${Array.isArray(s.coef) ? s.coef.length : 0} rows, expected ${K} (one per label)`);
    const { params, features } = linearParams(s.coef, s.intercept, K);
    const layer = {
      kind: "dense" as const,
      inputs: features,
      outputs: K,
      weight: params.subarray(0, K * features),
      bias: params.subarray(K * features),
      activation: "sigmoid" as const,
    };
    return MultiLabelLogisticRegression.fromJSON(layersJSON(spec, [layer], { classes: s.classes, options }));
  }

  /** A model from its saved form (toJSON), checked field by field. */
  static fromJSON(json: unknown): MultiLabelLogisticRegression {
    return Model.restore(MultiLabelLogisticRegression, json);
  }
}

/** The saved form of a MultiLabelLogisticRegression. */
export interface MultiLabelJSON extends ModelJSON {
  /** Always "wasmax/MultiLabelLogisticRegression". */
  format: "wasmax/MultiLabelLogisticRegression";
  /** The options, resolved. */
  options: MultiLabelOptions & Record<string, unknown>;
  /** Label sets ("sets") or a 0/1 indicator matrix ("indicator"), as fit was given. */
  form: "sets" | "indicator";
  /** Coefficients, labels × features. */
  coef: number[][];
  /** Intercepts, one per label. */
  intercept: number[];
}
