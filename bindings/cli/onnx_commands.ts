// The command line's ONNX commands: export (the model file's pipeline as one graph: a scaler folded
// into the first layer, one-hot columns as ai.onnx.ml OneHotEncoder inputs; feature names and target
// in the metadata) and import (a model file for test and predict from any ONNX graph wasmax/onnx reads).

import { Pipeline, StandardScaler } from "../api.js";
import { OPSETS, toONNX } from "../onnx/export.js";
import { fromONNX, readONNXMetadata } from "../onnx/import.js";
import { UsageError, args, integer, labelSeparator } from "./arguments.js";
import { inputName, messages, outputPath, readInput, writeOutput, type Io } from "./io.js";
import { isMultiLabel, load, modelFileText, type Served } from "./model_file.js";

function modelName(model: Served): string {
  return (model.constructor as unknown as { modelName: string }).modelName;
}

export async function exportONNX(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { output: { type: "string", short: "o" }, opset: { type: "string" } }, 1);
  const opset = integer("opset", values["opset"], 1);
  if (opset !== undefined && !OPSETS.includes(opset))
    throw new UsageError(`--opset must be one of ${OPSETS[0]} … ${OPSETS.at(-1)}, got ${String(values["opset"])}`);
  const output = await outputPath(values["output"], "model.onnx");
  const { target, labelSeparator, pipeline, featureNames, textColumns } = await load(positionals[0]!, io);
  try {
    const metadata: Record<string, string> = { "wasmax.target": target };
    if (labelSeparator !== undefined) metadata["wasmax.labelSeparator"] = labelSeparator;
    let bytes: Uint8Array;
    try {
      bytes = toONNX(pipeline, { ...(opset === undefined ? {} : { opset }), metadata });
    } catch (error) {
      throw new Error(`${inputName(positionals[0]!)}: ${(error as Error).message}`, { cause: error });
    }
    await writeOutput(output, bytes, io);
    const model = pipeline.model;
    const scaled = pipeline.steps[0] instanceof StandardScaler ? ", raw: the scaler is folded in" : "";
    // A one-hot step makes one input per column ([N, 1], string for a text column); else one X of every column.
    const inputs = textColumns.length
      ? `one input per column (N × 1: ${featureNames.map((n) => `${n} ${textColumns.includes(n) ? "string" : "float"}`).join(", ")})`
      : `input X (N × ${featureNames.length} float: ${featureNames.join(", ")}${scaled})`;
    const multiClass = model.layers().at(-1)!.activation === "softmax";
    messages(output, io).write(
      `${modelName(model)} → ${output} (${bytes.length} bytes): ${inputs}, outputs probabilities ` +
        `(N × ${model.classes.length}) and ${multiClass ? "label (N, an index into the classes)" : "labels (N × K booleans)"}\n`,
    );
  } finally {
    pipeline.dispose();
  }
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
