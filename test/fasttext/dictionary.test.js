import { createHash } from "node:crypto";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { NATIVE, fixtureBytes, fixtureLines } from "./fixtures.js";

const { FastTextDictionary, fastTextArgs, SUPERVISED_DEFAULTS, readFastText, fastTextHash } = wasmax.fastTextInternals;
const Dictionary = suite("fastText dictionary and args");

const utf8 = (text) => new TextEncoder().encode(text);

Dictionary("built from the training file, it equals the dictionary native fastText saved (ids, counts, ntokens)", () => {
  for (const m of Object.values(NATIVE.models).filter((m) => m.file.endsWith(".bin"))) {
    const saved = readFastText(fixtureBytes(m.file));
    const built = FastTextDictionary.build(fixtureLines(m.train), saved.args).toData();
    assert.equal(built.words, saved.dictionary.words, `${m.file}: words in id order`);
    assert.equal(Array.from(built.counts), Array.from(saved.dictionary.counts), `${m.file}: counts`);
    assert.is(built.nwords, saved.dictionary.nwords, `${m.file}: nwords`);
    assert.is(built.ntokens, saved.dictionary.ntokens, `${m.file}: ntokens`);
    assert.is(built.pruneidx, null);
  }
});

Dictionary("a custom label prefix and minCountLabel: the dictionary native fastText built (-label @@ -minCountLabel 3)", () => {
  const lines = fixtureLines("debtags.train.txt").map((line) => line.replaceAll("__label__", "@@"));
  const d = FastTextDictionary.build(lines, fastTextArgs({ label: "@@", minCount: 2, minCountLabel: 3 })).toData();
  const dump = `${d.words.length}\n${d.words.map((w, i) => `${w} ${d.counts[i]} ${i < d.nwords ? "word" : "label"}\n`).join("")}`;
  assert.is(createHash("sha256").update(dump).digest("hex"), NATIVE.customLabel.dictSha256, "`fasttext dump dict` text");
});

Dictionary("buildLabelled equals build on the same lines in fastText's format", () => {
  const lines = fixtureLines("debtags.train.txt");
  const labels = lines.map((line) => line.split(" ").filter((t) => t.startsWith("__label__")));
  const texts = lines.map((line) =>
    line
      .split(" ")
      .filter((t) => !t.startsWith("__label__"))
      .join(" "),
  );
  const args = fastTextArgs({ minCount: 2 });
  assert.equal(FastTextDictionary.buildLabelled(texts, labels, args).toData(), FastTextDictionary.build(lines, args).toData());
  const one = FastTextDictionary.buildLabelled(["a b", "b c"], ["__label__x", "__label__y"], args);
  assert.equal([one.label(0), one.label(1)], ["__label__x", "__label__y"]);
});

Dictionary("getLine: words, labels and EOS as native fastText reads a line", () => {
  const args = fastTextArgs({ minCount: 1 });
  const d = FastTextDictionary.build(["__label__a x y y", "__label__b y z"], args);
  // Ids: words by count (y 3, </s> 2, x 1, z 1; ties in first-seen order here), then labels.
  assert.equal(d.toData().words, ["y", "</s>", "x", "z", "__label__a", "__label__b"]);
  const line = d.getLine("x  __label__b\tunknown __label__nope y");
  assert.equal(Array.from(line.words), [2, 0, 1], "x, y, then EOS; unknown words and labels give no row");
  assert.equal(Array.from(line.labels), [1]);
  assert.is(line.ntokens, 6, "every token counts, EOS included");
  assert.equal(Array.from(d.getLine("x </s> y").words), [2, 1], "a literal </s> ends the line, as in fastText's predict");
  assert.equal(Array.from(d.getLine("").words), [1], "an empty line is EOS alone");
  assert.equal(Array.from(d.getLine("x\r\v\f\0y").words), [2, 0, 1], "\\r \\v \\f \\0 separate words too");
  assert.is(d.wordId("z"), 3);
  assert.is(d.wordId("__label__a"), -1);
  assert.is(d.labelId("__label__a"), 0);
  assert.is(d.labelId("x"), -1);
  assert.equal(Array.from(d.labelCounts()), [1, 1]);
  assert.equal(Array.from(d.wordCounts()), [3, 2, 1, 1]);
  rejects(() => d.getLine("a\nb"), RangeError, /text 0 holds a newline at UTF-8 byte 1/);
  rejects(() => d.getLine(5), TypeError, /text 0 is 5, expected a string/);
  rejects(() => d.word(4), RangeError, /word 4 is not in 0\.\.3/);
});

Dictionary("char n-grams: fastText's buckets of <word>, by UTF-8 character, pruned rows mapped", () => {
  const args = fastTextArgs({ minn: 2, maxn: 3, bucket: 1000 });
  const d = FastTextDictionary.build(["__label__a é"], args);
  const bucket = (s) => fastTextHash(utf8(s)) % 1000;
  const grams = ["<é", "<é>", "é>"].map((g) => d.nwords + bucket(g));
  assert.equal(Array.from(d.subwordRows("é")), [d.wordId("é"), ...grams]);
  assert.equal(Array.from(d.subwordRows("</s>")), [d.wordId("</s>")], "EOS has no n-grams");
  assert.equal(
    Array.from(d.subwordRows("ab")),
    ["<a", "<ab", "ab", "ab>", "b>"].map((g) => d.nwords + bucket(g)),
    "unknown: n-grams only",
  );
  const data = d.toData();
  const pruned = new FastTextDictionary({ ...data, pruneidx: Int32Array.from([bucket("<a"), 0, bucket("b>"), 1]) }, args);
  assert.equal(Array.from(pruned.subwordRows("ab")), [pruned.nwords, pruned.nwords + 1], "pruned: kept buckets only, at their rows");
  assert.equal(Array.from(new FastTextDictionary({ ...data, pruneidx: new Int32Array(0) }, args).subwordRows("ab")), [], "all pruned");
});

Dictionary("the largest maxn and an absurd wordNgrams give the rows of the longest n-grams, without huge buffers", () => {
  const lines = ["__label__a the cat sat", "__label__b a dog"];
  const huge = FastTextDictionary.build(lines, fastTextArgs({ minn: 1, maxn: 256, wordNgrams: 2 ** 31 - 1, bucket: 1000 }));
  const enough = FastTextDictionary.build(lines, fastTextArgs({ minn: 1, maxn: 40, wordNgrams: 40, bucket: 1000 }));
  const text = "the cat sat on a very long wordwordwordwordword";
  assert.equal(Array.from(huge.getLine(text).words), Array.from(enough.getLine(text).words));
});

Dictionary("fastTextHash: FNV-1a over signed bytes, as fastText's released models hash", () => {
  assert.is(fastTextHash(utf8("")), 2166136261);
  assert.is(fastTextHash(utf8("a")), 0xe40c292c, "ASCII as FNV-1a");
  // "é" is C3 A9: each byte XORs as a signed char, 0xffffffc3 then 0xffffffa9.
  let h = 2166136261;
  for (const byte of [0xc3, 0xa9]) h = Math.imul((h ^ (0xffffff00 | byte)) >>> 0, 16777619) >>> 0;
  assert.is(fastTextHash(utf8("é")), h);
});

Dictionary("encode: many lines at once equal getLine per line; labels as fastText drops unknown ones", () => {
  const lines = fixtureLines("langid.train.txt");
  const d = FastTextDictionary.build(lines, fastTextArgs({ wordNgrams: 3, minn: 2, maxn: 5, bucket: 5000 }));
  const texts = fixtureLines("langid.test.txt");
  const corpus = d.encode(texts);
  assert.is(corpus.lines, texts.length);
  texts.forEach((text, i) => {
    const one = d.getLine(text);
    assert.equal(Array.from(corpus.words.subarray(corpus.wordStarts[i], corpus.wordStarts[i + 1])), Array.from(one.words), `line ${i}`);
    assert.equal(Array.from(corpus.labels.subarray(corpus.labelStarts[i], corpus.labelStarts[i + 1])), Array.from(one.labels));
    assert.is(corpus.tokens[i], one.ntokens);
  });
  const labelled = d.encode(["hola", "ciao"], [["__label__es", "__label__nope"], "__label__it"]);
  assert.equal(Array.from(labelled.labels), [d.labelId("__label__es"), d.labelId("__label__it")]);
  assert.equal(Array.from(labelled.tokens), [4, 3], "label tokens count");
  rejects(() => d.encode(["a"], ["es"]), RangeError, /label "es" of text 0 must start with "__label__"/);
  rejects(() => d.encode(["a"], []), RangeError, /1 texts but 0 labels/);
  rejects(() => d.encode("a"), TypeError, /expected an array of texts/);
});

Dictionary("prune keeps the rows given: words in id order, then n-grams in the order given", () => {
  const args = fastTextArgs({ wordNgrams: 2, bucket: 100 });
  const d = FastTextDictionary.build(["__label__a x y z", "__label__b x"], args);
  const n = d.nwords;
  const { dictionary, rows } = d.prune(Int32Array.from([n + 7, 2, n + 3, 0]));
  assert.equal(Array.from(rows), [0, 2, n + 7, n + 3]);
  assert.is(dictionary.nwords, 2);
  assert.equal(Array.from(dictionary.toData().pruneidx), [7, 0, 3, 1]);
  assert.is(dictionary.nlabels, 2);
  rejects(() => d.prune(Int32Array.from([0, 0])), RangeError, /row 0 is out of range or repeated/);
  rejects(() => dictionary.prune(Int32Array.from([0])), RangeError, /already pruned/);
});

Dictionary("fastTextArgs: supervised defaults, the bucket rule, typed refusals", () => {
  assert.is(SUPERVISED_DEFAULTS.lr, 0.1);
  assert.is(SUPERVISED_DEFAULTS.loss, "softmax");
  assert.is(fastTextArgs().bucket, 0, "nothing hashed: no bucket rows, as `fasttext supervised`");
  assert.is(fastTextArgs({ wordNgrams: 2 }).bucket, 2000000);
  assert.is(fastTextArgs({ maxn: 3, minn: 2 }).bucket, 2000000);
  rejects(() => fastTextArgs({ dimm: 3 }), RangeError, /unknown argument "dimm"/);
  rejects(() => fastTextArgs({ dim: 0 }), RangeError, /dim: expected an integer from 1/);
  rejects(() => fastTextArgs({ dim: "5" }), TypeError, /dim: expected an integer, got/);
  rejects(() => fastTextArgs({ loss: "hinge" }), RangeError, /loss: expected one of hs, ns, softmax, ova/);
  rejects(() => fastTextArgs({ minn: 5, maxn: 3 }), RangeError, /minn \(5\) is larger than maxn \(3\)/);
  rejects(() => fastTextArgs({ wordNgrams: 2, bucket: 0 }), RangeError, /bucket is 0/);
  rejects(() => fastTextArgs({ label: "" }), RangeError, /must not be empty/);
  rejects(() => fastTextArgs({ maxn: 257 }), RangeError, /maxn: expected an integer from 0 to 256/);
  rejects(() => fastTextArgs(null), TypeError, /expected an object/);
});

Dictionary("refusals: empty vocabulary, repeated words, inconsistent data", () => {
  const args = fastTextArgs();
  rejects(() => FastTextDictionary.build(["a"], { ...args, minCount: 5, minCountLabel: 5 }), RangeError, /empty vocabulary/);
  rejects(() => FastTextDictionary.build([3], args), TypeError, /line 0 is 3/);
  const data = FastTextDictionary.build(["__label__a x y"], args).toData();
  rejects(() => new FastTextDictionary({ ...data, words: ["x", "x", "</s>", "__label__a"] }, args), RangeError, /word 1 "x" appears twice/);
  rejects(() => new FastTextDictionary({ ...data, nwords: 2 }, args), RangeError, /4 entries, expected nwords \+ nlabels = 3/);
  rejects(() => new FastTextDictionary({ ...data, counts: data.counts.subarray(1) }, args), RangeError, /3 counts for 4 entries/);
  rejects(() => new FastTextDictionary(data, { ...args, maxn: 3 }), RangeError, /bucket is 0 but maxn > 0/);
  rejects(() => new FastTextDictionary(data, { ...args, minn: -1 }), RangeError, /args\.minn must be an integer from 0 to 256/);
  rejects(() => new FastTextDictionary(data, null), TypeError, /args must be an object/);
});

Dictionary("words are interned in order whatever they hold (a word with a newline is encoded on its own)", () => {
  const args = fastTextArgs();
  const data = FastTextDictionary.build(["__label__a x y"], args).toData();
  for (const words of [
    ["é\uD800", "y", "</s>", "__label__a"],
    ["x\ny", "y", "</s>", "__label__a"],
  ]) {
    const dictionary = new FastTextDictionary({ ...data, words }, args);
    assert.equal(
      words.slice(0, 3).map((w) => dictionary.wordId(w)),
      [0, 1, 2],
      JSON.stringify(words),
    );
    assert.is(dictionary.labelId("__label__a"), 0);
    rejects(
      () => new FastTextDictionary({ ...data, words: [words[0], words[0], "</s>", "__label__a"] }, args),
      RangeError,
      /word 1 .* appears twice/,
    );
  }
});

Dictionary.run();
