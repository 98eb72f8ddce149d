// encodeCorpus (bindings/models/fasttext_encode.ts, fit's encode through the wasm line scanner) against
// FastTextDictionary.encode, its reference: the same rows, label ids (in-text labels first, then the
// given ones in order, unknown ones dropped) and token counts (every given label counted) on adversarial
// texts and label sets, for words-only, char n-gram and word n-gram dictionaries, across batch
// boundaries; the same errors.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { fixtureLines } from "../fasttext/fixtures.js";

const { ready } = wasmax;
const { FastTextDictionary, fastTextArgs, encodeCorpus } = wasmax.fastTextInternals;
const Encode = suite("fastText corpus encoded by the wasm scanner");
checkMemory(Encode);

const TEXTS = [
  "",
  " ",
  "     \t \v \f \r \0 ",
  "the cat sat on the mat",
  "the </s> cat sat",
  "</s>",
  "日本語 の テキスト 😀😀",
  "\ud800 lone \udc00 surrogates \ud83d",
  "averyveryverylongwordofmorethansixteenbytes averyveryverylongwordofmorethansixteenbytez",
  "__label__a the cat __label__b __label__zzz __label__",
  "__label__",
  "_label__a __label_ __label__c",
  "le chat était assis sur le tapis __label__b",
  "x".repeat(3000),
];

/** Label sets: single, several, repeated, unknown, empty, and the ones also in the text. */
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

/** Asserts encodeCorpus gives encode's corpus, array by array. */
function sameAsEncode(dictionary, texts, labels, what) {
  const want = dictionary.encode(texts, labels);
  const got = encodeCorpus(ready(), dictionary, texts, labels);
  assert.is(got.lines, want.lines, `${what}: lines`);
  for (const key of ["words", "wordStarts", "labels", "labelStarts", "tokens"]) {
    assert.instance(got[key], Int32Array, `${what}: ${key} is an Int32Array`);
    assert.equal(Array.from(got[key]), Array.from(want[key]), `${what}: ${key}`);
  }
}

for (const [name, options] of Object.entries(ARGS)) {
  Encode(`${name}: adversarial texts and label sets give encode's rows, labels and token counts`, () => {
    const texts = [...TEXTS, ...TEXTS.slice(3, 8)];
    const labels = texts.map((_, i) => LABELS[i % LABELS.length]);
    const d = FastTextDictionary.buildLabelled(texts, labels, fastTextArgs({ minCount: 1, ...options }));
    sameAsEncode(d, texts, labels, "labelled");
    sameAsEncode(d, texts, undefined, "no labels given");
    sameAsEncode(d, [], [], "no texts");
    texts.forEach((text, i) => sameAsEncode(d, [text], [labels[i]], `text ${i}`));
  });
}

Encode("the language-ID fixture, several batches: the corpus fit trains on (labels given, char and word n-grams)", () => {
  const lines = fixtureLines("langid.train.txt");
  // Repeated so the corpus spans more than one batch (4096 lines).
  const all = Array.from({ length: 9000 }, (_, i) => lines[i % lines.length]);
  const texts = all.map((l) => l.split(" ").slice(1).join(" "));
  const labels = all.map((l, i) => (i % 7 === 0 ? [l.split(" ")[0], "__label__xx"] : l.split(" ")[0]));
  assert.ok(texts.length > 2 * 4096, "more than two batches");
  for (const options of [{}, { wordNgrams: 2, minn: 2, maxn: 5, bucket: 20000 }]) {
    const d = FastTextDictionary.buildLabelled(texts, labels, fastTextArgs(options));
    sameAsEncode(d, texts, labels, JSON.stringify(options));
  }
});

Encode('the same errors as encode: a text holding "\\n" in a later batch names its index in the texts; bad kinds', () => {
  const texts = Array.from({ length: 5000 }, (_, i) => `w${i % 13} x`);
  const labels = texts.map(() => "__label__a");
  const d = FastTextDictionary.buildLabelled(texts, labels, fastTextArgs({ minCount: 1 }));
  const rt = ready();
  texts[4500] = "a\nb";
  rejects(() => d.encode(texts, labels), RangeError, /text 4500 holds a newline at UTF-8 byte 1/);
  rejects(() => encodeCorpus(rt, d, texts, labels), RangeError, /text 4500 holds a newline at UTF-8 byte 1/);
  texts[4500] = "x </s> a\nb";
  sameAsEncode(d, texts, labels, "a newline after </s>");
  rejects(() => encodeCorpus(rt, d, "abc", labels), TypeError, /expected an array of texts/);
  rejects(() => encodeCorpus(rt, d, ["a", 5], ["__label__a", "__label__a"]), TypeError, /text 1 is 5, expected a string/);
  rejects(() => encodeCorpus(rt, d, ["a", null], undefined), TypeError, /text 1 is null, expected a string/);
  rejects(() => encodeCorpus(rt, d, ["a"], ["a"]), RangeError, /must start with "__label__"/);
  rejects(() => encodeCorpus(rt, d, ["a"], []), RangeError, /1 texts but 0 labels/);
});

Encode.run();
