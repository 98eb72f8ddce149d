// MLPClassifier: a multi-layer perceptron with a softmax output layer, scikit-learn's
// MLPClassifier contract spelled the TypeScript way: the dense chain with hidden layers. Given
// label sets or a 0/1 indicator matrix (data/multilabel.ts's rule) instead of one label per row, it
// trains logistic outputs with binary cross-entropy, as scikit-learn's does, and predicts label
// sets (probability ≥ 0.5). Objective: Σ_i s_i · CE_i + (λ/2)·Σ_l ‖W_l‖², with scikit-learn's alpha:
// λ = alpha for lbfgs (the whole data set is one batch) and λ = alpha · rows / batchSize for sgd
// and adam, so each step follows the mean batch gradient plus (alpha / batchSize)·W, as
// scikit-learn's does. Weights start Glorot-uniform as scikit-learn's (bound √(6 / (fan_in +
// fan_out)), √(2 / …) for logistic), from the seeded generator. Everything shared is model.ts's.

import { checkOptions } from "../core/checks.js";
import { random, seedOf } from "../core/random.js";

import type { Label, FitLabel } from "../data/labels.js";
import type { SparseMatrix } from "../core/sparse.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";
import { chainLayout, type Activation, type ChainShape } from "../objectives/dense_chain.js";
import { sigmoidHead, softmaxHead } from "../objectives/heads.js";
import { mlpCoefs } from "./coefficients.js";
import { sampledObjectiveOptions } from "./sampled_options.js";
import { LABEL_SETS } from "./label_sets.js";
import { Model, type DenseRows, type ModelInput, type FitOptions, type PartialFitOptions, type TypedLabels } from "./model.js";
import { layersJSON, type ModelJSON } from "./json.js";
import { layerWeights } from "./weights_json.js";
import { solverOptionNamesAnd } from "../solvers/options.js";
import { resolveMLPOptions, type MLPClassifierOptions, type ResolvedMLPOptions } from "./mlp_classifier_options.js";
import type { LayerInfo, ModelSpec } from "./spec.js";

/** A label is on where its probability is at least this (scikit-learn's MLP predicts with 0.5). */
const THRESHOLD = 0.5;

const spec: ModelSpec<ResolvedMLPOptions> = {
  name: "MLPClassifier",
  format: "wasmax/MLPClassifier",
  version: 1,
  cliName: "mlp",
  targets: "labels or label-sets",
  labelSets: LABEL_SETS,
  get optionNames() {
    return solverOptionNamesAnd("hiddenLayerSizes", "activation", "alpha", "sampledSoftmax");
  },
  resolve: (o) => resolveMLPOptions(o as MLPClassifierOptions),
  shape: (o, features, outputs) => ({ features, hidden: o.hiddenLayerSizes, outputs, activation: o.activation, fitIntercept: true }),
  head(o, form, data) {
    if (form !== "classes") {
      if (o.sampledSoftmax) throw new TypeError("sampledSoftmax needs one label per row: label sets train independent sigmoids");
      return sigmoidHead({ posWeight: null, threshold: THRESHOLD });
    }
    const sampled =
      data && o.sampledSoftmax ? sampledObjectiveOptions(o.sampledSoftmax, o.randomState, data.labels, data.classes.length) : undefined;
    return softmaxHead({ classWeights: null, labelSmoothing: 0, sampled });
  },
  penalty: (o) => (o.solver === "lbfgs" ? o.alpha : (rows) => (o.alpha * rows) / Math.min(o.batchSize, rows)),
  initialParams: (o, shape) => glorot(shape, o.randomState),
  weights: layerWeights,
  refuseLayers(layers, threshold) {
    const hidden = new Set(layers.slice(0, -1).map((l) => l.activation));
    if (hidden.size > 1) return `the hidden layers use ${[...hidden].join(" and ")}; MLPClassifier has one activation for all of them`;
    const [activation] = hidden;
    if (activation === "softmax" || activation === "sigmoid") return `a hidden layer's activation is ${activation}`;
    const output = layers[layers.length - 1]!.activation;
    if (output !== "softmax" && output !== "sigmoid") return `its output is ${output}, expected softmax or sigmoid`;
    if (threshold !== undefined && threshold !== THRESHOLD)
      return `the labels output thresholds at ${threshold}; a multi-label MLPClassifier predicts labels at ${THRESHOLD}`;
    return null;
  },
  layerOptions: (shape) => ({ hiddenLayerSizes: [...shape.hidden], activation: shape.activation }),
};

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
export class MLPClassifier<L extends Label = Label> extends Model<L, MLPClassifierOptions> {
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

  constructor(options: MLPClassifierOptions = {}) {
    super(options);
  }

  /** Weights per layer in scikit-learn's layout: coefs[l] is inputs × outputs. */
  get coefs(): number[][][] {
    return this.toJSON().coefs;
  }

  /** Biases per layer. */
  get intercepts(): number[][] {
    return this.toJSON().intercepts;
  }

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  fit<Y extends {} = L>(
    X: Float32Array | Float64Array,
    y: readonly FitLabel<Y, L>[],
    options: FitOptions & { features: number },
  ): MLPClassifier<FitLabel<Y, L>>;
  fit<Y extends {} = L>(X: DenseRows | SparseMatrix, y: readonly FitLabel<Y, L>[], options?: FitOptions): MLPClassifier<FitLabel<Y, L>>;
  fit(X: Float32Array | Float64Array, y: TypedLabels, options: FitOptions & { features: number }): MLPClassifier<number>;
  fit(X: DenseRows | SparseMatrix, y: TypedLabels, options?: FitOptions): MLPClassifier<number>;
  /** Label sets or a 0/1 indicator matrix train sigmoid outputs; predict then answers in that form. */
  fit(X: ModelInput, y: LabelSets | IndicatorMatrix, options?: FitOptions): MLPClassifier<Label>;
  fit(X: ModelInput, y: unknown, options?: FitOptions): MLPClassifier<Label> {
    this.fitModel(X, y, options);
    return this;
  }

  /**
   * One epoch of sgd or adam over (X, y), continuing from the current weights and optimizer state.
   * Label sets (sigmoid outputs) as MultiLabelLogisticRegression.partialFit takes them: `{ classes }`
   * on the first call of label sets, none for indicator rows; later calls in the model's form.
   */
  partialFit(X: ModelInput, y: readonly L[] | TypedLabels, options?: PartialFitOptions<L>): this;
  partialFit(X: ModelInput, y: LabelSets | IndicatorMatrix, options?: PartialFitOptions): this;
  partialFit(X: ModelInput, y: unknown, options?: PartialFitOptions): this {
    this.partialFitModel(X, y, options);
    return this;
  }

  /** The most probable class of each row (argmax's rule); for label sets, each row's labels with probability ≥ 0.5. */
  predict(X: ModelInput): L[];
  predict(X: ModelInput): L[] | L[][] | number[][] {
    return this.predictRows(X) as L[] | L[][] | number[][];
  }

  /** Accuracy on (X, y) (subset accuracy for label sets); an unknown label in y is a RangeError. */
  score(X: ModelInput, y: readonly L[] | TypedLabels | LabelSets | IndicatorMatrix): number {
    return this.scoreRows(X, y);
  }

  /** A versioned plain object; fromJSON(toJSON()) predicts bit-identically. */
  override toJSON(): MLPClassifierJSON {
    return super.toJSON() as MLPClassifierJSON;
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
    const activation = resolveMLPOptions({ activation: s.activation ?? "relu" }).activation;
    const layers: LayerInfo[] = coefs.map((m, l) => ({
      kind: "dense",
      inputs: m.length,
      outputs: m[0]!.length,
      // scikit-learn's inputs × outputs, transposed to outputs × inputs.
      weight: Float32Array.from({ length: m.length * m[0]!.length }, (_, i) => m[i % m.length]![Math.floor(i / m.length)]!),
      bias: Float32Array.from(intercepts[l]!),
      activation: l + 1 < coefs.length ? activation : output,
    }));
    return MLPClassifier.fromJSON<L>(layersJSON(spec, layers, { classes: s.classes, options }));
  }

  /** A model from its saved form (toJSON), checked field by field. */
  static fromJSON<L extends Label = Label>(json: unknown): MLPClassifier<L> {
    return Model.restore(MLPClassifier, json) as MLPClassifier<L>;
  }
}

/** The saved form of an MLPClassifier: per layer, inputs × outputs (scikit-learn's coefs_). */
export interface MLPClassifierJSON extends ModelJSON {
  /** Always "wasmax/MLPClassifier". */
  format: "wasmax/MLPClassifier";
  /** The options, resolved. */
  options: MLPClassifierOptions & Record<string, unknown>;
  /** Units of each hidden layer. */
  hiddenLayerSizes: number[];
  /** The hidden layers' activation. */
  activation: Activation;
  /** "classes" (softmax outputs), or "sets" / "indicator" (sigmoid outputs for label sets). */
  form: "classes" | "sets" | "indicator";
  /** Per layer, inputs × outputs (scikit-learn's coefs_). */
  coefs: number[][][];
  /** Per layer, one bias per output. */
  intercepts: number[][];
}

/** Glorot-uniform weights and biases, as scikit-learn initialises them. */
function glorot(shape: ChainShape, randomState: number | undefined): Float32Array {
  const { widths, weightAt, paramCount } = chainLayout(shape);
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
