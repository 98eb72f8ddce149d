// Regression tests for the defect classes of the hardening issue that concern metrics, data
// helpers and CSV.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { parseCsv } from "../../dist/csv.js";

const {
  accuracy,
  logLoss,
  confusionMatrix,
  classificationReport,
  topKAccuracy,
  trainTestSplit,
  StandardScaler,
  LabelEncoder,
  MultiLabelBinarizer,
  MultiLabelLogisticRegression,
  hammingLoss,
  precisionScore,
  recallScore,
  f1Score,
  averagePrecision,
  labelRankingLoss,
} = wasmax;
const Hard = suite("data: hostile and careless input");

Hard("metrics: NaN, ragged rows, duplicate labels, strings and null are refused or ranked as documented", () => {
  assert.is(
    topKAccuracy(
      [0, 1],
      [
        [NaN, NaN],
        [0.2, 0.8],
      ],
      [0, 1],
      1,
    ),
    0.5,
    "a NaN row is a miss",
  );
  assert.is(topKAccuracy([1], [[NaN, 0.9, 0.1]], [0, 1, 2], 1), 0, "NaN ranks above the true class");
  rejects(
    () =>
      logLoss(
        [0, 1],
        [
          [NaN, 1],
          [0, 1],
        ],
        [0, 1],
      ),
    RangeError,
    /proba\[0\]\[0\] is NaN/,
  );
  rejects(() => logLoss([0, 1], [[1], [0, 0, 1]], [0, 1]), RangeError, /proba\[0\] must be an array of 2 numbers/);
  rejects(
    () =>
      logLoss(
        [0, 1],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    TypeError,
    /classes .* must be an array/,
  );
  rejects(() => confusionMatrix([0, 1], [1, 0], [0, 1, 1]), RangeError, /labels has duplicates/);
  rejects(() => accuracy("ab", "ab"), TypeError, /accuracy: yTrue must be an array/);
  rejects(() => accuracy(null, null), TypeError, /yTrue must be an array/);
  rejects(() => classificationReport([0, 1], [0, 1], undefined, 1.5), RangeError, /digits/);
  assert.is(
    logLoss([0, 1], Float32Array.from([0.9, 0.1, 0.2, 0.8]), [0, 1]),
    -(Math.log(Math.fround(0.9)) + Math.log(Math.fround(0.8))) / 2,
  );
});

Hard("trainTestSplit never returns an empty part, and checks its options", () => {
  const split = trainTestSplit([[1], [2], [3]], ["a", "b", "c"], { testSize: 0.1, randomState: 1 });
  assert.is(split.XTest.length, 1);
  assert.is(split.XTrain.length, 2);
  const two = trainTestSplit([[1], [2]], [0, 0], { testSize: 0.9, randomState: 1 });
  assert.equal([two.XTrain.length, two.XTest.length], [1, 1]);
  rejects(() => trainTestSplit([[1]], [0]), RangeError, /at least 2 rows/);
  rejects(() => trainTestSplit([[1], [2]], [0, 1], { test_size: 0.5 }), TypeError, /did you mean testSize\?/);
  rejects(() => trainTestSplit([[1], [2]], [0, 1], { stratify: "no" }), TypeError, /stratify must be true or false/);
});

Hard("StandardScaler: NaN, empty data and zero scales are refused; LabelEncoder indices must be integers", () => {
  rejects(
    () =>
      new StandardScaler().fit([
        [1, NaN],
        [2, 3],
      ]),
    RangeError,
    /X\[0\]\[1\] is NaN/,
  );
  rejects(() => new StandardScaler().fit(new Float32Array(0), 3), RangeError, /at least one row/);
  // Rows of objects: read by name once fit on them; refused by a scaler fit on rows of numbers, and when a column is missing.
  rejects(
    () => new StandardScaler().fit([[1], [3]]).transform([{ a: 1 }]),
    TypeError,
    /X is rows of objects, but the scaler was fit on rows of numbers/,
  );
  rejects(() => new StandardScaler().fit([{ a: 1, b: 2 }]).transform([{ a: 1 }]), RangeError, /X\[0\] has no column "b"/);
  rejects(() => new StandardScaler().fit([{ a: 1 }, { a: "x" }]), TypeError, /X\[1\]\.a is text/);
  rejects(() => new StandardScaler().fit({ a: 1 }), TypeError, /got an object$/);
  rejects(
    () => StandardScaler.fromJSON({ format: "wasmax/StandardScaler", version: 1, mean: [0, 0], scale: [1, 0] }),
    RangeError,
    /scale must be .* > 0/,
  );
  const scaler = new StandardScaler().fit([
    [1, 2],
    [3, 4],
  ]);
  rejects(() => scaler.transform([[1, Infinity]]), RangeError, /X\[0\]\[1\]/);
  const encoder = new LabelEncoder().fit(["a", "b"]);
  rejects(() => encoder.inverseTransform(["__proto__"]), TypeError, /indices\[0\] must be an integer, got "__proto__"/);
  rejects(() => encoder.inverseTransform([0.5]), TypeError, /indices\[0\] must be an integer/);
  rejects(() => encoder.inverseTransform([2]), RangeError, /out of range \[0, 2\)/);
  assert.equal(encoder.inverseTransform([1, 0]), ["b", "a"]);
});

Hard("CSV: errors name the file's line, not the record; a label index must be a column index", () => {
  rejects(() => parseCsv("a,b\n1,2\n\n\n3,x\n"), RangeError, /CSV line 5, column "b": "x"/);
  rejects(() => parseCsv("a,b\n1,2\n\n1,2,3\n"), RangeError, /CSV line 4 has 3 fields/);
  rejects(() => parseCsv("a,b\n1,2\n", { label: 1.5 }), TypeError, /label must be a column name or a 0-based column index, got 1.5/);
  rejects(() => parseCsv("a,b\n1,2\n", { label: NaN }), TypeError, /got NaN/);
  rejects(() => parseCsv(null), TypeError, /parseCsv takes the CSV text as a string, got null/);
  rejects(() => parseCsv("a,b\n1,2\n", { lable: "a" }), TypeError, /did you mean label\?/);
  assert.equal(parseCsv("a,b\n1,x\n", { label: 1 }).y, ["x"]);
});

Hard("label sets: an error names the caller's own cell, y[5][0], never a neighbour or a flattened index", () => {
  const strings = [["a"], ["b"], ["a"], ["b"], ["a"], [3, "a"], ["a"]];
  rejects(() => new MultiLabelBinarizer().fit(strings), TypeError, /^y\[5\]\[0\] is 3: labels must all be/);
  rejects(() => new MultiLabelBinarizer().fit([["a"], ["b"], [], ["a"], ["b"], [3], ["a"]]), TypeError, /^y\[5\]\[0\] is 3/);
  rejects(() => new MultiLabelBinarizer().fit([[1], [2], [1, 2], [2], [1], ["a"], [1]]), TypeError, /^y\[5\]\[0\] is "a"/);
  rejects(() => new MultiLabelBinarizer().fit([[1], [2], [1, 2], [2], [1], [NaN], [1]]), TypeError, /^y\[5\]\[0\] is NaN/);
  // Metrics read yTrue and yPred each under its own name: a bad cell of yPred is yPred's, not y[rows + i].
  const yTrue = [["a"], ["b"], ["a", "b"]];
  rejects(() => hammingLoss(yTrue, [["a"], ["b"], [7]]), TypeError, /hammingLoss: yPred\[2\]\[0\] is 7/);
  rejects(() => f1Score(yTrue, [["a"], [null], ["b"]]), TypeError, /f1Score: yPred\[1\]\[0\] is null/);
  rejects(() => f1Score([["a"], ["b", 2]], [["a"], ["b"]]), TypeError, /f1Score: yTrue\[1\]\[1\] is 2/);
  rejects(
    () =>
      hammingLoss(
        [
          [0, 1],
          [1, 0],
        ],
        [
          [0, 1, 1],
          [1, 0, 0],
        ],
      ),
    RangeError,
    /yTrue has 2 indicator columns but yPred has 3/,
  );
  assert.is(hammingLoss(yTrue, [["a"], ["a"], ["b"]]), 3 / 6, "yPred's labels join yTrue's in one sorted order");
  const model = new MultiLabelLogisticRegression({ maxIter: 5 });
  try {
    rejects(() => model.fit([[0], [1], [2], [3], [4], [5]], [["x"], ["y"], ["x"], ["y"], ["x"], [1, "y"]]), TypeError, /y\[5\]\[0\] is 1/);
    assert.not.ok(model.isFitted);
  } finally {
    model.dispose();
  }
});

Hard("LabelEncoder.inverseTransform says NaN, Infinity and undefined as they are (JSON would say null)", () => {
  const encoder = new LabelEncoder().fit([1, 2, 3]);
  rejects(() => encoder.inverseTransform([NaN]), TypeError, /indices\[0\] must be an integer, got NaN$/);
  rejects(() => encoder.inverseTransform([0, Infinity]), TypeError, /indices\[1\] must be an integer, got Infinity$/);
  rejects(() => encoder.inverseTransform([0, 1, undefined]), TypeError, /indices\[2\] must be an integer, got undefined$/);
  rejects(() => new LabelEncoder().fit([1, -Infinity]), TypeError, /y\[1\] is -Infinity/);
});

Hard("metrics options: a misspelled option gets did-you-mean, a bad average is typed, null is a clear TypeError", () => {
  const yTrue = [["a"], ["b"], ["a", "b"]];
  const yPred = [["a"], ["a"], ["b"]];
  const scores = [
    [0.9, 0.1],
    [0.2, 0.8],
    [0.6, 0.7],
  ];
  for (const [name, fn] of [
    ["precisionScore", precisionScore],
    ["recallScore", recallScore],
    ["f1Score", f1Score],
  ]) {
    rejects(
      () => fn(yTrue, yPred, { averge: "micro" }),
      TypeError,
      new RegExp(`${name} options: unknown option "averge" \\(did you mean average\\?\\)`),
    );
    rejects(() => fn(yTrue, yPred, { Average: "micro" }), TypeError, /did you mean average\?/);
    rejects(() => fn(yTrue, yPred, null), TypeError, new RegExp(`${name} options must be an options object, got null`));
    rejects(() => fn(yTrue, yPred, "micro"), TypeError, /must be an options object, got "micro"/);
    rejects(() => fn(yTrue, yPred, { average: 3 }), TypeError, /average must be 'micro', 'macro', 'weighted', 'samples', 'none', got 3/);
    rejects(() => fn(yTrue, yPred, { average: "mean" }), RangeError, /average must be .* got "mean"/);
    assert.is(fn(yTrue, yPred, undefined), fn(yTrue, yPred, {}), "undefined is no options");
    assert.is(fn(yTrue, yPred, { average: undefined }), fn(yTrue, yPred, { average: "macro" }), "an undefined option takes its default");
  }
  const classes = ["a", "b"];
  rejects(() => averagePrecision(yTrue, scores, { clases: classes }), TypeError, /unknown option "clases" \(did you mean classes\?\)/);
  rejects(() => averagePrecision(yTrue, scores, null), TypeError, /averagePrecision options must be an options object, got null/);
  rejects(() => averagePrecision(yTrue, scores, { classes, average: "none" }), RangeError, /average must be .* got "none"/);
  rejects(() => averagePrecision(yTrue, scores, { classes, average: ["micro"] }), TypeError, /average must be/);
  rejects(() => averagePrecision(yTrue, scores, { classes: "ab" }), TypeError, /classes must be an array of labels, got "ab"/);
  rejects(() => averagePrecision(yTrue, scores, { classes: ["a", "a"] }), RangeError, /classes has duplicates/);
  rejects(() => labelRankingLoss(yTrue, scores, { 0: "a" }), TypeError, /classes must be an array of labels/);
  assert.ok(averagePrecision(yTrue, scores, { classes }) > 0);
});

Hard.run();
