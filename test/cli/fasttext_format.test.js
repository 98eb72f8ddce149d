// The fastText command line's number formats and flags (bindings/cli/fasttext_format.ts and
// fasttext_flags.ts): %g as C prints it, against Python's % operator on the values recorded by
// scripts/make-fasttext-cli-fixtures.sh; the progress and test lines as fastText 0.9.2 prints them;
// the flag parser's refusals.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax } from "../setup.js";

const fixture = (name) => readFileSync(new URL(`../fixtures/fasttext-cli/${name}`, import.meta.url), "utf8");

const Format = suite("fastText number formats");

Format("formatG and writeG match C's %.3g, %.5g and %.6g on every recorded value, exact ties included", () => {
  const recorded = JSON.parse(fixture("format-g.json"));
  const values = recorded.values.map((v) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v)));
  for (const precision of [3, 5, 6]) {
    const want = recorded[`g${precision}`];
    values.forEach((x, i) => assert.is(wasmax.formatG(x, precision), want[i], `%.${precision}g of ${recorded.values[i]}`));
  }
  const bytes = new Uint8Array(32);
  const decoder = new TextDecoder();
  for (const precision of [3, 5, 6]) {
    const want = recorded[`g${precision}`];
    values.forEach((x, i) => assert.is(decoder.decode(bytes.subarray(0, wasmax.writeG(x, precision, bytes, 0))), want[i], `writeG ${x}`));
  }
  assert.is(wasmax.formatG(0.0009765625, 6), "0.000976562", "an exact tie rounds to even, as glibc");
  assert.is(wasmax.formatG(1e-5, 6), "1e-05");
});

Format("test's N / P@k / R@k lines and the progress line are fastText's", () => {
  assert.is(wasmax.testReport(1, 300, 266 / 300, 266 / 300), fixture("softmax.bin.test.txt"));
  assert.is(wasmax.testReport(2, 4755, 0 / 0, 0), "N\t4755\nP@2\tnan\nR@2\t0\n");
  const line = wasmax.progressLine({ progress: 1, wordsPerSecPerThread: 243403.7, lr: 0, loss: 0.146913, eta: 0 });
  assert.is(line, "Progress: 100.0% words/sec/thread:  243403 lr:  0.000000 avg.loss:  0.146913 ETA:   0h 0m 0s");
  const early = wasmax.progressLine({ progress: 0.025, wordsPerSecPerThread: 105497, lr: 0.097524, loss: 2.409246, eta: 3725 });
  assert.is(early, "Progress:   2.5% words/sec/thread:  105497 lr:  0.097524 avg.loss:  2.409246 ETA:   1h 2m 5s");
});

const Flags = suite("fastText flags");
const parse = (command, line) => wasmax.parseFastTextFlags(command, line.split(" ").filter(Boolean));
const refused = (command, line, message) =>
  assert.throws(
    () => parse(command, line),
    (e) => message.test(e.message),
    `${command} ${line} is refused with ${message}`,
  );

Flags("supervised: fastText's names, values and switches", () => {
  const flags = parse("supervised", "-input t.txt -output m -lr 0.5 -dim 10 -loss one-vs-all -wordNgrams 2 -saveOutput -t 1e-3 -seed -4");
  assert.equal(flags, { input: "t.txt", output: "m", lr: 0.5, dim: 10, loss: "ova", wordNgrams: 2, saveOutput: true, t: 1e-3, seed: -4 });
  assert.equal(parse("supervised", "-input - -output m").input, "-", "- is standard input");
});

Flags("supervised: clear refusals, each naming the flag", () => {
  refused("supervised", "-output m", /-input .* is required/);
  refused("supervised", "-input t.txt", /-output is required/);
  refused("supervised", "-input t.txt -output m -lr", /-lr is missing its value/);
  refused("supervised", "-input t.txt -output m -dim 10abc", /-dim must be a whole number/);
  refused("supervised", "-input t.txt -output m -lr 0", /-lr must be greater than 0/);
  refused("supervised", "-input t.txt -output m -loss cbow", /-loss must be one of/);
  refused("supervised", "-input t.txt -output m -epoch 0", /-epoch must be a whole number from 1/);
  refused("supervised", "-input t.txt -output m -minn 5 -maxn 3", /-minn 5 is larger than -maxn 3/);
  refused("supervised", "-input t.txt -output m -pretrainedVectors v.vec", /-pretrainedVectors is not supported/);
  refused("supervised", "-input t.txt -output m -autotune-validation v.txt", /no autotune/);
  refused("supervised", "-input t.txt -output m -ws 5", /-ws is the context window of word-vector models/);
  refused("supervised", "-input t.txt -output m -cutoff 100", /-cutoff is a flag of wasmax quantize/);
  refused("supervised", "-input t.txt -output m -wordNgram 2", /unknown flag -wordNgram; did you mean -wordNgrams\?/);
  refused("supervised", "-input t.txt -output m -dim 5 -dim 6", /-dim is given twice/);
  refused("supervised", "-input t.txt -output m stray", /expected a flag/);
});

Flags("quantize: its flags, lr / epoch / thread only with -retrain", () => {
  assert.equal(parse("quantize", "-output m -qnorm -cutoff 100 -dsub 4"), { output: "m", qnorm: true, cutoff: 100, dsub: 4 });
  const retrain = parse("quantize", "-output m -input t.txt -cutoff 100 -retrain -lr 0.1 -epoch 2 -thread 1");
  assert.equal(retrain, { output: "m", input: "t.txt", cutoff: 100, retrain: true, lr: 0.1, epoch: 2, thread: 1 });
  refused("quantize", "-output m -lr 0.1", /-lr applies to quantize only with -retrain/);
  refused("quantize", "-output m -retrain -cutoff 10", /-retrain needs -input/);
  refused("quantize", "-output m -dim 10", /-dim is fixed when the model is trained/);
});

Format.run();
Flags.run();
