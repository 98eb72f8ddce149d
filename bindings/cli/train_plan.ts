// The train command's flags for a CSV table, checked before any file is read: every flag against the
// model and mode it applies to (one that does not apply is refused, never ignored), and the defaults
// that help: a fifth of the rows held out for a report (--no-test turns it off), and standardised
// features for the models with hidden layers (--no-scale turns it off).

import { MODELS, modelByCliName, type ModelClass } from "../api.js";
import { UsageError, args, didYouMean, integer, labelSeparator, number, positive } from "./arguments.js";
import { STDIO, outputPath } from "./io.js";

/** The train command's flags, checked. */
export interface TrainPlan {
  /** The registered model the flags chose. */
  Model: ModelClass;
  data: string;
  target: string;
  output: string;
  /** The label-set separator (multilabel), else undefined. */
  separator: string | undefined;
  /** The model's options from the flags (progress is added by each path). */
  options: Record<string, unknown>;
  /** The fraction (or, in memory, number) of rows held out for the report; undefined for none. */
  testSize: number | undefined;
  /** Whether --test-size was given (else testSize is the default, skipped on a very small file). */
  testSizeGiven: boolean;
  test: string | undefined;
  scale: boolean;
  quiet: boolean;
  seed: number | undefined;
  bufferRows: number | undefined;
  stream: boolean;
  /** Where --plot writes the loss curve (SVG), or undefined. */
  plot: string | undefined;
}

/** The held-out fraction when no flag names a test set. */
export const DEFAULT_TEST_SIZE = 0.2;

const SOLVERS = ["lbfgs", "sgd", "adam"];

/** The train command's flags (CSV tables). */
const TRAIN_FLAGS = {
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
  "no-test": { type: "boolean" },
  "early-stopping": { type: "boolean" },
  scale: { type: "boolean" },
  "no-scale": { type: "boolean" },
  quiet: { type: "boolean" },
  output: { type: "string", short: "o" },
  stream: { type: "boolean" },
  "buffer-rows": { type: "string" },
  "label-sep": { type: "string" },
  plot: { type: "string" },
} as const;

export async function trainPlan(rest: string[]): Promise<TrainPlan> {
  const { values, positionals } = args(rest, TRAIN_FLAGS, 1);
  const kind = (values["model"] as string | undefined) ?? MODELS[0].spec.cliName;
  const Model = modelByCliName(kind);
  const names = MODELS.map((M) => M.spec.cliName);
  if (!Model) throw new UsageError(`--model must be ${names.join(", ")}, got ${kind}${didYouMean(kind, names)}`);
  const takes = (option: string, M: ModelClass = Model) => M.spec.optionNames.includes(option);
  const labelSets = Model.spec.targets === "label-sets";
  /** The --model values whose models pass `has`. */
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
    refuse("early-stopping", "does not apply to --stream: it makes one pass over the file");
    refuse("plot", "does not apply to --stream (no per-epoch curve in one pass)");
  }
  if (values["test"] !== undefined) refuse("test-size", "and --test both name a test set: give one");
  if (values["no-test"] !== undefined) {
    refuse("test", "and --no-test contradict each other");
    refuse("test-size", "and --no-test contradict each other");
  }
  if (values["scale"] !== undefined) refuse("no-scale", "and --scale contradict each other");
  const data = positionals[0]!;
  if (stream && data === STDIO) throw new UsageError("--stream reads the file twice: name a file, not - (standard input)");
  const target = values["target"];
  if (typeof target !== "string" || target === "") throw new UsageError("--target (the label column) is required");
  const solver = values["solver"] as string | undefined;
  const solvers = stream ? SOLVERS.slice(1) : SOLVERS;
  if (solver !== undefined && !solvers.includes(solver))
    throw new UsageError(
      `--solver must be ${stream ? "sgd or adam (--stream trains in buffers)" : "lbfgs, sgd or adam"}, got ${solver}` +
        didYouMean(solver, solvers),
    );
  if (values["early-stopping"] && (solver ?? Model.spec.resolve({}).solver) === "lbfgs")
    throw new UsageError("--early-stopping applies to --solver sgd or adam (it holds out a tenth of the rows to stop on)");
  const hidden = values["hidden"] === undefined ? undefined : String(values["hidden"]).split(",");
  if (hidden && !hidden.every((h) => /^\s*[1-9]\d*\s*$/.test(h)))
    throw new UsageError(`--hidden must be layer sizes ≥ 1 separated by commas (128,64), got ${String(values["hidden"])}`);
  const givenTestSize = number("test-size", values["test-size"]);
  // In memory a whole number is a count of rows (trainTestSplit's rule); streamed, only a fraction.
  if (givenTestSize !== undefined && !(givenTestSize > 0 && (givenTestSize < 1 || (!stream && Number.isInteger(givenTestSize)))))
    throw new UsageError(
      `--test-size must be a fraction in (0, 1)${stream ? "" : " or a number of rows"}, got ${String(values["test-size"])}`,
    );
  const heldOut = values["test"] === undefined && values["no-test"] === undefined;
  const seed = integer("seed", values["seed"], 0);
  const separator = labelSets ? labelSeparator(values["label-sep"]) : undefined;
  const maxIter = integer("max-iter", values["max-iter"], 1);
  const C = positive("C", values["C"]);
  const learningRate = positive("learning-rate", values["learning-rate"]);
  const batchSize = integer("batch-size", values["batch-size"], 1);
  const plot = values["plot"] === undefined ? undefined : await outputPath(values["plot"], "loss.svg", "--plot");
  const output = await outputPath(values["output"], "model.json");
  if (plot === STDIO && output === STDIO) throw new UsageError("--plot - and -o - both write to standard output: name a file for one");
  const options = {
    ...(solver !== undefined ? { solver } : stream ? { solver: "adam" } : {}),
    maxIter: stream ? 1 : (maxIter ?? Model.spec.resolve({}).maxIter),
    ...(C !== undefined ? { C } : {}),
    ...(learningRate !== undefined ? { learningRate } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(seed !== undefined ? { randomState: seed } : {}),
    ...(hidden ? { hiddenLayerSizes: hidden.map(Number) } : {}),
    ...(values["early-stopping"] ? { earlyStopping: true } : {}),
  };
  return {
    Model,
    data,
    target,
    output,
    separator,
    options,
    testSize: heldOut ? (givenTestSize ?? DEFAULT_TEST_SIZE) : undefined,
    testSizeGiven: givenTestSize !== undefined,
    test: values["test"] as string | undefined,
    // Standardised features help the models with hidden layers most (their solvers stall on raw scales).
    scale: values["scale"] === true || (takes("hiddenLayerSizes") && values["no-scale"] === undefined),
    quiet: values["quiet"] === true,
    seed,
    bufferRows: integer("buffer-rows", values["buffer-rows"], 1),
    stream,
    plot,
  };
}
