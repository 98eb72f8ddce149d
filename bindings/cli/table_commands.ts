// `wasmax test`, `predict` and `info` on a CSV model file: the pipeline reads the file's columns by
// name. test prints the report, the confusion matrix and P@k / R@k (--plot draws the confusion matrix);
// predict writes one row per input row (the label, every class's probability, or the k best labels
// with their probabilities).

import { confusionMatrix, type Label } from "../api.js";
import { confusionMatrixSVG } from "../plot/confusion_matrix.js";
import { UsageError, args, integer } from "./arguments.js";
import { readRows } from "./csv_table.js";
import { STDIO, inputName, messages, outputPath, writeOutput, type Io } from "./io.js";
import { load } from "./model_file.js";
import { precisionRecallAtK, report, type Target } from "./report.js";
import { about, columnTreatment, labelSets, modelName, modelRows, steps } from "./table_data.js";

export async function test(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { k: { type: "string", short: "k" }, plot: { type: "string" } }, 2);
  const k = integer("-k", values["k"], 1) ?? 1;
  const plot = values["plot"] === undefined ? undefined : await outputPath(values["plot"], "confusion.svg", "--plot");
  const { target, labelSeparator, pipeline, featureNames, textColumns } = await load(positionals[0]!, io);
  try {
    if (plot !== undefined && labelSeparator !== undefined)
      throw new UsageError("--plot draws a confusion matrix, which a label-set (multilabel) model does not have");
    const path = inputName(positionals[1]!);
    const csv = await readRows(positionals[1]!, io, { target, textColumns, columns: featureNames });
    const rows = modelRows(path, csv, featureNames);
    const truth = labelSeparator === undefined ? csv.y! : labelSets(csv.y!, labelSeparator);
    const { text, predicted } = await about(path, () => {
      const predicted = pipeline.predict(rows) as Target[];
      const top = pipeline.predictTopK(rows, Math.min(k, pipeline.classes.length)).labels as Label[][];
      const text = `${report(labelSeparator !== undefined, truth, predicted, pipeline.classes)}\n\n${precisionRecallAtK(truth, top, k)}`;
      return { text, predicted };
    });
    // With --plot -, the picture is the output and the report goes to standard error.
    messages(plot, io).write(`${text}\n`);
    if (plot !== undefined) {
      const title = `${modelName(pipeline.model)} on ${path}`;
      await writeOutput(plot, confusionMatrixSVG(confusionMatrix(truth as Label[], predicted as Label[], pipeline.classes), { title }), io);
      if (plot !== STDIO) io.out.write(`confusion matrix → ${plot}\n`);
    }
  } finally {
    pipeline.dispose();
  }
}

export async function predict(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(
    rest,
    { proba: { type: "boolean" }, k: { type: "string", short: "k" }, output: { type: "string", short: "o" } },
    2,
  );
  const k = integer("-k", values["k"], 1);
  if (k !== undefined && values["proba"]) throw new UsageError("-k and --proba both choose the columns: give one");
  const output = values["output"] === undefined ? undefined : await outputPath(values["output"], "out.csv");
  const { target, labelSeparator, pipeline, featureNames, textColumns } = await load(positionals[0]!, io);
  let text: string;
  try {
    // The target column may be there (a labelled file) or not: either way it is not a feature.
    const path = inputName(positionals[1]!);
    const csv = await readRows(positionals[1]!, io, { target, targetOptional: true, textColumns, columns: featureNames });
    const rows = modelRows(path, csv, featureNames);
    const classes = pipeline.classes.map(String);
    text = await about(path, () => {
      if (values["proba"]) {
        const p = pipeline.predictProba(rows);
        const row = (i: number) => classes.map((_, c) => p[i * classes.length + c]!.toPrecision(6)).join(",");
        return [classes.map(csvCell).join(","), ...rows.map((_, i) => row(i))].join("\n");
      }
      if (k !== undefined) {
        const K = Math.min(k, classes.length);
        const top = pipeline.predictTopK(rows, K);
        const header = Array.from({ length: K }, (_, j) => `label_${j + 1},probability_${j + 1}`).join(",");
        const row = (labels: readonly Label[], i: number) =>
          labels.map((label, j) => `${csvCell(String(label))},${top.probabilities[i * K + j]!.toPrecision(6)}`).join(",");
        return [header, ...top.labels.map(row)].join("\n");
      }
      const predicted = pipeline.predict(rows) as Target[];
      // A label set is written as it was read: its labels joined by the separator, quoted if it holds a comma.
      const cell = (t: Target) => csvCell(Array.isArray(t) ? t.join(labelSeparator ?? "|") : String(t));
      return [csvCell(target), ...predicted.map(cell)].join("\n");
    });
  } finally {
    pipeline.dispose();
  }
  if (output !== undefined) await writeOutput(output, `${text}\n`, io);
  else io.out.write(`${text}\n`);
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function info(rest: string[], io: Io): Promise<void> {
  const { positionals } = args(rest, {}, 1);
  const { target, labelSeparator, pipeline, featureNames } = await load(positionals[0]!, io);
  try {
    const model = pipeline.model;
    const kind = labelSeparator === undefined ? "classes" : "labels";
    io.out.write(
      `${modelName(model)}: ${model.classes.length} ${kind} (${model.classes.join(", ")}), ` +
        `${featureNames.length} columns (${columnTreatment(pipeline, featureNames)}), target ${target}, ` +
        `${model.nIter} ${steps(model)}, converged ${model.converged}\n`,
    );
  } finally {
    pipeline.dispose();
  }
}
