// Property suite over the wasm line scanner that FastTextClassifier.predict reads texts with
// (bindings/models/fasttext_scanner.ts, assembly/fasttext_scan.ts): on random dictionaries (random
// training lines, minn/maxn, wordNgrams, bucket, label prefix, pruned or not) and random texts (any
// UTF-16, separators, "</s>", label tokens, "\n", junk), scanBatch gives exactly the rows, labels and
// token counts of FastTextDictionary.encode, or throws the error encode throws; wasm memory stays at its
// baseline. (fit's encode, a remap of the tokens its count recorded, has its own: fasttext_recorded.test.js.)

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { junk, corpusOrError } from "./arbitraries.js";
import { check } from "./properties.js";

const { ready } = wasmax;
const { FastTextDictionary, fastTextArgs, scannerBlock, scanBatch } = wasmax.fastTextInternals;
const Props = suite("properties: fastText line scanner");
checkMemory(Props);

const word = fc.oneof(
  fc.constantFrom(
    "a",
    "bb",
    "cat",
    "é",
    "日本",
    "😀x",
    "</s>",
    "__label__p",
    "__label__x",
    "#q",
    "#y",
    "averyveryverylongwordofmorethan16",
    "\ud800",
  ),
  fc.string({ minLength: 1, maxLength: 20, unit: "binary" }),
  fc.string({ minLength: 1, maxLength: 5, unit: "grapheme-ascii" }),
);
const separator = fc.constantFrom(" ", "  ", "\t", "\r", "\v", "\f", "\0");
const line = fc.array(fc.tuple(word, separator), { maxLength: 10 }).map((parts) => parts.flat().join(""));
/** A text: mostly a line, sometimes one holding "\n", rarely junk. */
const text = fc.oneof(
  { weight: 20, arbitrary: line },
  { weight: 1, arbitrary: fc.tuple(line, line).map(([a, b]) => `${a}\n${b}`) },
  { weight: 1, arbitrary: junk },
);
const args = fc
  .record({
    minn: fc.integer({ min: 0, max: 4 }),
    span: fc.integer({ min: 0, max: 3 }),
    wordNgrams: fc.integer({ min: 1, max: 4 }),
    bucket: fc.integer({ min: 1, max: 300 }),
    label: fc.constantFrom("__label__", "#"),
  })
  .map(({ minn, span, wordNgrams, bucket, label }) =>
    fastTextArgs({ minn: span === 0 ? 0 : minn, maxn: span === 0 ? 0 : minn + span, wordNgrams, bucket, label, minCount: 1 }),
  );

/** scanBatch's batch read back, or the error it throws. */
function scanned(d, texts) {
  const rt = ready();
  const block = scannerBlock(rt, d);
  try {
    const b = scanBatch(rt, block, d, texts, 0, texts.length);
    const i32 = rt.heap.i32;
    const read = (ptr, n) => [...i32.subarray(ptr >>> 2, (ptr >>> 2) + n)];
    const n = texts.length;
    const wordStarts = read(b.rowStarts, n + 1);
    const labelStarts = read(b.labelStarts, n + 1);
    const out = {
      words: read(b.rows, wordStarts[n]),
      wordStarts,
      labels: read(b.labels, labelStarts[n]),
      labelStarts,
      tokens: read(b.tokens, n),
    };
    rt.heap.release(b.block);
    return out;
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  } finally {
    rt.heap.release(block);
  }
}

Props("scanBatch equals the dictionary's encode (rows, labels, tokens, or the same error)", () => {
  check(
    fc.property(
      args,
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.array(text, { minLength: 1, maxLength: 8 }),
      fc.option(fc.integer({ min: 1, max: 50 }), { freq: 2 }),
      (a, train, texts, keepEvery) => {
        let d;
        try {
          // Each training line with a label, p or q.
          d = FastTextDictionary.build(
            train.map((l, i) => `${a.label}${"pq"[i % 2]} ${l}`),
            a,
          );
        } catch (error) {
          assert.match(error.message, /empty vocabulary/i);
          return;
        }
        if (keepEvery !== null && (a.maxn > 0 || a.wordNgrams > 1)) {
          // A pruned dictionary: every keepEvery-th bucket kept.
          const rows = Array.from({ length: Math.ceil(a.bucket / keepEvery) }, (_, j) => d.nwords + j * keepEvery);
          d = d.prune(Int32Array.from(rows)).dictionary;
        }
        const want = corpusOrError(() => d.encode(texts));
        const got = scanned(d, texts);
        // With a junk text and a text holding "\n", either may be reported: the scanner checks kinds first.
        if (want.error && !texts.every((t) => typeof t === "string")) assert.match(got.error ?? "", /^(TypeError|RangeError): /);
        else assert.equal(got, want);
      },
    ),
    { runs: 300, fresh: 150 },
  );
});

Props.run();
