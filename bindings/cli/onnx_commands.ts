// The command line's ONNX commands: export (a saved scaler folded into the first layer, so the
// graph takes raw features; feature names and target in the metadata) and import (a model file
// for test and predict from any ONNX graph wasmax/onnx reads).

import { readFile } from "node:fs/promises";
import { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, type StandardScaler } from "../api.js";
import { toONNX, fromONNX, readONNXMetadata } from "../entries/onnx.js";
import { UsageError, args, labelSeparator, load, number, writeAtomic, type ModelFile, type Served } from "./model_file.js";

function modelName(model: Served): string {
  return (model.constructor as unknown as { modelName: string }).modelName;
}

export async function exportONNX(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(rest, { output: { type: "string", short: "o" }, opset: { type: "string" } }, 1);
  if (typeof values["output"] !== "string") throw new UsageError("-o <model.onnx> is required");
  const { file, model, scaler } = await load(positionals[0]!);
  const served = scaler ? foldScaler(model, scaler) : model;
  const metadata: Record<string, string> = { "wasmax.featureNames": JSON.stringify(file.featureNames), "wasmax.target": file.target };
  if (file.labelSeparator !== undefined) metadata["wasmax.labelSeparator"] = file.labelSeparator;
  const opset = number("opset", values["opset"]);
  const bytes = toONNX(served, { ...(opset === undefined ? {} : { opset }), metadata });
  await writeAtomic(values["output"], bytes);
  const multiClass = served.layers().at(-1)!.activation === "softmax";
  out.write(
    `${modelName(model)} → ${values["output"]} (${bytes.length} bytes): input X (N × ${file.featureNames.length} float: ${file.featureNames.join(", ")}${scaler ? ", raw: the scaler is folded in" : ""}), ` +
      `outputs probabilities (N × ${model.classes.length}) and ${multiClass ? "label (N, an index into the classes)" : "labels (N × K booleans)"}\n`,
  );
  if (served !== model) served.dispose();
  model.dispose();
}

/**
 * The model with the scaler folded into its first layer: W·((x − μ)/σ) + b = (W/σ)·x + (b − W·(μ/σ)),
 * computed in float64, so the ONNX graph takes raw features.
 */
function foldScaler(model: Served, scaler: StandardScaler): Served {
  const { mean, scale } = scaler.toJSON();
  const layers = model.layers();
  const first = layers[0]!;
  const D = first.inputs;
  const rows = (weight: Float32Array, outputs: number, inputs: number) =>
    Array.from({ length: outputs }, (_, k) => Array.from(weight.subarray(k * inputs, (k + 1) * inputs)));
  const weight = rows(first.weight, first.outputs, D).map((row) => row.map((w, j) => w / scale[j]!));
  const bias = Array.from(
    first.bias,
    (b, k) => b - first.weight.subarray(k * D, (k + 1) * D).reduce((s, w, j) => s + (w * mean[j]!) / scale[j]!, 0),
  );
  if (model instanceof SoftmaxRegression)
    return SoftmaxRegression.fromCoefficients({ coef: weight, intercept: bias, classes: model.classes });
  if (model instanceof MultiLabelLogisticRegression)
    return MultiLabelLogisticRegression.fromCoefficients(
      { coef: weight, intercept: bias, classes: model.classes },
      { threshold: model.options.threshold ?? 0.5 },
    );
  const json = model.toJSON();
  return MLPClassifier.fromCoefficients({
    coefs: [weight, ...layers.slice(1).map((l) => rows(l.weight, l.outputs, l.inputs))],
    intercepts: [bias, ...layers.slice(1).map((l) => Array.from(l.bias))],
    classes: model.classes,
    activation: json.activation,
    layout: "outputs × inputs",
    output: json.form === "classes" ? "softmax" : "sigmoid",
  });
}

export async function importONNX(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(
    rest,
    {
      output: { type: "string", short: "o" },
      target: { type: "string" },
      features: { type: "string" },
      head: { type: "string" },
      "label-sep": { type: "string" },
    },
    1,
  );
  if (typeof values["output"] !== "string") throw new UsageError("-o <model.json> is required");
  const head = values["head"];
  if (head !== undefined && head !== "softmax" && head !== "sigmoid")
    throw new UsageError(`--head must be softmax or sigmoid, got ${String(head)}`);
  const path = positionals[0]!;
  let bytes: Uint8Array;
  let metadata: Record<string, string>;
  let model: Served;
  try {
    bytes = await readFile(path);
    metadata = readONNXMetadata(bytes);
    model = fromONNX(bytes, head === undefined ? {} : { head }) as Served;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  const D = model.layers()[0]!.inputs;
  const saved = (key: string) => {
    try {
      return metadata[key] === undefined ? undefined : (JSON.parse(metadata[key]) as unknown);
    } catch {
      return undefined;
    }
  };
  const given = typeof values["features"] === "string" ? values["features"].split(",").map((n) => n.trim()) : undefined;
  const savedNames = saved("wasmax.featureNames");
  const featureNames =
    given ??
    (Array.isArray(savedNames) && savedNames.length === D ? savedNames.map(String) : Array.from({ length: D }, (_, j) => `x${j + 1}`));
  if (featureNames.length !== D) {
    model.dispose();
    throw new UsageError(`--features names ${featureNames.length} columns but the model takes ${D} features`);
  }
  const multiLabel = model instanceof MultiLabelLogisticRegression || (model instanceof MLPClassifier && model.toJSON().form !== "classes");
  const file: ModelFile = {
    format: "wasmax/cli-model",
    version: 1,
    target: (values["target"] as string | undefined) ?? metadata["wasmax.target"] ?? "label",
    featureNames,
    ...(multiLabel ? { labelSeparator: labelSeparator(values["label-sep"] ?? metadata["wasmax.labelSeparator"]) } : {}),
    model: model.toJSON(),
  };
  await writeAtomic(values["output"], `${JSON.stringify(file)}\n`);
  out.write(
    `${modelName(model)} from ${path}: ${D} features (${featureNames.join(", ")}), ${model.classes.length} ${multiLabel ? "labels" : "classes"} (${model.classes.join(", ")}), target ${file.target} → ${values["output"]}\n`,
  );
  model.dispose();
}
