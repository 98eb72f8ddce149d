// The drop-in fastText command line: `wasmax supervised | test | predict | predict-prob | quantize`
// take fastText 0.9.2's arguments (fasttext_flags.ts) and print what it prints, so a fastText user
// changes only the program's name:
//   supervised -input <file> -output <name> [flags]  writes <name>.bin (and <name>.vec, the word
//       vectors, as fastText does; <name>.output with -saveOutput); on stderr "Read NM words",
//       "Number of words:  N", "Number of labels: N" and the progress line (verbose ≥ 1; updated in
//       place at each epoch with verbose ≥ 2: the fit runs in wasm an epoch at a time);
//   test <model> <file> [k] [th]                       N, P@k and R@k (fastText's Meter);
//   predict[-prob] <model> <file> [k] [th]             each line's k best labels (with probabilities);
//   quantize -output <name> [-input <file>] [flags]    reads <name>.bin, writes <name>.ftz.
// `-` names standard input. The model files are fastText's .bin and .ftz (FastTextClassifier's
// fromFastText / toFastText); numbers are printed as C++ iostreams print them (fasttext_format.ts).
// Exit codes as the rest of the command line: 0 ok, 1 failed (a file that cannot be read or is not a
// fastText model), 2 usage; errors are one line naming the file or flag (fastText aborts with a C++
// exception instead).

import { open, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { init, threads } from "../api.js";
import { FastTextClassifier, quantize, toFastText, type FastTextParts } from "../fasttext_api.js";
import { formatG, progressLine, testReport, writeG } from "./fasttext_format.js";
import { parseFastTextFlags, type FastTextFlags } from "./fasttext_flags.js";
import { UsageError, fileError, writeAtomic } from "./model_file.js";

const USAGE: Readonly<Record<string, string>> = {
  supervised: `wasmax supervised -input <train.txt> -output <model> [flags]   fastText's supervised, writing <model>.bin and <model>.vec
  -input <file>|-      training lines (__label__x text), - for standard input
  -lr 0.1 -lrUpdateRate 100 -dim 100 -epoch 5 -neg 5 -loss softmax|hs|ns|one-vs-all
  -wordNgrams 1 -minCount 1 -minCountLabel 0 -bucket 2000000 -minn 0 -maxn 0 -t 0.0001
  -label __label__ -seed 0 -verbose 2 -saveOutput (also write <model>.output, the label vectors)
  -thread N            training threads (default: those wasmax runs, one per core; fastText's is 12)
  (-pretrainedVectors, -ws and the -autotune-* flags are not supported)`,
  test: `wasmax test <model.bin|.ftz> <test.txt>|- [k] [th]   N, P@k and R@k as fastText's test prints them (k 1, th 0.0)`,
  predict: `wasmax predict <model.bin|.ftz> <file>|- [k] [th]   each line's k most likely labels (k 1, th 0.0; k -1: all)`,
  "predict-prob": `wasmax predict-prob <model.bin|.ftz> <file>|- [k] [th]   as predict, each label followed by its probability`,
  quantize: `wasmax quantize -output <model> [-input <train.txt>] [flags]   reads <model>.bin, writes <model>.ftz
  -cutoff 0            keep this many words and n-grams, those of largest norm (0: all)
  -retrain             fine-tune the kept rows on -input (then -epoch 5 -lr 0.05 -thread N, as fastText)
  -qnorm               quantize the rows' norms separately    -qout   quantize the output matrix too
  -dsub 2              values per sub-vector (one byte codes each)    -verbose 2`,
};

/** The fastText commands' usage, for `wasmax --help`. */
export function fastTextHelp(): string {
  const heading = "fastText's commands, with its flags and output formats (a model file ending in .bin or .ftz):";
  return `${heading}\n\n${Object.values(USAGE).join("\n\n")}\n`;
}

/** fastText's commands wasmax does not have, and what to use instead. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  skipgram: "wasmax trains supervised classifiers only (no word-embedding models: skipgram, cbow)",
  cbow: "wasmax trains supervised classifiers only (no word-embedding models: skipgram, cbow)",
  "test-label": "use wasmax test for N, P@k and R@k (per-label scores are not printed)",
};

/** The 4 bytes a fastText model file starts with (FASTTEXT_FILEFORMAT_MAGIC_INT32, little-endian). */
const MAGIC = 793_712_314;

/**
 * Whether `argv` is a fastText command: supervised, predict-prob or quantize, or test / predict on a model
 * path ending in .bin or .ftz or a file that starts with fastText's magic number (wasmax's own test and
 * predict take a JSON model file).
 */
export async function isFastTextCommand(argv: readonly string[]): Promise<boolean> {
  const [command, model] = argv;
  if (command === undefined) return false;
  if (Object.hasOwn(UNSUPPORTED, command) || command === "supervised" || command === "predict-prob" || command === "quantize") return true;
  if ((command !== "test" && command !== "predict") || model === undefined || model.startsWith("-")) return false;
  if (/\.(bin|ftz)$/.test(model)) return true;
  try {
    const file = await open(model, "r");
    try {
      const { buffer, bytesRead } = await file.read(new Uint8Array(4), 0, 4, 0);
      return bytesRead === 4 && new DataView(buffer.buffer).getInt32(0, true) === MAGIC;
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/** Runs a fastText command (isFastTextCommand(argv) is true); resolves to the exit code. */
export async function fastTextMain(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv as [string, ...string[]];
  try {
    if (Object.hasOwn(UNSUPPORTED, command)) throw new UsageError(UNSUPPORTED[command]!);
    if (rest.includes("-h") || rest.includes("--help") || rest.includes("-help")) {
      out.write(`${USAGE[command]}\n`);
      return 0;
    }
    await init();
    if (command === "supervised") await supervised(parseFastTextFlags("supervised", rest), err, stdin);
    else if (command === "quantize") await quantizeCommand(parseFastTextFlags("quantize", rest), stdin);
    else if (command === "test") await testCommand(rest, out, stdin);
    else await predictCommand(rest, command === "predict-prob", out, stdin);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError;
    err.write(`wasmax ${command}: ${(error as Error).message}\n${usage && USAGE[command] ? `\n${USAGE[command]}\n` : ""}`);
    return usage ? 2 : 1;
  }
}

/** The text of a file, or of standard input for `-`; an Error naming the file when it cannot be read. */
async function readText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  try {
    if (path !== "-") return await readFile(path, "utf8");
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    throw new Error(`${path === "-" ? "standard input" : path}: ${fileError(error)}`, { cause: error });
  }
}

/** A file's lines as fastText reads them: split at "\n", the empty piece after a final "\n" dropped. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The model in a .bin or .ftz file; an Error naming the file when it cannot be read or is not one. */
async function loadModel(path: string): Promise<FastTextClassifier> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
  try {
    return FastTextClassifier.fromFastText(bytes);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** test / predict's positional arguments: model, input, [k], [threshold], as fastText reads them. */
function positionals(rest: readonly string[]): { model: string; input: string; k: number; threshold: number } {
  if (rest.length < 2 || rest.length > 4) throw new UsageError(`expected <model> <file> [k] [th], got ${rest.length} arguments`);
  const [model, input, kText = "1", thresholdText = "0"] = rest as [string, string, string?, string?];
  const k = Number(kText);
  if (!Number.isInteger(k) || (k < 1 && k !== -1))
    throw new UsageError(`k must be a whole number ≥ 1 (or -1 for all labels), got ${kText}`);
  const threshold = Number(thresholdText);
  if (thresholdText.trim() === "" || !Number.isFinite(threshold))
    throw new UsageError(`th (the probability threshold) must be a number, got ${thresholdText}`);
  return { model, input, k, threshold };
}

/** Each line's `k` most likely labels (all for -1) at or above `threshold`, with their probabilities, as fastText's predict-prob. */
function predictLines(
  model: FastTextClassifier,
  lines: string[],
  k: number,
  threshold: number,
): { label: string; probability: number }[][] {
  const prefix = model.args.label;
  const { labels, probabilities } = model.predict(lines, { k: k === -1 ? model.classes.length : k, threshold });
  // fastText's probabilities are float32 (exp of a float32 score): printed as that float32.
  return labels.map((row, i) => row.map((name, j) => ({ label: prefix + name, probability: Math.fround(probabilities[i]![j]!) })));
}

async function predictCommand(
  rest: readonly string[],
  withProbabilities: boolean,
  out: NodeJS.WritableStream,
  stdin: NodeJS.ReadableStream,
) {
  const { model: path, input, k, threshold } = positionals(rest);
  const model = await loadModel(path);
  try {
    const lines = splitLines(await readText(input, stdin));
    // In batches, so the output is written as it is predicted.
    const BATCH = 10_000;
    for (let start = 0; start < lines.length; start += BATCH) {
      const predictions = predictLines(model, lines.slice(start, start + BATCH), k, threshold);
      const text = predictions
        .map((labels) => labels.map((p) => (withProbabilities ? `${p.label} ${formatG(p.probability, 6)}` : p.label)).join(" "))
        .join("\n");
      await write(out, `${text}\n`);
    }
  } finally {
    model.dispose();
  }
}

/** Writes to `out`, waiting when its buffer is full. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => (out.write(text) ? resolve() : out.once("drain", resolve)));
}

async function testCommand(rest: readonly string[], out: NodeJS.WritableStream, stdin: NodeJS.ReadableStream) {
  const { model: path, input, k, threshold } = positionals(rest);
  const model = await loadModel(path);
  try {
    const lines = splitLines(await readText(input, stdin));
    // fastText's Meter: lines with at least one known label and one input row count; P@k is the share of
    // the predicted labels that are gold, R@k the share of gold labels predicted (a label given twice counts twice).
    const dictionary = model.dictionary;
    const gold: string[][] = [];
    const kept: string[] = [];
    for (const line of lines) {
      const { words, labels } = dictionary.getLine(line);
      if (words.length === 0 || labels.length === 0) continue;
      gold.push(Array.from(labels, (id) => dictionary.label(id)));
      kept.push(line);
    }
    let predicted = 0;
    let correct = 0;
    let relevant = 0;
    predictLines(model, kept, k, threshold).forEach((labels, i) => {
      predicted += labels.length;
      relevant += gold[i]!.length;
      for (const p of labels) if (gold[i]!.includes(p.label)) correct++;
    });
    out.write(testReport(k, kept.length, correct / predicted, correct / relevant));
  } finally {
    model.dispose();
  }
}

/**
 * A training file as `fasttext supervised` reads it: its lines, each given to fit whole (label tokens,
 * anywhere on the line, are the line's labels: the classifier's dictionary reads them as fastText's),
 * and the vocabulary's size counted as Dictionary::readFromFile does, for the lines printed before
 * training: tokens (maximal runs of bytes other than space, \n, \r, \t, \v, \f, \0) and an
 * end-of-line token per "\n" (none for a last line without one).
 */
interface TrainingText {
  lines: string[];
  /** Tokens read, end-of-line tokens included (fastText's ntokens). */
  ntokens: number;
  /** Distinct words seen at least minCount times, labels at least minCountLabel times. */
  nwords: number;
  nlabels: number;
}

/** Whether the UTF-16 code unit `c` separates fastText tokens. */
const isSeparator = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0;

function trainingText(text: string, prefix: string, minCount: number, minCountLabel: number): TrainingText {
  const lines = splitLines(text);
  const counts = new Map<string, number>();
  let ntokens = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length;) {
      while (i < line.length && isSeparator(line.charCodeAt(i))) i++;
      const start = i;
      while (i < line.length && !isSeparator(line.charCodeAt(i))) i++;
      if (i === start) break;
      const token = line.slice(start, i);
      counts.set(token, (counts.get(token) ?? 0) + 1);
      ntokens++;
    }
  }
  const newlines = text.endsWith("\n") ? lines.length : lines.length - 1;
  if (newlines > 0) counts.set("</s>", (counts.get("</s>") ?? 0) + newlines);
  ntokens += newlines;
  let nwords = 0;
  let nlabels = 0;
  for (const [token, count] of counts) {
    if (token.startsWith(prefix)) nlabels += count >= minCountLabel ? 1 : 0;
    else nwords += count >= minCount ? 1 : 0;
  }
  return { lines, ntokens, nwords, nlabels };
}

/** The model options a supervised command line asks for (fastText's names; the CLI-only flags left out). */
function modelOptions(flags: FastTextFlags): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flags)) {
    if (!["input", "output", "verbose", "saveOutput"].includes(name)) options[name] = value;
  }
  return options;
}

async function supervised(flags: FastTextFlags, err: NodeJS.WritableStream, stdin: NodeJS.ReadableStream): Promise<void> {
  const output = flags["output"] as string;
  const verbose = (flags["verbose"] as number | undefined) ?? 2;
  await checkFolder(output);
  const input = flags["input"] as string;
  const text = await readText(input, stdin);
  const prefix = (flags["label"] as string | undefined) ?? "__label__";
  const read = trainingText(
    text,
    prefix,
    (flags["minCount"] as number | undefined) ?? 1,
    (flags["minCountLabel"] as number | undefined) ?? 0,
  );
  if (verbose > 0) {
    err.write(`\rRead ${Math.floor(read.ntokens / 1e6)}M words\n`);
    err.write(`Number of words:  ${read.nwords}\nNumber of labels: ${read.nlabels}\n`);
  }
  if (read.nwords + read.nlabels === 0) throw new Error(`${input}: empty vocabulary; try a smaller -minCount value`);
  if (read.nlabels === 0) throw new Error(`${input}: no line has a label (labels are tokens that start with ${prefix})`);
  const options = modelOptions(flags);
  const epochs = (options["epoch"] as number | undefined) ?? 5;
  const lr = (options["lr"] as number | undefined) ?? 0.1;
  const threadCount = (options["thread"] as number | undefined) ?? threads();
  /** FastText::printInfo's values after `epoch` epochs in `seconds`. */
  const info = (epoch: number, seconds: number, loss: number) => {
    const progress = epoch / epochs;
    const eta = (seconds * (1 - progress)) / progress;
    return {
      progress,
      wordsPerSecPerThread: (epoch * read.ntokens) / Math.max(seconds, 1e-9) / threadCount,
      lr: lr * (1 - progress),
      loss,
      eta,
    };
  };
  // Per-epoch progress only when shown: onEpoch makes Hogwild threads meet at every epoch's end. The
  // loss shown is the mean over the epochs so far (epochs are equal in examples), as fastText's running mean.
  let lossSum = 0;
  let shown = false;
  const onEpoch = ({ epoch, loss, seconds }: { epoch: number; loss: number; seconds: number }) => {
    lossSum += loss;
    if (epoch === epochs) return;
    err.write(`\r${progressLine(info(epoch, seconds, lossSum / epoch))}`);
    shown = true;
  };
  const model = new FastTextClassifier({ ...options, ...(verbose > 1 ? { onEpoch } : {}) });
  try {
    const started = performance.now();
    try {
      model.fit(
        read.lines,
        read.lines.map(() => []),
      );
    } catch (error) {
      if (shown) err.write("\n"); // ends the progress line the message would otherwise continue
      throw new Error(`${input}: ${(error as Error).message}`, { cause: error });
    }
    const seconds = (performance.now() - started) / 1000;
    const curve = model.lossCurve;
    if (verbose > 0) err.write(`\r${progressLine(info(epochs, seconds, curve.reduce((a, b) => a + b, 0) / Math.max(1, curve.length)))}\n`);
    const parts = model.parts();
    await writeAtomic(`${output}.bin`, toFastText(model));
    await writeAtomicChunks(`${output}.vec`, wordVectors(parts));
    if (flags["saveOutput"] === true) await writeAtomicChunks(`${output}.output`, labelVectors(parts));
  } finally {
    model.dispose();
  }
}

/** Refuses an -output whose folder does not exist, before any work (fastText opens <output>.bin first). */
async function checkFolder(output: string): Promise<void> {
  const folder = dirname(output);
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) throw new UsageError(`-output ${output}: the folder ${folder} does not exist`);
}

/**
 * Writes the chunks to a temporary file beside `path`, then renames it into place (as writeAtomic, for
 * files too large to hold at once: a .vec of a large vocabulary runs to gigabytes). Each chunk is
 * written before the next is asked for, so a generator may reuse its buffer.
 */
async function writeAtomicChunks(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const file = await open(temporary, "w");
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
}

const utf8 = new TextEncoder();
/** Bytes a number takes at most in %.5g ("-1.2345e-308"), and the buffer vectors are written through. */
const NUMBER_BYTES = 24;
const CHUNK_BYTES = 1 << 20;

/**
 * Lines `name v1 v2 … vd \n` (each value %.5g followed by a space, as fastText's operator<< for a
 * Vector) after a header line, in chunks of about a megabyte (one buffer, reused).
 */
function* vectorLines(header: string, count: number, line: (i: number) => { name: string; vector: Float32Array }): Generator<Uint8Array> {
  let buffer = new Uint8Array(CHUNK_BYTES);
  let at = utf8.encodeInto(`${header}\n`, buffer).written;
  for (let i = 0; i < count; i++) {
    const { name, vector } = line(i);
    const need = 3 * name.length + 2 + vector.length * (NUMBER_BYTES + 1);
    if (at + need > buffer.length) {
      yield buffer.subarray(0, at);
      if (need > buffer.length) buffer = new Uint8Array(need);
      at = 0;
    }
    at += utf8.encodeInto(name, buffer.subarray(at)).written;
    buffer[at++] = 32;
    for (let j = 0; j < vector.length; j++) {
      at = writeG(vector[j]!, 5, buffer, at);
      buffer[at++] = 32;
    }
    buffer[at++] = 10;
  }
  yield buffer.subarray(0, at);
}

/** A .vec file (FastText::saveVectors): "nwords dim", then each word and its vector (the mean of its rows). */
function wordVectors(parts: FastTextParts): Iterable<Uint8Array> {
  const { dictionary, input, args } = parts;
  if (input.kind !== "dense") throw new Error("word vectors of a quantized model are not written");
  const dim = args.dim;
  const vector = new Float32Array(dim);
  return vectorLines(`${dictionary.nwords} ${dim}`, dictionary.nwords, (i) => {
    const word = dictionary.word(i);
    const rows = dictionary.subwordRows(word);
    vector.fill(0);
    for (const row of rows) for (let j = 0; j < dim; j++) vector[j]! += input.data[row * dim + j]!;
    // Vector::mul(1.0 / n): the factor is rounded to float32, then each product.
    if (rows.length > 0) {
      const scale = Math.fround(1 / rows.length);
      for (let j = 0; j < dim; j++) vector[j]! *= scale;
    }
    return { name: word, vector };
  });
}

/** A .output file (FastText::saveOutput): "nlabels dim", then each label and its output row. */
function labelVectors(parts: FastTextParts): Iterable<Uint8Array> {
  const { dictionary, output, args } = parts;
  if (output.kind !== "dense") throw new Error("-saveOutput is not supported for quantized models");
  return vectorLines(`${dictionary.nlabels} ${args.dim}`, dictionary.nlabels, (i) => ({
    name: dictionary.label(i),
    vector: output.data.subarray(i * args.dim, (i + 1) * args.dim),
  }));
}

async function quantizeCommand(flags: FastTextFlags, stdin: NodeJS.ReadableStream): Promise<void> {
  const output = flags["output"] as string;
  const model = await loadModel(`${output}.bin`);
  try {
    const training = flags["retrain"] === true ? splitLines(await readText(flags["input"] as string, stdin)) : undefined;
    // fastText's quantize reads its flags with Args' own defaults, not supervised's: a retrain runs
    // 5 epochs from lr 0.05 unless told otherwise.
    const optional = (name: string) => (flags[name] === undefined ? {} : { [name]: flags[name] });
    let quantized: FastTextClassifier;
    try {
      quantized = quantize(model, {
        ...optional("cutoff"),
        ...optional("dsub"),
        qnorm: flags["qnorm"] === true,
        qout: flags["qout"] === true,
        ...(training
          ? {
              retrain: true,
              texts: training,
              labels: training.map(() => []),
              ...optional("epoch"),
              ...optional("lr"),
              ...optional("thread"),
            }
          : {}),
      });
    } catch (error) {
      throw new Error(`${output}.bin: ${(error as Error).message}`, { cause: error });
    }
    try {
      await writeAtomic(`${output}.ftz`, toFastText(quantized));
    } finally {
      quantized.dispose();
    }
  } finally {
    model.dispose();
  }
}
