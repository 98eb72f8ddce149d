// What the table commands (train, test, predict on CSV files) share: a model's name, label-set cells,
// a table's columns in a model's order, and errors that start with the file they are about.

import type { Label } from "../api.js";
import type { CsvTable } from "../data/csv.js";
import { UsageError } from "./arguments.js";
import type { Served } from "./model_file.js";

export function modelName(model: Served): string {
  return (model.constructor as { modelName?: string }).modelName ?? "model";
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

/** The table's columns in the order `featureNames` lists them; an Error naming the file when one is missing. */
export function columns(path: string, table: CsvTable, featureNames: readonly string[]): number[][] {
  const missing = featureNames.filter((name) => !table.featureNames.includes(name));
  if (missing.length)
    throw new Error(`${path}: lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} the model was trained on`);
  const at = featureNames.map((name) => table.featureNames.indexOf(name));
  return table.X.map((row) => at.map((j) => row[j]!));
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
