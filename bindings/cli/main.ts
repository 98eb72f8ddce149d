// The `wasmax` command line (Node ≥ 18): train, test, predict and info on CSV files, shaped like
// fastText's supervised / test / predict-prob; export and import of ONNX are in onnx_commands.ts.
// It imports only the public API (the proof that the API is enough). Exit codes: 0 ok, 1 failed
// (bad data, a model that cannot load), 2 usage.
// Arguments by Node's util.parseArgs (no dependency: commander 15 needs Node ≥ 22.12); progress by
// a few lines of our own (a bar on a TTY, one line per epoch otherwise, nothing with --quiet).

import {
  init,
  MODELS,
  modelByCliName,
  StandardScaler,
  classificationReport,
  multiLabelReport,
  trainTestSplit,
  fitStream,
  type StreamChunk,
  type StreamProgress,
  type Label,
  type ModelClass,
} from "../api.js";
import type { CsvTable } from "../data/csv.js";
import {
  UsageError,
  args,
  integer,
  labelSeparator,
  load,
  number,
  outputPath,
  positive,
  progress,
  writeAtomic,
  type ModelFile,
} from "./model_file.js";
import type { Served } from "./model_file.js";
import { hasColumn, readTable, records } from "./csv_input.js";
import { exportONNX, importONNX } from "./onnx_commands.js";
import { isTextModel, isTextTraining, predictText, testText, trainText } from "./text_commands.js";
import { fastTextMain, isFastTextCommand } from "./fasttext_commands.js";

const USAGE: Record<string, string> = {
  train: `wasmax train <data.csv> --target <column> [options] -o <model.json>
  --model ${MODELS.map((M) => M.spec.cliName).join("|")}
                          ${MODELS.map((M, i) => `${M.modelName}${i === 0 ? " (default)" : ""}`).join(", ")}
                          (a label-set model's target cell is a label set: "a|b", an empty cell for none)
  --label-sep "|"         what separates a label set's labels (label-set models)
  --hidden 128[,64]       hidden layer sizes (models with hidden layers)
  --solver lbfgs|sgd|adam --max-iter N --learning-rate N --batch-size N --seed N
  --C N                   inverse regularisation strength (the linear models)
  --test-size 0.2         hold out this fraction (stratified for single labels) and report on it;
                          or --test <test.csv>
  --scale                 standardise the features (the scaler is saved in the model file)
  --stream                train on a file larger than memory: two streaming passes (classes and
                          scaler statistics, then sgd/adam in buffers of --buffer-rows, 10000);
                          --test-size then holds out that fraction of the rows as they stream by
                          (no --test, --max-iter or lbfgs: one pass over the file)
  --quiet                 no progress
A flag that does not apply to the chosen model or mode is refused (exit 2), never ignored.
Texts: wasmax train <data.txt> -o <model.json>   a fastText-format file (__label__x text; several
                          labels on a line train --model multilabel), or a CSV with --text <column>
                          --target <column>; the texts are hashed (HashingVectorizer):
  --buckets 262144 --ngrams 1,2 [--char-ngrams 2,4]
  --solver adam (5 epochs) --max-iter N --learning-rate N --C N --seed N --test <file> --quiet
  then: wasmax test <model.json> <data.txt> [-k 1]   N, P@k, R@k as fastText's test prints them
        wasmax predict <model.json> <data.txt> [-k 1] [-o out.txt]
                          each text's k best labels, with their probabilities`,
  test: "wasmax test <model.json> <data.csv>   the classification report, or the multi-label report (the CSV has the target column)",
  predict: "wasmax predict <model.json> <data.csv> [--proba] [-o out.csv]   one prediction per row (CSV to stdout or the file)",
  info: "wasmax info <model.json>   what the model is and was trained on",
  export: `wasmax export <model.json> -o <model.onnx> [--opset 13]
                          an ONNX graph of standard ops for onnxruntime and other ONNX runtimes; a saved
                          scaler is folded into the first layer, so the graph takes the raw features`,
  import: `wasmax import <model.onnx> -o <model.json> [--target label] [--features a,b,…] [--head softmax|sigmoid]
                          an ONNX model (Gemm/MatMul layers, activations, Softmax; ai.onnx.ml
                          LinearClassifier) as a model file for test and predict; feature and target
                          names come from a wasmax export's metadata, else from the options (x1 … xD)`,
};

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  if (await isFastTextCommand(argv)) return fastTextMain(argv, out, err);
  const [command, ...rest] = argv;
  try {
    const help = `wasmax: softmax classifiers on CSV files\n\n${Object.values(USAGE).join("\n\n")}\n`;
    if (command === "--help" || command === "-h") {
      out.write(help);
      return 0;
    }
    if (!command) {
      err.write(`wasmax: a command is required: ${Object.keys(USAGE).join(", ")}\n\n${help}`);
      return 2;
    }
    if (!Object.hasOwn(USAGE, command)) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(USAGE).join(", ")}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      out.write(`${USAGE[command]}\n`);
      return 0;
    }
    await init();
    const modelPath = rest.find((a) => !a.startsWith("-")) ?? "";
    if (command === "train") await (isTextTraining(rest) ? trainText(rest, out, err) : train(rest, out, err));
    else if (command === "test") await ((await isTextModel(modelPath)) ? testText(rest, out) : test(rest, out));
    else if (command === "predict") await ((await isTextModel(modelPath)) ? predictText(rest, out) : predict(rest, out));
    else if (command === "export") await exportONNX(rest, out);
    else if (command === "import") await importONNX(rest, out);
    else await info(rest, out);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const help = usage && command !== undefined && Object.hasOwn(USAGE, command) ? `\n${USAGE[command]}\n` : "";
    err.write(`wasmax ${command ?? ""}: ${(error as Error).message}\n${help}`);
    return usage ? 2 : 1;
  }
}

/** The train command's flags, checked before any file is read. */
interface TrainPlan {
  /** The registered model the flags chose. */
  Model: ModelClass;
  data: string;
  target: string;
  output: string;
  /** The label-set separator (multilabel), else undefined. */
  separator: string | undefined;
  /** The model's options from the flags (progress is added by each path). */
  options: Record<string, unknown>;
  testSize: number | undefined;
  test: string | undefined;
  scale: boolean;
  quiet: boolean;
  seed: number | undefined;
  bufferRows: number | undefined;
  stream: boolean;
}

const SOLVERS = ["lbfgs", "sgd", "adam"];

/** Every flag checked against the model and mode it applies to: one that does not apply is refused, not ignored. */
async function trainPlan(rest: string[]): Promise<TrainPlan> {
  const { values, positionals } = args(
    rest,
    {
      target: { type: "string" },
      model: { type: "string" },
      hidden: { type: "string" },
      solver: { type: "string" },
      "max-iter": { type: "string" },
      C: { type: "string" },
      "learning-rate": { type: "string" },
      "batch-size": { type: "string" },
      seed: { type: "string" },
      "test-size": { type: "string" },
      test: { type: "string" },
      scale: { type: "boolean" },
      quiet: { type: "boolean" },
      output: { type: "string", short: "o" },
      stream: { type: "boolean" },
      "buffer-rows": { type: "string" },
      "label-sep": { type: "string" },
    },
    1,
  );
  const kind = (values["model"] as string | undefined) ?? MODELS[0].spec.cliName;
  const Model = modelByCliName(kind);
  if (!Model) throw new UsageError(`--model must be ${MODELS.map((M) => M.spec.cliName).join(", ")}, got ${kind}`);
  const takes = (option: string, M: ModelClass = Model) => M.spec.optionNames.includes(option);
  const labelSets = Model.spec.targets === "label-sets";
  /** The --model values whose models take `option` (or label sets). */
  const modelsWith = (has: (M: ModelClass) => boolean) =>
    `--model ${MODELS.filter(has)
      .map((M) => M.spec.cliName)
      .join(" or ")}`;
  const stream = values["stream"] === true;
  const refuse = (flag: string, why: string) => {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} ${why}`);
  };
  if (!labelSets) refuse("label-sep", `applies to ${modelsWith((M) => M.spec.targets === "label-sets")}`);
  if (!takes("hiddenLayerSizes")) refuse("hidden", `applies to ${modelsWith((M) => takes("hiddenLayerSizes", M))}`);
  if (!takes("C")) refuse("C", `does not apply to --model ${kind} (C is the linear models' inverse regularisation strength)`);
  if (!stream) refuse("buffer-rows", "applies to --stream");
  if (stream) {
    refuse("test", "does not apply to --stream: --test-size holds out rows as they stream by");
    refuse("max-iter", "does not apply to --stream: it makes one pass over the file");
  }
  if (values["test"] !== undefined) refuse("test-size", "and --test both name a test set: give one");
  const target = values["target"];
  if (typeof target !== "string" || target === "") throw new UsageError("--target (the label column) is required");
  const solver = values["solver"] as string | undefined;
  if (solver !== undefined && !(stream ? SOLVERS.slice(1) : SOLVERS).includes(solver))
    throw new UsageError(`--solver must be ${stream ? "sgd or adam (--stream trains in buffers)" : "lbfgs, sgd or adam"}, got ${solver}`);
  const hidden = values["hidden"] === undefined ? undefined : String(values["hidden"]).split(",");
  if (hidden && !hidden.every((h) => /^\s*[1-9]\d*\s*$/.test(h)))
    throw new UsageError(`--hidden must be layer sizes ≥ 1 separated by commas (128,64), got ${String(values["hidden"])}`);
  const testSize = number("test-size", values["test-size"]);
  // In memory a whole number is a count of rows (trainTestSplit's rule); streamed, only a fraction.
  if (testSize !== undefined && !(testSize > 0 && (testSize < 1 || (!stream && Number.isInteger(testSize)))))
    throw new UsageError(
      `--test-size must be a fraction in (0, 1)${stream ? "" : " or a number of rows"}, got ${String(values["test-size"])}`,
    );
  const seed = integer("seed", values["seed"], 0);
  const separator = labelSets ? labelSeparator(values["label-sep"]) : undefined;
  const maxIter = integer("max-iter", values["max-iter"], 1);
  const C = positive("C", values["C"]);
  const learningRate = positive("learning-rate", values["learning-rate"]);
  const batchSize = integer("batch-size", values["batch-size"], 1);
  const options = {
    ...(solver !== undefined ? { solver } : stream ? { solver: "adam" } : {}),
    maxIter: stream ? 1 : (maxIter ?? Model.spec.resolve({}).maxIter),
    ...(C !== undefined ? { C } : {}),
    ...(learningRate !== undefined ? { learningRate } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(seed !== undefined ? { randomState: seed } : {}),
    ...(hidden ? { hiddenLayerSizes: hidden.map(Number) } : {}),
  };
  return {
    Model,
    data: positionals[0]!,
    target,
    output: await outputPath(values["output"], "model.json"),
    separator,
    options,
    testSize,
    test: values["test"] as string | undefined,
    scale: values["scale"] === true,
    quiet: values["quiet"] === true,
    seed,
    bufferRows: integer("buffer-rows", values["buffer-rows"], 1),
    stream,
  };
}

/** A new model of the class the flags chose. */
function newModel(plan: TrainPlan, options: Record<string, unknown>): Served {
  return new plan.Model(options);
}

/** The model file: the model's JSON with the columns it was trained on and its scaler. */
function modelFile(plan: TrainPlan, featureNames: string[], model: Served, scaler: StandardScaler | null): string {
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

function modelName(model: Served): string {
  return (model.constructor as { modelName?: string }).modelName ?? "model";
}

async function train(rest: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const plan = await trainPlan(rest);
  if (plan.stream) return trainStream(plan, out, err);
  const { separator } = plan;
  const targets = (t: CsvTable): Target[] => (separator === undefined ? t.y! : labelSets(t.y!, separator));
  const table = await readTable(plan.data, plan.target);
  let X = table.X;
  let y = targets(table);
  let testX: number[][] | null = null;
  let testY: Target[] | null = null;
  if (plan.test !== undefined) {
    const t = await readTable(plan.test, plan.target);
    [testX, testY] = [columns(plan.test, t, table.featureNames), targets(t)];
  } else if (plan.testSize !== undefined) {
    [X, y, testX, testY] = await about(plan.data, () => holdOut(plan, X, y));
  }
  const scaler = plan.scale ? await about(plan.data, () => new StandardScaler().fit(X)) : null;
  const prepare = (rows: number[][]) => (scaler ? scaler.transform(rows) : Float32Array.from(rows.flat()));
  const features = table.featureNames.length;
  const maxIter = plan.options["maxIter"] as number;
  const model = newModel(plan, { ...plan.options, onEpoch: progress(err, plan.quiet, maxIter) });
  try {
    await about(plan.data, () => {
      const input = prepare(X);
      (model.fit as (X: Float32Array, y: Target[], options: { features: number }) => unknown).call(model, input, y, { features });
    });
    await writeAtomic(plan.output, modelFile(plan, table.featureNames, model, scaler));
    out.write(
      `${modelName(model)} trained on ${X.length} rows × ${features} features, ${model.classes.length} ` +
        `${separator === undefined ? "classes" : "labels"}, ${model.nIter} iterations → ${plan.output}\n`,
    );
    if (testX && testY) {
      const [X, y] = [testX, testY];
      const text = await about(plan.test ?? plan.data, () => report(separator !== undefined, y, model.predict(prepare(X)) as Target[]));
      out.write(`\ntest set (${testX.length} rows)\n${text}\n`);
    }
  } finally {
    model.dispose();
  }
}

/** --test-size: the rows held out for the report (stratified for labels; label sets cannot be, so their rows are drawn at random). */
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

/** Runs fn; an error it throws is about the data in `path`, so its message starts with the path (once). */
async function about<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError || message.startsWith(`${path}: `)) throw error;
    throw new Error(`${path}: ${message}`, { cause: error });
  }
}

/** A target cell: one label, or (multi-label models) a label set. */
type Target = Label | string[];

/** Target cells as label sets: "a|b" → ["a", "b"], an empty cell → []. */
function labelSets(cells: readonly Label[], separator: string): string[][] {
  return cells.map((cell) =>
    cell === ""
      ? []
      : String(cell)
          .split(separator)
          .map((label) => label.trim())
          .filter((label) => label !== ""),
  );
}

/** The multi-label report for label sets (a model file with a label separator), else the classification report. */
function report(labelSets: boolean, truth: readonly Target[], predicted: readonly Target[]): string {
  return labelSets ? multiLabelReport(truth, predicted).text : classificationReport(truth as Label[], predicted as Label[]).text;
}

async function trainStream(plan: TrainPlan, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const { data: path, target, separator } = plan;
  const targetOf = (cell: string | number): Target => (separator === undefined ? cell : labelSets([cell], separator)[0]!);
  // Pass 1: the classes (labels), the feature names and, with --scale, each feature's mean and spread (Welford).
  const classes = new Set<string | number>();
  let names: string[] = [];
  let n = 0;
  let mean: number[] = [];
  let m2: number[] = [];
  for await (const r of records(path, target)) {
    if (n === 0) {
      names = r.names;
      mean = new Array<number>(r.x.length).fill(0);
      m2 = new Array<number>(r.x.length).fill(0);
    }
    const cell = targetOf(r.label);
    for (const label of Array.isArray(cell) ? cell : [cell]) classes.add(label);
    n++;
    if (plan.scale) {
      for (let j = 0; j < r.x.length; j++) {
        const d = r.x[j]! - mean[j]!;
        mean[j]! += d / n;
        m2[j]! += d * (r.x[j]! - mean[j]!);
      }
    }
  }
  if (n === 0) throw new Error(`${path}: has no rows, only the header`);
  const scaler = plan.scale
    ? StandardScaler.fromJSON({ format: "wasmax/StandardScaler", version: 1, mean, scale: m2.map((s) => Math.sqrt(s / n) || 1) })
    : null;
  // Pass 2: train in buffers, holding out --test-size of the rows.
  const chunkRows = 1000;
  async function* chunks() {
    let X: number[][] = [];
    // All labels or all label sets, as `separator` says.
    let y = [] as Target[] & StreamChunk["y"];
    for await (const r of records(path, target)) {
      X.push(r.x);
      y.push(targetOf(r.label));
      if (X.length === chunkRows) {
        yield { X: scaler ? scaler.transform(X) : X, y };
        X = [];
        y = [];
      }
    }
    if (X.length) yield { X: scaler ? scaler.transform(X) : X, y };
  }
  const model = newModel(plan, plan.options);
  const accuracyName = separator === undefined ? "held-out accuracy" : "held-out subset accuracy";
  let last: StreamProgress | undefined;
  try {
    await about(path, () =>
      fitStream(model, chunks(), {
        classes: [...classes],
        features: names.length,
        bufferRows: plan.bufferRows ?? 10_000,
        validationFraction: plan.testSize ?? 0,
        randomState: plan.seed ?? 0,
        onProgress: (p) => {
          last = p;
          if (!plan.quiet) {
            const held = p.validationAccuracy !== undefined ? `, ${accuracyName} ${p.validationAccuracy.toFixed(4)}` : "";
            err.write(`${p.rows} rows, loss ${p.loss.toFixed(4)}${held}\n`);
          }
        },
      }),
    );
    await writeAtomic(plan.output, modelFile(plan, names, model, scaler));
    out.write(
      `${modelName(model)} trained on ${last?.rows ?? 0} streamed rows × ${names.length} features, ${classes.size} ` +
        `${separator === undefined ? "classes" : "labels"} → ${plan.output}` +
        `${last?.validationAccuracy !== undefined ? `; ${accuracyName} ${last.validationAccuracy.toFixed(4)}` : ""}\n`,
    );
  } finally {
    model.dispose();
  }
}

/** The table's columns in the order `featureNames` lists them; an Error naming the file when one is missing. */
function columns(path: string, table: CsvTable, featureNames: readonly string[]): number[][] {
  const missing = featureNames.filter((name) => !table.featureNames.includes(name));
  if (missing.length)
    throw new Error(`${path}: lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} the model was trained on`);
  const at = featureNames.map((name) => table.featureNames.indexOf(name));
  return table.X.map((row) => at.map((j) => row[j]!));
}

async function test(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { positionals } = args(rest, {}, 2);
  const { file, model, scaler } = await load(positionals[0]!);
  try {
    const table = await readTable(positionals[1]!, file.target);
    const X = columns(positionals[1]!, table, file.featureNames);
    const text = await about(positionals[1]!, () => {
      const predicted = model.predict(scaler ? scaler.transform(X) : X) as Target[];
      const truth = file.labelSeparator === undefined ? table.y! : labelSets(table.y!, file.labelSeparator);
      return report(file.labelSeparator !== undefined, truth, predicted);
    });
    out.write(`${text}\n`);
  } finally {
    model.dispose();
  }
}

async function predict(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(rest, { proba: { type: "boolean" }, output: { type: "string", short: "o" } }, 2);
  const output = values["output"] === undefined ? undefined : await outputPath(values["output"], "out.csv");
  const { file, model, scaler } = await load(positionals[0]!);
  let text: string;
  try {
    // The target column may be there (a labelled file) or not: either way it is not a feature.
    const path = positionals[1]!;
    const table = await readTable(path, (await hasColumn(path, file.target)) ? file.target : undefined);
    const X = columns(path, table, file.featureNames);
    const input = scaler ? scaler.transform(X) : X;
    const classes = model.classes.map(String);
    if (values["proba"]) {
      const p = model.predictProba(input);
      const row = (i: number) => classes.map((_, k) => p[i * classes.length + k]!.toPrecision(6)).join(",");
      text = [classes.join(","), ...X.map((_, i) => row(i))].join("\n");
    } else {
      const predicted = model.predict(input) as Target[];
      // A label set is written as it was read: its labels joined by the separator, quoted if it holds a comma.
      const cell = (t: Target) => (Array.isArray(t) ? csvCell(t.join(file.labelSeparator ?? "|")) : String(t));
      text = [file.target, ...predicted.map(cell)].join("\n");
    }
  } finally {
    model.dispose();
  }
  if (output !== undefined) await writeAtomic(output, `${text}\n`);
  else out.write(`${text}\n`);
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function info(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { positionals } = args(rest, {}, 1);
  const { file, model } = await load(positionals[0]!);
  try {
    const json = model.toJSON() as { format: string; nIter: number; converged: boolean };
    const kind = file.labelSeparator === undefined ? "classes" : "labels";
    out.write(
      `${json.format.replace("wasmax/", "")}: ${model.classes.length} ${kind} (${model.classes.join(", ")}), ` +
        `${file.featureNames.length} features (${file.featureNames.join(", ")}), target ${file.target}, ` +
        `${json.nIter} iterations, converged ${json.converged}${file.scaler ? ", standardised features" : ""}\n`,
    );
  } finally {
    model.dispose();
  }
}
