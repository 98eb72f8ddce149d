// The `wasmax` command line (Node ≥ 18): train, test, predict and info on CSV files, shaped like
// fastText's supervised / test / predict-prob; export and import of ONNX are in onnx_commands.ts.
// It imports only the public API (the proof that the API is enough). Exit codes: 0 ok, 1 failed
// (bad data, a model that cannot load), 2 usage.
// Arguments by Node's util.parseArgs (no dependency: commander 15 needs Node ≥ 22.12); progress by
// a few lines of our own (a bar on a TTY, one line per epoch otherwise, nothing with --quiet).

import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import {
  init,
  SoftmaxRegression,
  MLPClassifier,
  MultiLabelLogisticRegression,
  StandardScaler,
  classificationReport,
  multiLabelReport,
  trainTestSplit,
  fitStream,
  type EpochInfo,
  type StreamChunk,
  type StreamProgress,
  type Label,
} from "../api.js";
import { readCsv, type CsvTable } from "../data/csv.js";
import { UsageError, args, labelSeparator, load, number, writeAtomic, type ModelFile } from "./model_file.js";
import { exportONNX, importONNX } from "./onnx_commands.js";

const USAGE: Record<string, string> = {
  train: `wasmax train <data.csv> --target <column> [options] -o <model.json>
  --model softmax|mlp|multilabel
                          SoftmaxRegression (default), MLPClassifier, or MultiLabelLogisticRegression
                          (the target cell is a label set: "a|b", an empty cell for none)
  --label-sep "|"         what separates a label set's labels (multilabel)
  --hidden 128[,64]       hidden layer sizes (mlp)
  --solver lbfgs|sgd|adam --max-iter N --C N --learning-rate N --batch-size N --seed N
  --test-size 0.2         hold out this fraction (stratified for single labels) and report on it;
                          or --test <test.csv>
  --scale                 standardise the features (the scaler is saved in the model file)
  --stream                train on a file larger than memory: two streaming passes (classes and
                          scaler statistics, then sgd/adam in buffers of --buffer-rows, 10000);
                          --test-size then holds out that fraction of the rows as they stream by
  --quiet                 no progress`,
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
  const [command, ...rest] = argv;
  try {
    if (!command || command === "--help" || command === "-h") {
      out.write(`wasmax: softmax classifiers on CSV files\n\n${Object.values(USAGE).join("\n\n")}\n`);
      return command ? 0 : 2;
    }
    if (!(command in USAGE)) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(USAGE).join(", ")}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      out.write(`${USAGE[command]}\n`);
      return 0;
    }
    await init();
    if (command === "train") await train(rest, out, err);
    else if (command === "test") await test(rest, out);
    else if (command === "predict") await predict(rest, out);
    else if (command === "export") await exportONNX(rest, out);
    else if (command === "import") await importONNX(rest, out);
    else await info(rest, out);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    err.write(`wasmax ${command ?? ""}: ${(error as Error).message}\n${usage && command && USAGE[command] ? `\n${USAGE[command]}\n` : ""}`);
    return usage ? 2 : 1;
  }
}

async function readTable(path: string, target: string | undefined): Promise<CsvTable> {
  try {
    return await readCsv(path, target === undefined ? {} : { label: target });
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

function progress(err: NodeJS.WritableStream, quiet: boolean, total: number): ((info: EpochInfo) => void) | undefined {
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

async function train(rest: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
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
  const kind = (values["model"] as string | undefined) ?? "softmax";
  if (kind !== "softmax" && kind !== "mlp" && kind !== "multilabel")
    throw new UsageError(`--model must be softmax, mlp or multilabel, got ${kind}`);
  if (values["label-sep"] !== undefined && kind !== "multilabel") throw new UsageError("--label-sep applies to --model multilabel");
  if (values["stream"]) return trainStream(positionals[0]!, kind, values, out, err);
  const target = values["target"] as string | undefined;
  if (!target) throw new UsageError("--target (the label column) is required");
  if (!values["output"]) throw new UsageError("-o <model.json> is required");
  const separator = kind === "multilabel" ? labelSeparator(values["label-sep"]) : undefined;
  const targets = (t: CsvTable): Target[] => (separator === undefined ? t.y! : labelSets(t.y!, separator));
  const table = await readTable(positionals[0]!, target);
  let X = table.X;
  let y = targets(table);
  let testX: number[][] | null = null;
  let testY: Target[] | null = null;
  if (values["test"]) {
    const t = await readTable(values["test"] as string, target);
    [testX, testY] = [t.X, targets(t)];
  } else if (values["test-size"] !== undefined) {
    const splitOptions = { testSize: number("test-size", values["test-size"])!, randomState: number("seed", values["seed"]) ?? 0 };
    if (separator === undefined) {
      const split = trainTestSplit(X, y as Label[], splitOptions);
      [X, y, testX, testY] = [split.XTrain, split.yTrain, split.XTest, split.yTest];
    } else {
      // Label sets cannot be stratified: split the row numbers, unstratified, and pick the sets by them.
      const sets = y;
      const split = trainTestSplit(
        X,
        sets.map((_, i) => i),
        { ...splitOptions, stratify: false },
      );
      [X, y, testX, testY] = [
        split.XTrain,
        (split.yTrain as number[]).map((i) => sets[i]!),
        split.XTest,
        (split.yTest as number[]).map((i) => sets[i]!),
      ];
    }
  }
  const scaler = values["scale"] ? new StandardScaler().fit(X) : null;
  const prepare = (rows: number[][]) => (scaler ? scaler.transform(rows) : Float32Array.from(rows.flat()));
  const maxIter = number("max-iter", values["max-iter"]) ?? (kind === "mlp" ? 200 : 100);
  const common = {
    ...(values["solver"] ? { solver: values["solver"] as "lbfgs" | "sgd" | "adam" } : {}),
    maxIter,
    ...(values["learning-rate"] ? { learningRate: number("learning-rate", values["learning-rate"])! } : {}),
    ...(values["batch-size"] ? { batchSize: number("batch-size", values["batch-size"])! } : {}),
    ...(values["seed"] !== undefined ? { randomState: number("seed", values["seed"])! } : {}),
    onEpoch: progress(err, values["quiet"] === true, maxIter),
  };
  const features = table.featureNames.length;
  const input = prepare(X);
  const C = values["C"] ? { C: number("C", values["C"])! } : {};
  const model =
    kind === "mlp"
      ? new MLPClassifier({
          ...common,
          ...(values["hidden"] ? { hiddenLayerSizes: String(values["hidden"]).split(",").map(Number) } : {}),
        }).fit(input, y as Label[], { features })
      : kind === "multilabel"
        ? new MultiLabelLogisticRegression({ ...common, ...C }).fit(input, y as string[][], { features })
        : new SoftmaxRegression({ ...common, ...C }).fit(input, y as Label[], { features });
  const file: ModelFile = {
    format: "wasmax/cli-model",
    version: 1,
    target,
    featureNames: table.featureNames,
    ...(separator !== undefined ? { labelSeparator: separator } : {}),
    ...(scaler ? { scaler: scaler.toJSON() } : {}),
    model: model.toJSON(),
  };
  await writeAtomic(values["output"] as string, `${JSON.stringify(file)}\n`);
  out.write(
    `${(model.constructor as { modelName?: string }).modelName} trained on ${X.length} rows × ${features} features, ${model.classes.length} ${separator === undefined ? "classes" : "labels"}, ${model.nIter} iterations → ${values["output"]}\n`,
  );
  if (testX && testY)
    out.write(`\ntest set (${testX.length} rows)\n${report(separator !== undefined, testY, model.predict(prepare(testX)) as Target[])}\n`);
  model.dispose();
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

/** Numeric feature columns and the target, record by record, from a CSV file of any size. */
async function* records(
  path: string,
  target: string,
): AsyncGenerator<{ names: string[]; x: number[]; label: string | number; line: number }> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true }),
  );
  let names: string[] | null = null;
  let featureNames: string[] = [];
  let labelAt = -1;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!names) {
      names = record;
      labelAt = names.indexOf(target);
      if (labelAt < 0) throw new Error(`${path}: has no column ${JSON.stringify(target)} (columns: ${names.join(", ")})`);
      featureNames = names.filter((_, c) => c !== labelAt);
      continue;
    }
    if (record.length !== names.length)
      throw new Error(`${path}: CSV line ${info.lines} has ${record.length} fields, expected ${names.length}`);
    const x: number[] = [];
    for (let c = 0; c < record.length; c++) {
      if (c === labelAt) continue;
      const v = Number(record[c]);
      if (record[c] === "" || !Number.isFinite(v))
        throw new Error(
          `${path}: CSV line ${info.lines}, column ${JSON.stringify(names[c])}: ${JSON.stringify(record[c])} is not a finite number`,
        );
      x.push(v);
    }
    const raw = record[labelAt]!;
    yield { names: featureNames, x, label: raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw, line: info.lines };
  }
}

async function trainStream(
  path: string,
  kind: "softmax" | "mlp" | "multilabel",
  values: Record<string, string | boolean | undefined>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<void> {
  const target = values["target"] as string;
  const separator = kind === "multilabel" ? labelSeparator(values["label-sep"]) : undefined;
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
    if (values["scale"]) {
      for (let j = 0; j < r.x.length; j++) {
        const d = r.x[j]! - mean[j]!;
        mean[j]! += d / n;
        m2[j]! += d * (r.x[j]! - mean[j]!);
      }
    }
  }
  if (n === 0) throw new Error(`${path}: has no rows`);
  const scaler = values["scale"]
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
  const solver = (values["solver"] as "sgd" | "adam" | undefined) ?? "adam";
  const common = {
    solver,
    maxIter: 1,
    ...(values["learning-rate"] ? { learningRate: number("learning-rate", values["learning-rate"])! } : {}),
    ...(values["batch-size"] ? { batchSize: number("batch-size", values["batch-size"])! } : {}),
    ...(values["seed"] !== undefined ? { randomState: number("seed", values["seed"])! } : {}),
  };
  const C = values["C"] ? { C: number("C", values["C"])! } : {};
  const model =
    kind === "mlp"
      ? new MLPClassifier({ ...common, ...(values["hidden"] ? { hiddenLayerSizes: String(values["hidden"]).split(",").map(Number) } : {}) })
      : kind === "multilabel"
        ? new MultiLabelLogisticRegression({ ...common, ...C })
        : new SoftmaxRegression({ ...common, ...C });
  const accuracyName = separator === undefined ? "held-out accuracy" : "held-out subset accuracy";
  const quiet = values["quiet"] === true;
  let last: StreamProgress | undefined;
  await fitStream(model, chunks(), {
    classes: [...classes],
    features: names.length,
    bufferRows: number("buffer-rows", values["buffer-rows"]) ?? 10_000,
    validationFraction: number("test-size", values["test-size"]) ?? 0,
    randomState: number("seed", values["seed"]) ?? 0,
    onProgress: (p) => {
      last = p;
      if (!quiet)
        err.write(
          `${p.rows} rows, loss ${p.loss.toFixed(4)}${p.validationAccuracy !== undefined ? `, ${accuracyName} ${p.validationAccuracy.toFixed(4)}` : ""}\n`,
        );
    },
  });
  const file: ModelFile = {
    format: "wasmax/cli-model",
    version: 1,
    target,
    featureNames: names,
    ...(separator !== undefined ? { labelSeparator: separator } : {}),
    ...(scaler ? { scaler: scaler.toJSON() } : {}),
    model: model.toJSON(),
  };
  await writeAtomic(values["output"] as string, `${JSON.stringify(file)}\n`);
  out.write(
    `${(model.constructor as { modelName?: string }).modelName} trained on ${last?.rows ?? 0} streamed rows × ${names.length} features, ${classes.size} ${separator === undefined ? "classes" : "labels"} → ${values["output"]}` +
      `${last?.validationAccuracy !== undefined ? `; ${accuracyName} ${last.validationAccuracy.toFixed(4)}` : ""}\n`,
  );
  model.dispose();
}

function columns(path: string, table: CsvTable, file: ModelFile): number[][] {
  const missing = file.featureNames.filter((name) => !table.featureNames.includes(name));
  if (missing.length)
    throw new Error(`${path}: lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} the model was trained on`);
  const at = file.featureNames.map((name) => table.featureNames.indexOf(name));
  return table.X.map((row) => at.map((j) => row[j]!));
}

async function test(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { positionals } = args(rest, {}, 2);
  const { file, model, scaler } = await load(positionals[0]!);
  const table = await readTable(positionals[1]!, file.target);
  const X = columns(positionals[1]!, table, file);
  const predicted = model.predict(scaler ? scaler.transform(X) : X) as Target[];
  const truth = file.labelSeparator === undefined ? table.y! : labelSets(table.y!, file.labelSeparator);
  out.write(`${report(file.labelSeparator !== undefined, truth, predicted)}\n`);
  model.dispose();
}

async function predict(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = args(rest, { proba: { type: "boolean" }, output: { type: "string", short: "o" } }, 2);
  const { file, model, scaler } = await load(positionals[0]!);
  // The target column may be there (a labelled file) or not: either way it is not a feature.
  const table = await readTable(positionals[1]!, file.target).catch(() => readTable(positionals[1]!, undefined));
  const X = columns(positionals[1]!, table, file);
  const input = scaler ? scaler.transform(X) : X;
  const classes = model.classes.map(String);
  let text: string;
  if (values["proba"]) {
    const p = model.predictProba(input);
    text = [classes.join(","), ...X.map((_, i) => classes.map((_, k) => p[i * classes.length + k]!.toPrecision(6)).join(","))].join("\n");
  } else {
    const predicted = model.predict(input) as Target[];
    // A label set is written as it was read: its labels joined by the separator, quoted if it holds a comma.
    const cell = (t: Target) => (Array.isArray(t) ? csvCell(t.join(file.labelSeparator ?? "|")) : String(t));
    text = [file.target, ...predicted.map(cell)].join("\n");
  }
  model.dispose();
  if (values["output"]) await writeAtomic(values["output"] as string, `${text}\n`);
  else out.write(`${text}\n`);
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function info(rest: string[], out: NodeJS.WritableStream): Promise<void> {
  const { positionals } = args(rest, {}, 1);
  const { file, model } = await load(positionals[0]!);
  const json = model.toJSON() as { format: string; nIter: number; converged: boolean };
  out.write(
    `${json.format.replace("wasmax/", "")}: ${model.classes.length} ${file.labelSeparator === undefined ? "classes" : "labels"} (${model.classes.join(", ")}), ${file.featureNames.length} features ` +
      `(${file.featureNames.join(", ")}), target ${file.target}, ${json.nIter} iterations, converged ${json.converged}` +
      `${file.scaler ? ", standardised features" : ""}\n`,
  );
  model.dispose();
}
