// What the command line's commands share: the model file (the model's JSON with its scaler and
// feature columns), reading and writing it, and argument checks that fail with UsageError (exit 2).

import { parseArgs } from "node:util";
import { readFile, rename, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, StandardScaler, loadModel } from "../api.js";

/** A mistake in the command's arguments: exit code 2 and the command's usage. */
export class UsageError extends Error {}

/** The models the command line trains and serves. */
export type Served = SoftmaxRegression | MLPClassifier | MultiLabelLogisticRegression;

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

export function args(rest: string[], options: Record<string, { type: "string" | "boolean"; short?: string }>, count: number) {
  const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  if (positionals.length !== count)
    throw new UsageError(`expected ${count} file argument${count > 1 ? "s" : ""}, got ${positionals.length}`);
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}

export function number(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value === "" || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got ${String(value)}`);
  return n;
}

/** Writes to a temporary name beside `path`, then renames: a failed run never leaves half a file. */
export async function writeAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export function labelSeparator(value: string | boolean | undefined): string {
  if (value === undefined) return "|";
  if (typeof value !== "string" || value === "" || value === ",")
    throw new UsageError(`--label-sep must be a non-empty string other than the CSV's comma, got ${JSON.stringify(value)}`);
  return value;
}

export async function load(path: string): Promise<{ file: ModelFile; model: Served; scaler: StandardScaler | null }> {
  let file: ModelFile;
  try {
    file = JSON.parse(await readFile(path, "utf8")) as ModelFile;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  if (file?.format !== "wasmax/cli-model")
    throw new Error(`${path}: not a model file written by wasmax train (format ${JSON.stringify(file?.format)})`);
  const model = loadModel(file.model);
  if (!(model instanceof SoftmaxRegression || model instanceof MLPClassifier || model instanceof MultiLabelLogisticRegression))
    throw new Error(
      `${path}: holds a ${basename(String((file.model as { format?: string }).format))}, which the command line does not serve`,
    );
  return { file, model, scaler: file.scaler ? StandardScaler.fromJSON(file.scaler) : null };
}
