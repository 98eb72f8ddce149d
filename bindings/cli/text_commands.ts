// The command line on text: train, test and predict on fastText-format files (`__label__x text`,
// several labels on a line for label sets) or on a CSV's text column (--text <column>), the texts
// hashed by HashingVectorizer (its options saved in the model file, so test and predict hash alike).
// Output as fastText's: `test` prints N, P@k and R@k; `predict` one line per text, its k best labels
// with their probabilities.

import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { HashingVectorizer, loadRowModel, modelByCliName, parseFastText, MODELS, type AnyModel, type ModelClass } from "../api.js";
import { UsageError, args, fileError, integer, positive, outputPath, progress, writeAtomic } from "./model_file.js";

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
interface LabeledData {
  texts: string[];
  labels: string[][];
}

/** True when `train` is asked for text: a --text column, or a fastText-format file (.txt or --format fasttext). */
export function isTextTraining(rest: readonly string[]): boolean {
  return rest.includes("--text") || rest.includes("--format") || rest.some((a) => !a.startsWith("-") && /\.(txt|ft)$/.test(a));
}

/** True when the model file at `path` is a text model file (a missing or broken file is not: load says why). */
export async function isTextModel(path: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(path, "utf8")) as { format?: unknown }).format === "wasmax/cli-text-model";
  } catch {
    return false;
  }
}

/** Reads texts and labels from a fastText-format file, or from a CSV's text and label columns. */
async function readTexts(
  path: string,
  columns: { text?: string | undefined; target?: string | undefined },
  labeled = true,
): Promise<LabeledData> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
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

/** A pair "a,b" of integers ≥ 1 with a ≤ b, or undefined. */
function range(name: string, value: string | boolean | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(String(value));
  const [a, b] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || a < 1 || b < a) throw new UsageError(`--${name} must be two lengths a,b with 1 ≤ a ≤ b, got ${String(value)}`);
  return [a, b];
}

export async function trainText(rest: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(
    rest,
    {
      format: { type: "string" },
      text: { type: "string" },
      target: { type: "string" },
      model: { type: "string" },
      buckets: { type: "string" },
      ngrams: { type: "string" },
      "char-ngrams": { type: "string" },
      solver: { type: "string" },
      "max-iter": { type: "string" },
      "learning-rate": { type: "string" },
      C: { type: "string" },
      seed: { type: "string" },
      test: { type: "string" },
      quiet: { type: "boolean" },
      output: { type: "string", short: "o" },
    },
    1,
  );
  const format = values["format"] ?? (values["text"] !== undefined ? "csv" : "fasttext");
  if (format !== "csv" && format !== "fasttext") throw new UsageError(`--format must be csv or fasttext, got ${String(format)}`);
  const text = values["text"] as string | undefined;
  const target = values["target"] as string | undefined;
  if (format === "csv" && (text === undefined || target === undefined))
    throw new UsageError("a CSV of texts needs --text <column> and --target <column>");
  if (format === "fasttext" && (text !== undefined || target !== undefined))
    throw new UsageError("--text and --target name CSV columns; a fastText-format file carries its labels (__label__x)");
  const kind = (values["model"] as string | undefined) ?? MODELS[0].spec.cliName;
  const Model = modelByCliName(kind);
  if (!Model) throw new UsageError(`--model must be ${MODELS.map((M) => M.spec.cliName).join(", ")}, got ${kind}`);
  const output = await outputPath(values["output"], "model.json");
  const vectorizer = new HashingVectorizer({
    nFeatures: integer("buckets", values["buckets"], 1) ?? 2 ** 18,
    ngramRange: range("ngrams", values["ngrams"]) ?? [1, 2],
    charNgramRange: range("char-ngrams", values["char-ngrams"]) ?? null,
  });
  const options = textOptions(Model, values);
  const data = await readTexts(positionals[0]!, { text, target });
  const sets = data.labels.some((l) => l.length !== 1);
  if (sets && Model.spec.targets === "labels")
    throw new UsageError(
      `${positionals[0]}: some lines have ${data.labels.some((l) => l.length === 0) ? "no" : "several"} labels; use --model multilabel`,
    );
  const y = Model.spec.targets === "label-sets" || sets ? data.labels : data.labels.map((l) => l[0]!);
  const onEpoch = progress(err, values["quiet"] === true, options["maxIter"] as number);
  const model = new Model({ ...options, ...(onEpoch ? { onEpoch } : {}) } as never);
  try {
    const X = vectorizer.transform(data.texts);
    (model.fit as (X: unknown, y: unknown) => unknown).call(model, X, y);
    const file: TextModelFile = {
      format: "wasmax/cli-text-model",
      version: 1,
      ...(text !== undefined ? { textColumn: text, target: target! } : {}),
      vectorizer: vectorizer.toJSON(),
      model: model.toJSON(),
    };
    await writeAtomic(output, `${JSON.stringify(file)}\n`);
    out.write(
      `${Model.modelName} trained on ${data.texts.length} texts hashed into ${vectorizer.toJSON().options.nFeatures} columns, ` +
        `${model.classes.length} ${sets ? "labels" : "classes"}, ${model.nIter} epochs → ${output}\n`,
    );
    if (typeof values["test"] === "string") {
      const test = await readTexts(values["test"], { text, target });
      out.write(`\ntest set ${values["test"]}\n${scores(model, vectorizer, test, 1)}\n`);
    }
  } finally {
    model.dispose();
  }
}

/** The model's options from the flags: sgd/adam for a few epochs unless told otherwise (hashed texts are wide and sparse). */
function textOptions(Model: ModelClass, values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const solver = (values["solver"] as string | undefined) ?? "adam";
  if (!["lbfgs", "sgd", "adam"].includes(solver)) throw new UsageError(`--solver must be lbfgs, sgd or adam, got ${solver}`);
  const C = positive("C", values["C"]);
  if (C !== undefined && !Model.spec.optionNames.includes("C")) throw new UsageError(`--C does not apply to --model ${Model.spec.cliName}`);
  const seed = integer("seed", values["seed"], 0);
  return {
    solver,
    maxIter: integer("max-iter", values["max-iter"], 1) ?? (solver === "lbfgs" ? 100 : 5),
    // A stochastic solver runs exactly its epochs (tol 0): a few passes over hashed texts is the recipe.
    ...(solver === "lbfgs" ? {} : { tol: 0 }),
    ...(solver === "adam" ? { learningRate: 0.01, batchSize: 256 } : {}),
    ...(positive("learning-rate", values["learning-rate"]) !== undefined ? { learningRate: Number(values["learning-rate"]) } : {}),
    ...(C !== undefined ? { C } : {}),
    ...(seed !== undefined ? { randomState: seed } : {}),
  };
}

/** The text model file at `path`, every field checked. */
async function loadText(path: string): Promise<{ file: TextModelFile; model: AnyModel; vectorizer: HashingVectorizer }> {
  let file: TextModelFile;
  try {
    file = JSON.parse(await readFile(path, "utf8")) as TextModelFile;
  } catch (error) {
    throw new Error(`${path}: ${(error as { code?: string }).code ? fileError(error) : "is not a model file: not JSON"}`, { cause: error });
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
    model = loadRowModel(file.model);
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
function scores(model: AnyModel, vectorizer: HashingVectorizer, data: LabeledData, k: number): string {
  const K = Math.min(k, model.classes.length);
  const top = model.predictTopK(vectorizer.transform(data.texts), K);
  let hits = 0;
  let relevant = 0;
  data.labels.forEach((truth, i) => {
    const set = new Set(truth.map(String));
    hits += top.labels[i]!.filter((label) => set.has(String(label))).length;
    relevant += set.size;
  });
  const N = data.texts.length;
  return `N\t${N}\nP@${k}\t${(hits / (N * K)).toFixed(3)}\nR@${k}\t${(relevant ? hits / relevant : 0).toFixed(3)}`;
}

export async function testText(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" } }, 2);
  const k = integer("k", values["k"], 1) ?? 1;
  const { file, model, vectorizer } = await loadText(positionals[0]!);
  try {
    const data = await readTexts(positionals[1]!, { text: file.textColumn, target: file.target });
    out.write(`${scores(model, vectorizer, data, k)}\n`);
  } finally {
    model.dispose();
  }
}

export async function predictText(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" }, output: { type: "string", short: "o" } }, 2);
  const k = integer("k", values["k"], 1) ?? 1;
  const output = values["output"] === undefined ? undefined : await outputPath(values["output"], "out.txt");
  const { file, model, vectorizer } = await loadText(positionals[0]!);
  let text: string;
  try {
    const data = await readTexts(positionals[1]!, { text: file.textColumn, target: file.target }, false);
    const top = model.predictTopK(vectorizer.transform(data.texts), Math.min(k, model.classes.length));
    const K = top.labels[0]?.length ?? 0;
    text = top.labels
      .map((labels, i) => labels.map((label, j) => `__label__${String(label)} ${top.probabilities[i * K + j]!.toPrecision(5)}`).join(" "))
      .join("\n");
  } finally {
    model.dispose();
  }
  if (output !== undefined) await writeAtomic(output, `${text}\n`);
  else out.write(`${text}\n`);
}
