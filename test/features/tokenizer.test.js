import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { textFixture } from "./fixtures.js";

const { tokenize, murmurHash3 } = wasmax;
const Tokens = suite("tokenize and murmurHash3");

Tokens("tokens of the multilingual corpus equal the Python rule's (letters, marks, numbers, _)", () => {
  const { corpus, tokens } = textFixture("hashing.json");
  corpus.forEach((text, i) => assert.equal(tokenize(text), tokens[i], `text ${i}: ${JSON.stringify(text)}`));
});

Tokens("what the rule does with each script", () => {
  assert.equal(tokenize("A cat's 3.14"), ["a", "cat", "s", "3", "14"], "one-letter tokens kept; punctuation splits");
  assert.equal(tokenize("हिन्दी भाषा"), ["हिन्दी", "भाषा"], "vowel signs (marks) stay inside words");
  assert.equal(tokenize("cafe\u0301 crème"), ["cafe\u0301", "crème"], "NFD accents stay inside words");
  assert.equal(tokenize("Привет, МИР"), ["привет", "мир"]);
  assert.equal(tokenize("我爱北京。東京タワー"), ["我爱北京", "東京タワー"], "CJK: one token per run between punctuation");
  assert.equal(tokenize("emoji😀here 👍"), ["emoji", "here"], "symbols separate tokens");
  assert.equal(tokenize("snake_case x²"), ["snake_case", "x²"]);
  assert.equal(tokenize("ΟΔΟΣ"), ["οδος"], "toLowerCase gives the final sigma");
  assert.equal(tokenize("MiXeD", { lowercase: false }), ["MiXeD"]);
  assert.equal(tokenize(""), []);
  assert.equal(tokenize("?! -- ..."), []);
  assert.equal(tokenize("a\ud800b"), ["a", "b"], "a lone surrogate separates");
  assert.equal(tokenize("𝐀𝐁 𠀀"), ["𝐀𝐁", "𠀀"], "astral letters are word characters");
});

Tokens("tokenize: typed errors", () => {
  rejects(() => tokenize(5), TypeError, /text must be a string/);
  rejects(() => tokenize("a", { lowercase: "yes" }), TypeError, /lowercase must be true or false/);
  rejects(() => tokenize("a", null), TypeError, /tokenize options must be an options object/);
  rejects(() => tokenize("a", { lowerCase: false }), TypeError, /did you mean lowercase/);
});

Tokens("murmurHash3 equals sklearn.utils.murmurhash3_32", () => {
  const { cases } = textFixture("murmurhash.json");
  assert.ok(cases.length > 20);
  for (const { key, seed, hash } of cases) {
    assert.is(murmurHash3(key, seed), hash, `${JSON.stringify(key)}, seed ${seed}`);
    assert.is(murmurHash3(new TextEncoder().encode(key), seed), hash, `bytes of ${JSON.stringify(key)}, seed ${seed}`);
  }
});

Tokens("murmurHash3: typed errors", () => {
  rejects(() => murmurHash3(5), TypeError, /key must be a string or a Uint8Array/);
  rejects(() => murmurHash3("a", 1.5), TypeError, /seed must be an integer/);
  rejects(() => murmurHash3("a", 2 ** 32), RangeError, /seed/);
  assert.is(murmurHash3("abc", -1), murmurHash3("abc", 2 ** 32 - 1), "a seed is its low 32 bits");
});

Tokens.run();
