// Regression tests for the defect classes of the hardening issue that concern metrics, data
// helpers and CSV.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { parseCsv } from "../../dist/csv.js";

const { accuracy, logLoss, confusionMatrix, classificationReport, topKAccuracy, trainTestSplit, StandardScaler, LabelEncoder } = wasmax;
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

Hard.run();
