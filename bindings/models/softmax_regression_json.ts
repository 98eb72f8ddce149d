// The saved form of a SoftmaxRegression: a versioned plain object, validated field by field on load.
// Weights are f32 values written as JSON numbers, so a round trip is exact.

import { checkLabels, type Label } from "../data/labels.js";
import { readJSONObject, trainingRecord } from "./json.js";
import { checkLinearBlock, linearBlock } from "./linear_json.js";
import type { ResolvedOptions, SoftmaxRegressionOptions } from "./softmax_regression_options.js";

export const FORMAT = "wasmax/SoftmaxRegression";
const VERSION = 1;
/** Wasm32 memory ends at 4 GiB. */
const MAX_PARAM_BYTES = 2 ** 32;

/** What {@link SoftmaxRegression.toJSON} returns: a versioned plain object (f32 weights as JSON numbers, so a round trip is exact). */
export interface SoftmaxRegressionJSON {
  /** The format tag, by which loadModel finds the class. */
  format: typeof FORMAT;
  /** The format's version. */
  version: number;
  /** The model's options (without onEpoch). */
  options: SoftmaxRegressionOptions;
  /** The labels, in the order of coef's rows. */
  classes: Label[];
  /** Features per row. */
  nFeatures: number;
  /** Coefficients, classes × features. */
  coef: number[][];
  /** Intercepts, one per class. */
  intercept: number[];
  /** Iterations or epochs trained. */
  nIter: number;
  /** The training loss after each iteration or epoch. */
  lossCurve: number[];
  /** Whether the solver reached tol. */
  converged: boolean;
}

export function modelJSON(
  opts: ResolvedOptions,
  classes: readonly Label[],
  D: number,
  params: Float32Array,
  nIter: number,
  lossCurve: readonly number[],
  converged: boolean,
): SoftmaxRegressionJSON {
  const { onEpoch: _callback, ...options } = opts;
  const classWeight = options.classWeight instanceof Map ? Object.fromEntries(options.classWeight) : options.classWeight;
  return {
    format: FORMAT,
    version: VERSION,
    options: { ...options, classWeight, C: Number.isFinite(options.C) ? options.C : (null as unknown as number) },
    classes: [...classes],
    nFeatures: D,
    ...linearBlock(params, classes.length, D),
    nIter,
    lossCurve: [...lossCurve],
    converged,
  };
}

export function parseModelJSON(json: unknown): SoftmaxRegressionJSON {
  const fail = (what: string): never => {
    throw new TypeError(`SoftmaxRegression.fromJSON: ${what}`);
  };
  const o = readJSONObject("SoftmaxRegression.fromJSON", json) as Partial<SoftmaxRegressionJSON>;
  if (o.format !== FORMAT) fail(`format is ${JSON.stringify(o.format)}, expected ${JSON.stringify(FORMAT)}`);
  if (typeof o.version !== "number" || o.version > VERSION)
    fail(`version ${String(o.version)} is not supported (this wasmax reads up to ${VERSION})`);
  if (!Array.isArray(o.classes) || o.classes.length < 2) fail("classes must be an array of at least two labels");
  if (typeof o.nFeatures !== "number" || !Number.isInteger(o.nFeatures) || o.nFeatures < 1) fail("nFeatures must be an integer >= 1");
  const K = o.classes!.length;
  const D = o.nFeatures!;
  // The declared size is checked before any row is walked or any memory is taken.
  if ((K * D + K) * 4 > MAX_PARAM_BYTES) {
    throw new RangeError(
      `SoftmaxRegression.fromJSON: ${K} classes × ${D} features need ${(K * D + K) * 4} bytes, more than wasm memory can hold (4 GiB)`,
    );
  }
  checkLabels("classes", o.classes);
  if (new Set(o.classes).size !== K) fail("classes has duplicates");
  checkLinearBlock(fail, o.coef, o.intercept, K, D, "class");
  const options = (typeof o.options === "object" && o.options !== null ? { ...o.options } : {}) as SoftmaxRegressionOptions;
  if ((options.C as unknown) === null) options.C = Infinity;
  return {
    format: FORMAT,
    version: o.version!,
    options,
    classes: o.classes!,
    nFeatures: D,
    coef: o.coef!,
    intercept: o.intercept!,
    ...trainingRecord(o),
  };
}
