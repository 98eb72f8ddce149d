// fastText's text format: labels anywhere on the line, several per line, blank lines skipped, line
// numbers kept, unlabeled lines refused (or kept for prediction input); and, as a property, any
// labels and words written in the format read back as they were.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { check, outcome } from "../properties/properties.js";

const { parseFastText } = wasmax;
const Format = suite("data: fastText format");

Format("labels anywhere on a line, several per line, blank lines skipped with their numbers kept", () => {
  const read = parseFastText("__label__en Hello  world\n\n  good __label__fr morning __label__de \r\n__label__x\n");
  assert.equal(read.texts, ["Hello world", "good morning", ""]);
  assert.equal(read.labels, [["en"], ["fr", "de"], ["x"]]);
  assert.equal(read.lines, [1, 3, 4]);
});

Format("a line without a label is refused by line number, or kept when labels are not required", () => {
  assert.throws(
    () => parseFastText("__label__a one\ntwo words\n"),
    (e) => e instanceof RangeError && /line 2 has no label/.test(e.message),
  );
  assert.equal(parseFastText("two words\n", { requireLabels: false }).labels, [[]]);
  assert.equal(parseFastText("#a one", { labelPrefix: "#" }).labels, [["a"]]);
  assert.throws(() => parseFastText("x", { labelPrefix: "" }), TypeError);
  assert.throws(
    () => parseFastText("x", { lablePrefix: "#" }),
    (e) => e instanceof TypeError && /labelPrefix/.test(e.message),
  );
  assert.throws(() => parseFastText(null), TypeError);
});

Format("property: examples written in the format read back as they were", () => {
  const word = fc.stringMatching(/^[^\s]{1,8}$/).filter((w) => !w.startsWith("__label__"));
  const example = fc.record({ labels: fc.array(word, { minLength: 1, maxLength: 3 }), words: fc.array(word, { maxLength: 6 }) });
  check(
    fc.property(fc.array(example, { maxLength: 8 }), (examples) => {
      const text = examples.map((e) => [...e.labels.map((l) => `__label__${l}`), ...e.words].join(" ")).join("\n");
      const read = parseFastText(text);
      assert.equal(
        read.labels,
        examples.map((e) => e.labels),
      );
      assert.equal(
        read.texts,
        examples.map((e) => e.words.join(" ")),
      );
    }),
  );
  check(fc.property(fc.anything(), fc.anything(), (text, options) => void outcome(() => parseFastText(text, options), "parseFastText")));
});

Format.run();
