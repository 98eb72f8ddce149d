// The saved form of an MLPClassifier: a versioned plain object, validated field by field (sizes
// first) on load. Weights per layer in scikit-learn's layout (coefs[l] is inputs × outputs,
// intercepts[l] has outputs values), f32 values written as JSON numbers: a round trip is exact.

import { checkLabels, type Label } from "../data/labels.js";
import { finite32 } from "../core/checks.js";
import { readJSONObject, trainingRecord } from "./json.js";
import type { Activation } from "../objectives/mlp.js";
import type { MLPClassifierOptions, ResolvedMLPOptions } from "./mlp_classifier_options.js";

export const MLP_FORMAT = "wasmax/MLPClassifier";
const VERSION = 1;
/** Wasm32 memory ends at 4 GiB. */
const MAX_PARAM_BYTES = 2 ** 32;

/** What {@link MLPClassifier.toJSON} returns: a versioned plain object (f32 weights as JSON numbers, so a round trip is exact). */
export interface MLPClassifierJSON {
  /** The format tag, by which loadModel finds the class. */
  format: typeof MLP_FORMAT;
  /** The format's version. */
  version: number;
  /** The model's options (without onEpoch). */
  options: MLPClassifierOptions;
  /** The labels, in the order of the output layer's units. */
  classes: Label[];
  /** Features per row. */
  nFeatures: number;
  /** Units of each hidden layer. */
  hiddenLayerSizes: number[];
  /** The hidden layers' activation. */
  activation: Activation;
  /** "classes" (softmax outputs), or "sets" / "indicator" (sigmoid outputs for label sets). */
  form: "classes" | "sets" | "indicator";
  /** Per layer, inputs × outputs (scikit-learn's coefs_). */
  coefs: number[][][];
  /** Per layer, one bias per output (scikit-learn's intercepts_). */
  intercepts: number[][];
  /** Iterations or epochs trained. */
  nIter: number;
  /** The training loss after each iteration or epoch. */
  lossCurve: number[];
  /** Whether the solver reached tol. */
  converged: boolean;
}

/** The JSON of a network whose layers are given in wasmax's layout (per layer W outputs × inputs, then b). */
export function mlpJSON(
  opts: ResolvedMLPOptions,
  classes: readonly Label[],
  form: MLPClassifierJSON["form"],
  widths: readonly number[],
  params: Float32Array,
  nIter: number,
  lossCurve: readonly number[],
  converged: boolean,
): MLPClassifierJSON {
  const { onEpoch: _callback, ...options } = opts;
  const coefs: number[][][] = [];
  const intercepts: number[][] = [];
  let at = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inW = widths[l]!;
    const outW = widths[l + 1]!;
    coefs.push(Array.from({ length: inW }, (_, d) => Array.from({ length: outW }, (_, o) => params[at + o * inW + d]!)));
    at += inW * outW;
    intercepts.push(Array.from(params.subarray(at, at + outW)));
    at += outW;
  }
  return {
    format: MLP_FORMAT,
    version: VERSION,
    options,
    classes: [...classes],
    nFeatures: widths[0]!,
    hiddenLayerSizes: widths.slice(1, -1),
    activation: opts.activation,
    form,
    coefs,
    intercepts,
    nIter,
    lossCurve: [...lossCurve],
    converged,
  };
}

/** Checks a saved network; returns it with its parameters in wasmax's layout. */
export function parseMLPJSON(json: unknown): MLPClassifierJSON & { widths: number[]; params: Float32Array } {
  const fail = (what: string): never => {
    throw new TypeError(`MLPClassifier.fromJSON: ${what}`);
  };
  const o = readJSONObject("MLPClassifier.fromJSON", json) as Partial<MLPClassifierJSON>;
  if (o.format !== MLP_FORMAT) fail(`format is ${JSON.stringify(o.format)}, expected ${JSON.stringify(MLP_FORMAT)}`);
  if (typeof o.version !== "number" || o.version > VERSION)
    fail(`version ${String(o.version)} is not supported (this wasmax reads up to ${VERSION})`);
  const form = o.form ?? "classes";
  if (form !== "classes" && form !== "sets" && form !== "indicator") fail("form must be 'classes', 'sets' or 'indicator'");
  if (!Array.isArray(o.classes) || o.classes.length < (form === "classes" ? 2 : 1))
    fail("classes must be an array of at least two labels (one for label sets)");
  if (typeof o.nFeatures !== "number" || !Number.isInteger(o.nFeatures) || o.nFeatures < 1) fail("nFeatures must be an integer >= 1");
  if (!Array.isArray(o.hiddenLayerSizes) || o.hiddenLayerSizes.length > 1000)
    fail("hiddenLayerSizes must be an array of at most 1000 layer widths");
  const hidden = Array.from(o.hiddenLayerSizes!, (n, l) =>
    Number.isInteger(n) && n >= 1 ? n : fail(`hiddenLayerSizes[${l}] must be an integer >= 1`),
  );
  const widths = [o.nFeatures!, ...hidden, o.classes!.length];
  let count = 0;
  for (let l = 0; l + 1 < widths.length; l++) count += widths[l]! * widths[l + 1]! + widths[l + 1]!;
  if (count * 4 > MAX_PARAM_BYTES) {
    throw new RangeError(`MLPClassifier.fromJSON: the declared layers need ${count * 4} bytes, more than wasm memory can hold (4 GiB)`);
  }
  checkLabels("classes", o.classes);
  if (new Set(o.classes).size !== o.classes!.length) fail("classes has duplicates");
  if (o.activation !== "identity" && o.activation !== "relu" && o.activation !== "tanh" && o.activation !== "logistic") {
    fail(`activation is ${JSON.stringify(o.activation)}, expected 'identity', 'relu', 'tanh' or 'logistic'`);
  }
  if (!Array.isArray(o.coefs) || o.coefs.length !== widths.length - 1) fail(`coefs must hold ${widths.length - 1} layers`);
  if (!Array.isArray(o.intercepts) || o.intercepts.length !== widths.length - 1) fail(`intercepts must hold ${widths.length - 1} layers`);
  const params = new Float32Array(count);
  let at = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inW = widths[l]!;
    const outW = widths[l + 1]!;
    const layer: unknown = o.coefs![l];
    if (!Array.isArray(layer) || layer.length !== inW) fail(`coefs[${l}] must have ${inW} rows (inputs)`);
    for (let d = 0; d < inW; d++) {
      const row: unknown = (layer as unknown[])[d];
      if (!Array.isArray(row) || row.length !== outW) fail(`coefs[${l}][${d}] must be an array of ${outW} numbers`);
      for (let c = 0; c < outW; c++) {
        const v = (row as unknown[])[c];
        if (!finite32(v)) fail(`coefs[${l}][${d}][${c}] is ${String(v)}, expected a finite number within float32 range`);
        params[at + c * inW + d] = v as number;
      }
    }
    at += inW * outW;
    const bias: unknown = o.intercepts![l];
    if (!Array.isArray(bias) || bias.length !== outW) fail(`intercepts[${l}] must be an array of ${outW} numbers`);
    for (let c = 0; c < outW; c++) {
      const v = (bias as unknown[])[c];
      if (!finite32(v)) fail(`intercepts[${l}][${c}] is ${String(v)}, expected a finite number within float32 range`);
      params[at + c] = v as number;
    }
    at += outW;
  }
  const options = (typeof o.options === "object" && o.options !== null ? { ...o.options } : {}) as MLPClassifierOptions;
  return {
    format: MLP_FORMAT,
    version: o.version!,
    options,
    classes: o.classes!,
    nFeatures: o.nFeatures!,
    hiddenLayerSizes: hidden,
    activation: o.activation!,
    form,
    coefs: o.coefs!,
    intercepts: o.intercepts!,
    ...trainingRecord(o),
    widths,
    params,
  };
}
