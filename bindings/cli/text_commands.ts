// The command line on text: test and predict on fastText-format files (`__label__x text`, several
// labels on a line for label sets) or on a CSV's text column, with the model file text_train.ts
// writes (the vectorizer's options saved beside the model, so test and predict hash alike).
// Output as fastText's: `test` prints N, P@k and R@k; `predict` one line per text, its k best labels
// with their probabilities.

import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { HashingVectorizer, loadRowModel, parseFastText, type AnyModel } from "../api.js";
import { args, integer } from "./arguments.js";
import { inputName, outputPath, readText, writeOutput, type Io } from "./io.js";
import { precisionRecallAtK } from "./report.js";
import { isMultiLabel } from "./model_file.js";
import { modelName, steps } from "./table_data.js";

/** The text model file: the model's JSON, the vectorizer's options, and where the texts and labels come from. */
export interface TextModelFile {
  format: "wasmax/cli-text-model";
  version: 1;
  /** The CSV's text column, or absent for fastText-format files. */
  textColumn?: string;
  /** The CSV's label column, or absent for fastText-format files. */
  target?: string;
  vectorizer: unknown;
  model: unknown;
}

/** Texts and their labels (one per row, or label sets when `sets`). */
export interface LabeledData {
  texts: string[];
  labels: string[][];
}

/** True when `train` is asked for text: a --text column, or a fastText-format file (.txt or --format fasttext). */
export function isTextTraining(rest: readonly string[]): boolean {
  return rest.includes("--text") || rest.includes("--format") || rest.some((a) => !a.startsWith("-") && /\.(txt|ft)$/.test(a));
}

/**
 * True when the model file at `source` (a path, or the bytes read from standard input) is a text
 * model file (a missing or broken file is not: load says why).
 */
export async function isTextModel(source: string | Buffer): Promise<boolean> {
  try {
    const text = typeof source === "string" ? await readFile(source, "utf8") : source.toString("utf8");
    return (JSON.parse(text) as { format?: unknown }).format === "wasmax/cli-text-model";
  } catch {
    return false;
  }
}

/** Reads texts and labels from a fastText-format file, or from a CSV's text and label columns. */
export async function readTexts(
  path: string,
  columns: { text?: string | undefined; target?: string | undefined },
  io: Io,
  labeled = true,
): Promise<LabeledData> {
  const content = await readText(path, io);
  path = inputName(path);
  try {
    if (columns.text === undefined) {
      const read = parseFastText(content, { requireLabels: labeled });
      if (read.texts.length === 0) throw new Error("has no rows");
      return read;
    }
    const records = parse(content, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    if (records.length === 0) throw new Error("has no rows");
    for (const column of [columns.text, labeled ? columns.target : undefined]) {
      if (column !== undefined && !(column in records[0]!))
        throw new Error(`has no column ${JSON.stringify(column)} (columns: ${Object.keys(records[0]!).join(", ")})`);
    }
    return {
      texts: records.map((r) => r[columns.text!]!),
      labels: records.map((r) => (labeled && columns.target !== undefined ? [r[columns.target]!] : [])),
    };
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The text model file at `path`, every field checked. */
async function loadText(path: string, io: Io): Promise<{ file: TextModelFile; model: AnyModel; vectorizer: HashingVectorizer }> {
  const content = await readText(path, io);
  path = inputName(path);
  let file: TextModelFile;
  try {
    file = JSON.parse(content) as TextModelFile;
  } catch (error) {
    throw new Error(`${path}: is not a model file: not JSON`, { cause: error });
  }
  const wrong = (field: string, message: string) => new Error(`${path}: ${field} ${message}`);
  if (file.version !== 1) throw wrong("version", `is ${JSON.stringify(file.version)}; this wasmax reads version 1`);
  if ((file.textColumn === undefined) !== (file.target === undefined))
    throw wrong("textColumn", "and target go together (a CSV's columns)");
  let vectorizer: HashingVectorizer;
  try {
    vectorizer = HashingVectorizer.fromJSON(file.vectorizer);
  } catch (error) {
    throw wrong("vectorizer", `cannot be loaded: ${(error as Error).message}`);
  }
  let model: AnyModel;
  try {
    model = loadRowModel(file.model); // the model's JSON, as trainText writes it
  } catch (error) {
    throw wrong("model", `cannot be loaded: ${(error as Error).message}`);
  }
  if (model.nFeatures !== vectorizer.toJSON().options.nFeatures) {
    model.dispose();
    throw wrong("vectorizer", `hashes into ${vectorizer.toJSON().options.nFeatures} columns but the model takes ${model.nFeatures}`);
  }
  return { file, model, vectorizer };
}

/** N, P@k and R@k as fastText's `test` prints them: precision over the k best labels of every text, recall over its true labels. */
export function scores(model: AnyModel, vectorizer: HashingVectorizer, data: LabeledData, k: number): string {
  const top = model.predictTopK(vectorizer.transform(data.texts), Math.min(k, model.classes.length));
  return precisionRecallAtK(data.labels, top.labels, k);
}

export async function infoText(rest: string[], io: Io): Promise<void> {
  const { positionals } = args(rest, {}, 1);
  const { file, model, vectorizer } = await loadText(positionals[0]!, io);
  try {
    const grams = (name: string, range: readonly [number, number] | null) => (range ? `, ${name} ${range[0]}–${range[1]}` : "");
    const source = file.textColumn === undefined ? "fastText-format texts" : `the CSV column ${file.textColumn} (target ${file.target})`;
    io.out.write(
      `${modelName(model)}: ${model.classes.length} ${isMultiLabel(model) ? "labels" : "classes"} (${model.classes.join(", ")}), ` +
        `${source} hashed into ${vectorizer.nFeatures} columns${grams("word n-grams", vectorizer.ngramRange)}` +
        `${grams("character n-grams", vectorizer.charNgramRange)}, ${model.nIter} ${steps(model)}\n`,
    );
  } finally {
    model.dispose();
  }
}

export async function testText(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" } }, 2);
  const k = integer("-k", values["k"], 1) ?? 1;
  const { file, model, vectorizer } = await loadText(positionals[0]!, io);
  try {
    const data = await readTexts(positionals[1]!, { text: file.textColumn, target: file.target }, io);
    io.out.write(`${scores(model, vectorizer, data, k)}\n`);
  } finally {
    model.dispose();
  }
}

export async function predictText(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" }, output: { type: "string", short: "o" } }, 2);
  const k = integer("-k", values["k"], 1) ?? 1;
  const output = values["output"] === undefined ? undefined : await outputPath(values["output"], "out.txt");
  const { file, model, vectorizer } = await loadText(positionals[0]!, io);
  let text: string;
  try {
    const data = await readTexts(positionals[1]!, { text: file.textColumn, target: file.target }, io, false);
    const top = model.predictTopK(vectorizer.transform(data.texts), Math.min(k, model.classes.length));
    const K = top.labels[0]?.length ?? 0;
    text = top.labels
      .map((labels, i) => labels.map((label, j) => `__label__${String(label)} ${top.probabilities[i * K + j]!.toPrecision(5)}`).join(" "))
      .join("\n");
  } finally {
    model.dispose();
  }
  if (output !== undefined) await writeOutput(output, `${text}\n`, io);
  else io.out.write(`${text}\n`);
}
