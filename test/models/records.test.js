// Rows of objects ({ gpa: 3.9, exam: 92 }) wherever a model takes a matrix: fit keeps their column
// names (saved in the JSON, absent for a model fit on arrays, so saved forms of old stay as they
// were); predict, score, partialFit read later rows by name, refusing a missing or extra column by
// name; one flat row is refused with the fix.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";

const { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, loadModel, fitStream } = wasmax;
const Records = suite("models: rows of objects");
checkMemory(Records);

const X = Array.from({ length: 40 }, (_, i) => [2 + (i % 10) / 5, 40 + ((i * 7) % 60)]);
const y = X.map(([gpa, exam]) => (gpa * 20 + exam > 110 ? "admit" : "reject"));
const rows = X.map(([gpa, exam]) => ({ gpa, exam }));

for (const [name, make] of [
  ["SoftmaxRegression", () => new SoftmaxRegression()],
  ["MLPClassifier", () => new MLPClassifier({ hiddenLayerSizes: [4], solver: "sgd", maxIter: 5, tol: 0, randomState: 0 })],
]) {
  Records(`${name}: fit on rows of objects predicts exactly as on the same rows as arrays`, () => {
    const named = make().fit(rows, y);
    const plain = make().fit(X, y);
    try {
      assert.equal(named.featureNames, ["gpa", "exam"]);
      assert.is(plain.featureNames, null);
      assert.equal(Array.from(named.predictProba(rows)), Array.from(plain.predictProba(X)));
      const reordered = rows.map(({ gpa, exam }) => ({ exam, gpa }));
      assert.equal(named.predict(reordered), plain.predict(X), "read by name, whatever the key order");
      assert.equal(named.predict(X), plain.predict(X), "rows of arrays: in the order fit saw");
      assert.is(named.score(rows, y), plain.score(X, y));
      assert.equal(named.predictTopK(rows, 1), plain.predictTopK(X, 1));
      const saved = named.toJSON();
      assert.equal(saved.featureNames, ["gpa", "exam"]);
      assert.not.ok("featureNames" in plain.toJSON(), "a model fit on arrays saves as before");
      const copy = loadModel(JSON.stringify(saved));
      assert.equal(copy.featureNames, ["gpa", "exam"]);
      assert.equal(Array.from(copy.predictProba(reordered)), Array.from(named.predictProba(rows)));
      copy.dispose();
    } finally {
      named.dispose();
      plain.dispose();
    }
  });
}

Records("missing, extra and text columns, one flat row, names without a named fit: errors that say what and how", () => {
  const model = new SoftmaxRegression().fit(rows, y);
  const plain = new SoftmaxRegression().fit(X, y);
  try {
    rejects(() => model.predict([{ gpa: 3 }]), RangeError, /X\[0\] has no column "exam" \(the columns it was fit on: gpa, exam\)/);
    rejects(() => model.predict([{ gpa: 3, exam: 80, city: 1 }]), RangeError, /X\[0\] has a column "city" that is not one of/);
    rejects(() => model.predict([{ gpa: 3, exam: "80" }]), TypeError, /X\[0\]\.exam is text \("80"\).*one-hot encode the column "exam"/);
    rejects(() => model.predict([{ gpa: 3, exam: null }]), TypeError, /X\[0\]\.exam must be a number, got null/);
    rejects(() => model.predict([{ gpa: 3, exam: 1e39 }]), RangeError, /X\[0\]\.exam is 1e\+39/);
    rejects(() => model.predict({ gpa: 3, exam: 80 }), TypeError, /X is one row \(an object\), not rows: wrap it in \[row\]/);
    rejects(() => plain.predict([3, 80]), TypeError, /X is one row \(an array of 2 values\), not rows: wrap it in \[row\]/);
    rejects(() => plain.predictProba([3, 80]), TypeError, /wrap it in \[row\]/);
    rejects(() => plain.predict([{ gpa: 3, exam: 80 }]), TypeError, /fit on rows of arrays, so it has no column names/);
    rejects(
      () => new SoftmaxRegression().fit([{ a: 1 }, { b: 2 }], ["x", "y"]),
      RangeError,
      /X\[1\] has a column "b" that is not one of X\[0\]'s columns \(a\)/,
    );
    rejects(() => new SoftmaxRegression().fit([{}, {}], ["x", "y"]), RangeError, /X\[0\] is an object with no columns/);
    rejects(
      () => loadModel({ ...model.toJSON(), featureNames: ["gpa"] }),
      TypeError,
      /SoftmaxRegression.fromJSON: featureNames must be null or 2 distinct column names/,
    );
    rejects(() => loadModel({ ...model.toJSON(), featureNames: ["gpa", 2] }), TypeError, /featureNames must be null or 2 distinct/);
  } finally {
    model.dispose();
    plain.dispose();
  }
});

Records("partialFit and multi-label models take rows of objects too; a failed call leaves the model as it was", () => {
  const model = new SoftmaxRegression({ solver: "sgd", randomState: 0 });
  model.partialFit(rows.slice(0, 20), y.slice(0, 20), { classes: ["admit", "reject"] });
  model.partialFit(
    rows.slice(20).map(({ gpa, exam }) => ({ exam, gpa })),
    y.slice(20),
  );
  const before = JSON.stringify(model.toJSON());
  rejects(() => model.partialFit([{ gpa: 1 }], ["admit"]), RangeError, /no column "exam"/);
  assert.is(JSON.stringify(model.toJSON()), before);
  assert.equal(model.featureNames, ["gpa", "exam"]);
  model.dispose();
  const tags = new MultiLabelLogisticRegression().fit(
    rows,
    y.map((label) => [label]),
  );
  assert.equal(tags.predict(rows.slice(0, 1)).length, 1);
  tags.dispose();
});

Records("fitStream reads chunks of rows of objects by the first chunk's names; the model keeps them", async () => {
  const options = { solver: "sgd", randomState: 0, shuffle: false };
  const chunks = [rows.slice(0, 15), rows.slice(15, 30).map(({ gpa, exam }) => ({ exam, gpa })), rows.slice(30)];
  const streamed = await fitStream(
    new SoftmaxRegression(options),
    chunks.map((X, k) => ({ X, y: y.slice(15 * k, 15 * k + X.length) })),
    { classes: ["admit", "reject"], bufferRows: 40 },
  );
  const plain = new SoftmaxRegression(options);
  plain.partialFit(X, y, { classes: ["admit", "reject"] });
  try {
    assert.equal(streamed.featureNames, ["gpa", "exam"]);
    assert.equal(streamed.toJSON().coef, plain.toJSON().coef, "the same steps as one partialFit over the rows");
    let failed = null;
    await fitStream(
      new SoftmaxRegression(options),
      [
        { X: X.slice(0, 20), y: y.slice(0, 20) },
        { X: rows.slice(20), y: y.slice(20) },
      ],
      {
        classes: ["admit", "reject"],
      },
    ).catch((error) => (failed = error));
    assert.instance(failed, TypeError);
    assert.match(failed.message, /chunk 1: X is rows of objects, but the stream started with rows of arrays/);
  } finally {
    streamed.dispose();
    plain.dispose();
  }
});

Records.run();
