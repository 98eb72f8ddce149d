// The hidden vector of a quantized model equals, bit for bit, that of the dense model its rows decode to:
// a product-quantized row adds alpha·centroid element by element (ProductQuantizer::addcode), which is
// exactly the decoded row's value, so both sums (assembly/fasttext_rows.ts: sumCodePairs or addRowTo,
// and sumDenseRows) must give the same floats and the same predictions. Dimensions: 36 (two blocks of 8
// sub-quantizers and a pair left over), 10 (pairs and an odd one left over), 21 (lastdsub 1: the generic
// path); dims 4 and 16 (lid.176.ftz) are checked against native fastText (fasttext_native.test.js).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { addRow, fixtureLines } from "../fasttext/fixtures.js";
import { labelled } from "./fasttext_data.js";

const { FastTextClassifier, quantize } = wasmax;
const Hidden = suite("fastText hidden vectors: quantized rows and their dense decoding");
checkMemory(Hidden);

/** A dense matrix of every row of `m` decoded (addRow onto zeros: alpha·centroid in f32). */
function decoded(m) {
  const data = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    const x = new Float32Array(m.cols);
    addRow(m, i, x);
    data.set(x, i * m.cols);
  }
  return { kind: "dense", rows: m.rows, cols: m.cols, data };
}

const train = labelled(fixtureLines("langid.train.txt").slice(0, 150));
const test = labelled(fixtureLines("langid.test.txt"));

for (const dim of [10, 21, 36]) {
  for (const qnorm of [false, true]) {
    Hidden(`dim ${dim}, dsub 2, qnorm ${qnorm}: the same predictions, bit for bit`, () => {
      const model = new FastTextClassifier({ dim, thread: 1, epoch: 1, seed: 5 }).fit(train.texts, train.labels);
      const q = quantize(model, { dsub: 2, qnorm });
      const parts = q.parts();
      const dense = FastTextClassifier.fromParts({ ...parts, input: decoded(parts.input) });
      try {
        assert.is(parts.input.kind, "quantized");
        const k = q.classes.length;
        const want = dense.predict(test.texts, { k });
        const got = q.predict(test.texts, { k });
        assert.equal(got.labels, want.labels);
        got.probabilities.forEach((p, i) => assert.equal(p, want.probabilities[i], `text ${i}: probabilities`));
      } finally {
        for (const m of [model, q, dense]) m.dispose();
      }
    });
  }
}

Hidden.run();
