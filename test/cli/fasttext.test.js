// The drop-in fastText command line (bindings/cli/fasttext_commands.ts), in-process: `test` prints byte
// for byte what native fastText 0.9.2 printed for the same model files (recorded by
// scripts/make-fasttext-cli-fixtures.sh: a softmax .bin, an hs .bin with word and character n-grams, a
// .ftz with a cutoff and qnorm), `predict` and `predict-prob` the same labels in the same order (labels
// native printed with equal probabilities in any order) with the same probabilities to the 6 digits
// printed, give or take one in the last (the float32 arithmetic is not native's operation for
// operation), standard input included; `supervised` writes a .bin that
// reads back with the same predictions, a .vec of the word vectors, and prints fastText's dictionary
// lines (equal to native's for the same file) and progress line; `quantize` writes a .ftz; bad
// arguments and files fail with a message naming them, exit codes 1 / 2 and no file left behind.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { wasmax, checkMemory } from "../setup.js";
import { cli } from "./in_process.js";

const FastTextCli = suite("command line: fastText drop-in");
checkMemory(FastTextCli);
const fixtures = fileURLToPath(new URL("../fixtures/fasttext-cli/", import.meta.url));
const recorded = (name) => readFileSync(join(fixtures, name), "utf8");
const TRAIN = fileURLToPath(new URL("../fixtures/text/langid.train.txt", import.meta.url));
const TEST = fileURLToPath(new URL("../fixtures/text/langid.test.txt", import.meta.url));
const EDGE = join(fixtures, "edge.txt");
let dir;
const at = (name) => join(dir, name);

FastTextCli.before(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-fasttext-"));
});
FastTextCli.after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `wasmax ...argv` (a fastText command) in-process with `input` as standard input. */
async function withStdin(input, ...argv) {
  let stdout = "";
  let stderr = "";
  const code = await wasmax.fastTextMain(
    argv,
    { write: (s) => ((stdout += s), true) },
    { write: (s) => ((stderr += s), true) },
    Readable.from([Buffer.from(input)]),
  );
  return { code, stdout, stderr };
}

/**
 * Labels of one line against native's, in order, except within a tie: a run of labels whose
 * probabilities native printed equal may come in any order (fastText's heap breaks ties by position; the
 * scores of labels it found far below the top differ in the last bits), and the run that reaches the
 * end of the list may hold other labels of that probability.
 */
function sameRanking(ours, native, printed, what) {
  assert.is(ours.length, native.length, `${what}: number of labels`);
  for (let start = 0; start < native.length;) {
    let end = start + 1;
    while (end < native.length && printed[end] === printed[start]) end++;
    if (end < native.length) assert.equal([...ours.slice(start, end)].sort(), [...native.slice(start, end)].sort(), `${what}: labels`);
    start = end;
  }
}

/** Lines of "label p label p …" as [labels, printed probabilities]. */
const pairs = (line) => {
  const words = line.split(" ");
  return [words.filter((_, j) => j % 2 === 0), words.filter((_, j) => j % 2 === 1)];
};

/**
 * predict-prob output against native's: the same lines, the labels as sameRanking says, each probability
 * within one in its 6th significant digit (relative 1e-5) of native's at the same place.
 */
function samePredictions(actual, expected, what) {
  const ours = actual.split("\n");
  const native = expected.split("\n");
  assert.is(ours.length, native.length, `${what}: lines`);
  native.forEach((line, i) => {
    const [labels, printed] = pairs(ours[i]);
    const [nativeLabels, nativePrinted] = pairs(line);
    sameRanking(labels, nativeLabels, nativePrinted, `${what}, line ${i + 1}`);
    printed.forEach((p, j) => {
      const q = Number(nativePrinted[j]);
      assert.ok(Math.abs(Number(p) - q) <= 1e-5 * q, `${what}: line ${i + 1}, label ${j + 1}: ${p} against native's ${q}`);
    });
  });
}

/** predict output (labels) against native's, with native's probabilities from its predict-prob of k = 3 for the ties. */
function samePredictedLabels(actual, expected, probabilities, what) {
  const ours = actual.split("\n");
  const native = expected.split("\n");
  const withProbabilities = probabilities.split("\n");
  assert.is(ours.length, native.length, `${what}: lines`);
  native.forEach((line, i) => {
    const labels = line.split(" ");
    const [rankedLabels, printed] = pairs(withProbabilities[i]);
    assert.equal(rankedLabels.slice(0, labels.length), labels, `${what}: native's predict and predict-prob agree on line ${i + 1}`);
    sameRanking(ours[i].split(" "), labels, printed.slice(0, labels.length), `${what}, line ${i + 1}`);
  });
}

for (const model of ["softmax.bin", "hs.bin", "quantized.ftz"]) {
  FastTextCli(`${model}: test, predict and predict-prob print what native fastText printed`, async () => {
    const path = join(fixtures, model);
    const runs = [
      [["test", path, TEST], "test.txt"],
      [["test", path, TEST, "2", "0.2"], "test-k2-th0.2.txt"],
      [["predict", path, TEST], "predict.txt"],
      [["predict", path, TEST, "3"], "predict-k3.txt"],
      [["predict-prob", path, TEST, "3"], "predict-prob-k3.txt"],
      [["predict-prob", path, TEST, "-1", "0.05"], "predict-prob-all-th0.05.txt"],
      [["predict-prob", path, EDGE, "2"], "edge.predict-prob-k2.txt"],
      [["predict-prob", path, join(fixtures, "eos.txt"), "2"], "eos.predict-prob-k2.txt"],
      [["predict-prob", path, join(fixtures, "fuzz.txt"), "3"], "fuzz.predict-prob-k3.txt"],
      [["test", path, join(fixtures, "fuzz.txt"), "3"], "fuzz.test-k3.txt"],
    ];
    for (const [argv, name] of runs) {
      const result = await cli(...argv);
      assert.is(result.code, 0, result.stderr);
      const expected = recorded(`${model}.${name}`);
      const what = `wasmax ${argv.join(" ")}`;
      if (argv[0] === "test") assert.fixture(result.stdout, expected, what);
      else if (argv[0] === "predict") samePredictedLabels(result.stdout, expected, recorded(`${model}.predict-prob-k3.txt`), what);
      else samePredictions(result.stdout, expected, what);
    }
  });
}

FastTextCli("- reads standard input: predict-prob and test (where native fastText's test reads nothing)", async () => {
  const model = join(fixtures, "softmax.bin");
  const predicted = await withStdin(readFileSync(TEST, "utf8"), "predict-prob", model, "-", "3");
  assert.is(predicted.code, 0, predicted.stderr);
  samePredictions(predicted.stdout, recorded("softmax.bin.predict-prob-k3.txt"), "predict-prob from standard input");
  const tested = await withStdin(readFileSync(TEST, "utf8"), "test", model, "-");
  assert.is(tested.stdout, recorded("softmax.bin.test.txt"));
});

FastTextCli("supervised: fastText's dictionary lines, a .bin that predicts as the model did, a .vec of every word", async () => {
  const result = await cli("supervised", "-input", TRAIN, "-output", at("m"), "-dim", "16", "-epoch", "50", "-lr", "0.5", "-thread", "1");
  assert.is(result.code, 0, result.stderr);
  const native = recorded("softmax.supervised.stderr").split("\n").slice(0, 3).join("\n");
  assert.ok(result.stderr.startsWith(`${native}\n`), `the dictionary lines are native fastText's:\n${result.stderr}`);
  assert.match(
    result.stderr,
    /\rProgress: 100\.0% words\/sec\/thread: +\d+ lr:  0\.000000 avg\.loss: +\d+\.\d{6} ETA: +0h 0m 0s\n$/,
    "the last progress line as fastText's",
  );
  const vec = readFileSync(at("m.vec"), "utf8").split("\n");
  assert.is(vec[0], "3114 16", "nwords dim, as native's dictionary of the same file");
  assert.is(vec.length, 3114 + 2);
  assert.match(vec[1], /^<\/s> (-?\d\S* ){16}$/, "a word, then 16 values each followed by a space");
  const tested = await cli("test", at("m.bin"), TEST);
  assert.is(tested.code, 0, tested.stderr);
  const [, p1] = /P@1\t(\S+)/.exec(tested.stdout);
  // The same arguments as the fixture's native model (scripts/make-fasttext-cli-fixtures.sh): P@1 0.887 on
  // these 300 lines, which move it by a third of a point each.
  const nativeP1 = Number(/P@1\t(\S+)/.exec(recorded("softmax.bin.test.txt"))[1]);
  assert.ok(Math.abs(Number(p1) - nativeP1) <= 0.04, `P@1 ${p1} against native's ${nativeP1} with the same arguments`);
  const model = wasmax.FastTextClassifier.fromFastText(readFileSync(at("m.bin")));
  try {
    assert.is(model.args.dim, 16);
    assert.is(model.args.epoch, 50);
  } finally {
    model.dispose();
  }
});

FastTextCli("supervised: -verbose 0 is silent, -saveOutput writes the label vectors, - reads the training lines", async () => {
  const result = await withStdin(readFileSync(TRAIN, "utf8"), "supervised", "-input", "-", "-output", at("s"), "-dim", "4", "-epoch", "1");
  assert.is(result.code, 0, result.stderr);
  const quiet = await cli("supervised", "-input", TRAIN, "-output", at("q"), "-dim", "4", "-epoch", "1", "-verbose", "0", "-saveOutput");
  assert.is(quiet.code, 0, quiet.stderr);
  assert.is(quiet.stderr, "");
  const output = readFileSync(at("q.output"), "utf8").split("\n");
  assert.is(output[0], "11 4");
  assert.match(output[1], /^__label__\S+ (-?\d\S* ){4}$/);
});

FastTextCli("quantize: <output>.bin to <output>.ftz, read back and smaller; -retrain on -input", async () => {
  const trained = await cli(
    "supervised",
    "-input",
    TRAIN,
    "-output",
    at("z"),
    "-dim",
    "16",
    "-epoch",
    "5",
    "-thread",
    "1",
    "-verbose",
    "0",
  );
  assert.is(trained.code, 0, trained.stderr);
  const result = await cli("quantize", "-output", at("z"), "-qnorm", "-cutoff", "1000", "-dsub", "4", "-verbose", "0");
  assert.is(result.code, 0, result.stderr);
  assert.ok(readFileSync(at("z.ftz")).length < readFileSync(at("z.bin")).length / 4);
  const tested = await cli("test", at("z.ftz"), TEST);
  assert.is(tested.code, 0, tested.stderr);
  assert.match(tested.stdout, /^N\t300\nP@1\t0\.\d+\nR@1\t0\.\d+\n$/);
  const retrained = await cli("quantize", "-output", at("z"), "-input", TRAIN, "-cutoff", "500", "-retrain", "-epoch", "2", "-thread", "1");
  assert.is(retrained.code, 0, retrained.stderr);
  const model = wasmax.FastTextClassifier.fromFastText(readFileSync(at("z.ftz")));
  try {
    assert.ok(model.isQuantized);
    assert.is(model.args.epoch, 2, "a retrained .ftz keeps the retraining's epochs, as fastText's");
  } finally {
    model.dispose();
  }
});

FastTextCli("errors: usage (exit 2) and unreadable files (exit 1), named, nothing left behind", async () => {
  const usage = [
    [["supervised", "-input", TRAIN], /-output is required/],
    [["supervised", "-input", TRAIN, "-output", at("x"), "-pretrainedVectors", "v.vec"], /-pretrainedVectors is not supported/],
    [["supervised", "-input", TRAIN, "-output", at("x"), "-autotune-duration", "60"], /no autotune/],
    [["supervised", "-input", TRAIN, "-output", join(dir, "missing", "x")], /the folder .*missing does not exist/],
    [["skipgram", "-input", TRAIN, "-output", at("x")], /supervised classifiers only/],
    [["predict", join(fixtures, "softmax.bin"), TEST, "0"], /k must be a whole number ≥ 1/],
    [["predict-prob", join(fixtures, "softmax.bin")], /expected <model> <file>/],
    [["test", join(fixtures, "softmax.bin"), TEST, "1", "abc"], /th .* must be a number/],
  ];
  for (const [argv, message] of usage) {
    const result = await cli(...argv);
    assert.is(result.code, 2, `wasmax ${argv.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  const failed = [
    [["supervised", "-input", at("nothing.txt"), "-output", at("x")], /nothing\.txt: no such file/],
    [["test", at("nothing.bin"), TEST], /nothing\.bin: no such file/],
    [["predict", join(fixtures, "softmax.bin"), at("nothing.txt")], /nothing\.txt: no such file/],
    [["predict", TEST + ".bin", TEST], /no such file/],
  ];
  writeFileSync(at("notfasttext.bin"), "hello");
  writeFileSync(at("unlabelled.txt"), "no label here\nnor here\n");
  failed.push([["supervised", "-input", at("unlabelled.txt"), "-output", at("x")], /unlabelled\.txt: no line has a label/]);
  failed.push([["predict", at("notfasttext.bin"), TEST], /notfasttext\.bin: /]);
  // Progress lines are ended before the message, so it starts a line of its own.
  failed.push([
    ["supervised", "-input", TRAIN, "-output", at("x"), "-epoch", "2", "-lr", "1e30"],
    /ETA:[^\n]*\nwasmax supervised: .*lr 1e\+30 is too large/,
  ]);
  for (const [argv, message] of failed) {
    const result = await cli(...argv);
    assert.is(result.code, 1, `wasmax ${argv.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  assert.not.ok(existsSync(at("x.bin")));
  assert.equal(
    readdirSync(dir).filter((f) => f.includes(".tmp")),
    [],
    "no temporary file left",
  );
});

FastTextCli.run();
