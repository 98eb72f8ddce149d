// MultiLabelLogisticRegression against scikit-learn's OneVsRestClassifier(LogisticRegression) on
// the same data (test/fixtures/multilabel.json), label sets and indicator matrices, the
// multi-label metrics against scikit-learn's on the same predictions, and bad input.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { assertSame } from "../reference.js";

const {
  MultiLabelLogisticRegression,
  MultiLabelBinarizer,
  hammingLoss,
  subsetAccuracy,
  f1Score,
  precisionScore,
  recallScore,
  loadModel,
  NotFittedError,
} = wasmax;
const Multi = suite("MultiLabelLogisticRegression and label-set metrics");
checkMemory(Multi);

const f = JSON.parse(readFileSync(new URL("../fixtures/multilabel.json", import.meta.url), "utf8"));
const XTrain = f.X.slice(0, f.train);
const YTrain = f.Y.slice(0, f.train);
const XTest = f.X.slice(f.train);
const YTest = f.Y.slice(f.train);
const NAMES = ["red", "green", "blue", "shirt", "hat"];
const sets = (Y) => Y.map((row) => NAMES.filter((_, k) => row[k] === 1));

// The objective is flat along some directions (label 4's intercept moves 2.7e-3 of the largest
// coefficient for a loss change of 4e-9), so where float32 rounding lets L-BFGS stop depends on the
// build: 1.4e-4 (SIMD), 2.7e-3 (relaxed SIMD, fused multiply-add) of the largest coefficient.
Multi("lbfgs lands on scikit-learn's one-vs-rest optimum: coefficients within 5e-3 relative, same predictions", () => {
  const model = new MultiLabelLogisticRegression({ C: f.C, tol: 1e-8, maxIter: 5000 }).fit(XTrain, YTrain);
  try {
    const scale = Math.max(...f.coef.flat().map(Math.abs));
    model.coef
      .flat()
      .forEach((c, i) => assert.ok(Math.abs(c - f.coef.flat()[i]) <= 5e-3 * scale, `coef ${i}: ${c} vs ${f.coef.flat()[i]}`));
    model.intercept.forEach((b, k) => assert.ok(Math.abs(b - f.intercept[k]) <= 5e-3 * scale, `intercept ${k}: ${b} vs ${f.intercept[k]}`));
    const proba = model.predictProba(XTest);
    f.testProba.flat().forEach((q, i) => assert.ok(Math.abs(proba[i] - q) <= 1e-3, `probability ${i}: ${proba[i]} vs ${q}`));
    assert.equal(model.predict(XTest), f.testPredictions, "indicator in, indicator out");
    assert.is(model.score(XTest, YTest), f.metrics.subsetAccuracy);
    assert.equal(model.classes, [0, 1, 2, 3, 4]);
    // Its classes 0 … 4 are labels, not an indicator row (loading once refused them as one).
    const copy = loadModel(JSON.stringify(model));
    assert.equal(copy.predict(XTest), f.testPredictions);
    copy.dispose();
  } finally {
    model.dispose();
  }
});

Multi("label sets in, label sets out; the same weights as the indicator matrix; JSON and loadModel round trip", () => {
  const bySets = new MultiLabelLogisticRegression({ maxIter: 200 }).fit(XTrain, sets(YTrain));
  const byMatrix = new MultiLabelLogisticRegression({ maxIter: 200 }).fit(
    XTrain,
    new MultiLabelBinarizer().fit(sets(YTrain)).transform(sets(YTrain)),
  );
  try {
    assert.equal(bySets.classes, [...NAMES].sort());
    const predicted = bySets.predict(XTest);
    assert.ok(
      predicted.every((row) => row.every((label) => NAMES.includes(label))),
      "predictions are label sets",
    );
    const copy = loadModel(JSON.stringify(bySets));
    assert.equal(copy.predict(XTest), predicted);
    assert.equal(Array.from(copy.predictProba(XTest)), Array.from(bySets.predictProba(XTest)));
    copy.dispose();
    assert.is(bySets.score(XTest, sets(YTest)), byMatrix.score(XTest, new MultiLabelBinarizer().fit(sets(YTrain)).transform(sets(YTest))));
  } finally {
    bySets.dispose();
    byMatrix.dispose();
  }
});

Multi("partialFit over chunks equals one epoch of fit in the same order (label sets and indicator rows); later calls continue", () => {
  // Chunks of whole batches (60 rows, batch 15), so both runs cut the same batches.
  const chunk = 60;
  const n = 4 * chunk;
  for (const [solver, extra] of [
    ["sgd", { momentum: 0.9 }],
    ["adam", { learningRate: 0.01 }],
  ]) {
    const opts = { solver, batchSize: 15, shuffle: false, C: Infinity, ...extra };
    for (const [form, y, first] of [
      ["sets", sets(YTrain), { classes: NAMES }],
      ["indicator", YTrain, {}],
    ]) {
      const whole = new MultiLabelLogisticRegression({ ...opts, maxIter: 1, tol: 0 }).fit(XTrain.slice(0, n), y.slice(0, n));
      const streamed = new MultiLabelLogisticRegression(opts);
      try {
        for (let from = 0; from < n; from += chunk)
          streamed.partialFit(XTrain.slice(from, from + chunk), y.slice(from, from + chunk), from === 0 ? first : {});
        assertSame(streamed.coef.flat(), whole.coef.flat(), `${solver}, ${form}: coef`);
        assertSame(streamed.intercept, whole.intercept, `${solver}, ${form}: intercept`);
        assert.equal(streamed.classes, whole.classes, `${solver}, ${form}: classes`);
        assert.is(streamed.nIter, 4);
        // A fifth call moves the weights on from where the fourth left them.
        const before = streamed.coef.flat();
        streamed.partialFit(XTrain.slice(0, chunk), y.slice(0, chunk));
        assert.is(streamed.nIter, 5);
        assert.ok(
          streamed.coef.flat().some((c, i) => c !== before[i]),
          `${solver}, ${form}: a later call trains`,
        );
      } finally {
        whole.dispose();
        streamed.dispose();
      }
    }
  }
});

Multi("partialFit: a chunk may lack labels named by classes; bad calls are refused and change nothing", () => {
  const model = new MultiLabelLogisticRegression({ solver: "adam", learningRate: 0.01 });
  try {
    rejects(() => model.partialFit(XTrain.slice(0, 8), sets(YTrain.slice(0, 8))), TypeError, /pass \{ classes \}/);
    rejects(() => new MultiLabelLogisticRegression().partialFit(XTrain, YTrain), TypeError, /needs solver 'sgd' or 'adam'/);
    model.partialFit([XTrain[0], XTrain[1]], [["red"], []], { classes: NAMES });
    assert.equal(model.classes, [...NAMES].sort(), "every declared label, though the chunk held one");
    const json = JSON.stringify(model.toJSON());
    rejects(() => model.partialFit([XTrain[0]], [["zebra"]]), RangeError, /"zebra" is not one of the known labels/);
    rejects(() => model.partialFit([XTrain[0]], [[0, 1, 0, 0, 1]]), RangeError, /is not one of the known labels/);
    rejects(() => model.partialFit([XTrain[0]], [["red"]], { classes: ["red", "hat"] }), RangeError, /classes differ/);
    rejects(() => model.partialFit([XTrain[0].slice(1)], [["red"]]), RangeError, /features, but the model was trained with/);
    rejects(() => model.partialFit([XTrain[0], XTrain[1]], [["red"]]), RangeError, /2 rows but y has 1 label sets/);
    rejects(() => model.partialFit([XTrain[0]], [["red"]], { clases: NAMES }), TypeError, /did you mean classes\?/);
    assert.is(JSON.stringify(model.toJSON()), json);
  } finally {
    model.dispose();
  }
});

Multi("fitStream of label sets: the buffers' partialFit steps; held-out subset accuracy and per-label cross-entropy", async () => {
  const opts = { solver: "adam", learningRate: 0.01, batchSize: 15, shuffle: false, C: Infinity };
  const chunks = (y) => [0, 1, 2, 3].map((c) => ({ X: XTrain.slice(c * 60, c * 60 + 60), y: y.slice(c * 60, c * 60 + 60) }));
  for (const [form, y, classes] of [
    ["sets", sets(YTrain), NAMES],
    ["indicator", YTrain, [0, 1, 2, 3, 4]],
  ]) {
    const streamed = new MultiLabelLogisticRegression(opts);
    const stepped = new MultiLabelLogisticRegression(opts);
    const held = new MultiLabelLogisticRegression(opts);
    try {
      await wasmax.fitStream(streamed, chunks(y), { classes, bufferRows: 120 });
      stepped.partialFit(XTrain.slice(0, 120), y.slice(0, 120), { classes });
      stepped.partialFit(XTrain.slice(120, 240), y.slice(120, 240));
      assertSame(streamed.coef.flat(), stepped.coef.flat(), `${form}: coef`);
      // A validationFraction just below 1 holds out the first validationRows rows (with this seed):
      // the last report scores them.
      let last;
      await wasmax.fitStream(held, chunks(y), {
        classes,
        bufferRows: 100,
        validationFraction: 0.999999,
        validationRows: 40,
        randomState: 1,
        onProgress: (p) => (last = p),
      });
      const proba = held.predictProba(XTrain.slice(0, 40));
      const truth = (form === "sets" ? new MultiLabelBinarizer().fit([NAMES]).transform(y.slice(0, 40)) : y.slice(0, 40)).flat();
      const bce = truth.reduce((sum, t, i) => sum - Math.log(t === 1 ? proba[i] : 1 - proba[i]), 0) / truth.length;
      assert.ok(Math.abs(last.validationLoss - bce) <= 1e-6 * bce, `${form}: held-out loss ${last.validationLoss} vs ${bce}`);
      assert.is(last.validationAccuracy, held.score(XTrain.slice(0, 40), y.slice(0, 40)));
      assert.is(last.rows, 200);
    } finally {
      for (const m of [streamed, stepped, held]) m.dispose();
    }
  }
});

Multi("metrics equal scikit-learn's on the same predictions (indicators and label sets alike)", () => {
  const m = f.metrics;
  const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs scikit-learn ${b}`);
  for (const [truth, pred, kind] of [
    [YTest, f.testPredictions, "indicator"],
    [sets(YTest), sets(f.testPredictions), "sets"],
  ]) {
    close(hammingLoss(truth, pred), m.hammingLoss, `${kind} hammingLoss`);
    close(subsetAccuracy(truth, pred), m.subsetAccuracy, `${kind} subsetAccuracy`);
    for (const average of ["micro", "macro", "weighted", "samples"]) {
      close(f1Score(truth, pred, { average }), m[`f1_${average}`], `${kind} f1 ${average}`);
      close(precisionScore(truth, pred, { average }), m[`precision_${average}`], `${kind} precision ${average}`);
      close(recallScore(truth, pred, { average }), m[`recall_${average}`], `${kind} recall ${average}`);
    }
  }
  f1Score(YTest, f.testPredictions, { average: "none" }).perLabel.forEach((v, k) => close(v, m.f1_none[k], `f1 of label ${k}`));
  const report = wasmax.multiLabelReport(sets(YTest), sets(f.testPredictions));
  assert.match(report.text.split("\n")[0], /^hamming loss 0\.2767 +F1 micro 0\.6244/);
  close(report.averages.samples.f1, m.f1_samples, "report samples F1");
  assert.is(
    report.perLabel.reduce((a, s) => a + s.support, 0),
    YTest.flat().filter((v) => v === 1).length,
  );
  // Single labels: macro F1 over classes, micro F1 = accuracy.
  assert.is(f1Score(["a", "b", "b", "c"], ["a", "b", "c", "c"], { average: "micro" }), 0.75);
});

Multi("ranking metrics of the probabilities equal scikit-learn's (indicators, and label sets with classes)", () => {
  const { averagePrecision, labelRankingAveragePrecision, coverageError, labelRankingLoss } = wasmax;
  const m = f.metrics;
  const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs scikit-learn ${b}`);
  for (const average of ["micro", "macro", "weighted", "samples"])
    close(averagePrecision(YTest, f.testProba, { average }), m[`averagePrecision_${average}`], `averagePrecision ${average}`);
  close(labelRankingAveragePrecision(YTest, f.testProba), m.labelRankingAveragePrecision, "LRAP");
  close(coverageError(YTest, f.testProba), m.coverageError, "coverageError");
  close(labelRankingLoss(YTest, f.testProba), m.labelRankingLoss, "labelRankingLoss");
  close(
    labelRankingLoss(sets(YTest), Float64Array.from(f.testProba.flat()), NAMES),
    m.labelRankingLoss,
    "labelRankingLoss from label sets",
  );
  rejects(() => coverageError(sets(YTest), f.testProba), TypeError, /pass classes/);
  rejects(() => coverageError(YTest, f.testProba.slice(1)), RangeError, /scores has 59 rows, expected 60/);
});

Multi("MultiLabelBinarizer: sorted columns, round trip, unknown labels and unfitted use refused", () => {
  const mlb = new MultiLabelBinarizer().fit([["shirt", "red"], [], ["hat"]]);
  assert.equal(mlb.classes, ["hat", "red", "shirt"]);
  assert.equal(mlb.transform([["red"], ["hat", "shirt"]]), [
    [0, 1, 0],
    [1, 0, 1],
  ]);
  assert.equal(mlb.inverseTransform([[0, 1, 1]]), [["red", "shirt"]]);
  rejects(() => mlb.transform([["blue"]]), RangeError, /y\[0\]\[0\] = "blue" is not one of the known labels/);
  assert.throws(
    () => new MultiLabelBinarizer().transform([["a"]]),
    (e) => e instanceof NotFittedError,
  );
});

Multi("bad input: single labels, values other than 0/1, unknown labels at score time, shapes; the model unchanged", () => {
  rejects(
    () =>
      new MultiLabelLogisticRegression().fit(
        XTrain,
        YTrain.map((r) => r.indexOf(1)),
      ),
    TypeError,
    /y\[0\] is not an array/,
    /SoftmaxRegression/,
  );
  rejects(() => new MultiLabelLogisticRegression().fit([[1], [2]], "ab"), TypeError, /label sets or a 0\/1 indicator matrix/);
  rejects(() => new MultiLabelLogisticRegression({ threshold: 1.5 }).fit(XTrain, YTrain), RangeError, /threshold/);
  rejects(() => new MultiLabelLogisticRegression({ posWeight: [1, 2] }).fit(XTrain, YTrain), RangeError, /posWeight/, /one per label/);
  rejects(() => new MultiLabelLogisticRegression({ thresold: 0.3 }), TypeError, /did you mean threshold\?/);
  rejects(
    () =>
      new MultiLabelLogisticRegression().fit(XTrain.slice(0, 2), [
        [0, 2],
        [1, 0],
      ]),
    RangeError,
    /y\[0\]\[1\] is 2: a rectangular matrix of numbers reads as a 0\/1 indicator matrix/,
    /MultiLabelBinarizer/,
  );
  rejects(
    () => new wasmax.SoftmaxRegression().fit(XTrain.slice(0, 2), [["red"], ["hat"]]),
    TypeError,
    /y holds label sets/,
    /MultiLabelLogisticRegression or MLPClassifier/,
  );
  const model = new MultiLabelLogisticRegression({ maxIter: 50 }).fit(XTrain, sets(YTrain));
  try {
    const saved = JSON.stringify(model);
    rejects(() => model.score(XTest, [["purple"], ...sets(YTest).slice(1)]), RangeError, /y\[0\]\[0\] = "purple"/);
    rejects(() => model.fit(XTrain, sets(YTrain).slice(1)), RangeError, /rows/);
    rejects(() => model.predict([[1, 2]]), RangeError, /2 features/);
    assert.is(JSON.stringify(model), saved);
  } finally {
    model.dispose();
  }
});

Multi.run();
