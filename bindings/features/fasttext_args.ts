// fastText's arguments (fastText 0.9.2's Args), camelCased as fastText spells them on its command line.
// The .bin stores 13 of them (STORED_ARGS, in file order); the others steer training or quantization
// only. Loss and model are names here; LOSS and MODEL give the int32 codes the .bin stores.

import { describeValue } from "../core/checks.js";

/** fastText's output layers: hierarchical softmax, negative sampling, softmax, one-vs-all (sigmoids). */
export type FastTextLoss = "hs" | "ns" | "softmax" | "ova";
/** fastText's models; wasmax trains and reads only "sup" (supervised). */
export type FastTextModelName = "cbow" | "sg" | "sup";

/** The int32 code of each loss in a .bin (fastText's `enum class loss_name`). */
export const LOSS: Readonly<Record<FastTextLoss, number>> = { hs: 1, ns: 2, softmax: 3, ova: 4 };
/** The int32 code of each model in a .bin (fastText's `enum class model_name`). */
export const MODEL: Readonly<Record<FastTextModelName, number>> = { cbow: 1, sg: 2, sup: 3 };

/** Every argument of a fastText model; the stored ones first, in the order a .bin stores them. */
export interface FastTextArgs {
  /** Size of the word vectors (columns of the input matrix). Stored. @default 100 */
  dim: number;
  /** Context window (unsupervised models only). Stored. @default 5 */
  ws: number;
  /** Passes over the training data. Stored. @default 5 */
  epoch: number;
  /** Words seen fewer times are dropped from the dictionary. Stored. @default 1 */
  minCount: number;
  /** Negatives sampled per target with loss "ns". Stored. @default 5 */
  neg: number;
  /** Longest word n-gram (1: words only). Stored. @default 1 */
  wordNgrams: number;
  /** Output layer. Stored (as LOSS's code). @default "softmax" */
  loss: FastTextLoss;
  /** Model kind. Stored (as MODEL's code). @default "sup" */
  model: FastTextModelName;
  /**
   * Hash buckets for word and character n-grams (rows of the input matrix after the words). Stored.
   * @default 2000000 (0 when nothing is hashed)
   */
  bucket: number;
  /** Shortest character n-gram (0 with maxn 0: none). Stored. @default 0 */
  minn: number;
  /** Longest character n-gram (0: none). Stored. @default 0 */
  maxn: number;
  /** Tokens between two updates of the learning rate. Stored. @default 100 */
  lrUpdateRate: number;
  /** Sampling threshold (unsupervised models only). Stored (float64). @default 1e-4 */
  t: number;
  /** Initial learning rate, decaying linearly to 0. @default 0.1 */
  lr: number;
  /** Labels seen fewer times are dropped from the dictionary. @default 0 */
  minCountLabel: number;
  /** Prefix that makes a token a label. @default "__label__" */
  label: string;
  /** Training threads. @default 12 */
  thread: number;
  /** Seed of the initial weights and of each thread's random numbers. @default 0 */
  seed: number;
  /** Quantize: also quantize the norms of the rows. @default false */
  qnorm: boolean;
  /** Quantize: also quantize the output matrix. @default false */
  qout: boolean;
  /** Quantize: keep this many input rows (words and n-grams of largest norm; 0: all). @default 0 */
  cutoff: number;
  /** Quantize: size of each sub-vector (columns per code byte). @default 2 */
  dsub: number;
  /** Quantize: fine-tune the kept rows after the cutoff. @default false */
  retrain: boolean;
}

/** The arguments a .bin stores, in file order. */
export const STORED_ARGS = [
  "dim",
  "ws",
  "epoch",
  "minCount",
  "neg",
  "wordNgrams",
  "loss",
  "model",
  "bucket",
  "minn",
  "maxn",
  "lrUpdateRate",
  "t",
] as const satisfies readonly (keyof FastTextArgs)[];

/** `fasttext supervised`'s defaults (Args() with the supervised overrides of Args::parseArgs). */
export const SUPERVISED_DEFAULTS: Readonly<FastTextArgs> = {
  dim: 100,
  ws: 5,
  epoch: 5,
  minCount: 1,
  neg: 5,
  wordNgrams: 1,
  loss: "softmax",
  model: "sup",
  bucket: 2_000_000,
  minn: 0,
  maxn: 0,
  lrUpdateRate: 100,
  t: 1e-4,
  lr: 0.1,
  minCountLabel: 0,
  label: "__label__",
  thread: 12,
  seed: 0,
  qnorm: false,
  qout: false,
  cutoff: 0,
  dsub: 2,
  retrain: false,
};

const LOSSES: FastTextLoss[] = ["hs", "ns", "softmax", "ova"];
const MODELS: FastTextModelName[] = ["cbow", "sg", "sup"];
const INT32_MAX = 2 ** 31 - 1;
/**
 * The longest character n-gram (minn, maxn) accepted anywhere: fastText's models use 0 to 6, and a word's
 * n-grams (about length x min(maxn, length)) are computed when its dictionary is made, so a larger bound
 * would let a long word in a damaged file ask for an absurd allocation.
 */
export const MAX_NGRAM = 256;

/** Integer arguments and their smallest allowed value (all at most 2^31 - 1, as int32 in fastText). */
const INTEGER_MIN: Readonly<Record<string, number>> = {
  dim: 1,
  ws: 1,
  epoch: 0,
  minCount: 0,
  neg: 0,
  wordNgrams: 1,
  bucket: 0,
  minn: 0,
  maxn: 0,
  lrUpdateRate: 1,
  minCountLabel: 0,
  thread: 1,
  seed: -(2 ** 31),
  cutoff: 0,
  dsub: 1,
};

/**
 * `defaults` with `overrides` applied, every argument checked: TypeError for a wrong kind, RangeError for
 * a value out of range (integers within int32 as fastText stores them, minn <= maxn when maxn > 0, an
 * empty label prefix), naming the argument. Unknown names are refused (a misspelled option would
 * otherwise be ignored). As `fasttext supervised` does, bucket becomes 0 when nothing is hashed
 * (wordNgrams <= 1 and maxn 0), so the input matrix has no unused rows.
 */
export function fastTextArgs(overrides: Partial<FastTextArgs> = {}, defaults: Readonly<FastTextArgs> = SUPERVISED_DEFAULTS): FastTextArgs {
  if (overrides === null || typeof overrides !== "object") {
    throw new TypeError(`fastText arguments: expected an object, got ${describeValue(overrides)}`);
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in SUPERVISED_DEFAULTS)) throw new RangeError(`fastText arguments: unknown argument "${name}"`);
  }
  const args: FastTextArgs = { ...defaults };
  for (const [name, value] of Object.entries(overrides))
    if (value !== undefined) (args as unknown as Record<string, unknown>)[name] = value;
  checkFastTextArgs(args);
  if (args.wordNgrams <= 1 && args.maxn === 0) args.bucket = 0;
  return args;
}

/** Checks every argument of `args` as fastTextArgs does; returns `args`. */
export function checkFastTextArgs(args: FastTextArgs): FastTextArgs {
  for (const [name, min] of Object.entries(INTEGER_MIN)) {
    const v = (args as unknown as Record<string, unknown>)[name];
    if (typeof v !== "number") throw new TypeError(`fastText argument ${name}: expected an integer, got ${describeValue(v)}`);
    const max = name === "minn" || name === "maxn" ? MAX_NGRAM : INT32_MAX;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`fastText argument ${name}: expected an integer from ${min} to ${max}, got ${describeValue(v)}`);
    }
  }
  for (const name of ["lr", "t"] as const) {
    const v = args[name]!;
    if (typeof v !== "number") throw new TypeError(`fastText argument ${name}: expected a number, got ${describeValue(v)}`);
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`fastText argument ${name}: expected a finite number >= 0, got ${describeValue(v)}`);
  }
  for (const name of ["qnorm", "qout", "retrain"] as const) {
    if (typeof args[name] !== "boolean")
      throw new TypeError(`fastText argument ${name}: expected a boolean, got ${describeValue(args[name])}`);
  }
  if (!LOSSES.includes(args.loss)) {
    throw new RangeError(`fastText argument loss: expected one of ${LOSSES.join(", ")}, got ${describeValue(args.loss)}`);
  }
  if (!MODELS.includes(args.model)) {
    throw new RangeError(`fastText argument model: expected one of ${MODELS.join(", ")}, got ${describeValue(args.model)}`);
  }
  if (typeof args.label !== "string") throw new TypeError(`fastText argument label: expected a string, got ${describeValue(args.label)}`);
  if (args.label === "") throw new RangeError("fastText argument label: the label prefix must not be empty");
  if (args.maxn > 0 && args.minn > args.maxn)
    throw new RangeError(`fastText arguments: minn (${args.minn}) is larger than maxn (${args.maxn})`);
  if ((args.maxn > 0 || args.wordNgrams > 1) && args.bucket === 0) {
    throw new RangeError("fastText arguments: bucket is 0 but maxn > 0 or wordNgrams > 1 need hash buckets");
  }
  return args;
}

/** The loss named by a .bin's code, or undefined for an unknown code. */
export function lossOfCode(code: number): FastTextLoss | undefined {
  return LOSSES.find((name) => LOSS[name] === code);
}

/** The model named by a .bin's code, or undefined for an unknown code. */
export function modelOfCode(code: number): FastTextModelName | undefined {
  return MODELS.find((name) => MODEL[name] === code);
}
