import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";

const { softmax, logSoftmax, softmaxCrossEntropy, argmax, topK, linear, linearBackward, configure } = wasmax;
const Validation = suite("input validation");
checkMemory(Validation);

Validation("logits: length not a multiple of classes, classes missing or < 1, ragged rows, wrong kinds", () => {
  rejects(() => softmax(new Float32Array(7), 3), RangeError, /logits/, /length 7/, /classes = 3/);
  rejects(() => softmax(new Float32Array(6)), TypeError, /classes is required/);
  rejects(() => softmax(new Float32Array(6), 0), RangeError, /classes/, />= 1/, /got 0/);
  rejects(() => softmax(new Float32Array(6), 1.5), TypeError, /classes/, /integer/);
  rejects(() => logSoftmax([[1, 2], [3]]), RangeError, /ragged/, /row 1 has 1/, /row 0 has 2/);
  rejects(() => argmax([1, 2, 3]), TypeError, /logits/, /array of rows/);
  rejects(() => softmax("1,2,3", 3), TypeError, /logits must be/, /string/);
  rejects(() => softmax(new Int32Array(6), 3), TypeError, /logits must be/, /Int32Array/);
  rejects(() => softmax([[1, 2, 3]], 4), RangeError, /rows have 3 values/, /classes = 4/);
});

Validation("out: wrong type or size", () => {
  rejects(() => softmax(new Float32Array(6), 3, new Float32Array(5)), RangeError, /out/, /length 5/, /expected 6/);
  rejects(() => softmax(new Float32Array(6), 3, new Float64Array(6)), TypeError, /out must be a Float32Array/);
});

Validation("labels: wrong count, out of range, not integers, wrong kind", () => {
  const x = new Float32Array(6);
  rejects(() => softmaxCrossEntropy(x, [0], 3), RangeError, /labels/, /1 entries/, /one per row \(2\)/);
  rejects(() => softmaxCrossEntropy(x, [0, 3], 3), RangeError, /labels\[1\] = 3/, /\[0, 3\)/);
  rejects(() => softmaxCrossEntropy(x, [-1, 0], 3), RangeError, /labels\[0\] = -1/);
  rejects(() => softmaxCrossEntropy(x, [0, 1.5], 3), TypeError, /labels\[1\]/, /integer/);
  rejects(() => softmaxCrossEntropy(x, new Float32Array([0, 1]), 3), TypeError, /labels must be/, /Float32Array/);
});

Validation("weights: wrong length, negative or non-finite; options out of range", () => {
  const x = new Float32Array(6);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { classWeight: [1, 1] }), RangeError, /classWeight/, /2 entries/, /expected 3/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { classWeight: [1, NaN, 1] }), RangeError, /classWeight\[1\]/, /finite/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { sampleWeight: [1, -2] }), RangeError, /sampleWeight\[1\]/, />= 0/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { sampleWeight: [1, 1, 1] }), RangeError, /sampleWeight/, /one per row/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { labelSmoothing: 1.5 }), RangeError, /labelSmoothing/, /\[0, 1\]/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { reduction: "avg" }), RangeError, /reduction/, /avg/);
  rejects(() => softmaxCrossEntropy(x, [0, 1], 3, { sampleWeight: [0, 0] }), RangeError, /sum to 0/, /'sum'/);
  rejects(() => topK(x, 4, 3), RangeError, /k = 4/, /3/);
  rejects(() => configure({ chunkBytes: 10 }), RangeError, /chunkBytes/);
});

Validation("linear: shapes that do not agree", () => {
  rejects(() => linear(new Float32Array(6), new Float32Array(4), null, 3), RangeError, /weight/, /length 4/, /features = 3/);
  rejects(() => linear(new Float32Array(6), new Float32Array(6), [1], 3), RangeError, /bias/, /expected 2/);
  rejects(() => linearBackward(new Float32Array(4), new Float32Array(9), 2, 3), RangeError, /grad has 2 rows but x has 3/);
});

Validation("a rejected call changes nothing and leaks nothing", () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  rejects(() => softmaxCrossEntropy(x, [0, 9], 3), RangeError);
  assert.equal(Array.from(x), [1, 2, 3, 4, 5, 6]);
});

Validation.run();
