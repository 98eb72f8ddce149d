// The command line's model file: a Pipeline (the data steps and the model, fit on the CSV's columns
// by name) with the target column and, for label sets, their separator. loadModel reads it as the
// Pipeline. Reading it here checks every field, errors naming the file and the field; version 1
// files (the model, its scaler and the columns, side by side) are read too.

import { ColumnTransformer, MODELS, Pipeline, loadModel, type AnyModel, type PipelineJSON } from "../api.js";
import { inputName, readText, type Io } from "./io.js";

// fasttext_commands.ts and fasttext_flags.ts (the fastText drop-in commands) import these from here,
// where they lived before arguments.ts and io.ts.
export { UsageError } from "./arguments.js";
export { fileError, writeAtomic } from "./io.js";

/** The models the command line trains and serves: every registered model. */
export type Served = AnyModel;

/** The CLI's model file (version 2). */
export interface ModelFile {
  format: "wasmax/cli-model";
  version: 2;
  /** The label column. */
  target: string;
  /** Set for multi-label models: the target cells are label sets joined by it. */
  labelSeparator?: string;
  /** The data steps and the model, fit on rows of objects by column name. */
  pipeline: PipelineJSON;
}

/** A model file, read. */
export interface LoadedModel {
  target: string;
  labelSeparator: string | undefined;
  pipeline: Pipeline;
  /** The columns the pipeline reads, by name. */
  featureNames: string[];
  /** The columns it one-hot encodes (their cells are read as text). */
  textColumns: string[];
}

const FIELDS: Record<number, string[]> = {
  1: ["format", "version", "target", "featureNames", "labelSeparator", "scaler", "model"],
  2: ["format", "version", "target", "labelSeparator", "pipeline"],
};

/** The model file's text for a fitted pipeline. */
export function modelFileText(target: string, labelSeparator: string | undefined, pipeline: Pipeline): string {
  const file: ModelFile = {
    format: "wasmax/cli-model",
    version: 2,
    target,
    ...(labelSeparator !== undefined ? { labelSeparator } : {}),
    pipeline: pipeline.toJSON(),
  };
  return `${JSON.stringify(file)}\n`;
}

/** Whether a served model predicts label sets (sigmoid outputs) rather than one class per row. */
export function isMultiLabel(model: Served): boolean {
  return model.layers().at(-1)!.activation === "sigmoid";
}

/** The columns a pipeline's first step one-hot encodes (a ColumnTransformer's "onehot" entries). */
export function oneHotColumns(pipeline: Pipeline): string[] {
  const first = pipeline.steps[0];
  if (!(first instanceof ColumnTransformer)) return [];
  return first.describe().flatMap((entry) => (entry.kind === "onehot" ? entry.columns : []));
}

/** The model file at `path` ("-": standard input), every field checked; an Error naming the file and the field when one is wrong. */
export async function load(path: string, io: Io): Promise<LoadedModel> {
  const text = await readText(path, io);
  path = inputName(path);
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    // V8's message quotes the start of the text: keep it on one line.
    throw new Error(`${path}: is not a model file: not JSON (${(error as Error).message.replace(/\s+/g, " ")})`, { cause: error });
  }
  const wrong = (field: string, message: string): Error => new Error(`${path}: ${field} ${message}`);
  if (typeof file !== "object" || file === null || Array.isArray(file) || file["format"] !== "wasmax/cli-model") {
    const format = file?.["format"];
    // A model or Pipeline saved by toJSON: loadModel reads it, but it does not name the target column the commands need.
    const fromCode = typeof format === "string" && format.startsWith("wasmax/") && format !== "wasmax/cli-text-model";
    throw new Error(
      `${path}: not a model file written by wasmax train (format ${JSON.stringify(format)})` +
        (fromCode ? `: a ${format.slice(7)} saved by toJSON is read in code by loadModel; train it with wasmax train to use it here` : ""),
    );
  }
  const fields = FIELDS[file["version"] as number];
  if (!fields) throw wrong("version", `is ${JSON.stringify(file["version"])}; this wasmax reads versions 1 and 2`);
  const unknown = Object.keys(file).find((key) => !fields.includes(key));
  if (unknown !== undefined) throw wrong(JSON.stringify(unknown), `is not a field of a model file (fields: ${fields.join(", ")})`);
  const target = file["target"];
  if (typeof target !== "string" || target === "") throw wrong("target", "must be the label column's name");
  const separator = file["labelSeparator"];
  if (separator !== undefined && (typeof separator !== "string" || separator === ""))
    throw wrong("labelSeparator", "must be a non-empty string");
  let pipeline: Pipeline;
  try {
    pipeline = loadModel(file) as Pipeline;
  } catch (error) {
    // loadModel's messages name its own functions; here the field of the file is what helps.
    const message = (error as Error).message.replace(/^loadModel: cli-model: /, "").replace(/^Pipeline\.fromJSON: /, "pipeline ");
    throw new Error(`${path}: ${message}`, { cause: error });
  }
  try {
    const model = pipeline.model;
    if (!MODELS.some((M) => model instanceof M)) throw wrong("model", "is not a model the command line serves");
    const featureNames = pipeline.featureNames;
    if (featureNames === null) throw wrong("pipeline", "has no column names (featureNames): it was not fit on a CSV's columns");
    if (isMultiLabel(model) !== (separator !== undefined))
      throw wrong(
        "labelSeparator",
        isMultiLabel(model) ? "is missing: the model predicts label sets" : "is set but the model predicts one class per row",
      );
    return { target, labelSeparator: separator as string | undefined, pipeline, featureNames, textColumns: oneHotColumns(pipeline) };
  } catch (error) {
    pipeline.dispose();
    throw error;
  }
}
