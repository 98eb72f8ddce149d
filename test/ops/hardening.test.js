// Regression tests for the defect classes of the hardening issue that concern stateless calls.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";

const { softmax, logSoftmax, softmaxCrossEntropy, argmax, topK, linear, linearBackward, configure } = wasmax;
const Hard = suite("ops: hostile and careless input");
checkMemory(Hard);

Hard("chunkBytes is bounded, and a huge one cannot stall the row loop", () => {
  rejects(() => configure({ chunkBytes: 2 ** 33 }), RangeError, /chunkBytes/, /1 GiB/);
  rejects(() => configure({ chunkBytes: 1.5e3 + 0.5 }), TypeError, /integer/);
  rejects(() => configure(null), TypeError, /configure must be an options object, got null/);
  rejects(() => configure({ chunkbytes: 4096 }), TypeError, /unknown option "chunkbytes" \(did you mean chunkBytes\?\)/);
  const previous = configure({ chunkBytes: 2 ** 30 });
  try {
    assert.equal(Array.from(softmax(new Float32Array(10), 1)), new Array(10).fill(1));
    assert.equal(configure().chunkBytes, 2 ** 30);
  } finally {
    configure(previous);
  }
});

Hard("empty inputs give empty or zero results, never another call's data", () => {
  softmax([[1, 2, 3]]);
  linearBackward([[1, 2, 3]], [[4, 5, 6]]);
  const empty = linearBackward(new Float32Array(0), new Float32Array(0), 3, 3);
  assert.equal(Array.from(empty.weightGrad), new Array(9).fill(0));
  assert.equal(Array.from(empty.biasGrad), [0, 0, 0]);
  assert.is(softmax(new Float32Array(0), 4).length, 0);
  assert.is(argmax(new Float32Array(0), 4).length, 0);
  assert.is(linear(new Float32Array(0), [[1, 2]], null, 2).length, 0);
  assert.equal(softmaxCrossEntropy(new Float32Array(0), [], 3, { reduction: "sum" }).loss, 0);
});

Hard("number[][] cells that are not numbers are a TypeError naming the cell", () => {
  rejects(() => softmax([["a", 1]]), TypeError, /logits\[0\]\[0\] must be a number/, /"a"/);
  rejects(
    () =>
      argmax([
        [1, 2],
        [3, null],
      ]),
    TypeError,
    /logits\[1\]\[1\]/,
    /null/,
  );
  rejects(() => logSoftmax([[1, undefined]]), TypeError, /logits\[0\]\[1\]/);
  rejects(() => softmax([new Array(3)]), TypeError, /logits\[0\]\[0\]/);
  rejects(() => linear([[1, 2]], [[1, "2"]]), TypeError, /weight\[0\]\[1\]/);
  rejects(() => topK([[1, 2, {}]], 1), TypeError, /logits\[0\]\[2\]/);
});

Hard("values beyond float32 range: weights refused, logits rounded to ±Infinity as documented", () => {
  rejects(() => softmaxCrossEntropy([[1, 2]], [0], 2, { sampleWeight: [1e39] }), RangeError, /sampleWeight\[0\]/, /float32/);
  rejects(() => softmaxCrossEntropy([[1, 2]], [0], 2, { classWeight: [1, -1e39] }), RangeError, /classWeight\[1\]/);
  rejects(() => linear([[1, 2]], [[1, 2]], [1e39]), RangeError, /bias\[0\]/, /float32/);
  // A logit of 1e39 is +Infinity in float32: its row follows the non-finite rule (all NaN).
  const p = softmax(Float64Array.from([1e39, 0, 1, 2]), 2);
  assert.ok(Number.isNaN(p[0]) && Number.isNaN(p[1]));
  assert.ok(Math.abs(p[2] + p[3] - 1) < 1e-6);
  // Logits 6.8e38 apart: the log-probability is below −3.4e38, which float32 writes as −Infinity.
  const lp = logSoftmax([[3.4e38, -3.4e38]]);
  assert.equal(Array.from(lp), [0, -Infinity]);
});

Hard("an output that overlaps its input at an offset is refused; the input itself works in place", () => {
  const buffer = new Float32Array(2 * 3 + 3);
  buffer.set([1, 2, 3, 4, 5, 6]);
  const x = buffer.subarray(0, 6);
  rejects(() => softmax(x, 3, buffer.subarray(3, 9)), RangeError, /out overlaps logits at an offset/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { out: buffer.subarray(1, 7) }), RangeError, /options\.out overlaps logits/);
  const expected = softmax(x, 3);
  assert.equal(Array.from(softmax(x, 3, x)), Array.from(expected));
  const elsewhere = new Float32Array(6);
  softmax(buffer.subarray(0, 6), 3, elsewhere);
});

Hard("softmaxCrossEntropy options: the estimator's spelling, unknown names refused, not an object refused", () => {
  const x = [
    [1, 2, 3],
    [3, 2, 1],
  ];
  rejects(
    () => softmaxCrossEntropy(x, [0, 1], 3, { sampleWeights: [1, 1] }),
    TypeError,
    /unknown option "sampleWeights" \(did you mean sampleWeight\?\)/,
  );
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { label_smoothing: 0.1 }), TypeError, /did you mean labelSmoothing\?/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, "sum"), TypeError, /options must be an options object, got "sum"/);
  const weighted = softmaxCrossEntropy(x, [0, 1], 3, { sampleWeight: [2, 0], classWeight: [1, 1, 1], reduction: "sum" });
  const single = softmaxCrossEntropy([x[0]], [0], 3, { reduction: "sum" });
  assert.ok(Math.abs(weighted.loss - 2 * single.loss) < 1e-6);
});

Hard.run();
