import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";

const {
  Pipeline,
  makePipeline,
  ColumnTransformer,
  OneHotEncoder,
  StandardScaler,
  SoftmaxRegression,
  MLPClassifier,
  MultiLabelLogisticRegression,
  HashingVectorizer,
  TfidfTransformer,
  loadModel,
  NotFittedError,
  DisposedError,
} = wasmax;
const fixture = JSON.parse(readFileSync(new URL("../fixtures/pipeline.json", import.meta.url), "utf8"));
const records = (rows) => rows.map((r) => Object.fromEntries(fixture.columns.map((c, j) => [c, r[j]])));
const Pipe = suite("Pipeline");
checkMemory(Pipe);

/** scikit-learn's pipeline of the fixture: one-hot city, scale the rest, multinomial logistic regression. */
const fixturePipeline = () =>
  new Pipeline([
    new ColumnTransformer([
      ["onehot", new OneHotEncoder({ handleUnknown: "ignore" }), ["city"]],
      ["scale", new StandardScaler(), ["gpa", "exam", "tier"]],
    ]),
    new SoftmaxRegression({ maxIter: 1000, tol: 1e-9 }),
  ]);

Pipe("matches scikit-learn 1.2's Pipeline(ColumnTransformer, LogisticRegression) on rows of objects", () => {
  const pipe = fixturePipeline().fit(records(fixture.train), fixture.y);
  try {
    assert.equal(pipe.classes, fixture.pipeline.classes);
    const proba = pipe.predictProba(records(fixture.test));
    const expected = fixture.pipeline.proba.flat();
    proba.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) <= 1e-4, `probability ${i}: ${p} vs scikit-learn ${expected[i]}`));
    assert.equal(pipe.predict(records(fixture.test)), fixture.pipeline.predicted);
    assert.equal(pipe.featureNames, fixture.columns);
  } finally {
    pipe.dispose();
  }
});

Pipe("rows of objects are read by name: key order does not matter; a missing or extra column is refused by name", () => {
  const pipe = fixturePipeline().fit(records(fixture.train), fixture.y);
  try {
    const rows = records(fixture.test);
    const shuffled = rows.map(({ tier, city, exam, gpa }) => ({ tier, city, exam, gpa }));
    assert.equal(Array.from(pipe.predictProba(shuffled)), Array.from(pipe.predictProba(rows)));
    assert.equal(pipe.predict(fixture.test), pipe.predict(rows), "rows of arrays: in the order fit saw");
    rejects(() => pipe.predict([{ gpa: 3, exam: 80, city: "Oslo" }]), RangeError, /X\[0\] has no column "tier"/);
    rejects(() => pipe.predict([{ ...rows[0], major: "CS" }]), RangeError, /X\[0\] has a column "major" that is not one of/);
    rejects(() => pipe.predict(rows[0]), TypeError, /X is one row \(an object\), not rows: wrap it in \[row\]/);
    rejects(() => pipe.predict(fixture.test[0]), TypeError, /X is one row \(an array of 4 values\).*wrap it in \[row\]/);
    assert.equal(pipe.predict([rows[0]]), [pipe.predict(rows)[0]]);
    assert.equal(pipe.predict([]), []);
    assert.is(pipe.predictProba([]).length, 0);
  } finally {
    pipe.dispose();
  }
});

Pipe("makePipeline(StandardScaler, model) on a matrix predicts exactly as the scaler and model used by hand", () => {
  const X = fixture.train.map((r) => [r[0], r[1], r[3]]);
  const options = { hiddenLayerSizes: [8], solver: "adam", maxIter: 20, tol: 0, randomState: 1 };
  const pipe = makePipeline(new StandardScaler(), new MLPClassifier(options)).fit(X, fixture.y);
  const scaler = new StandardScaler().fit(X);
  const model = new MLPClassifier(options).fit(scaler.transform(X), fixture.y, { features: 3 });
  try {
    const T = fixture.test.map((r) => [r[0], r[1], r[3]]);
    assert.equal(Array.from(pipe.predictProba(T)), Array.from(model.predictProba(scaler.transform(T))));
    assert.equal(Array.from(pipe.predictLogProba(T)), Array.from(model.predictLogProba(scaler.transform(T))));
    assert.equal(Array.from(pipe.decisionFunction(T)), Array.from(model.decisionFunction(scaler.transform(T))));
    assert.equal(pipe.predictTopK(T, 2), model.predictTopK(scaler.transform(T), 2));
    assert.is(pipe.score(T, pipe.predict(T)), 1);
    assert.is(pipe.featureNames, null);
    assert.equal(Array.from(pipe.transform(T)), Array.from(scaler.transform(T)));
    const typed = Float64Array.from(T.flat());
    assert.equal(pipe.predict(typed), pipe.predict(T), "a typed matrix: the width is the first step's");
    rejects(
      () => pipe.predict([{ gpa: 1, exam: 2, tier: 3 }]),
      TypeError,
      /fit on rows of arrays, so it has no column names; pass rows of arrays/,
    );
  } finally {
    pipe.dispose();
    model.dispose();
  }
});

Pipe("rows of objects straight into a scaler pipeline: numbers by name; text names its column and the fix", () => {
  const rows = records(fixture.train).map(({ gpa, exam }) => ({ gpa, exam }));
  const pipe = new Pipeline([new StandardScaler(), new SoftmaxRegression()]).fit(rows, fixture.y);
  try {
    assert.equal(pipe.featureNames, ["gpa", "exam"]);
    assert.equal(pipe.predict([{ exam: 95, gpa: 3.9 }]), pipe.predict([[3.9, 95]]));
    const bad = new Pipeline([new StandardScaler(), new SoftmaxRegression()]);
    rejects(() => bad.fit(records(fixture.train), fixture.y), TypeError, /column "city" holds text \("\w+" in row 0\).*one-hot encode it/);
  } finally {
    pipe.dispose();
  }
});

Pipe("toJSON / loadModel: the same predictions, bit for bit, and the column names kept", () => {
  const pipe = fixturePipeline().fit(records(fixture.train), fixture.y);
  const text = JSON.stringify(pipe.toJSON());
  const copy = loadModel(text);
  try {
    assert.ok(copy instanceof Pipeline);
    assert.equal(copy.featureNames, fixture.columns);
    const rows = records(fixture.test);
    assert.equal(Array.from(copy.predictProba(rows)), Array.from(pipe.predictProba(rows)));
    assert.is(JSON.stringify(copy.toJSON()), text);
    const read = Pipeline.fromJSON(JSON.parse(text));
    assert.equal(read.toJSON(), JSON.parse(text), "fromJSON reads it too");
    read.dispose();
  } finally {
    pipe.dispose();
    copy.dispose();
  }
});

Pipe("saved pipelines are checked step by step, widths included", () => {
  const pipe = fixturePipeline().fit(records(fixture.train), fixture.y);
  const saved = pipe.toJSON();
  pipe.dispose();
  rejects(() => Pipeline.fromJSON({ ...saved, version: 3 }), TypeError, /version 3/);
  rejects(() => Pipeline.fromJSON({ ...saved, steps: [] }), TypeError, /steps must be a non-empty array/);
  rejects(() => Pipeline.fromJSON({ ...saved, featureNames: ["a", "a", "b", "c"] }), RangeError, /names a column twice/);
  rejects(
    () => Pipeline.fromJSON({ ...saved, featureNames: ["a", "b"] }),
    RangeError,
    /steps\[0\] takes 4 columns but featureNames names 2/,
  );
  rejects(
    () => Pipeline.fromJSON({ ...saved, steps: [{ format: "wasmax/Nope" }, saved.steps[1]] }),
    TypeError,
    /steps\[0\]: format is "wasmax\/Nope"/,
  );
  const narrow = new StandardScaler().fit([[1, 2]]).toJSON();
  rejects(
    () => Pipeline.fromJSON({ ...saved, featureNames: null, steps: [narrow, saved.steps[1]] }),
    RangeError,
    /the model takes 7 features but the step before gives 2/,
  );
  rejects(
    () => Pipeline.fromJSON({ ...saved, steps: [saved.steps[1], saved.steps[0]] }),
    TypeError,
    /steps\[0\]: format is "wasmax\/SoftmaxRegression"/,
  );
});

Pipe("a failed fit leaves every step as it was", () => {
  const pipe = makePipeline(new StandardScaler(), new SoftmaxRegression()).fit([[0], [2], [4], [6]], ["a", "a", "b", "b"]);
  try {
    const before = JSON.stringify(pipe.toJSON());
    rejects(() => pipe.fit([[100], [200]], ["a", "a"]), RangeError, /single class/);
    rejects(() => pipe.fit([[100], [NaN]], ["a", "b"]), RangeError, /NaN/);
    assert.is(JSON.stringify(pipe.toJSON()), before);
  } finally {
    pipe.dispose();
  }
});

Pipe("texts: HashingVectorizer and TfidfTransformer before the model", () => {
  const texts = ["good fun film", "great fun", "dull slow film", "bad dull plot", "fun and good", "slow and bad"];
  const y = ["pos", "pos", "neg", "neg", "pos", "neg"];
  const pipe = new Pipeline([new HashingVectorizer({ nFeatures: 64 }), new TfidfTransformer(), new SoftmaxRegression()]).fit(texts, y);
  const copy = loadModel(pipe.toJSON());
  try {
    assert.equal(pipe.predict(["good fun", "dull and bad"]), ["pos", "neg"]);
    assert.equal(Array.from(copy.predictProba(texts)), Array.from(pipe.predictProba(texts)));
  } finally {
    pipe.dispose();
    copy.dispose();
  }
});

Pipe("label sets: a multi-label model last", () => {
  const rows = [{ a: "x" }, { a: "y" }, { a: "z" }, { a: "x" }];
  const y = [["p"], ["q"], ["p", "q"], ["p"]];
  const pipe = new Pipeline([new OneHotEncoder(), new MultiLabelLogisticRegression({ C: 100 })]).fit(rows, y);
  try {
    assert.equal(pipe.predict([{ a: "z" }]), [["p", "q"]]);
    assert.is(pipe.score(rows, y), 1);
  } finally {
    pipe.dispose();
  }
});

Pipe("the steps: data steps then one model, each once; NotFittedError before fit, DisposedError after dispose", () => {
  rejects(() => new Pipeline([]), TypeError, /non-empty array of steps/);
  rejects(() => new Pipeline([new StandardScaler()]), TypeError, /the last step must be a model/);
  rejects(() => new Pipeline([new SoftmaxRegression(), new SoftmaxRegression()]), TypeError, /steps\[0\] must be a StandardScaler/);
  const scaler = new StandardScaler();
  rejects(() => new Pipeline([scaler, scaler, new SoftmaxRegression()]), TypeError, /steps\[1\] is also steps\[0\]/);
  rejects(() => new Pipeline("scaler"), TypeError, /non-empty array/);
  rejects(
    () => new Pipeline([new SoftmaxRegression()], { memory: true }),
    TypeError,
    /Pipeline takes one argument, the array of steps \(it has no options\)/,
  );
  const pipe = new Pipeline([new StandardScaler(), new SoftmaxRegression()]);
  rejects(() => pipe.predict([[1]]), NotFittedError);
  rejects(() => pipe.toJSON(), NotFittedError);
  rejects(() => pipe.fit([[1], [2]], ["a", "b"], { epochs: 3 }), TypeError, /epochs/);
  pipe.fit([[1], [2]], ["a", "b"]);
  assert.ok(pipe.isFitted);
  pipe.dispose();
  assert.not.ok(pipe.isFitted);
  rejects(() => pipe.predict([[1]]), DisposedError);
});

Pipe.run();
