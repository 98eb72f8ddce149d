// fromONNX: an ONNX model read as a dense chain (graph.ts) and made the first registered wasmax
// model that takes its layers (models/registry.ts: the linear models take one layer with their
// head, the general model the rest), or the model wasmax exported it from (metadata "wasmax.model")
// when that one can. A graph that ends in raw scores (a PyTorch nn.Sequential without Softmax) gets
// a softmax head unless `head` says otherwise. Layers no model takes are an ONNXError saying why.

import { modelForLayers, modelFromLayers } from "../api.js";
import type { AnyModel, AnyModelOptions, Label, LayerInfo } from "../api.js";
import { checkOptions } from "../core/checks.js";
import { decodeModel } from "./proto.js";
import { readChain } from "./graph.js";
import { ONNXError } from "./errors.js";

/** Options of {@link fromONNX}. */
export interface ONNXImportOptions {
  /** Class labels in output order. @default the file's own (wasmax's metadata, a LinearClassifier's classlabels), else 0 … K−1 */
  classes?: readonly Label[];
  /** The head of a graph that ends in raw scores. @default 'softmax' */
  head?: "softmax" | "sigmoid";
  /** Options for the model created (solver settings for further training, a multi-label threshold). @default {} */
  modelOptions?: AnyModelOptions;
}

/** A wasmax model from ONNX bytes; an ONNXError names what the file holds that wasmax cannot import. */
export function fromONNX(bytes: Uint8Array | ArrayBuffer, options: ONNXImportOptions = {}): AnyModel {
  const o = checkOptions("fromONNX options", options, ["classes", "head", "modelOptions"]);
  if (o.head !== undefined && o.head !== "softmax" && o.head !== "sigmoid")
    throw new RangeError(`fromONNX: head must be 'softmax' or 'sigmoid', got ${String(o.head)}`);
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new TypeError(
      `fromONNX: expected the model's bytes as a Uint8Array or ArrayBuffer, got ${bytes === null ? "null" : typeof bytes}`,
    );
  const model = decodeModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const chain = readChain(model.graph!);
  const layers = chain.layers;
  const end = layers[layers.length - 1]!;
  if (end.activation === "logits") end.activation = o.head ?? "softmax";
  else if (o.head !== undefined && o.head !== end.activation)
    throw new ONNXError(`the graph ends in ${end.activation === "softmax" ? "Softmax" : "Sigmoid"}, which head '${o.head}' contradicts`);

  const K = end.outputs;
  if (end.activation === "softmax" && K < 2)
    throw new ONNXError(
      `the graph ends in a Softmax over ${K} output; a multi-class model needs two or more (a one-label model takes head 'sigmoid')`,
    );
  if (o.classes !== undefined && (!Array.isArray(o.classes) || o.classes.length !== K)) {
    throw new RangeError(
      `fromONNX: classes holds ${Array.isArray(o.classes) ? o.classes.length : String(o.classes)} labels but the model has ${K} outputs`,
    );
  }
  const classes = o.classes
    ? [...o.classes]
    : (metadataClasses(model.metadataProps ?? [], K) ?? chain.classes ?? Array.from({ length: K }, (_, k) => k));
  const savedAs = (model.metadataProps ?? []).find((p) => p.key === "wasmax.model")?.value ?? undefined;
  const indicator = end.activation === "sigmoid" && o.classes === undefined && metadataForm(model.metadataProps ?? [], classes);
  const infos = layers.map((l, i): LayerInfo => ({
    kind: "dense",
    inputs: l.inputs,
    outputs: l.outputs,
    weight: l.weight,
    bias: l.bias,
    activation: (i === layers.length - 1 ? end.activation : l.activation) as LayerInfo["activation"],
  }));
  const source = {
    classes,
    options: o.modelOptions ?? {},
    ...(chain.threshold === null ? {} : { threshold: chain.threshold }),
    ...(indicator ? { form: "indicator" as const } : {}),
    ...(savedAs === undefined ? {} : { model: savedAs }),
  };
  const made = modelForLayers(infos, source);
  if (typeof made === "string") throw new ONNXError(made);
  return modelFromLayers(infos, source);
}

/**
 * True when metadata_props["wasmax.form"] says a multi-label model predicts indicator rows (its
 * labels must then be the column numbers 0 … K−1); false for label sets or no entry.
 */
function metadataForm(props: { key?: string | null; value?: string | null }[], classes: readonly Label[]): boolean {
  const entry = props.find((p) => p.key === "wasmax.form");
  if (!entry || entry.value === "sets") return false;
  if (entry.value !== "indicator")
    throw new ONNXError(
      `metadata_props["wasmax.form"] is ${JSON.stringify(String(entry.value).slice(0, 80))}, expected "sets" or "indicator"`,
    );
  if (!classes.every((c, k) => c === k))
    throw new ONNXError(
      `metadata_props["wasmax.form"] is "indicator" but the labels are not ` + `the column numbers 0 … ${classes.length - 1}`,
    );
  return true;
}

/** An ONNX model's metadata_props as an object (what toONNX's `metadata` option wrote, and wasmax's own keys). */
export function readONNXMetadata(bytes: Uint8Array | ArrayBuffer): Record<string, string> {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new TypeError(
      `readONNXMetadata: expected the model's bytes as a Uint8Array or ArrayBuffer, got ${bytes === null ? "null" : typeof bytes}`,
    );
  const model = decodeModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? "", p.value ?? ""]));
}

/** The classes wasmax's export stored in metadata_props["wasmax.classes"], or null. */
function metadataClasses(props: { key?: string | null; value?: string | null }[], K: number): Label[] | null {
  const entry = props.find((p) => p.key === "wasmax.classes");
  if (!entry) return null;
  let classes: unknown;
  try {
    classes = JSON.parse(entry.value ?? "");
  } catch {
    throw new ONNXError(`metadata_props["wasmax.classes"] is not JSON: ${String(entry.value).slice(0, 80)}`);
  }
  if (!Array.isArray(classes) || classes.length !== K || !classes.every((c) => typeof c === "string" || typeof c === "number")) {
    throw new ONNXError(`metadata_props["wasmax.classes"] must be a JSON array of ${K} labels (strings or numbers)`);
  }
  if (new Set(classes).size !== K) throw new ONNXError(`metadata_props["wasmax.classes"] names a label twice`);
  return classes as Label[];
}
