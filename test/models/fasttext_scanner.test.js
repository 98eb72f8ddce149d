// The wasm line scanner (assembly/fasttext_scan.ts through bindings/models/fasttext_scanner.ts) against
// the JS dictionary it copies (FastTextDictionary.encode, itself checked against native fastText and a
// slow reference): the same rows, labels and token counts on adversarial text, for words-only, char
// n-gram, word n-gram and pruned dictionaries; the fallback for texts holding "\n"; typed errors; the
// rows of a line larger than the first guess at their room.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { fixtureLines } from "../fasttext/fixtures.js";

const { ready } = wasmax;
const { FastTextDictionary, fastTextArgs, scannerBlock, scanBatch } = wasmax.fastTextInternals;
const Scanner = suite("fastText line scanner in wasm");
checkMemory(Scanner);

const TRAIN = [
  "__label__a the cat sat on the mat </s> after",
  "__label__b le chat était assis sur le tapis",
  "__label__a 日本語 の テキスト 😀😀 emoji",
  "__label__c averyveryverylongwordofmorethansixteenbytes averyveryverylongwordofmorethansixteenbytez",
  "__label__b tab\tseparated\vvertical\fform\rreturn\0nul words",
  "__label__c __label__a the cat",
];

/** Texts that stress the tokenizer (none holds "\n"). */
const ADVERSARIAL = [
  "",
  " ",
  "     \t \v \f \r \0 ",
  "the cat",
  "  the   cat  ",
  "the\tcat\vsat\fon\rthe\0mat",
  "</s>",
  "the </s> cat sat",
  "the cat </s>",
  "</s></s> x",
  "<the> cat> <cat",
  "日本語 の テキスト",
  "😀😀 emoji 😀",
  "\ud800 lone \udc00 surrogates \ud83d",
  "averyveryverylongwordofmorethansixteenbytes",
  "averyveryverylongwordofmorethansixteenbytez averyveryverylongwordofmorethansixteenbytey",
  "averyveryverylongw",
  "averyveryverylong",
  "x".repeat(5000),
  "__label__a the cat __label__b __label__zzz __label__",
  "__label__",
  "_label__a __label_ __label__c",
  "ééééééééééééééééééé ééééééééééééééééé",
  "a b c d e f g h i j k l m n o p q r s t u v w x y z",
];

const ARGS = {
  "words only": {},
  "char n-grams": { minn: 2, maxn: 4, bucket: 1000 },
  "minn 1 maxn 6": { minn: 1, maxn: 6, bucket: 97 },
  "word n-grams": { wordNgrams: 3, bucket: 5000 },
  "both, all tokens kept": { minn: 3, maxn: 5, wordNgrams: 2, bucket: 2000, minCount: 1 },
  "custom label prefix": { label: "_label__", minn: 2, maxn: 3, bucket: 500 },
};

/** ftScan's batch of texts[from, to) read back as plain arrays. */
function scanned(rt, dictionary, texts, from = 0, to = texts.length) {
  const block = scannerBlock(rt, dictionary);
  try {
    const b = scanBatch(rt, block, dictionary, texts, from, to);
    try {
      const i32 = rt.heap.i32;
      const n = to - from;
      const read = (ptr, count) => Array.from(i32.subarray(ptr >>> 2, (ptr >>> 2) + count));
      const wordStarts = read(b.rowStarts, n + 1);
      const labelStarts = read(b.labelStarts, n + 1);
      return {
        words: read(b.rows, wordStarts[n]),
        wordStarts,
        labels: read(b.labels, labelStarts[n]),
        labelStarts,
        tokens: read(b.tokens, n),
      };
    } finally {
      rt.heap.release(b.block);
    }
  } finally {
    rt.heap.release(block);
  }
}

/** Asserts the scanner gives encode's corpus for texts. */
function sameAsEncode(dictionary, texts, what) {
  const want = dictionary.encode(texts);
  const got = scanned(ready(), dictionary, texts);
  assert.equal(got.wordStarts, Array.from(want.wordStarts), `${what}: row offsets`);
  assert.equal(got.words, Array.from(want.words), `${what}: rows`);
  assert.equal(got.labelStarts, Array.from(want.labelStarts), `${what}: label offsets`);
  assert.equal(got.labels, Array.from(want.labels), `${what}: labels`);
  assert.equal(got.tokens, Array.from(want.tokens), `${what}: tokens`);
}

for (const [name, options] of Object.entries(ARGS)) {
  Scanner(`${name}: adversarial texts give encode's rows, labels and tokens, one by one and as one batch`, () => {
    const args = fastTextArgs({ minCount: 1, ...options });
    const train = options.label ? TRAIN.map((l) => l.replaceAll("__label__", options.label)) : TRAIN;
    const d = FastTextDictionary.build(train, args);
    for (const text of ADVERSARIAL) sameAsEncode(d, [text], JSON.stringify(text).slice(0, 60));
    sameAsEncode(d, ADVERSARIAL, "all at once");
    sameAsEncode(d, train, "the training lines");
  });
}

Scanner("a pruned dictionary (quantize's cutoff): kept buckets at their rows, the others dropped", () => {
  const args = fastTextArgs({ minn: 2, maxn: 4, wordNgrams: 2, bucket: 3000, minCount: 1 });
  const d = FastTextDictionary.build(TRAIN, args);
  // Keep the words 0, 2, 4 and every 3rd bucket (the filter in front of the prune table lets most through).
  const rows = [0, 2, 4, ...Array.from({ length: 1000 }, (_, j) => d.nwords + 3 * j + 1)];
  const { dictionary } = d.prune(Int32Array.from(rows));
  sameAsEncode(dictionary, ADVERSARIAL, "pruned");
  sameAsEncode(dictionary, TRAIN, "pruned, training lines");
  const none = d.prune(Int32Array.from([1])).dictionary;
  sameAsEncode(none, ADVERSARIAL, "every bucket pruned");
});

Scanner("the language-ID fixtures: test and training lines with char and word n-grams, batches from any line", () => {
  const d = FastTextDictionary.build(fixtureLines("langid.train.txt"), fastTextArgs({ wordNgrams: 2, minn: 2, maxn: 5, bucket: 20000 }));
  const texts = [...fixtureLines("langid.test.txt"), ...fixtureLines("langid.train.txt")];
  sameAsEncode(d, texts, "langid");
  const want = d.encode(texts.slice(100, 140));
  const got = scanned(ready(), d, texts, 100, 140);
  assert.equal(got.words, Array.from(want.words), "a batch from line 100");
  assert.equal(got.wordStarts, Array.from(want.wordStarts), "its offsets");
});

Scanner("a line with far more rows than bytes (short unknown words, minn 1, maxn 6) is scanned again with more room", () => {
  const d = FastTextDictionary.build(["__label__a x"], fastTextArgs({ minn: 1, maxn: 6, wordNgrams: 5, bucket: 101 }));
  const text = Array.from({ length: 3000 }, (_, i) => `w${i % 97}zq`).join(" ");
  const want = d.encode([text]);
  assert.ok(want.words.length > 3 * (text.length + 1) + 5, "more rows than the first guess");
  sameAsEncode(d, [text, "", text], "many rows");
});

Scanner('texts holding "\\n": the same RangeError as encode, or (after a literal </s>) the same rows', () => {
  const d = FastTextDictionary.build(TRAIN, fastTextArgs({ minCount: 1 }));
  const rt = ready();
  const block = scannerBlock(rt, d);
  try {
    rejects(() => scanBatch(rt, block, d, ["the cat", "sat\non"], 0, 2), RangeError, /text 1 holds a newline at UTF-8 byte 3/);
    rejects(() => scanBatch(rt, block, d, ["the cat\n"], 0, 1), RangeError, /text 0 holds a newline/);
    rejects(() => scanBatch(rt, block, d, ["a", 5], 0, 2), TypeError, /text 1 is 5, expected a string/);
    rejects(() => scanBatch(rt, block, d, ["a", "b", null], 1, 3), TypeError, /text 2 is null, expected a string/);
  } finally {
    rt.heap.release(block);
  }
  sameAsEncode(d, ["the cat </s> sat\non the mat", "cat"], "a newline after </s> ends nothing");
});

Scanner("FastTextClassifier.predict: the scanner's rows predict as encode's did (model from the same dictionary)", () => {
  const { FastTextClassifier } = wasmax;
  const texts = fixtureLines("langid.train.txt");
  const labels = texts.map((l) => l.split(" ")[0].slice("__label__".length));
  const bare = texts.map((l) => l.split(" ").slice(1).join(" "));
  const model = new FastTextClassifier({ thread: 1, epoch: 1, dim: 8, minn: 2, maxn: 3, wordNgrams: 2, bucket: 5000, seed: 3 });
  try {
    model.fit(bare, labels);
    const weird = [...ADVERSARIAL, ...bare.slice(0, 50)];
    const p = model.predict(weird, { k: 3 });
    assert.is(p.labels.length, weird.length);
    // A text with no input row has no label; every other text has min(k, classes) labels.
    const corpus = model.dictionary.encode(weird);
    weird.forEach((_, i) => {
      const empty = corpus.wordStarts[i + 1] === corpus.wordStarts[i];
      assert.is(p.labels[i].length, empty ? 0 : 3, `text ${i}`);
    });
    rejects(() => model.predict(["ok", 7]), TypeError, /text 1 is 7/);
    rejects(() => model.predict(["ok", "a\nb"]), RangeError, /newline/);
  } finally {
    model.dispose();
  }
});

Scanner.run();
