// fastText 0.9.2's command-line flags (Args::parseArgs): `-name value` pairs and four switches
// (-saveOutput, -qnorm, -retrain, -qout) that take no value, parsed for `wasmax supervised` and
// `wasmax quantize`. Differences from fastText, all refusals where it would go on silently:
// - a number must be a whole number (integer flags) or a finite number: "10abc" is refused, where
//   C++'s stoi reads 10;
// - a flag that has no effect on the command is refused (the project's rule: never ignored), e.g.
//   -cutoff on supervised, -dim on quantize, or quantize's -lr / -epoch / -thread without -retrain;
// - -pretrainedVectors and the -autotune-* flags are refused with a plain reason (not implemented), and
//   -ws (the context window of word-vector models, which a supervised model does not use);
// - -input may be `-` (standard input), where fastText says "Cannot use stdin" (it reads the file once
//   per thread; wasmax reads it once).
// Every error is a UsageError (exit 2) naming the flag.

import { UsageError } from "./model_file.js";

/** How a flag's value is read. */
type Kind = "path" | "integer" | "number" | "switch" | "loss" | "text";

/** The flags `supervised` takes, as fastText spells them, with the kind of value each takes. */
const SUPERVISED_FLAGS: Readonly<Record<string, Kind>> = {
  input: "path",
  output: "path",
  verbose: "integer",
  minCount: "integer",
  minCountLabel: "integer",
  wordNgrams: "integer",
  bucket: "integer",
  minn: "integer",
  maxn: "integer",
  t: "number",
  label: "text",
  lr: "number",
  lrUpdateRate: "integer",
  dim: "integer",
  epoch: "integer",
  neg: "integer",
  loss: "loss",
  thread: "integer",
  saveOutput: "switch",
  seed: "integer",
};

/** The flags `quantize` takes; lr, epoch and thread only with -retrain (fastText ignores them otherwise). */
const QUANTIZE_FLAGS: Readonly<Record<string, Kind>> = {
  input: "path",
  output: "path",
  verbose: "integer",
  cutoff: "integer",
  retrain: "switch",
  qnorm: "switch",
  qout: "switch",
  dsub: "integer",
  lr: "number",
  epoch: "integer",
  thread: "integer",
};

/** Flags fastText knows that wasmax refuses, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  ws: "is the context window of word-vector models (skipgram, cbow): a supervised model has none",
  pretrainedVectors: "is not supported by wasmax: it trains its input vectors from random values only",
  "autotune-validation": "is not supported by wasmax: it has no autotune; set -lr, -epoch, -dim, -wordNgrams yourself",
  "autotune-metric": "is not supported by wasmax: it has no autotune",
  "autotune-predictions": "is not supported by wasmax: it has no autotune",
  "autotune-duration": "is not supported by wasmax: it has no autotune",
  "autotune-modelsize": "is not supported by wasmax: it has no autotune; quantize the model with wasmax quantize",
};

/** fastText's loss names (-loss), with "one-vs-all" and "ova" both meaning ova. */
const LOSSES: Readonly<Record<string, "softmax" | "hs" | "ns" | "ova">> = {
  softmax: "softmax",
  hs: "hs",
  ns: "ns",
  "one-vs-all": "ova",
  ova: "ova",
};

/** The smallest value of each integer flag (fastText stores them as int32). */
const INTEGER_MIN: Readonly<Record<string, number>> = {
  verbose: 0,
  minCount: 1,
  minCountLabel: 0,
  wordNgrams: 1,
  bucket: 0,
  minn: 0,
  maxn: 0,
  lrUpdateRate: 1,
  dim: 1,
  epoch: 1,
  neg: 1,
  thread: 1,
  seed: -(2 ** 31),
  cutoff: 0,
  dsub: 1,
};

/** Parsed flags: fastText's names, values converted (loss as wasmax's name: "ova" for one-vs-all). */
export type FastTextFlags = Record<string, string | number | boolean>;

/** `supervised`'s or `quantize`'s flags from `argv` (the words after the command). */
export function parseFastTextFlags(command: "supervised" | "quantize", argv: readonly string[]): FastTextFlags {
  const known = command === "supervised" ? SUPERVISED_FLAGS : QUANTIZE_FLAGS;
  const flags: FastTextFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith("-") || word === "-")
      throw new UsageError(`expected a flag (-name value), got ${JSON.stringify(word)}: fastText's flags start with one dash`);
    const name = word.replace(/^--?/, "");
    if (Object.hasOwn(REFUSED, name)) throw new UsageError(`-${name} ${REFUSED[name]}`);
    const kind = Object.hasOwn(known, name) ? known[name]! : undefined;
    if (kind === undefined) throw new UsageError(unknownFlag(command, name));
    if (Object.hasOwn(flags, name)) throw new UsageError(`-${name} is given twice`);
    if (kind === "switch") {
      flags[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`-${name} is missing its value`);
    flags[name] = flagValue(name, kind, value);
  }
  if (typeof flags["output"] !== "string" || flags["output"] === "")
    throw new UsageError(
      `-output is required: ${command === "supervised" ? "the model is written to <output>.bin" : "<output>.bin is read"}`,
    );
  if (command === "supervised") {
    if (typeof flags["input"] !== "string" || flags["input"] === "")
      throw new UsageError("-input (the training file, or - for stdin) is required");
    const minn = (flags["minn"] as number | undefined) ?? 0;
    const maxn = (flags["maxn"] as number | undefined) ?? 0;
    if (maxn > 0 && minn > maxn) throw new UsageError(`-minn ${minn} is larger than -maxn ${maxn}`);
    if (maxn === 0 && flags["minn"] !== undefined && minn > 0)
      throw new UsageError(`-minn ${minn} needs -maxn (character n-grams of minn..maxn bytes; -maxn 0 turns them off)`);
  } else {
    for (const name of ["lr", "epoch", "thread"]) {
      if (flags[name] !== undefined && flags["retrain"] !== true)
        throw new UsageError(`-${name} applies to quantize only with -retrain (it sets how the kept rows are fine-tuned)`);
    }
    if (flags["retrain"] === true && typeof flags["input"] !== "string")
      throw new UsageError("-retrain needs -input: the training file the kept rows are fine-tuned on");
  }
  return flags;
}

/** A flag's value read as its kind; a UsageError naming the flag when it cannot be. */
function flagValue(name: string, kind: Kind, value: string): string | number {
  if (kind === "path" || kind === "text") {
    if (value === "") throw new UsageError(`-${name} must not be empty`);
    return value;
  }
  if (kind === "loss") {
    if (!Object.hasOwn(LOSSES, value))
      throw new UsageError(`-loss must be one of ns, hs, softmax, one-vs-all (or ova), got ${JSON.stringify(value)}`);
    return LOSSES[value]!;
  }
  const n = value.trim() === "" ? NaN : Number(value);
  if (kind === "number") {
    if (!Number.isFinite(n)) throw new UsageError(`-${name} must be a number, got ${JSON.stringify(value)}`);
    if (name === "lr" && !(n > 0)) throw new UsageError(`-lr must be greater than 0, got ${value}`);
    if (n < 0) throw new UsageError(`-${name} must be ≥ 0, got ${value}`);
    return n;
  }
  const min = INTEGER_MIN[name] ?? 0;
  if (!Number.isInteger(n) || n < min || n > 2 ** 31 - 1)
    throw new UsageError(`-${name} must be a whole number from ${min} to ${2 ** 31 - 1}, got ${JSON.stringify(value)}`);
  return n;
}

/** The message for a flag the command does not take: where it belongs, or the nearest flag name. */
function unknownFlag(command: "supervised" | "quantize", name: string): string {
  const other = command === "supervised" ? QUANTIZE_FLAGS : SUPERVISED_FLAGS;
  if (Object.hasOwn(other, name)) {
    return command === "supervised"
      ? `-${name} is a flag of wasmax quantize, not of supervised`
      : `-${name} is fixed when the model is trained: quantize keeps the model's own -${name}`;
  }
  const names = Object.keys(command === "supervised" ? SUPERVISED_FLAGS : QUANTIZE_FLAGS);
  const near = names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? names.find((n) => editDistance(n, name) <= 2);
  return `unknown flag -${name}${near ? `; did you mean -${near}?` : ""}`;
}

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}
