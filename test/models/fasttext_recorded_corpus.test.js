// buildRecorded / encodeRecorded (bindings/features/fasttext_recorded_corpus.ts, fit's dictionary and
// corpus from one read of the texts) against FastTextDictionary.buildLabelled and encode, the reference:
// the same dictionary (words, ids, counts, ntokens) and the same corpus (rows, label ids, token counts)
// on adversarial texts (whitespace of every kind, "\0", "</s>", 4-byte UTF-8, lone surrogates,
// label-prefixed tokens), with words dropped by minCount and labels by minCountLabel, for words-only,
// char n-gram and word n-gram dictionaries; the same errors; and fastText's threshold growth when the
// vocabulary outgrows 0.75 · MAX_VOCAB_SIZE (lowered here), after which the record is dropped.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { fixtureLines } from "../fasttext/fixtures.js";

const { FastTextDictionary, fastTextArgs, buildRecorded, encodeRecorded } = wasmax.fastTextInternals;
const Recorded = suite("fastText corpus from the dictionary's recorded tokens");
checkMemory(Recorded);

const TEXTS = [
  "",
  " ",
  "     \t \v \f \r \0 ",
  "the cat sat on the mat",
  "the </s> cat sat",
  "</s>",
  "cat</s> </s>cat",
  "日本語 の テキスト 😀😀 𝄞𝄞 😀",
  "\ud800 lone \udc00 surrogates \ud83d",
  "averyveryverylongwordofmorethansixteenbytes averyveryverylongwordofmorethansixteenbytez",
  "__label__a the cat __label__b __label__zzz __label__",
  "__label__",
  "_label__a __label_ __label__c",
  "le chat\tétait\vassis\fsur\rle\0tapis __label__b",
  "x".repeat(3000),
  "rare1 rare2 the the the",
];

const LABELS = [
  "__label__a",
  ["__label__b"],
  ["__label__a", "__label__c"],
  ["__label__c", "__label__c", "__label__a"],
  "__label__zzz",
  ["__label__unknown", "__label__b", "__label__"],
  [],
  ["__label__b", "__label__a"],
];

const ARGS = {
  "words only": {},
  "char n-grams": { minn: 2, maxn: 4, bucket: 1000 },
  "word n-grams": { wordNgrams: 3, bucket: 5000 },
  "both, minn 1 maxn 6": { minn: 1, maxn: 6, wordNgrams: 2, bucket: 97 },
};

/** Asserts buildRecorded gives buildLabelled's dictionary and encodeRecorded encode's corpus. */
function sameAsReference(texts, labels, args, what) {
  const want = FastTextDictionary.buildLabelled(texts, labels, args);
  const { dictionary, record } = buildRecorded(texts, labels, args);
  assert.equal(dictionary.toData(), want.toData(), `${what}: dictionary`);
  assert.ok(record !== null, `${what}: a record`);
  const wanted = want.encode(texts, labels);
  const got = encodeRecorded(record, dictionary, labels);
  assert.is(got.lines, wanted.lines, `${what}: lines`);
  for (const key of ["words", "wordStarts", "labels", "labelStarts", "tokens"]) {
    assert.instance(got[key], Int32Array, `${what}: ${key} is an Int32Array`);
    assert.is(firstDifference(got[key], wanted[key]), -1, `${what}: ${key} (the first index where they differ)`);
  }
}

/** The first index where a and b differ (the shorter's length if one is a prefix), or −1 (uvu's diff of long arrays takes minutes). */
function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

for (const [name, options] of Object.entries(ARGS)) {
  Recorded(`${name}: adversarial texts and label sets give buildLabelled's dictionary and encode's corpus`, () => {
    const texts = [...TEXTS, ...TEXTS.slice(3, 9)];
    const labels = texts.map((_, i) => LABELS[i % LABELS.length]);
    sameAsReference(texts, labels, fastTextArgs({ minCount: 1, ...options }), "minCount 1");
    // Words seen once, labels seen once, and with minCount 3 even EOS (one per line) in a short corpus, dropped.
    sameAsReference(texts, labels, fastTextArgs({ minCount: 2, minCountLabel: 2, ...options }), "minCount 2, minCountLabel 2");
    sameAsReference(texts.slice(0, 2), labels.slice(0, 2), fastTextArgs({ minCount: 3, ...options }), "EOS dropped");
    texts.forEach((text, i) => sameAsReference([text], [labels[i]], fastTextArgs({ minCount: 1, ...options }), `text ${i}`));
  });
}

Recorded("the language-ID fixture: the dictionary and corpus fit trains on (labels given, char and word n-grams)", () => {
  const lines = fixtureLines("langid.train.txt");
  const texts = lines.map((l) => l.split(" ").slice(1).join(" "));
  const labels = lines.map((l, i) => (i % 7 === 0 ? [l.split(" ")[0], "__label__xx"] : l.split(" ")[0]));
  for (const options of [{}, { wordNgrams: 2, minn: 2, maxn: 5, bucket: 20000 }, { minCount: 3 }]) {
    sameAsReference(texts, labels, fastTextArgs(options), JSON.stringify(options));
  }
});

Recorded('the same errors as buildLabelled and encode: a text holding "\\n" (unless after "</s>"), bad kinds', () => {
  const texts = Array.from({ length: 50 }, (_, i) => `w${i % 13} x`);
  const labels = texts.map(() => "__label__a");
  const args = fastTextArgs({ minCount: 1 });
  texts[45] = "a\nb";
  const { dictionary, record } = buildRecorded(texts, labels, args);
  assert.equal(
    dictionary.toData(),
    FastTextDictionary.buildLabelled(texts, labels, args).toData(),
    "the newline counts as EOS, as in native's count",
  );
  rejects(() => dictionary.encode(texts, labels), RangeError, /text 45 holds a newline at UTF-8 byte 1/);
  rejects(() => encodeRecorded(record, dictionary, labels), RangeError, /text 45 holds a newline at UTF-8 byte 1; give one line per text/);
  texts[45] = "x </s> a\nb \n";
  texts[12] = "\n";
  rejects(
    () => encodeRecorded(buildRecorded(texts, labels, args).record, dictionary, labels),
    RangeError,
    /text 12 holds a newline at UTF-8 byte 0/,
  );
  texts[12] = "ok";
  sameAsReference(texts, labels, args, "newlines after </s>");
  rejects(() => buildRecorded("abc", labels, args), TypeError, /expected an array of texts/);
  rejects(() => buildRecorded(["a", 5], ["__label__a", "__label__a"], args), TypeError, /text 1 is 5, expected a string/);
  rejects(() => buildRecorded(["a"], ["a"], args), RangeError, /must start with "__label__"/);
  rejects(() => buildRecorded(["a"], [], args), RangeError, /1 texts but 0 labels/);
  rejects(() => buildRecorded(["a"], ["__label__a"], fastTextArgs({ minCount: 5, minCountLabel: 5 })), RangeError, /empty vocabulary/);
});

/**
 * fastText's readFromFile with a small MAX_VOCAB_SIZE: counts in order of first appearance; when the
 * entries outnumber 0.75 · max, drops every entry (word or label) seen fewer than ++minThreshold times.
 * Returns word → count of what is left (the order of ids is the sort's, checked by the other tests).
 */
function referenceCounts(texts, labels, max) {
  let counts = new Map();
  let minThreshold = 1;
  const add = (token) => {
    counts.set(token, (counts.get(token) ?? 0) + 1);
    if (counts.size > 0.75 * max) {
      minThreshold++;
      counts = new Map([...counts].filter(([, c]) => c >= minThreshold));
    }
  };
  texts.forEach((text, i) => {
    for (const l of typeof labels[i] === "string" ? [labels[i]] : labels[i]) add(l);
    for (const token of text.split(/[ \t\v\f\r\0]+/)) if (token) add(token);
    add("</s>");
  });
  return counts;
}

Recorded("the threshold growth past 0.75 · MAX_VOCAB_SIZE drops rare entries as fastText does; the record is dropped", () => {
  // 40 distinct words, "the" and "</s>" on every line: with max 16, the table is thinned whenever it holds 13 entries.
  const texts = Array.from({ length: 40 }, (_, i) => `the w${i} the`);
  const labels = texts.map((_, i) => `__label__${i % 2}`);
  const args = fastTextArgs({ minCount: 1, minCountLabel: 1 });
  const { dictionary, record } = buildRecorded(texts, labels, args, 16);
  assert.is(record, null, "no record once the entries were renumbered");
  const data = dictionary.toData();
  const got = new Map(data.words.map((w, i) => [w, data.counts[i]]));
  const want = referenceCounts(texts, labels, 16);
  assert.equal([...got].sort(), [...want].sort(), "the entries and counts left");
  assert.ok(!got.has("w0") && got.get("the") === 80 && got.get("__label__0") === 20, "rare words dropped, frequent ones kept");
  assert.is(data.ntokens, 40 * 5, "every token counted");
  // Below the threshold nothing is dropped and the record stays.
  assert.ok(buildRecorded(texts.slice(0, 5), labels.slice(0, 5), args, 16).record !== null, "a record below the threshold");
});

Recorded("fit trains through the recorded corpus: its dictionary is buildLabelled's and the model learns", () => {
  const lines = fixtureLines("langid.train.txt").slice(0, 400);
  const texts = lines.map((l) => l.split(" ").slice(1).join(" "));
  const labels = lines.map((l) => l.split(" ")[0].slice("__label__".length));
  const model = new wasmax.FastTextClassifier({ thread: 1, epoch: 2, minn: 2, maxn: 3, wordNgrams: 2, bucket: 3000 }).fit(texts, labels);
  try {
    assert.ok(model.test(texts, labels).precision > 0.5, "it learned");
    const want = FastTextDictionary.buildLabelled(
      texts,
      labels.map((l) => "__label__" + l),
      model.args,
    );
    assert.equal(model.dictionary.toData(), want.toData());
  } finally {
    model.dispose();
  }
});

Recorded.run();
