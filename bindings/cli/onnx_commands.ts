// The command line's ONNX commands: export (a saved scaler folded into the first layer, so the
// graph takes raw features; feature names and target in the metadata) and import (a model file
// for test and predict from any ONNX graph wasmax/onnx reads).

import { Pipeline, StandardScaler, modelFromLayers } from "../api.js";
import { OPSETS, toONNX } from "../onnx/export.js";
import { fromONNX, readONNXMetadata } from "../onnx/import.js";
import { UsageError, args, integer, labelSeparator } from "./arguments.js";
import { inputName, messages, outputPath, readInput, writeOutput, type Io } from "./io.js";
import { isMultiLabel, load, modelFileText, type Served } from "./model_file.js";
import { columnTreatment } from "./table_data.js";

function modelName(model: Served): string {
  return (model.constructor as unknown as { modelName: string }).modelName;
}

export async function exportONNX(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { output: { type: "string", short: "o" }, opset: { type: "string" } }, 1);
  const opset = integer("opset", values["opset"], 1);
  if (opset !== undefined && !OPSETS.includes(opset))
    throw new UsageError(`--opset must be one of ${OPSETS[0]} … ${OPSETS.at(-1)}, got ${String(values["opset"])}`);
  const output = await outputPath(values["output"], "model.onnx");
  const { target, labelSeparator, pipeline, featureNames } = await load(positionals[0]!, io);
  const model = pipeline.model;
  const [first, ...others] = pipeline.steps.slice(0, -1);
  const scaler = first instanceof StandardScaler ? first : null;
  let served: Served = model;
  try {
    if ((first && !scaler) || others.length)
      throw new Error(
        `${inputName(positionals[0]!)}: ONNX export takes number columns, at most standardised; ` +
          `this model's are: ${columnTreatment(pipeline, featureNames)}`,
      );
    if (scaler) served = foldScaler(model, scaler);
    const metadata: Record<string, string> = { "wasmax.featureNames": JSON.stringify(featureNames), "wasmax.target": target };
    if (labelSeparator !== undefined) metadata["wasmax.labelSeparator"] = labelSeparator;
    const bytes = toONNX(served, { ...(opset === undefined ? {} : { opset }), metadata });
    await writeOutput(output, bytes, io);
    const multiClass = served.layers().at(-1)!.activation === "softmax";
    const input = `${featureNames.length} float: ${featureNames.join(", ")}${scaler ? ", raw: the scaler is folded in" : ""}`;
    messages(output, io).write(
      `${modelName(model)} → ${output} (${bytes.length} bytes): input X (N × ${input}), outputs probabilities ` +
        `(N × ${model.classes.length}) and ${multiClass ? "label (N, an index into the classes)" : "labels (N × K booleans)"}\n`,
    );
  } finally {
    if (served !== model) served.dispose();
    pipeline.dispose();
  }
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
  const weight = first.weight.map((w, i) => w / scale[i % D]!);
  const bias = first.bias.map(
    (b, k) => b - first.weight.subarray(k * D, (k + 1) * D).reduce((s, w, j) => s + (w * mean[j]!) / scale[j]!, 0),
  );
  const json = model.toJSON() as { form?: "classes" | "sets" | "indicator" };
  return modelFromLayers([{ ...first, weight, bias }, ...layers.slice(1)], {
    classes: model.classes,
    options: model.options,
    model: modelName(model),
    ...(json.form === "indicator" ? { form: "indicator" as const } : {}),
  });
}

export async function importONNX(rest: string[], io: Io): Promise<void> {
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
  const head = values["head"];
  if (head !== undefined && head !== "softmax" && head !== "sigmoid")
    throw new UsageError(`--head must be softmax or sigmoid, got ${String(head)}`);
  if (values["label-sep"] !== undefined) labelSeparator(values["label-sep"]);
  const output = await outputPath(values["output"], "model.json");
  const bytes = await readInput(positionals[0]!, io);
  const path = inputName(positionals[0]!);
  let metadata: Record<string, string>;
  let model: Served;
  try {
    metadata = readONNXMetadata(bytes);
    model = fromONNX(bytes, head === undefined ? {} : { head }) as Served;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
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
    if (featureNames.length !== D)
      throw new UsageError(`--features names ${featureNames.length} columns but the model takes ${D} features`);
    if (featureNames.some((name) => name === "") || new Set(featureNames).size !== D)
      throw new UsageError(`--features must name ${D} distinct, non-empty columns`);
    const multiLabel = isMultiLabel(model);
    if (!multiLabel && values["label-sep"] !== undefined)
      throw new UsageError("--label-sep applies to a multi-label model; this one predicts one class per row");
    const target = (values["target"] as string | undefined) || metadata["wasmax.target"] || "label";
    const separator = multiLabel ? labelSeparator(values["label-sep"] ?? metadata["wasmax.labelSeparator"]) : undefined;
    const pipeline = Pipeline.fromJSON({ format: "wasmax/Pipeline", version: 1, featureNames, steps: [model.toJSON()] });
    try {
      await writeOutput(output, modelFileText(target, separator, pipeline), io);
    } finally {
      pipeline.dispose();
    }
    messages(output, io).write(
      `${modelName(model)} from ${path}: ${D} features (${featureNames.join(", ")}), ${model.classes.length} ` +
        `${multiLabel ? "labels" : "classes"} (${model.classes.join(", ")}), target ${target} → ${output}\n`,
    );
  } finally {
    model.dispose();
  }
}
