// The command line on texts (in-process): train on a fastText-format file and on a CSV's text column,
// test prints N / P@k / R@k computed as fastText's test does, predict prints each text's k best labels
// with their probabilities (the model's own predictTopK on the same hashed texts), label sets need
// --model multilabel, and bad flags, files and model files fail with a message naming them and no
// file left behind.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wasmax, checkMemory } from "../setup.js";
import { cli } from "./in_process.js";

const Text = suite("command line: texts");
checkMemory(Text);
const fixture = (name) => readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), "utf8");
let dir;
/** Fewer hash buckets than the default 2^18: small model files, quick tests. */
const SMALL = ["--buckets", "4096"];
const at = (name) => join(dir, name);

Text.before(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-text-"));
  for (const name of ["langid.train.txt", "langid.test.txt", "debtags.train.txt", "debtags.test.txt"])
    writeFileSync(at(name), fixture(name));
  const csv = ["review,stars", ...parse("langid.train.txt").map((r) => `"${r.text.replace(/"/g, '""')}",${r.labels[0]}`)].join("\n");
  writeFileSync(at("reviews.csv"), `${csv}\n`);
});
Text.after(() => rmSync(dir, { recursive: true, force: true }));

function parse(name) {
  const read = wasmax.parseFastText(fixture(name));
  return read.texts.map((text, i) => ({ text, labels: read.labels[i] }));
}

Text("train and test on a fastText-format file: P@1 and R@1 equal the model's own accuracy", async () => {
  const trained = await cli("train", at("langid.train.txt"), "-o", at("m.json"), "--max-iter", "10", "--seed", "1", "--quiet", ...SMALL);
  assert.is(trained.code, 0, trained.stderr);
  assert.match(trained.stdout, /SoftmaxRegression trained on 240 texts hashed into 4096 columns, 11 classes, 10 epochs/);
  assert.match(
    trained.stdout,
    /\nheld-out texts \(60 of 300; --no-test trains on every text\)\nN\t60\nP@1\t[01]\.\d{3}\nR@1\t[01]\.\d{3}\n$/,
    "a fifth held out and reported on by default",
  );
  const every = await cli("train", at("langid.train.txt"), "-o", at("m.json"), "--no-test", "--quiet", "--plot", at("t.svg"), ...SMALL);
  assert.match(every.stdout, /trained on 300 texts[^\n]*\nloss curve → .*t\.svg\n$/, "--no-test: every text, no report");
  assert.match(readFileSync(at("t.svg"), "utf8"), /^<svg [\s\S]*>epoch<[\s\S]*<\/svg>\n?$/);
  rmSync(at("t.svg"));
  await cli("train", at("langid.train.txt"), "-o", at("m.json"), "--max-iter", "10", "--seed", "1", "--quiet", ...SMALL);
  const tested = await cli("test", at("m.json"), at("langid.test.txt"));
  assert.is(tested.code, 0, tested.stderr);
  assert.match(
    (await cli("info", at("m.json"))).stdout,
    /^SoftmaxRegression: 11 classes \([^)]*\), fastText-format texts hashed into 4096 columns, word n-grams 1–2, 10 epochs\n$/,
  );
  const file = JSON.parse(readFileSync(at("m.json"), "utf8"));
  const model = wasmax.loadModel(file.model);
  const vectorizer = wasmax.HashingVectorizer.fromJSON(file.vectorizer);
  try {
    const test = parse("langid.test.txt");
    const X = vectorizer.transform(test.map((r) => r.text));
    const accuracy = model.score(
      X,
      test.map((r) => r.labels[0]),
    );
    assert.is(tested.stdout, `N\t300\nP@1\t${accuracy.toFixed(3)}\nR@1\t${accuracy.toFixed(3)}\n`);
    const predicted = await cli("predict", "-k", "2", at("m.json"), at("langid.test.txt"));
    const top = model.predictTopK(X, 2);
    const lines = predicted.stdout.trim().split("\n");
    assert.is(lines.length, 300);
    assert.is(
      lines[7],
      `__label__${top.labels[7][0]} ${top.probabilities[14].toPrecision(5)} ` +
        `__label__${top.labels[7][1]} ${top.probabilities[15].toPrecision(5)}`,
    );
  } finally {
    model.dispose();
  }
});

Text("label sets: refused by a one-label model, trained by --model multilabel, R@k over every true label", async () => {
  const refused = await cli("train", at("debtags.train.txt"), "-o", at("t.json"), "--quiet", ...SMALL);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /some lines have several labels; use --model multilabel/);
  const trained = await cli("train", at("debtags.train.txt"), "--model", "multilabel", "-o", at("t.json"), "--quiet", ...SMALL);
  assert.is(trained.code, 0, trained.stderr);
  const tested = await cli("test", at("t.json"), at("debtags.test.txt"), "-k", "5");
  assert.match(tested.stdout, /^N\t300\nP@5\t0\.\d{3}\nR@5\t0\.\d{3}\n$/);
});

Text("a CSV's text column: --text and --target; the model file remembers the columns", async () => {
  const trained = await cli("train", at("reviews.csv"), "--text", "review", "--target", "stars", "-o", at("c.json"), "--quiet", ...SMALL);
  assert.is(trained.code, 0, trained.stderr);
  const file = JSON.parse(readFileSync(at("c.json"), "utf8"));
  assert.is(file.textColumn, "review");
  assert.is(file.target, "stars");
  const tested = await cli("test", at("c.json"), at("reviews.csv"));
  assert.match(tested.stdout, /^N\t300\nP@1\t[01]\.\d{3}\n/);
  writeFileSync(at("tiny.txt"), "__label__a one\n__label__b two\n__label__a three\n");
  const tiny = await cli("train", at("tiny.txt"), "-o", at("tiny.json"), "--quiet", ...SMALL);
  assert.match(tiny.stdout, /tiny\.txt has 3 texts, too few to hold some out: training on all of them, no report\n/);
  rmSync(at("tiny.txt"));
  rmSync(at("tiny.json"));
});

Text("bad flags, files and model files: a message naming them, exit 1 or 2, no file written", async () => {
  const before = readdirSync(dir).sort();
  for (const [argv, code, message] of [
    [["train", at("reviews.csv"), "--text", "review", "-o", at("x.json")], 2, /needs --text <column> and --target <column>/],
    [["train", at("langid.train.txt"), "--target", "y", "-o", at("x.json")], 2, /carries its labels/],
    [["train", at("langid.train.txt"), "--ngrams", "2,1", "-o", at("x.json")], 2, /--ngrams must be two lengths/],
    [["train", at("langid.train.txt"), "--model", "tree", "-o", at("x.json")], 2, /--model must be/],
    [["train", at("missing.txt"), "-o", at("x.json")], 1, /missing\.txt: no such file/],
    [["train", at("reviews.csv"), "--text", "body", "--target", "stars", "-o", at("x.json")], 1, /has no column "body"/],
  ]) {
    const run = await cli(...argv);
    assert.is(run.code, code, `${argv.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  writeFileSync(at("broken.json"), JSON.stringify({ format: "wasmax/cli-text-model", version: 1, vectorizer: {}, model: {} }));
  const broken = await cli("test", at("broken.json"), at("langid.test.txt"));
  assert.is(broken.code, 1);
  assert.match(broken.stderr, /broken\.json: vectorizer cannot be loaded/);
  assert.equal(readdirSync(dir).sort(), [...before, "broken.json"].sort());
});

Text.run();
