// The command line's model file: the model's JSON with its scaler and feature columns, and reading
// it (every field checked, errors naming the file and the field).

import { basename } from "node:path";
import { MODELS, StandardScaler, loadModel, type AnyModel } from "../api.js";
import { inputName, readText, type Io } from "./io.js";

/** The models the command line trains and serves: every registered model. */
export type Served = AnyModel;

/** The CLI's model file: the model's JSON, with the scaler and the columns it was trained on. */
export interface ModelFile {
  format: "wasmax/cli-model";
  version: 1;
  target: string;
  featureNames: string[];
  /** Set for multi-label models: the target cells are label sets joined by it. */
  labelSeparator?: string;
  scaler?: unknown;
  model: unknown;
}

const FIELDS = ["format", "version", "target", "featureNames", "labelSeparator", "scaler", "model"];

/** Whether a served model predicts label sets (sigmoid outputs) rather than one class per row. */
export function isMultiLabel(model: Served): boolean {
  return model.layers().at(-1)!.activation === "sigmoid";
}

/** The model file at `path`, every field checked; an Error naming the file and the field when one is missing or wrong. */
export async function load(path: string, io: Io): Promise<{ file: ModelFile; model: Served; scaler: StandardScaler | null }> {
  const text = await readText(path, io);
  path = inputName(path);
  let file: ModelFile;
  try {
    file = JSON.parse(text) as ModelFile;
  } catch (error) {
    // V8's message quotes the start of the text: keep it on one line.
    throw new Error(`${path}: is not a model file: not JSON (${(error as Error).message.replace(/\s+/g, " ")})`, { cause: error });
  }
  const wrong = (field: string, message: string): Error => new Error(`${path}: ${field} ${message}`);
  if (typeof file !== "object" || file === null || Array.isArray(file) || file.format !== "wasmax/cli-model")
    throw new Error(`${path}: not a model file written by wasmax train (format ${JSON.stringify(file?.format)})`);
  const unknown = Object.keys(file).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) throw wrong(JSON.stringify(unknown), `is not a field of a model file (fields: ${FIELDS.join(", ")})`);
  if (file.version !== 1) throw wrong("version", `is ${JSON.stringify(file.version)}; this wasmax reads version 1`);
  if (typeof file.target !== "string" || file.target === "") throw wrong("target", "must be the label column's name");
  const names = file.featureNames as unknown;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string"))
    throw wrong("featureNames", "must be a non-empty array of column names");
  if (new Set(names).size !== names.length) throw wrong("featureNames", "names a column twice");
  if (file.labelSeparator !== undefined && (typeof file.labelSeparator !== "string" || file.labelSeparator === ""))
    throw wrong("labelSeparator", "must be a non-empty string");
  if (file.model === undefined) throw wrong("model", "is missing");
  let model: AnyModel;
  try {
    model = loadModel(file.model) as AnyModel; // a model's JSON (a Pipeline is refused below)
  } catch (error) {
    throw wrong("model", `cannot be loaded: ${(error as Error).message}`);
  }
  try {
    if (!MODELS.some((M) => model instanceof M))
      throw wrong("model", `is a ${basename(String((file.model as { format?: string }).format))}, which the command line does not serve`);
    const features = model.layers()[0]!.inputs;
    if (names.length !== features) throw wrong("featureNames", `names ${names.length} columns but the model takes ${features} features`);
    if (isMultiLabel(model) !== (file.labelSeparator !== undefined))
      throw wrong(
        "labelSeparator",
        isMultiLabel(model) ? "is missing: the model predicts label sets" : "is set but the model predicts one class per row",
      );
    let scaler: StandardScaler | null = null;
    if (file.scaler !== undefined) {
      try {
        scaler = StandardScaler.fromJSON(file.scaler);
      } catch (error) {
        throw wrong("scaler", `cannot be loaded: ${(error as Error).message}`);
      }
      if (scaler.toJSON().mean.length !== features)
        throw wrong("scaler", `scales ${scaler.toJSON().mean.length} features but the model takes ${features}`);
    }
    return { file, model, scaler };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
