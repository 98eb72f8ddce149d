// What the command line's commands share: the model file (the model's JSON with its scaler and
// feature columns), reading it (every field checked, errors naming the file and the field) and
// writing files (atomically: a failed run leaves no partial or temporary file), and argument checks
// that fail with UsageError (exit 2).

import { parseArgs } from "node:util";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { MODELS, StandardScaler, loadRowModel, type AnyModel, type EpochInfo } from "../api.js";

/** A mistake in the command's arguments: exit code 2 and the command's usage. */
export class UsageError extends Error {}

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

export function args(rest: string[], options: Record<string, { type: "string" | "boolean"; short?: string }>, count: number) {
  const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  if (positionals.length !== count)
    throw new UsageError(`expected ${count} file argument${count > 1 ? "s" : ""}, got ${positionals.length}`);
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}

export function number(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got ${String(value)}`);
  return n;
}

/** A flag's value as an integer ≥ `min`, or undefined when the flag is absent. */
export function integer(name: string, value: string | boolean | undefined, min: number): number | undefined {
  const n = number(name, value);
  if (n !== undefined && (!Number.isSafeInteger(n) || n < min))
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return n;
}

/** A flag's value as a number > 0, or undefined when the flag is absent. */
export function positive(name: string, value: string | boolean | undefined): number | undefined {
  const n = number(name, value);
  if (n !== undefined && !(n > 0)) throw new UsageError(`--${name} must be greater than 0, got ${String(value)}`);
  return n;
}

/**
 * The path `-o` names, checked before any work: present, not a directory, in a folder that exists.
 * (Whether the folder is writable shows when writing; writeAtomic then leaves nothing behind.)
 */
export async function outputPath(value: string | boolean | undefined, what: string): Promise<string> {
  if (typeof value !== "string" || value === "") throw new UsageError(`-o <${what}> is required`);
  const [target, folder] = await Promise.all([stat(value).catch(() => null), stat(dirname(value)).catch(() => null)]);
  if (target?.isDirectory()) throw new UsageError(`-o ${value} is a directory; name the file to write`);
  if (!folder) throw new UsageError(`-o ${value}: the folder ${dirname(value)} does not exist`);
  if (!folder.isDirectory()) throw new UsageError(`-o ${value}: ${dirname(value)} is a file, not a folder`);
  return value;
}

/**
 * Writes to a temporary file beside `path`, then renames it into place: a failed run never leaves
 * half a file, and the temporary file is removed whatever fails.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
}

/** A file-system error in words (without Node's "ENOENT: …, open 'path'" form), else the error's message. */
export function fileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is not a folder";
  return (error as Error).message;
}

export function labelSeparator(value: string | boolean | undefined): string {
  if (value === undefined) return "|";
  if (typeof value !== "string" || value === "" || value === ",")
    throw new UsageError(`--label-sep must be a non-empty string other than the CSV's comma, got ${JSON.stringify(value)}`);
  return value;
}

/** Whether a served model predicts label sets (sigmoid outputs) rather than one class per row. */
export function isMultiLabel(model: Served): boolean {
  return model.layers().at(-1)!.activation === "sigmoid";
}

/** The model file at `path`, every field checked; an Error naming the file and the field when one is missing or wrong. */
export async function load(path: string): Promise<{ file: ModelFile; model: Served; scaler: StandardScaler | null }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
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
    model = loadRowModel(file.model);
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

/** Training progress on `err`: a bar on a terminal, a line per epoch otherwise, nothing when quiet. */
export function progress(err: NodeJS.WritableStream, quiet: boolean, total: number): ((info: EpochInfo) => void) | undefined {
  if (quiet) return undefined;
  const tty = (err as NodeJS.WriteStream).isTTY === true;
  return ({ epoch, loss, seconds }) => {
    const text = `epoch ${epoch}/${total} loss ${loss.toFixed(4)} ${seconds.toFixed(1)} s`;
    if (tty) {
      const width = 30;
      const done = Math.min(width, Math.round((epoch / total) * width));
      err.write(`\r[${"#".repeat(done)}${" ".repeat(width - done)}] ${text}`);
      if (epoch >= total) err.write("\n");
    } else {
      err.write(`${text}\n`);
    }
  };
}
