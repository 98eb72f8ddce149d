// The saved form every model shares: a versioned plain object
//   { format, version, options, classes, form?, nFeatures, …weights, nIter, lossCurve, converged }
// with the weights in the model's layout (weights_json.ts) and `form` for models that take label
// sets. Reading checks the envelope field by field, every declared size before any value is walked
// or anything allocated, then the values, and every option exactly as fit checks it (the model's
// resolve). Errors are
// TypeErrors (RangeErrors for sizes and option values out of range) that start with the reader's
// name, e.g. "SoftmaxRegression.fromJSON: options.C …".

import { checkVersion } from "../core/checks.js";
import { checkLabels, type Label } from "../data/labels.js";
import type { TargetForm, TargetKind } from "./fit_data.js";
import type { Fail } from "./weights_json.js";

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
