// `wasmax test | predict | predict-prob <model> <file> [k] [th]`: fastText's test (N, P@k, R@k) and
// predict (each line's k best labels, with their probabilities for predict-prob), over the lines
// fastText reads (fasttext_input.ts).

import type { FastTextClassifier } from "../fasttext_api.js";
import { formatG, testReport } from "./fasttext_format.js";
import { fastTextLines, loadModel, readText } from "./fasttext_input.js";
import { UsageError } from "./model_file.js";

/** test / predict's positional arguments: model, input, [k], [threshold], as fastText reads them. */
function positionals(rest: readonly string[]): { model: string; input: string; k: number; threshold: number } {
  if (rest.length < 2 || rest.length > 4) throw new UsageError(`expected <model> <file> [k] [th], got ${rest.length} arguments`);
  const [model, input, kText = "1", thresholdText = "0"] = rest as [string, string, string?, string?];
  const k = Number(kText);
  if (!Number.isInteger(k) || (k < 1 && k !== -1))
    throw new UsageError(`k must be a whole number ≥ 1 (or -1 for all labels), got ${kText}`);
  const threshold = Number(thresholdText);
  if (thresholdText.trim() === "" || !Number.isFinite(threshold))
    throw new UsageError(`th (the probability threshold) must be a number, got ${thresholdText}`);
  return { model, input, k, threshold };
}

/** Each line's `k` most likely labels (all for -1) at or above `threshold`, with their probabilities, as fastText's predict-prob. */
function predictLines(
  model: FastTextClassifier,
  lines: string[],
  k: number,
  threshold: number,
): { label: string; probability: number }[][] {
  const prefix = model.args.label;
  const { labels, probabilities } = model.predict(lines, { k: k === -1 ? model.classes.length : k, threshold });
  // fastText's probabilities are float32 (exp of a float32 score): printed as that float32.
  return labels.map((row, i) => row.map((name, j) => ({ label: prefix + name, probability: Math.fround(probabilities[i]![j]!) })));
}

export async function predictCommand(
  rest: readonly string[],
  withProbabilities: boolean,
  out: NodeJS.WritableStream,
  stdin: NodeJS.ReadableStream,
) {
  const { model: path, input, k, threshold } = positionals(rest);
  const model = await loadModel(path);
  try {
    const { lines } = fastTextLines(await readText(input, stdin));
    // In batches, so the output is written as it is predicted.
    const BATCH = 10_000;
    for (let start = 0; start < lines.length; start += BATCH) {
      const predictions = predictLines(model, lines.slice(start, start + BATCH), k, threshold);
      const text = predictions
        .map((labels) => labels.map((p) => (withProbabilities ? `${p.label} ${formatG(p.probability, 6)}` : p.label)).join(" "))
        .join("\n");
      await write(out, `${text}\n`);
    }
  } finally {
    model.dispose();
  }
}

/** Writes to `out`, waiting when its buffer is full. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => (out.write(text) ? resolve() : out.once("drain", resolve)));
}

export async function testCommand(rest: readonly string[], out: NodeJS.WritableStream, stdin: NodeJS.ReadableStream) {
  const { model: path, input, k, threshold } = positionals(rest);
  const model = await loadModel(path);
  try {
    const { lines } = fastTextLines(await readText(input, stdin));
    // fastText's Meter: lines with at least one known label and one input row count; P@k is the share of
    // the predicted labels that are gold, R@k the share of gold labels predicted (a label given twice counts twice).
    const dictionary = model.dictionary;
    const gold: string[][] = [];
    const kept: string[] = [];
    for (const line of lines) {
      const { words, labels } = dictionary.getLine(line);
      if (words.length === 0 || labels.length === 0) continue;
      gold.push(Array.from(labels, (id) => dictionary.label(id)));
      kept.push(line);
    }
    let predicted = 0;
    let correct = 0;
    let relevant = 0;
    predictLines(model, kept, k, threshold).forEach((labels, i) => {
      predicted += labels.length;
      relevant += gold[i]!.length;
      for (const p of labels) if (gold[i]!.includes(p.label)) correct++;
    });
    out.write(testReport(k, kept.length, correct / predicted, correct / relevant));
  } finally {
    model.dispose();
  }
}
