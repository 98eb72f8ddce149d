// loadModel: every saved form wasmax writes, by its format tag:
//   a registered model's ("wasmax/SoftmaxRegression", …)             → that model
//   "wasmax/Pipeline"                                                 → a Pipeline
//   "wasmax/cli-model" v1 (the CLI's model file: model, scaler, columns) → a Pipeline [scaler?, model]
//     whose featureNames are the CSV's columns (so it predicts from rows of objects by name)
//   "wasmax/cli-model" v2 ({ target, labelSeparator?, pipeline })    → its pipeline
//   "wasmax/cli-text-model" v1 (hashed texts: vectorizer, model)     → a Pipeline [HashingVectorizer, model]
//     that predicts from texts (string[])
// Every field is checked; errors name the field ("loadModel: cli-model scaler: …").

import { StandardScaler } from "../data/preprocessing.js";
import { HashingVectorizer } from "../features/hashing_vectorizer.js";
import type { Label } from "../data/labels.js";
import { readJSONObject } from "../models/json.js";
import { MODELS, isTextModelFormat, modelFromJSON, type AnyModel, type AnyTextModel } from "../models/registry.js";
import type { MLPClassifierJSON } from "../models/mlp_classifier.js";
import type { MultiLabelJSON } from "../models/multilabel_logistic_regression.js";
import type { SoftmaxRegressionJSON } from "../models/softmax_regression.js";
import { Pipeline, type PipelineJSON } from "./pipeline.js";

const CLI_MODEL = "wasmax/cli-model";
const CLI_TEXT_MODEL = "wasmax/cli-text-model";

/**
 * A fitted model or pipeline from the JSON (object or string) that toJSON() or the command line
 * wrote: a registered model's, a Pipeline's, or a CLI model file (read as a Pipeline).
 */
export function loadModel<L extends Label = Label>(json: PipelineJSON): Pipeline<L>;
export function loadModel(json: SoftmaxRegressionJSON | MLPClassifierJSON | MultiLabelJSON): AnyModel;
export function loadModel(json: unknown): AnyModel | AnyTextModel | Pipeline;
export function loadModel(json: unknown): AnyModel | AnyTextModel | Pipeline {
  const parsed = readJSONObject("loadModel", json);
  const format = parsed["format"];
  if (format === Pipeline.format) return Pipeline.fromJSON(parsed);
  if (format === CLI_MODEL) return cliModel(parsed);
  if (format === CLI_TEXT_MODEL) return cliTextModel(parsed);
  if (MODELS.some((M) => M.format === format) || isTextModelFormat(format)) return modelFromJSON(parsed);
  const known = [...MODELS.map((M) => M.format), Pipeline.format, CLI_MODEL, CLI_TEXT_MODEL];
  throw new TypeError(
    `loadModel: format is ${JSON.stringify(format) ?? String(format)}, expected one of ${known.map((f) => JSON.stringify(f)).join(", ")}`,
  );
}

/** The command line's model file as a Pipeline. */
function cliModel(o: Record<string, unknown>): Pipeline {
  const where = "loadModel: cli-model";
  const version = o["version"];
  if (version === 2) {
    if (typeof o["pipeline"] !== "object" || o["pipeline"] === null) throw new TypeError(`${where}: pipeline must be a saved Pipeline`);
    return withWhere(where, () => Pipeline.fromJSON(o["pipeline"]));
  }
  if (version !== 1) throw new TypeError(`${where}: version ${JSON.stringify(version)} is not supported (this wasmax reads 1 and 2)`);
  const names = o["featureNames"];
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string"))
    throw new TypeError(`${where}: featureNames must be a non-empty array of column names`);
  if (o["model"] === undefined) throw new TypeError(`${where}: model is missing`);
  const scaler = o["scaler"] === undefined ? null : withWhere(`${where}: scaler`, () => StandardScaler.fromJSON(o["scaler"]));
  const saved = {
    format: Pipeline.format,
    version: 1,
    featureNames: names,
    steps: [...(scaler ? [scaler.toJSON()] : []), o["model"]],
  };
  return withWhere(where, () => Pipeline.fromJSON(saved));
}

/** The command line's text model file as a Pipeline over texts. */
function cliTextModel(o: Record<string, unknown>): Pipeline {
  const where = "loadModel: cli-text-model";
  if (o["version"] !== 1) throw new TypeError(`${where}: version ${JSON.stringify(o["version"])} is not supported (this wasmax reads 1)`);
  const vectorizer = withWhere(`${where}: vectorizer`, () => HashingVectorizer.fromJSON(o["vectorizer"]));
  const saved = { format: Pipeline.format, version: 1, featureNames: null, steps: [vectorizer.toJSON(), o["model"]] };
  return withWhere(where, () => Pipeline.fromJSON(saved));
}

function withWhere<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    (error as Error).message = `${where}: ${(error as Error).message}`;
    throw error;
  }
}
