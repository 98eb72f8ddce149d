// What the table commands (train, test, predict and plot on CSV files) share: a model's name,
// label-set cells, a file's rows cut to a model's columns, what the data steps did with each column,
// and errors that start with the file they are about.

import { ColumnTransformer, StandardScaler, type Label, type Pipeline, type RecordRow } from "../api.js";
import { UsageError } from "./arguments.js";
import type { CsvRows } from "./csv_table.js";
import type { Served } from "./model_file.js";

export function modelName(model: Served): string {
  return (model.constructor as { modelName?: string }).modelName ?? "model";
}

/** What the model's solver counts: "iterations" (L-BFGS) or "epochs" (sgd, adam). */
export function steps(model: Served): string {
  return (model.options as { solver?: string }).solver === "lbfgs" ? "iterations" : "epochs";
}

/** Target cells as label sets: "a|b" → ["a", "b"], an empty cell → []. */
export function labelSets(cells: readonly Label[], separator: string): string[][] {
  return cells.map((cell) =>
    cell === ""
      ? []
      : String(cell)
          .split(separator)
          .map((label) => label.trim())
          .filter((label) => label !== ""),
  );
}

/** The rows with only the columns `featureNames` lists; an Error naming the file when one is missing. */
export function modelRows(path: string, csv: CsvRows, featureNames: readonly string[]): RecordRow[] {
  const missing = featureNames.filter((name) => !csv.featureNames.includes(name));
  if (missing.length)
    throw new Error(`${path}: lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} the model was trained on`);
  if (featureNames.length === csv.featureNames.length) return csv.rows;
  return csv.rows.map((row) => Object.fromEntries(featureNames.map((name) => [name, row[name]!])));
}

/** What the pipeline's data steps do with the columns, in words: "city one-hot encoded (3 columns); gpa, exam standardised". */
export function columnTreatment(pipeline: Pipeline, featureNames: readonly string[]): string {
  const first = pipeline.steps[0];
  if (first instanceof StandardScaler) return `${featureNames.join(", ")} standardised`;
  if (!(first instanceof ColumnTransformer)) return `${featureNames.join(", ")} passed through`;
  const words = { onehot: "one-hot encoded", scale: "standardised", passthrough: "passed through", drop: "left out" };
  return first
    .describe()
    .filter((entry) => entry.columns.length > 0)
    .map((e) => `${e.columns.join(", ")} ${words[e.kind]}${e.kind === "onehot" ? ` (${e.outputs} columns, one per category)` : ""}`)
    .join("; ");
}

/** Runs fn; an error it throws is about the data in `path`, so its message starts with the path (once). */
export async function about<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError || message.startsWith(`${path}: `)) throw error;
    throw new Error(`${path}: ${message}`, { cause: error });
  }
}
