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
// Each command is a file of its own; fasttext_input.ts reads their input as fastText does (`-` names
// standard input). The model files are fastText's .bin and .ftz (FastTextClassifier's fromFastText /
// toFastText); numbers are printed as C++ iostreams print them (fasttext_format.ts).
// Exit codes as the rest of the command line: 0 ok, 1 failed (a file that cannot be read or is not a
// fastText model), 2 usage; errors are one line naming the file or flag (fastText aborts with a C++
// exception instead).

import { open } from "node:fs/promises";
import { init } from "../api.js";
import { parseFastTextFlags } from "./fasttext_flags.js";
import { predictCommand, testCommand } from "./fasttext_predict_commands.js";
import { quantizeCommand } from "./fasttext_quantize.js";
import { supervised } from "./fasttext_supervised.js";
import { UsageError } from "./model_file.js";

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
