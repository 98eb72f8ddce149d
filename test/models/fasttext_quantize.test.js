// quantize(model, options) on models native fastText made: the .ftz it writes is the one
// fasttext/quantize.ts makes of the same file (with -qout: native's own bytes), it tests as native's
// .ftz does, and retrain trains the pruned model on the training texts.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { fastTextInternals } from "../../build/testing.js";
import { NATIVE, fixtureBytes, fixtureLines } from "../fasttext/fixtures.js";
import { labelled } from "./fasttext_data.js";

const { FastTextClassifier, quantize, toFastText } = wasmax;
const { readFastText, writeFastText, quantizeData } = fastTextInternals;
const Quantize = suite("quantize (FastTextClassifier)");
checkMemory(Quantize);

const CASES = [
  ["cutoff", "langid-softmax.bin", { cutoff: 400, qnorm: true, dsub: 2 }],
  ["qout", "manpage-softmax.bin", { qout: true, qnorm: true, dsub: 2 }],
];

for (const [name, source, options] of CASES) {
  Quantize(`${name}: the .ftz of quantizeData, testing as native's .ftz; the model is unchanged`, () => {
    const model = FastTextClassifier.fromFastText(fixtureBytes(source));
    const before = model.toJSON();
    const quantized = quantize(model, options);
    try {
      assert.ok(quantized.isQuantized);
      const bytes = toFastText(quantized);
      const direct = writeFastText(quantizeData(readFastText(fixtureBytes(source)), options));
      assert.ok(bytes.length === direct.length && bytes.every((b, i) => b === direct[i]), "the bytes of quantizeData");
      if (name === "qout") {
        const native = fixtureBytes(NATIVE.models.qout.file);
        assert.ok(bytes.length === native.length && bytes.every((b, i) => b === native[i]), "native's bytes");
      }
      const test = labelled(fixtureLines(NATIVE.models[name].test));
      assert.equal(quantized.test(test.texts, test.labels), NATIVE.models[name].test1);
      assert.equal(model.toJSON(), before);
    } finally {
      model.dispose();
      quantized.dispose();
    }
  });
}

Quantize("retrain: the pruned model trained further on the texts (one thread: deterministic), then quantized", () => {
  const model = FastTextClassifier.fromFastText(fixtureBytes("langid-softmax.bin"));
  const train = labelled(fixtureLines(NATIVE.models.cutoff.train));
  const test = labelled(fixtureLines(NATIVE.models.cutoff.test));
  const options = { cutoff: 400, qnorm: true, retrain: true, texts: train.texts, labels: train.labels, thread: 1 };
  const plain = quantize(model, { cutoff: 400, qnorm: true });
  const a = quantize(model, options);
  const b = quantize(model, options);
  try {
    assert.equal(a.toJSON(), b.toJSON(), "deterministic");
    assert.not.equal(a.toJSON().input, plain.toJSON().input, "retraining changed the rows");
    assert.is(a.args.epoch, 5);
    assert.ok(a.test(test.texts, test.labels).precision >= 0.5, "the retrained model still classifies");
    rejects(() => quantize(model, { cutoff: 400, retrain: true }), TypeError, /texts/);
    rejects(() => quantize(plain, { cutoff: 10 }), RangeError, /already quantized/);
    rejects(() => quantize(model, { cutof: 3 }), TypeError, /cutof/);
  } finally {
    for (const m of [model, plain, a, b]) m.dispose();
  }
});

Quantize.run();
