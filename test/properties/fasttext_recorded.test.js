// Property suite over fit's dictionary and corpus from one read of the texts
// (bindings/features/fasttext_recorded_corpus.ts): on random texts (any UTF-16, every separator,
// "</s>", label-prefixed tokens, "\n"), random label sets and random minCount, minCountLabel, n-gram
// arguments and (sometimes) a small MAX_VOCAB_SIZE, buildRecorded gives buildLabelled's dictionary and,
// when it kept a record, encodeRecorded gives encode's corpus or throws the error encode throws.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { check } from "./properties.js";
import { corpusOrError } from "./arbitraries.js";

const { FastTextDictionary, fastTextArgs, buildRecorded, encodeRecorded } = wasmax.fastTextInternals;
const Props = suite("properties: fastText corpus from recorded tokens");
checkMemory(Props);

const word = fc.oneof(
  fc.constantFrom("a", "bb", "cat", "é", "日本", "😀x", "</s>", "__label__p", "#q", "averyveryverylongwordofmorethan16", "\ud800"),
  fc.string({ minLength: 1, maxLength: 12, unit: "binary" }),
);
const separator = fc.constantFrom(" ", "  ", "\t", "\r", "\v", "\f", "\0");
const line = fc.array(fc.tuple(word, separator), { maxLength: 10 }).map((parts) => parts.flat().join(""));
const text = fc.oneof({ weight: 20, arbitrary: line }, { weight: 1, arbitrary: fc.tuple(line, line).map(([a, b]) => `${a}\n${b}`) });
const args = fc
  .record({
    minn: fc.integer({ min: 0, max: 4 }),
    span: fc.integer({ min: 0, max: 3 }),
    wordNgrams: fc.integer({ min: 1, max: 4 }),
    bucket: fc.integer({ min: 1, max: 300 }),
    label: fc.constantFrom("__label__", "#"),
    minCount: fc.integer({ min: 1, max: 3 }),
    minCountLabel: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ minn, span, ...rest }) => fastTextArgs({ minn: span === 0 ? 0 : minn, maxn: span === 0 ? 0 : minn + span, ...rest }));

/** The dictionary's data, or the error building it throws. */
function dataOrError(build) {
  try {
    return build().toData();
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}

Props("buildRecorded gives buildLabelled's dictionary; encodeRecorded gives encode's corpus or its error", () => {
  check(
    fc.property(
      args.chain((a) =>
        fc.record({
          a: fc.constant(a),
          texts: fc.array(text, { minLength: 1, maxLength: 8 }),
          labels: fc.array(fc.oneof(fc.constantFrom("p", "q", "zz"), fc.array(fc.constantFrom("p", "q", "zz"), { maxLength: 3 })), {
            minLength: 8,
            maxLength: 8,
          }),
          maxVocab: fc.option(fc.integer({ min: 2, max: 40 }), { freq: 3 }),
        }),
      ),
      ({ a, texts, labels, maxVocab }) => {
        const given = labels.slice(0, texts.length).map((l) => (typeof l === "string" ? a.label + l : l.map((x) => a.label + x)));
        let recorded;
        const got = dataOrError(() => (recorded = buildRecorded(texts, given, a, maxVocab ?? undefined)).dictionary);
        if (maxVocab === null)
          assert.equal(
            got,
            dataOrError(() => FastTextDictionary.buildLabelled(texts, given, a)),
          );
        if (!recorded || !recorded.record) return;
        const d = recorded.dictionary;
        assert.equal(
          corpusOrError(() => encodeRecorded(recorded.record, d, given)),
          corpusOrError(() => d.encode(texts, given)),
        );
      },
    ),
    { runs: 300, fresh: 150 },
  );
});

Props.run();
