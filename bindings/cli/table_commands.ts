// `wasmax test`, `predict` and `info` on a CSV model file: the columns read by name, the saved scaler
// applied. test prints the report, the confusion matrix and P@k / R@k; predict writes one row per
// input row (the label, every class's probability, or the k best labels with their probabilities).

import type { Label } from "../api.js";
import { UsageError, args, integer } from "./arguments.js";
import { inputName, outputPath, writeOutput, type Io } from "./io.js";
import { load } from "./model_file.js";
import { precisionRecallAtK, report, type Target } from "./report.js";
import { readTable } from "./csv_input.js";
import { about, columns, labelSets } from "./table_data.js";

export async function test(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" } }, 2);
  const k = integer("k", values["k"], 1) ?? 1;
  const { file, model, scaler } = await load(positionals[0]!, io);
  try {
    const path = inputName(positionals[1]!);
    const table = await readTable(positionals[1]!, file.target, io);
    const X = columns(path, table, file.featureNames);
    const text = await about(path, () => {
      const input = scaler ? scaler.transform(X) : X;
      const predicted = model.predict(input) as Target[];
      const truth = file.labelSeparator === undefined ? table.y! : labelSets(table.y!, file.labelSeparator);
      const top = model.predictTopK(input, Math.min(k, model.classes.length)).labels as Label[][];
      return `${report(file.labelSeparator !== undefined, truth, predicted, model.classes)}\n\n${precisionRecallAtK(truth, top, k)}`;
    });
    io.out.write(`${text}\n`);
  } finally {
    model.dispose();
  }
}

export async function predict(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(
    rest,
    { proba: { type: "boolean" }, k: { type: "string", short: "k" }, output: { type: "string", short: "o" } },
    2,
  );
  const k = integer("k", values["k"], 1);
  if (k !== undefined && values["proba"]) throw new UsageError("-k and --proba both choose the columns: give one");
  const output = values["output"] === undefined ? undefined : await outputPath(values["output"], "out.csv");
  const { file, model, scaler } = await load(positionals[0]!, io);
  let text: string;
  try {
    // The target column may be there (a labelled file) or not: either way it is not a feature.
    const path = positionals[1]!;
    const table = await readTable(path, file.target, io, true);
    const X = columns(inputName(path), table, file.featureNames);
    const input = scaler ? scaler.transform(X) : X;
    const classes = model.classes.map(String);
    if (values["proba"]) {
      const p = model.predictProba(input);
      const row = (i: number) => classes.map((_, c) => p[i * classes.length + c]!.toPrecision(6)).join(",");
      text = [classes.map(csvCell).join(","), ...X.map((_, i) => row(i))].join("\n");
    } else if (k !== undefined) {
      const K = Math.min(k, classes.length);
      const top = model.predictTopK(input, K);
      const header = Array.from({ length: K }, (_, j) => `label_${j + 1},probability_${j + 1}`).join(",");
      const row = (labels: readonly Label[], i: number) =>
        labels.map((label, j) => `${csvCell(String(label))},${top.probabilities[i * K + j]!.toPrecision(6)}`).join(",");
      text = [header, ...top.labels.map(row)].join("\n");
    } else {
      const predicted = model.predict(input) as Target[];
      // A label set is written as it was read: its labels joined by the separator, quoted if it holds a comma.
      const cell = (t: Target) => csvCell(Array.isArray(t) ? t.join(file.labelSeparator ?? "|") : String(t));
      text = [csvCell(file.target), ...predicted.map(cell)].join("\n");
    }
  } finally {
    model.dispose();
  }
  if (output !== undefined) await writeOutput(output, `${text}\n`, io);
  else io.out.write(`${text}\n`);
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function info(rest: string[], io: Io): Promise<void> {
  const { positionals } = args(rest, {}, 1);
  const { file, model } = await load(positionals[0]!, io);
  try {
    const json = model.toJSON() as { format: string; nIter: number; converged: boolean };
    const kind = file.labelSeparator === undefined ? "classes" : "labels";
    io.out.write(
      `${json.format.replace("wasmax/", "")}: ${model.classes.length} ${kind} (${model.classes.join(", ")}), ` +
        `${file.featureNames.length} features (${file.featureNames.join(", ")}), target ${file.target}, ` +
        `${json.nIter} iterations, converged ${json.converged}${file.scaler ? ", standardised features" : ""}\n`,
    );
  } finally {
    model.dispose();
  }
}
