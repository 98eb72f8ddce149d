// `wasmax train` on texts: a fastText-format file (`__label__x text`, several labels on a line for
// label sets) or a CSV's text column (--text <column>), hashed by HashingVectorizer; a fifth of the
// texts held out and reported on (N, P@1, R@1) unless --test names a file or --no-test; --plot
// draws the loss per epoch.

import { HashingVectorizer, modelByCliName, trainTestSplit, MODELS, type ModelClass } from "../api.js";
import { lossCurveSVG } from "../plot/loss_curve.js";
import { UsageError, args, didYouMean, integer, number, positive } from "./arguments.js";
import { STDIO, inputName, messages, outputPath, writeOutput, type Io } from "./io.js";
import { fitWithHints } from "./hints.js";
import { progress, progressMode } from "./progress.js";
import { readTexts, scores, type LabeledData, type TextModelFile } from "./text_commands.js";
import { DEFAULT_TEST_SIZE } from "./train_plan.js";

/** Fewer texts than this and the default held-out fifth is skipped: too few to both train and report on. */
const MIN_TEXTS_TO_HOLD_OUT = 10;

/** A pair "a,b" of integers ≥ 1 with a ≤ b, or undefined. */
function range(name: string, value: string | boolean | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(String(value));
  const [a, b] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || a < 1 || b < a) throw new UsageError(`--${name} must be two lengths a,b with 1 ≤ a ≤ b, got ${String(value)}`);
  return [a, b];
}

export async function trainText(rest: string[], io: Io): Promise<void> {
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
      "test-size": { type: "string" },
      "no-test": { type: "boolean" },
      plot: { type: "string" },
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
  const names = MODELS.map((M) => M.spec.cliName);
  if (!Model) throw new UsageError(`--model must be ${names.join(", ")}, got ${kind}${didYouMean(kind, names)}`);
  const output = await outputPath(values["output"], "model.json");
  const plot = values["plot"] === undefined ? undefined : await outputPath(values["plot"], "loss.svg", "--plot");
  if (plot === STDIO && output === STDIO) throw new UsageError("--plot - and -o - both write to standard output: name a file for one");
  const testSize = heldOutFraction(values);
  const say = messages(output, io);
  const vectorizer = new HashingVectorizer({
    nFeatures: integer("buckets", values["buckets"], 1) ?? 2 ** 18,
    ngramRange: range("ngrams", values["ngrams"]) ?? [1, 2],
    charNgramRange: range("char-ngrams", values["char-ngrams"]) ?? null,
  });
  const options = textOptions(Model, values);
  const all = await readTexts(positionals[0]!, { text, target }, io);
  const sets = all.labels.some((l) => l.length !== 1);
  if (sets && Model.spec.targets === "labels")
    throw new UsageError(
      `${inputName(positionals[0]!)}: some lines have ${all.labels.some((l) => l.length === 0) ? "no" : "several"} labels; ` +
        "use --model multilabel",
    );
  let data = all;
  let held: LabeledData | null = null;
  let heldName = "";
  if (typeof values["test"] === "string") {
    held = await readTexts(values["test"], { text, target }, io);
    heldName = `test set ${inputName(values["test"])}`;
  } else if (testSize !== undefined && all.texts.length >= MIN_TEXTS_TO_HOLD_OUT) {
    [data, held] = holdOutTexts(all, testSize, sets, integer("seed", values["seed"], 0) ?? 0);
    const hint = values["test-size"] === undefined ? "; --no-test trains on every text" : "";
    heldName = `held-out texts (${held.texts.length} of ${all.texts.length}${hint})`;
  } else if (testSize !== undefined) {
    say.write(
      `${inputName(positionals[0]!)} has ${all.texts.length} texts, too few to hold some out: training on all of them, no report\n`,
    );
  }
  const y = Model.spec.targets === "label-sets" || sets ? data.labels : data.labels.map((l) => l[0]!);
  const unit = options["solver"] === "lbfgs" ? "iteration" : "epoch";
  const shown = progress(io.err, progressMode(io.err, values["quiet"] === true), options["maxIter"] as number, unit);
  const losses: number[] = [];
  const onEpoch = ({ epoch, loss }: { epoch: number; loss: number }) => {
    losses.push(loss);
    shown.step({ done: epoch, loss });
  };
  const model = new Model({ ...options, onEpoch } as never);
  try {
    const X = vectorizer.transform(data.texts);
    const fit = () => (model.fit as (X: unknown, y: unknown) => unknown).call(model, X, y);
    // Hashed counts are not standardised: a hint to --scale would not apply.
    const learningRate = (model.options as { learningRate?: number }).learningRate;
    const run = { solver: options["solver"] as string, maxIter: options["maxIter"] as number, scaled: true, learningRate };
    fitWithHints(fit, model, run, io.err, shown);
    const file: TextModelFile = {
      format: "wasmax/cli-text-model",
      version: 1,
      ...(text !== undefined ? { textColumn: text, target: target! } : {}),
      vectorizer: vectorizer.toJSON(),
      model: model.toJSON(),
    };
    await writeOutput(output, `${JSON.stringify(file)}\n`, io);
    say.write(
      `${Model.modelName} trained on ${data.texts.length} texts hashed into ${vectorizer.toJSON().options.nFeatures} columns, ` +
        `${model.classes.length} ${sets ? "labels" : "classes"}, ${model.nIter} ${unit}s → ${output}\n`,
    );
    if (held) say.write(`\n${heldName}\n${scores(model, vectorizer, held, 1)}\n`);
    if (plot !== undefined) {
      const name = inputName(positionals[0]!);
      await writeOutput(plot, lossCurveSVG(losses, { title: `${Model.modelName} on ${name}`, xLabel: unit }), io);
      say.write(`loss curve → ${plot}\n`);
    }
  } finally {
    model.dispose();
  }
}

/** The held-out fraction: --test-size, else a fifth; undefined with --test or --no-test (contradictions refused). */
function heldOutFraction(values: Record<string, string | boolean | undefined>): number | undefined {
  if (values["no-test"] !== undefined && (values["test"] !== undefined || values["test-size"] !== undefined))
    throw new UsageError(`--no-test and --${values["test"] !== undefined ? "test" : "test-size"} contradict each other`);
  if (values["test"] !== undefined && values["test-size"] !== undefined)
    throw new UsageError("--test-size and --test both name a test set: give one");
  const size = number("test-size", values["test-size"]);
  if (size !== undefined && !(size > 0 && size < 1)) throw new UsageError(`--test-size must be a fraction in (0, 1), got ${String(size)}`);
  return values["test"] !== undefined || values["no-test"] !== undefined ? undefined : (size ?? DEFAULT_TEST_SIZE);
}

/** The texts split into those to train on and those held out (stratified by label; label sets at random). */
function holdOutTexts(data: LabeledData, testSize: number, sets: boolean, seed: number): [LabeledData, LabeledData] {
  const index = data.texts.map((_, i) => [i]);
  const split = trainTestSplit(index, sets ? index.map(([i]) => i!) : data.labels.map((l) => l[0]!), {
    testSize,
    randomState: seed,
    ...(sets ? { stratify: false } : {}),
  });
  const part = (rows: number[][]): LabeledData => ({
    texts: rows.map(([i]) => data.texts[i!]!),
    labels: rows.map(([i]) => data.labels[i!]!),
  });
  return [part(split.XTrain), part(split.XTest)];
}

/** The model's options from the flags: sgd/adam for a few epochs unless told otherwise (hashed texts are wide and sparse). */
function textOptions(Model: ModelClass, values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const solver = (values["solver"] as string | undefined) ?? "adam";
  const solvers = ["lbfgs", "sgd", "adam"];
  if (!solvers.includes(solver)) throw new UsageError(`--solver must be lbfgs, sgd or adam, got ${solver}${didYouMean(solver, solvers)}`);
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
