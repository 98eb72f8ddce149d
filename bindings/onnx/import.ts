// fromONNX: an ONNX model read as a dense chain (graph.ts) and made a wasmax model through the
// public constructors: one layer with a softmax head → SoftmaxRegression, with a sigmoid head →
// MultiLabelLogisticRegression, more layers → MLPClassifier. A graph that ends in raw scores (a
// PyTorch nn.Sequential without Softmax) gets a softmax head unless `head` says otherwise. A
// one-layer network that wasmax exported as an MLPClassifier (no hidden layer) comes back as one.

import { MLPClassifier, MultiLabelLogisticRegression, SoftmaxRegression } from "../api.js";
import type { AnyModel, Label, MLPClassifierOptions, MultiLabelOptions, SoftmaxRegressionOptions } from "../api.js";
import { checkOptions } from "../core/checks.js";
import { decodeModel } from "./proto.js";
import { readChain, type DenseLayer } from "./graph.js";
import { ONNXError } from "./errors.js";

/** Options of {@link fromONNX}. */
export interface ONNXImportOptions {
  /** Class labels in output order. @default the file's own (wasmax's metadata, a LinearClassifier's classlabels), else 0 … K−1 */
  classes?: readonly Label[];
  /** The head of a graph that ends in raw scores. @default 'softmax' */
  head?: "softmax" | "sigmoid";
  /** Options for the model created (solver settings for further training, a multi-label threshold). @default {} */
  modelOptions?: SoftmaxRegressionOptions | MLPClassifierOptions | MultiLabelOptions;
}

/**
 * A wasmax model from ONNX bytes; an ONNXError names what the file holds that wasmax cannot import.
 * One layer with a softmax becomes a SoftmaxRegression, with a sigmoid a MultiLabelLogisticRegression,
 * more layers an MLPClassifier.
 * @example
 * ```ts
 * import { fromONNX } from "wasmax/onnx";
 * const net = fromONNX(await readFile("model.onnx"), { classes: ["cat", "dog", "bird"] });
 * net.predictProba(X);
 * ```
 */
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
  if (o.classes !== undefined && (!Array.isArray(o.classes) || o.classes.length !== K)) {
    throw new RangeError(
      `fromONNX: classes holds ${Array.isArray(o.classes) ? o.classes.length : String(o.classes)} labels but the model has ${K} outputs`,
    );
  }
  const classes = o.classes
    ? [...o.classes]
    : (metadataClasses(model.metadataProps ?? [], K) ?? chain.classes ?? Array.from({ length: K }, (_, k) => k));
  const modelOptions = o.modelOptions ?? {};
  const savedAs = (model.metadataProps ?? []).find((p) => p.key === "wasmax.model")?.value;
  if (layers.length === 1 && savedAs !== "MLPClassifier") {
    const source = { coef: rows(end), intercept: Array.from(end.bias), classes };
    if (end.activation === "softmax") return SoftmaxRegression.fromCoefficients(source, modelOptions as SoftmaxRegressionOptions);
    const threshold = chain.threshold ?? (modelOptions as MultiLabelOptions).threshold;
    return MultiLabelLogisticRegression.fromCoefficients(source, {
      ...(modelOptions as MultiLabelOptions),
      ...(threshold === undefined ? {} : { threshold }),
    });
  }
  const hidden = new Set(layers.slice(0, -1).map((l) => l.activation));
  if (hidden.size > 1)
    throw new ONNXError(`the hidden layers use ${[...hidden].join(" and ")}; MLPClassifier has one activation for all of them`);
  if (end.activation === "sigmoid" && chain.threshold !== null && chain.threshold !== 0.5) {
    throw new ONNXError(`the labels output thresholds at ${chain.threshold}; a multi-label MLPClassifier predicts labels at 0.5`);
  }
  return MLPClassifier.fromCoefficients(
    {
      coefs: layers.map(rows),
      intercepts: layers.map((l) => Array.from(l.bias)),
      classes,
      activation: ([...hidden][0] ?? "relu") as "identity" | "relu" | "tanh" | "logistic",
      layout: "outputs × inputs",
      output: end.activation as "softmax" | "sigmoid",
    },
    modelOptions as MLPClassifierOptions,
  );
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

/** A layer's weight as rows (outputs × inputs). */
function rows(layer: DenseLayer): number[][] {
  return Array.from({ length: layer.outputs }, (_, k) => Array.from(layer.weight.subarray(k * layer.inputs, (k + 1) * layer.inputs)));
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
  return classes as Label[];
}
