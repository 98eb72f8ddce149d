// Every model wasmax can save, load, train in a worker, export and import: an explicit list, not
// registration by side effect, so bundlers can still drop what an app never imports
// ("sideEffects": false). This is the one list: cli/, onnx/ and worker/ find models here (by class
// name, CLI name or format tag, or by the layers they are given), so a new model is its class in
// models/ plus one line below. Layers trained elsewhere go to the first model that takes them, so
// the general model comes last.

import type { FitLabel, Label, LabelsInput } from "../data/labels.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";
import type { SparseMatrix } from "../core/sparse.js";
import type { SoftmaxRegressionJSON } from "./softmax_regression.js";
import type { SoftmaxRegressionOptions } from "./softmax_regression_options.js";
import type { MLPClassifierJSON } from "./mlp_classifier.js";
import type { MLPClassifierOptions } from "./mlp_classifier_options.js";
import type { MultiLabelOptions } from "./multilabel_logistic_regression.js";
import { SoftmaxRegression } from "./softmax_regression.js";
import { MultiLabelLogisticRegression } from "./multilabel_logistic_regression.js";
import { MLPClassifier } from "./mlp_classifier.js";
import type { FastTextClassifier, FastTextClassifierJSON, FastTextClassifierOptions, FastTextLabel } from "./fasttext_classifier.js";
import { readJSONObject } from "./json.js";
import { type DenseRows, type ModelInput, type TypedLabels } from "./model.js";
import { layersJSON } from "./json.js";
import type { LayerInfo } from "./spec.js";

/** Every registered model class, in the order layers trained elsewhere are offered to them (the general model last). */
export const MODELS = [SoftmaxRegression, MultiLabelLogisticRegression, MLPClassifier] as const;

/**
 * Models of texts rather than rows: fastText's embedding-bag classifier, which "wasmax/fasttext"
 * registers when it is imported (registerTextModels), so that no other app carries it. Once there,
 * they load (loadModel) and train in workers (fitInWorker) as the models above do, but they are not
 * in MODELS: a ModelSpec describes a chain of dense layers over numeric rows (its shape, head and
 * layers serve the table CLI, ONNX export and import), and an embedding bag over a hashed
 * dictionary is none of these.
 */
let textModels: readonly TextModelClass[] = [];

/** The text models' format tags and class names, known even where "wasmax/fasttext" is not imported. */
const TEXT_MODEL_FORMATS: Readonly<Record<string, string>> = { "wasmax/FastTextClassifier": "FastTextClassifier" };

/** Called by "wasmax/fasttext" at import time: the text models it brings. */
export function registerTextModels(models: readonly TextModelClass[]): void {
  textModels = models;
}

/** The TypeError for a text model's name or format where "wasmax/fasttext" is not imported. */
function notImported(where: string, name: string): TypeError {
  return new TypeError(`${where}: ${name} is in "wasmax/fasttext": import it (and init) from there, e.g. ${name}.fromJSON`);
}

/** A model class of the registry. */
export type ModelClass = (typeof MODELS)[number];
/** An instance of any registered model. */
export type AnyModel = InstanceType<ModelClass>;
/** A text model's class. */
export type TextModelClass = typeof FastTextClassifier;
/** An instance of any text model. */
export type AnyTextModel = InstanceType<TextModelClass>;
/** The class names that fitInWorker accepts. */
export type ModelName = ModelClass["modelName"] | TextModelClass["modelName"];

/** The registered class (of rows or texts) called `name`; a RangeError listing the names otherwise. */
export function modelClass(name: string): ModelClass | TextModelClass {
  const all = [...MODELS, ...textModels];
  const found = all.find((M) => M.modelName === name);
  if (!found && Object.values(TEXT_MODEL_FORMATS).includes(name)) throw notImported("fitInWorker", name);
  if (!found) throw new RangeError(`unknown model ${JSON.stringify(name)}: expected one of ${all.map((M) => M.modelName).join(", ")}`);
  return found;
}

/**
 * A fitted model from the JSON (object or string) that a registered model's toJSON() made (the
 * public loadModel, pipeline/load.ts, also reads pipelines and the command line's files).
 */
export function modelFromJSON(json: unknown): AnyModel | AnyTextModel {
  const parsed = readJSONObject("loadModel", json);
  const format = parsed["format"];
  const all = [...MODELS, ...textModels];
  const M = all.find((m) => m.format === format);
  const textModel = typeof format === "string" ? TEXT_MODEL_FORMATS[format] : undefined;
  if (!M && textModel !== undefined) throw notImported("loadModel", textModel);
  if (!M) {
    throw new TypeError(
      `loadModel: format is ${JSON.stringify(format)}, expected one of ${all.map((m) => JSON.stringify(m.format)).join(", ")}`,
    );
  }
  return M.fromJSON(parsed);
}

/** loadModel for models of rows (MODELS) only: a text model's JSON is a TypeError naming it. */
export function loadRowModel(json: unknown): AnyModel {
  const parsed = readJSONObject("loadModel", json);
  const textModel = typeof parsed["format"] === "string" ? TEXT_MODEL_FORMATS[parsed["format"]] : undefined;
  if (textModel !== undefined) throw new TypeError(`loadModel: this is a ${textModel}, a model of texts, not of rows`);
  return modelFromJSON(parsed) as AnyModel;
}

/** Whether `format` is a text model's format tag (registered or not). */
export function isTextModelFormat(format: unknown): boolean {
  return typeof format === "string" && TEXT_MODEL_FORMATS[format] !== undefined;
}

/**
 * A fitted model from layers trained elsewhere (ONNX, the CLI's imports): the class called
 * `source.model` when it can take the layers, else the first registered class that can. `classes`
 * name the last layer's outputs; `threshold` is a sigmoid output's labels threshold, where the
 * source names one. A RangeError says why no model takes the layers.
 */
export function modelFromLayers(layers: readonly LayerInfo[], source: LayerSource): AnyModel {
  const M = modelForLayers(layers, source);
  if (typeof M === "string") throw new RangeError(M);
  return M.fromJSON(layersJSON(M.spec, layers, source));
}

/** Where layers trained elsewhere come from: their classes, options, threshold, form and preferred model. */
export interface LayerSource {
  /** The last layer's outputs' labels. */
  classes: readonly Label[];
  /** Options of the model made (solver settings for further training, a multi-label threshold). */
  options?: object;
  /** The labels' threshold of a sigmoid output, where the source names one. */
  threshold?: number;
  /** A sigmoid output predicts label sets ("sets", the default) or indicator rows. */
  form?: "sets" | "indicator";
  /** The registered class to make when it can take the layers (a saved model's own). */
  model?: string;
}

/** The registered class modelFromLayers would make, or why none can take the layers. */
export function modelForLayers(layers: readonly LayerInfo[], source: LayerSource): ModelClass | string {
  const preferred = source.model === undefined ? [] : MODELS.filter((M) => M.modelName === source.model);
  const reasons: string[] = [];
  for (const M of [...preferred, ...MODELS]) {
    const why = layers.length === 0 ? "there are no layers" : M.spec.refuseLayers(layers, source.threshold);
    if (why === null) return M;
    reasons.push(`${M.modelName}: ${why}`);
  }
  return `no wasmax model takes these layers (${[...new Set(reasons)].join("; ")})`;
}

/** A model's options, as its constructor takes them. */
export type AnyModelOptions = NonNullable<ConstructorParameters<ModelClass>[0]>;

/** The registered class whose CLI name is `name`, or undefined. */
export function modelByCliName(name: string): ModelClass | undefined {
  return MODELS.find((M) => M.spec.cliName === name);
}

/** The model's options as fitInWorker takes them: onEpoch goes in the fourth argument (it runs in this thread). */
export type WorkerModelOptions = Omit<SoftmaxRegressionOptions, "onEpoch">;

/**
 * fitInWorker's typed forms, one set per registered model (worker/client.ts implements them; `Run`
 * is its fourth argument's options). A model's entry here types fitInWorker for it.
 */
export interface FitInWorker<Run extends object> {
  /** Trains in a worker and resolves to the fitted model, usable in this thread (init() is called if needed). */
  <Y extends {} = Label>(
    X: DenseRows | SparseMatrix,
    y: readonly FitLabel<Y>[],
    options?: WorkerModelOptions,
    run?: Run & { output?: "model"; model?: "SoftmaxRegression" },
  ): Promise<SoftmaxRegression<FitLabel<Y>>>;
  /** An MLPClassifier (run.model); a typed-array X needs `features`, as for fit. */
  <Y extends {} = Label>(
    X: ModelInput,
    y: readonly FitLabel<Y>[],
    options: Omit<MLPClassifierOptions, "onEpoch"> | undefined,
    run: Run & { model: "MLPClassifier" } & { output?: "model" },
  ): Promise<MLPClassifier<FitLabel<Y>>>;
  /** A typed-array X needs `features` in the fourth argument. */
  <Y extends {} = Label>(
    X: Float32Array | Float64Array,
    y: readonly FitLabel<Y>[],
    options: WorkerModelOptions | undefined,
    run: Run & { features: number; output?: "model"; model?: "SoftmaxRegression" },
  ): Promise<SoftmaxRegression<FitLabel<Y>>>;
  (
    X: ModelInput,
    y: TypedLabels,
    options: WorkerModelOptions | undefined,
    run: Run & { features: number; output?: "model"; model?: "SoftmaxRegression" },
  ): Promise<SoftmaxRegression<number>>;
  /** A MultiLabelLogisticRegression (run.model) on label sets or an indicator matrix. */
  (
    X: ModelInput,
    y: LabelSets | IndicatorMatrix,
    options: Omit<MultiLabelOptions, "onEpoch"> | undefined,
    run: Run & { model: "MultiLabelLogisticRegression"; output?: "model" },
  ): Promise<MultiLabelLogisticRegression>;
  /** A FastTextClassifier (run.model) on texts and their labels or label sets. */
  (
    X: readonly string[],
    y: readonly FastTextLabel[],
    options: Omit<FastTextClassifierOptions, "onEpoch"> | undefined,
    run: Run & { model: "FastTextClassifier"; output?: "model" },
  ): Promise<FastTextClassifier>;
  (
    X: readonly string[],
    y: readonly FastTextLabel[],
    options: Omit<FastTextClassifierOptions, "onEpoch"> | undefined,
    run: Run & { model: "FastTextClassifier"; output: "json" },
  ): Promise<FastTextClassifierJSON>;
  /** The same, resolving to the model's JSON (for storage, or another thread) without loading wasmax here. */
  (
    X: ModelInput,
    y: LabelsInput,
    options: WorkerModelOptions | undefined,
    run: Run & { output: "json"; model?: "SoftmaxRegression" },
  ): Promise<SoftmaxRegressionJSON>;
  (
    X: ModelInput,
    y: LabelsInput,
    options: Omit<MLPClassifierOptions, "onEpoch"> | undefined,
    run: Run & { model: "MLPClassifier" } & { output: "json" },
  ): Promise<MLPClassifierJSON>;
}
