import { suite } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync, mkdtempSync, rmSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wasmax } from "../setup.js";
import { parseCsv, readCsv } from "../../dist/csv.js";

const { accuracy, logLoss, confusionMatrix, classificationReport, topKAccuracy, trainTestSplit, StandardScaler, LabelEncoder } = wasmax;
const Helpers = suite("metrics and data helpers");

Helpers("metrics on a hand-checked example", () => {
  const yTrue = ["cat", "dog", "dog", "bird", "cat", "dog"];
  const yPred = ["cat", "dog", "cat", "bird", "dog", "dog"];
  assert.is(accuracy(yTrue, yPred), 4 / 6);
  const { labels, matrix, text } = confusionMatrix(yTrue, yPred);
  assert.equal(labels, ["bird", "cat", "dog"]);
  assert.equal(matrix, [
    [1, 0, 0],
    [0, 1, 1],
    [0, 1, 2],
  ]);
  assert.is(
    text,
    [
      "true \\ predicted  bird  cat  dog",
      "bird                 1    0    0",
      "cat                  0    1    1",
      "dog                  0    1    2",
    ].join("\n"),
  );
  // Long class names are cut to 16 characters; wide counts widen their column.
  const long = confusionMatrix(["a-very-long-class-name", ...Array(12).fill("b")], Array(13).fill("b")).text.split("\n");
  assert.equal(long, [
    "true \\ predicted  a-very-long-cla…   b",
    "a-very-long-cla…                 0   1",
    "b                                0  12",
  ]);
  const report = classificationReport(yTrue, yPred);
  // dog: precision 2/3, recall 2/3; cat: 1/2, 1/2; bird: 1, 1.
  assert.ok(Math.abs(report.perClass[2].precision - 2 / 3) < 1e-12);
  assert.ok(Math.abs(report.macro.f1 - (1 + 0.5 + 2 / 3) / 3) < 1e-12);
  assert.ok(Math.abs(report.weighted.recall - (1 * 1 + 2 * 0.5 + 3 * (2 / 3)) / 6) < 1e-12);
  assert.match(report.text, /weighted avg/);
  assert.match(report.text, /dog\s+0\.6667\s+0\.6667\s+0\.6667\s+3/);
  const proba = [
    [0.7, 0.3],
    [0.2, 0.8],
    [0.5, 0.5],
  ];
  assert.ok(Math.abs(logLoss([0, 1, 0], proba, [0, 1]) - -(Math.log(0.7) + Math.log(0.8) + Math.log(0.5)) / 3) < 1e-12);
  assert.is(
    topKAccuracy(
      [2, 0],
      [
        [0.1, 0.5, 0.4],
        [0.2, 0.3, 0.5],
      ],
      [0, 1, 2],
      2,
    ),
    0.5,
  );
  assert.throws(() => accuracy([1, 2], [1]), /2 labels but yPred has 1/);
});

Helpers("trainTestSplit is stratified and seeded", () => {
  const X = Array.from({ length: 100 }, (_, i) => [i]);
  const y = X.map((_, i) => (i < 80 ? "a" : "b"));
  const s1 = trainTestSplit(X, y, { testSize: 0.25, randomState: 3 });
  const s2 = trainTestSplit(X, y, { testSize: 0.25, randomState: 3 });
  assert.equal(Array.from(s1.testIndex), Array.from(s2.testIndex));
  assert.is(s1.yTest.filter((v) => v === "b").length, 5);
  assert.is(s1.yTest.length, 25);
  assert.equal(
    [...s1.trainIndex, ...s1.testIndex].sort((a, b) => a - b),
    X.map((_, i) => i),
  );
  s1.XTest.forEach((row, i) => assert.is(row[0], s1.testIndex[i]));
});

Helpers("StandardScaler and LabelEncoder throw NotFittedError before fit, like the models", () => {
  const { NotFittedError } = wasmax;
  assert.throws(
    () => new StandardScaler().transform([[1, 2]]),
    (e) => e instanceof NotFittedError && /StandardScaler is not fitted/.test(e.message),
  );
  assert.throws(
    () => new StandardScaler().toJSON(),
    (e) => e instanceof NotFittedError,
  );
  assert.throws(
    () => new LabelEncoder().transform(["a"]),
    (e) => e instanceof NotFittedError && /LabelEncoder is not fitted/.test(e.message),
  );
  assert.throws(
    () => new LabelEncoder().inverseTransform([0]),
    (e) => e instanceof NotFittedError,
  );
});

Helpers("StandardScaler and LabelEncoder, with JSON round trips", () => {
  const scaler = new StandardScaler();
  const Z = scaler.fitTransform([
    [1, 10],
    [3, 10],
    [5, 10],
  ]);
  assert.equal(
    Array.from(Z).map((v) => +v.toFixed(6)),
    [-1.224745, 0, 0, 0, 1.224745, 0],
  );
  assert.equal(Array.from(StandardScaler.fromJSON(JSON.parse(JSON.stringify(scaler))).transform([[3, 10]])), [0, 0]);
  const enc = new LabelEncoder().fit(["b", "a", "c", "a"]);
  assert.equal(Array.from(enc.transform(["c", "a"])), [2, 0]);
  assert.equal(enc.inverseTransform([1, 0]), ["b", "a"]);
  assert.throws(() => enc.transform(["z"]), /"z" is not one of the known classes/);
  assert.equal(LabelEncoder.fromJSON(enc.toJSON()).classes, ["a", "b", "c"]);
});

Helpers("CSV from text, a file path and a stream; bad fields are named", async () => {
  const text = 'gpa,exam,"decision"\n3.9,92,admitted\r\n2.1,55,rejected\n3.0,75,"waitlisted"\n';
  const table = parseCsv(text, { label: "decision" });
  assert.equal(table.featureNames, ["gpa", "exam"]);
  assert.equal(table.X, [
    [3.9, 92],
    [2.1, 55],
    [3.0, 75],
  ]);
  assert.equal(table.y, ["admitted", "rejected", "waitlisted"]);
  assert.equal(parseCsv("1,2,0\n3,4,1\n", { header: false, label: 2 }).y, [0, 1]);
  const dir = mkdtempSync(join(tmpdir(), "wasmax-"));
  try {
    const path = join(dir, "students.csv");
    writeFileSync(path, text);
    assert.equal((await readCsv(path, { label: "decision" })).X, table.X);
    assert.equal((await readCsv(createReadStream(path), { label: 2 })).y, table.y);
  } finally {
    rmSync(dir, { recursive: true });
  }
  assert.throws(() => parseCsv("a,b\n1,x\n"), /line 2, column "b": "x" is not a finite number/);
  assert.throws(() => parseCsv("a,b\n1,2\n", { label: "c" }), /no label column "c"/);
});

Helpers("a classifier trained from CSV predicts string labels", () => {
  const rows = [];
  for (let i = 0; i < 60; i++) {
    const gpa = 2 + (i % 20) / 10;
    const exam = 50 + ((i * 7) % 50);
    const score = gpa * 20 + exam;
    rows.push(`${gpa},${exam},${score > 130 ? "admitted" : score > 110 ? "waitlisted" : "rejected"}`);
  }
  const { X, y } = parseCsv(`gpa,exam,decision\n${rows.join("\n")}`, { label: "decision" });
  const scaler = new StandardScaler().fit(X);
  const model = new wasmax.SoftmaxRegression({ C: 100, maxIter: 500 }).fit(scaler.transform(X), y, { features: 2 });
  try {
    assert.equal(model.classes, ["admitted", "rejected", "waitlisted"]);
    assert.ok(model.score(scaler.transform(X), y) >= 0.9, `training accuracy ${model.score(scaler.transform(X), y)}`);
    assert.is(model.predict(scaler.transform([[4, 99]]))[0], "admitted");
    assert.is(model.predict(scaler.transform([[2, 50]]))[0], "rejected");
  } finally {
    model.dispose();
  }
});

Helpers("rows of objects: trainTestSplit keeps them as objects, StandardScaler reads them by column name", () => {
  const rows = [
    { gpa: 3.9, exam: 92, city: "Oslo" },
    { gpa: 2.1, exam: 55, city: "Rome" },
    { gpa: 3.4, exam: 81, city: "Oslo" },
    { gpa: 2.8, exam: 60, city: "Lima" },
  ];
  const split = trainTestSplit(rows, ["a", "b", "a", "b"], { testSize: 2, randomState: 1 });
  assert.equal([...split.XTrain, ...split.XTest].map((r) => r.city).sort(), ["Lima", "Oslo", "Oslo", "Rome"]);
  split.XTrain.forEach((r, i) => {
    assert.equal(r, rows[split.trainIndex[i]]);
    assert.ok(r !== rows[split.trainIndex[i]], "a copy, not the caller's object");
  });
  const numbers = rows.map(({ gpa, exam }) => ({ exam, gpa }));
  const scaler = new StandardScaler().fit(numbers);
  assert.equal(scaler.featureNames, ["exam", "gpa"]);
  const byName = scaler.transform(rows.map(({ gpa, exam }) => ({ gpa, exam }))); // any key order
  // Rows of objects are read as float32, as models read them: the same as a Float32Array of the columns.
  const matrix = Float32Array.from(numbers.flatMap((r) => [r.exam, r.gpa]));
  const byPosition = new StandardScaler().fit(matrix, 2).transform(matrix, 2);
  assert.equal(Array.from(byName), Array.from(byPosition));
  const copy = StandardScaler.fromJSON(JSON.parse(JSON.stringify(scaler)));
  assert.equal(copy.featureNames, ["exam", "gpa"]);
  assert.equal(Array.from(copy.transform(numbers)), Array.from(byName));
});

Helpers.run();
