// The saved form every model shares, written and read: a versioned plain object
//   { format, version, options, classes, form?, nFeatures, …weights, nIter, lossCurve, converged }
// with the weights in the model's layout (weights_json.ts) and `form` for models that take label
// sets. Reading checks the envelope field by field, every declared size before any value is walked
// or anything allocated, then the values, and every option exactly as fit checks it (the model's
// resolve). Errors are
// TypeErrors (RangeErrors for sizes and option values out of range) that start with the reader's
// name, e.g. "SoftmaxRegression.fromJSON: options.C …".

import { checkVersion } from "../core/checks.js";
import { checkLabels, type Label } from "../data/labels.js";
import { chainLayout, classMajor, type ChainShape } from "../objectives/dense_chain.js";
import type { TargetForm, TargetKind } from "./fit_data.js";
import type { Fail } from "./weights_json.js";
import type { LayerInfo, ModelSpec } from "./spec.js";

/** Parses a JSON string; the result must be an object. Errors are TypeErrors that start with `where`. */
export function readJSONObject(where: string, json: unknown): Record<string, unknown> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new TypeError(`${where}: not valid JSON (${(cause as Error).message})`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError(`${where}: expected an object or a JSON string`);
  return value as Record<string, unknown>;
}

/** The saved form every model writes (its weight fields vary by model). */
export interface ModelJSON {
  /** The model's format tag, "wasmax/" and its class name, by which loadModel finds the class. */
  format: string;
  /** The version of the format (an integer; readers refuse versions they do not know). */
  version: number;
  /** Every option, resolved (defaults filled); Infinity (C without penalty) saved as null. */
  options: Record<string, unknown>;
  /** The classes (labels for label sets), in the order of the output columns. */
  classes: Label[];
  /** Models that take label sets: "classes" (one label per row), "sets" or "indicator" (label sets as given to fit). */
  form?: "classes" | "sets" | "indicator";
  /** Features the model was trained with. */
  nFeatures: number;
  /** A model trained on a SparseMatrix keeps its first layer input-major; its copy does too. */
  inputMajor?: true;
  /** Iterations or epochs of the last fit. */
  nIter: number;
  /** The training loss after every iteration or epoch. */
  lossCurve: number[];
  /** Whether the last fit met its stopping rule. */
  converged: boolean;
  /** The columns' names, when the model was fit on rows of objects. */
  featureNames?: string[];
  /** The weights, in the model's layout (coef and intercept, or coefs and intercepts per layer). */
  [weights: string]: unknown;
}

/** What a saved model records of a fit: its classes and form, network, parameters (in `shape`'s layout) and training record. */
export interface SavedFit {
  classes: readonly Label[];
  form: TargetForm;
  shape: ChainShape;
  params: Float32Array;
  nIter: number;
  lossCurve: readonly number[];
  converged: boolean;
  featureNames?: string[] | null;
}

/** The saved form of a model of `spec` with resolved options `options`. */
export function savedModel(spec: ModelSpec, options: object, fit: SavedFit): ModelJSON {
  const { shape } = fit;
  return {
    format: spec.format,
    version: spec.version,
    options: savedOptions(options),
    classes: [...fit.classes],
    ...(spec.targets === "labels" ? {} : { form: fit.form }),
    nFeatures: shape.features,
    // Saved weights are always class-major; a model trained on sparse rows says so, so that its
    // copy keeps the input-major layout (and predicts with the same kernels, bit for bit).
    ...(shape.inputMajor ? { inputMajor: true } : {}),
    ...spec.weights.write(classMajor(shape, fit.params), shape),
    nIter: fit.nIter,
    lossCurve: [...fit.lossCurve],
    converged: fit.converged,
    ...(fit.featureNames ? { featureNames: [...fit.featureNames] } : {}),
  };
}

/**
 * A saved form for a model of `spec` from layers trained elsewhere (ONNX import, fromCoefficients,
 * the CLI): the weights as given, the options the layers imply over the caller's; a sigmoid output
 * predicts label sets unless `form` says indicator rows. A RangeError says why the layers do not fit
 * the model.
 */
export function layersJSON(
  spec: ModelSpec,
  layers: readonly LayerInfo[],
  source: { classes: readonly Label[]; options?: object; threshold?: number; form?: "sets" | "indicator" },
): ModelJSON {
  const why = layers.length === 0 ? "there are no layers" : spec.refuseLayers(layers, source.threshold);
  if (why) throw new RangeError(`${spec.name}: ${why}`);
  const last = layers[layers.length - 1]!;
  if (source.classes.length !== last.outputs)
    throw new RangeError(`classes must hold ${last.outputs} labels, one per output of the last layer, got ${source.classes.length}`);
  const shape: ChainShape = {
    features: layers[0]!.inputs,
    hidden: layers.slice(0, -1).map((l) => l.outputs),
    outputs: last.outputs,
    activation: layers.length > 1 ? (layers[0]!.activation as ChainShape["activation"]) : "identity",
    fitIntercept: true,
  };
  const params = new Float32Array(chainLayout(shape).paramCount);
  let at = 0;
  for (const layer of layers) {
    params.set(layer.weight, at);
    params.set(layer.bias, at + layer.weight.length);
    at += layer.weight.length + layer.bias.length;
  }
  const options = spec.resolve({ ...source.options, ...spec.layerOptions(shape, source.threshold) });
  const form = last.activation === "softmax" ? "classes" : (source.form ?? "sets");
  return savedModel(spec, options, { classes: source.classes, form, shape, params, nIter: 0, lossCurve: [], converged: true });
}

/**
 * Options as saved: the callback dropped, a Map written as an object, and a number JSON cannot hold
 * (Infinity: C without penalty) written as null, which restoreOptions turns back.
 */
export function savedOptions(options: object): Record<string, unknown> {
  const saved: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(options)) {
    if (key === "onEpoch" || v === undefined) continue;
    saved[key] = v instanceof Map ? Object.fromEntries(v) : typeof v === "number" && !Number.isFinite(v) ? null : v;
  }
  return saved;
}

/** The envelope of a saved model, checked; `options` still to be resolved, `classes` still to be checked (checkClasses). */
export interface Envelope {
  options: Record<string, unknown>;
  classes: Label[];
  form: TargetForm;
  nFeatures: number;
  nIter: number;
  lossCurve: number[];
  converged: boolean;
}

/** Checks what every saved model holds besides its weights. */
export function readEnvelope(
  o: Record<string, unknown>,
  fail: Fail,
  model: { format: string; version: number; targets: TargetKind },
): Envelope {
  if (o["format"] !== model.format) fail(`format is ${JSON.stringify(o["format"])}, expected ${JSON.stringify(model.format)}`);
  try {
    checkVersion("saved model", o["version"], model.version);
  } catch (error) {
    fail((error as Error).message.replace("saved model: ", ""));
  }
  const form = (model.targets === "labels" ? "classes" : (o["form"] ?? "classes")) as TargetForm;
  const forms: TargetForm[] =
    model.targets === "labels" ? ["classes"] : model.targets === "label-sets" ? ["sets", "indicator"] : ["classes", "sets", "indicator"];
  if (!forms.includes(form)) fail(`form is ${JSON.stringify(o["form"])}, expected ${forms.map((f) => `'${f}'`).join(" or ")}`);
  const classes = o["classes"];
  const least = form === "classes" ? 2 : 1;
  if (!Array.isArray(classes) || classes.length < least)
    fail(`classes must be an array of at least ${least === 2 ? "two labels" : "one label"}`);
  const nFeatures = o["nFeatures"];
  if (!Number.isInteger(nFeatures) || (nFeatures as number) < 1) fail("nFeatures must be an integer >= 1");
  const options = o["options"] ?? {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) fail("options must be an object");
  const restored: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(options as object)) restored[key] = v === null ? Infinity : v;
  return { options: restored, classes: classes as Label[], form, nFeatures: nFeatures as number, ...trainingRecord(o) };
}

/** The saved classes' values: labels of one kind, no duplicates (checked after the sizes). */
export function checkClasses(classes: readonly Label[], fail: Fail): void {
  try {
    checkLabels("classes", classes);
  } catch (error) {
    fail((error as Error).message);
  }
  if (new Set(classes).size !== classes.length) fail("classes has duplicates");
}

/** How a saved model's training went, read leniently: these fields describe the past, not the weights. */
function trainingRecord(o: Record<string, unknown>): { nIter: number; lossCurve: number[]; converged: boolean } {
  const { nIter, lossCurve, converged } = o;
  return {
    nIter: Number.isInteger(nIter) && (nIter as number) >= 0 ? (nIter as number) : 0,
    lossCurve: Array.isArray(lossCurve) ? lossCurve.filter((v): v is number => typeof v === "number") : [],
    converged: converged !== false,
  };
}
