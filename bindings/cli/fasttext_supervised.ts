// `wasmax supervised -input <file> -output <name> [flags]`: trains a FastTextClassifier on fastText's
// training format and writes <name>.bin (toFastText), <name>.vec and, with -saveOutput, <name>.output
// (fasttext_vectors.ts), printing what fastText prints on stderr.

import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { threads } from "../api.js";
import { FastTextClassifier, toFastText } from "../fasttext_api.js";
import { progressLine } from "./fasttext_format.js";
import type { FastTextFlags } from "./fasttext_flags.js";
import { fastTextLines, isSeparator, readText } from "./fasttext_input.js";
import { labelVectors, wordVectors, writeAtomicChunks } from "./fasttext_vectors.js";
import { UsageError, writeAtomic } from "./model_file.js";

/**
 * A training file as `fasttext supervised` reads it: its lines (cut at "\n" and at "</s>" tokens:
 * fasttext_input.ts), each given to fit whole (label tokens, anywhere on the line, are the line's labels:
 * the classifier's dictionary reads them as fastText's), and the vocabulary's size counted as
 * Dictionary::readFromFile does, for the lines printed before training: tokens (maximal runs of bytes
 * other than space, \n, \r, \t, \v, \f, \0) and an end-of-sentence token per line that has one (a last
 * line may not).
 */
interface TrainingText {
  lines: string[];
  /** Tokens read, end-of-line tokens included (fastText's ntokens). */
  ntokens: number;
  /** Distinct words seen at least minCount times, labels at least minCountLabel times. */
  nwords: number;
  nlabels: number;
}

function trainingText(text: string, prefix: string, minCount: number, minCountLabel: number): TrainingText {
  const { lines, ended } = fastTextLines(text);
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
  const ends = ended ? lines.length : lines.length - 1;
  if (ends > 0) counts.set("</s>", ends);
  ntokens += ends;
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

export async function supervised(flags: FastTextFlags, err: NodeJS.WritableStream, stdin: NodeJS.ReadableStream): Promise<void> {
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
