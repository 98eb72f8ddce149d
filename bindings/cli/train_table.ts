// `wasmax train` on a CSV table held in memory: the rows (a file or standard input) as objects, text
// columns found and one-hot encoded, a held-out part for the report (a fifth by default, stratified
// for single labels), a Pipeline of the data steps and the model trained with progress, the model
// file, then what was done with each column and the report on the held-out rows. --plot draws the
// loss per epoch (and the held-out accuracy per epoch, which the solver measures with --early-stopping).

import { ColumnTransformer, Pipeline, StandardScaler, trainTestSplit, type Label, type RecordRow } from "../api.js";
import { lossCurveSVG } from "../plot/loss_curve.js";
import { readRows } from "./csv_table.js";
import { fitWithHints } from "./hints.js";
import { inputName, messages, writeOutput, type Io } from "./io.js";
import { modelFileText } from "./model_file.js";
import { progress, progressMode } from "./progress.js";
import { report, type Target } from "./report.js";
import { about, columnTreatment, labelSets, modelName, modelRows } from "./table_data.js";
import type { TrainPlan } from "./train_plan.js";

/** Fewer rows than this and the default held-out fifth is skipped (said so): too few to both train and report on. */
const MIN_ROWS_TO_HOLD_OUT = 10;

/** Rows and their targets. */
interface Part {
  rows: RecordRow[];
  y: Target[];
}

export async function trainTable(plan: TrainPlan, io: Io): Promise<void> {
  const { separator } = plan;
  const say = messages(plan.output, io);
  const dataName = inputName(plan.data);
  const targets = (cells: Label[]): Target[] => (separator === undefined ? cells : labelSets(cells, separator));
  const csv = await readRows(plan.data, io, { target: plan.target });
  for (const name of identifierColumns(csv.rows, csv.textColumns))
    io.err.write(
      `wasmax: column ${JSON.stringify(name)} has a different value in every row (an identifier?): one-hot encoded, ` +
        "it cannot help predict new rows; leave it out of the CSV\n",
    );
  let train: Part = { rows: csv.rows, y: targets(csv.y!) };
  let test: Part | null = null;
  let heldOut = "";
  if (plan.test !== undefined) {
    const t = await readRows(plan.test, io, { target: plan.target, textColumns: csv.textColumns });
    test = { rows: modelRows(inputName(plan.test), t, csv.featureNames), y: targets(t.y!) };
    heldOut = `test set ${inputName(plan.test)} (${test.rows.length} rows)`;
  } else if (plan.testSize !== undefined && (plan.testSizeGiven || train.rows.length >= MIN_ROWS_TO_HOLD_OUT)) {
    [train, test] = await about(dataName, () => holdOut(plan, train));
    heldOut = `held-out rows (${test.rows.length} of ${csv.rows.length}${plan.testSizeGiven ? "" : "; --no-test trains on every row"})`;
  } else if (plan.testSize !== undefined) {
    say.write(`${dataName} has ${train.rows.length} rows, too few to hold some out: training on all of them, no report\n`);
  }
  const history = { loss: [] as number[], accuracy: [] as number[] };
  const maxIter = plan.options["maxIter"] as number;
  const solver = plan.Model.spec.resolve(plan.options).solver;
  const unit = solver === "lbfgs" ? "iteration" : "epoch";
  const shown = progress(io.err, progressMode(io.err, plan.quiet), maxIter, unit);
  const model = new plan.Model({
    ...plan.options,
    onEpoch: ({ epoch, loss, validationAccuracy }) => {
      history.loss.push(loss);
      if (validationAccuracy !== undefined) history.accuracy.push(validationAccuracy);
      shown.step({ done: epoch, loss, validationAccuracy });
    },
  });
  // Text columns one-hot encoded (numbers scaled or not, as --scale says); else the scaler, or nothing.
  const steps = csv.textColumns.length
    ? [ColumnTransformer.auto({ scale: plan.scale, handleUnknown: "ignore" })]
    : plan.scale
      ? [new StandardScaler()]
      : [];
  const pipeline = new Pipeline([...steps, model]);
  try {
    await about(dataName, () => {
      const fit = () => (pipeline.fit as (X: RecordRow[], y: Target[]) => unknown).call(pipeline, train.rows, train.y);
      const learningRate = (model.options as { learningRate?: number }).learningRate;
      fitWithHints(fit, model, { solver, maxIter, scaled: plan.scale, learningRate }, io.err, shown);
    });
    await writeOutput(plan.output, modelFileText(plan.target, separator, pipeline), io);
    say.write(
      `${modelName(model)} trained on ${train.rows.length} rows × ${csv.featureNames.length} columns, ${model.classes.length} ` +
        `${separator === undefined ? "classes" : "labels"}, ${model.nIter} ${unit}s → ${plan.output}\n` +
        `columns: ${columnTreatment(pipeline, csv.featureNames)}\n`,
    );
    if (test) {
      const { rows, y } = test;
      const text = await about(inputName(plan.test ?? plan.data), () =>
        report(separator !== undefined, y, pipeline.predict(rows) as Target[], model.classes),
      );
      say.write(`\n${heldOut}\n${text}\n`);
    }
    if (plan.plot !== undefined) {
      const accuracy = history.accuracy.length === history.loss.length && history.accuracy.length > 0 ? history.accuracy : undefined;
      const svg = lossCurveSVG(history.loss, {
        title: `${modelName(model)} on ${dataName}`,
        xLabel: unit,
        ...(accuracy ? { accuracy } : {}),
      });
      await writeOutput(plan.plot, svg, io);
      say.write(`loss curve${accuracy ? " and held-out accuracy" : ""} → ${plan.plot}\n`);
    }
  } finally {
    pipeline.dispose();
  }
}

/** The rows held out for the report (stratified for labels; label sets cannot be, so their rows are drawn at random). */
function holdOut(plan: TrainPlan, all: Part): [Part, Part] {
  const index = all.rows.map((_, i) => [i]);
  const labels = plan.separator === undefined;
  const split = trainTestSplit(index, labels ? (all.y as Label[]) : all.y.map((_, i) => i), {
    testSize: plan.testSize!,
    randomState: plan.seed ?? 0,
    ...(labels ? {} : { stratify: false }),
  });
  const part = (rows: number[][]): Part => ({ rows: rows.map(([i]) => all.rows[i!]!), y: rows.map(([i]) => all.y[i!]!) });
  return [part(split.XTrain), part(split.XTest)];
}

/** The text columns with a different value in every row (of at least MIN_ROWS_TO_HOLD_OUT): names or ids, one category per row. */
function identifierColumns(rows: readonly RecordRow[], textColumns: readonly string[]): string[] {
  if (rows.length < MIN_ROWS_TO_HOLD_OUT) return [];
  return textColumns.filter((name) => new Set(rows.map((row) => row[name])).size === rows.length);
}
