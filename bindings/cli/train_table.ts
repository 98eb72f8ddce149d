// `wasmax train` on a CSV table held in memory: the rows (a file or standard input), a held-out part
// for the report (a fifth by default, stratified for single labels), the scaler, progress while the
// solver runs, the model file, then the report on the held-out rows with the confusion matrix.

import { StandardScaler, trainTestSplit, type Label } from "../api.js";
import type { CsvTable } from "../data/csv.js";
import { fitWithHints } from "./hints.js";
import { inputName, messages, writeOutput, type Io } from "./io.js";
import type { ModelFile, Served } from "./model_file.js";
import { progress, progressMode } from "./progress.js";
import { report, type Target } from "./report.js";
import { readTable } from "./csv_input.js";
import { about, columns, labelSets, modelName } from "./table_data.js";
import type { TrainPlan } from "./train_plan.js";

/** Fewer rows than this and the default held-out fifth is skipped (said so): too few to both train and report on. */
const MIN_ROWS_TO_HOLD_OUT = 10;

/** The model file: the model's JSON with the columns it was trained on and its scaler. */
export function modelFile(plan: TrainPlan, featureNames: string[], model: Served, scaler: StandardScaler | null): string {
  const file: ModelFile = {
    format: "wasmax/cli-model",
    version: 1,
    target: plan.target,
    featureNames,
    ...(plan.separator !== undefined ? { labelSeparator: plan.separator } : {}),
    ...(scaler ? { scaler: scaler.toJSON() } : {}),
    model: model.toJSON(),
  };
  return `${JSON.stringify(file)}\n`;
}

/** The loss after each epoch (or iteration), and the held-out accuracy where the solver measured one (--early-stopping). */
export interface History {
  loss: number[];
  validationAccuracy: number[];
}

export async function trainTable(plan: TrainPlan, io: Io): Promise<History> {
  const { separator } = plan;
  const say = messages(plan.output, io);
  const dataName = inputName(plan.data);
  const targets = (t: CsvTable): Target[] => (separator === undefined ? t.y! : labelSets(t.y!, separator));
  const table = await readTable(plan.data, plan.target, io);
  let X = table.X;
  let y = targets(table);
  let testX: number[][] | null = null;
  let testY: Target[] | null = null;
  let heldOut = "";
  if (plan.test !== undefined) {
    const t = await readTable(plan.test, plan.target, io);
    [testX, testY] = [columns(inputName(plan.test), t, table.featureNames), targets(t)];
    heldOut = `test set ${inputName(plan.test)} (${testX.length} rows)`;
  } else if (plan.testSize !== undefined && (plan.testSizeGiven || X.length >= MIN_ROWS_TO_HOLD_OUT)) {
    [X, y, testX, testY] = await about(dataName, () => holdOut(plan, X, y));
    heldOut = `held-out rows (${testX.length} of ${table.X.length}${plan.testSizeGiven ? "" : "; --no-test trains on every row"})`;
  } else if (plan.testSize !== undefined) {
    say.write(`${dataName} has ${X.length} rows, too few to hold some out: training on all of them, no report\n`);
  }
  const scaler = plan.scale ? await about(dataName, () => new StandardScaler().fit(X)) : null;
  const prepare = (rows: number[][]) => (scaler ? scaler.transform(rows) : Float32Array.from(rows.flat()));
  const features = table.featureNames.length;
  const history: History = { loss: [], validationAccuracy: [] };
  const maxIter = plan.options["maxIter"] as number;
  const solver = plan.Model.spec.resolve(plan.options).solver;
  const shown = progress(io.err, progressMode(io.err, plan.quiet), maxIter, solver === "lbfgs" ? "iteration" : "epoch");
  const model = new plan.Model({
    ...plan.options,
    onEpoch: ({ epoch, loss, validationAccuracy }) => {
      history.loss.push(loss);
      if (validationAccuracy !== undefined) history.validationAccuracy.push(validationAccuracy);
      shown.step({ done: epoch, loss, validationAccuracy });
    },
  });
  try {
    await about(dataName, () => {
      const input = prepare(X);
      const fit = () =>
        (model.fit as (X: Float32Array, y: Target[], options: { features: number }) => unknown).call(model, input, y, { features });
      try {
        fitWithHints(fit, model, { solver, maxIter, scaled: scaler !== null }, io.err);
      } finally {
        shown.end();
      }
    });
    await writeOutput(plan.output, modelFile(plan, table.featureNames, model, scaler), io);
    const unit = solver === "lbfgs" ? "iterations" : "epochs";
    say.write(
      `${modelName(model)} trained on ${X.length} rows × ${features} features${scaler ? " (standardised)" : ""}, ` +
        `${model.classes.length} ${separator === undefined ? "classes" : "labels"}, ${model.nIter} ${unit} → ${plan.output}\n`,
    );
    if (testX && testY) {
      const [X, y] = [testX, testY];
      const text = await about(inputName(plan.test ?? plan.data), () =>
        report(separator !== undefined, y, model.predict(prepare(X)) as Target[], model.classes),
      );
      say.write(`\n${heldOut}\n${text}\n`);
    }
  } finally {
    model.dispose();
  }
  return history;
}

/** The rows held out for the report (stratified for labels; label sets cannot be, so their rows are drawn at random). */
function holdOut(plan: TrainPlan, X: number[][], y: Target[]): [number[][], Target[], number[][], Target[]] {
  const splitOptions = { testSize: plan.testSize!, randomState: plan.seed ?? 0 };
  if (plan.separator === undefined) {
    const split = trainTestSplit(X, y as Label[], splitOptions);
    return [split.XTrain, split.yTrain, split.XTest, split.yTest];
  }
  const split = trainTestSplit(
    X,
    y.map((_, i) => i),
    { ...splitOptions, stratify: false },
  );
  const pick = (rows: Label[]) => (rows as number[]).map((i) => y[i]!);
  return [split.XTrain, pick(split.yTrain), split.XTest, pick(split.yTest)];
}
