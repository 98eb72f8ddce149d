import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";

const { ColumnTransformer, OneHotEncoder, StandardScaler, NotFittedError } = wasmax;
const fixture = JSON.parse(readFileSync(new URL("../fixtures/pipeline.json", import.meta.url), "utf8"));
const records = (rows) => rows.map((r) => Object.fromEntries(fixture.columns.map((c, j) => [c, r[j]])));
const Columns = suite("ColumnTransformer");

Columns("matches scikit-learn 1.2 (one-hot city and tier, scale gpa and exam), by index and by name", () => {
  const expected = fixture.columnTransformer.transformed.flat();
  const byIndex = new ColumnTransformer([
    ["onehot", new OneHotEncoder({ handleUnknown: "ignore" }), [2, 3]],
    ["scale", new StandardScaler(), [0, 1]],
  ]).fit(fixture.train);
  const byName = new ColumnTransformer([
    ["onehot", new OneHotEncoder({ handleUnknown: "ignore" }), ["city", "tier"]],
    ["scale", new StandardScaler(), ["gpa", "exam"]],
  ]).fit(records(fixture.train));
  for (const [what, got] of [
    ["by index", byIndex.transform(fixture.test)],
    ["by name", byName.transform(records(fixture.test))],
  ]) {
    assert.is(got.length, expected.length, what);
    got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 2e-6, `${what}: value ${i}: ${v} vs ${expected[i]}`));
  }
  assert.equal(byName.featureNamesOut().slice(0, 5), ["city_Lima", "city_Oslo", "city_Paris", "city_Rome", "tier_1"]);
  assert.equal(byName.featureNamesOut().slice(-2), ["gpa", "exam"]);
});

Columns("the given steps are fitted in place; remainder drop or passthrough; 'drop' and 'passthrough' entries", () => {
  const scaler = new StandardScaler();
  const rows = [
    { a: 1, b: "x", c: 10 },
    { a: 3, b: "y", c: 20 },
  ];
  const passing = new ColumnTransformer([["scale", scaler, ["a"]]], { remainder: "passthrough" });
  rejects(() => passing.fit(rows), TypeError, /X \(remainder\): column "b" holds text \("x" in row 0\).*one-hot encode it/);
  assert.is(scaler.mean, null, "a failed fit leaves the step unfitted");
  const ct = new ColumnTransformer([["scale", scaler, ["a"]]], { remainder: "passthrough" }).fit(rows.map(({ a, c }) => ({ a, c })));
  assert.equal(Array.from(scaler.mean), [2]);
  assert.equal(Array.from(ct.transform([{ a: 2, c: 5 }])), [0, 5]);
  assert.equal(ct.describe().at(-1), { name: "remainder", kind: "passthrough", columns: ["c"], outputs: 1 });
  const kept = new ColumnTransformer([
    ["keep", "passthrough", ["c"]],
    ["gone", "drop", ["b"]],
    ["scale", new StandardScaler(), ["a"]],
  ]).fit(rows);
  assert.equal(Array.from(kept.transform(rows)), [10, -1, 20, 1]);
  assert.equal(kept.featureNamesOut(), ["c", "a"]);
  assert.equal(
    kept.describe().map((t) => [t.kind, t.columns, t.outputs]),
    [
      ["passthrough", ["c"], 1],
      ["drop", ["b"], 0],
      ["scale", ["a"], 1],
    ],
  );
});

Columns("auto: text columns one-hot encoded, numbers scaled, and describe() says which", () => {
  const ct = ColumnTransformer.auto().fit(records(fixture.train));
  assert.equal(
    ct.describe().map((t) => [t.name, t.kind, t.columns]),
    [
      ["onehot", "onehot", ["city"]],
      ["scale", "scale", ["gpa", "exam", "tier"]],
    ],
  );
  assert.is(ct.nOutputs, 4 + 3);
  const plain = ColumnTransformer.auto({ scale: false, handleUnknown: "ignore" }).fit(records(fixture.train));
  assert.equal(plain.describe()[1].kind, "passthrough");
  const out = plain.transform(records(fixture.test).slice(0, 1)); // Kyiv: unknown, all zeros
  assert.equal(Array.from(out.subarray(0, 4)), [0, 0, 0, 0]);
  rejects(() => ct.transform(records(fixture.test)), RangeError, /"Kyiv" is not a category seen at fit/);
  rejects(() => ColumnTransformer.auto({ text: "hash" }), TypeError, /text/);
});

Columns("a failed fit leaves the ColumnTransformer and its steps as they were", () => {
  const scaler = new StandardScaler().fit([[5], [7]]);
  const ct = new ColumnTransformer([
    ["scale", scaler, ["a"]],
    ["onehot", new OneHotEncoder(), ["b"]],
  ]).fit([
    { a: 1, b: "x" },
    { a: 3, b: "y" },
  ]);
  const before = JSON.stringify(ct.toJSON());
  rejects(
    () =>
      ct.fit([
        { a: 100, b: "x" },
        { a: 200, b: 1 },
      ]),
    TypeError,
    /mixes numbers and strings/,
  );
  assert.is(JSON.stringify(ct.toJSON()), before);
  assert.equal(Array.from(scaler.mean), [2]);
});

Columns("bad entries and columns: typed errors that name them", () => {
  rejects(() => new ColumnTransformer([]), RangeError, /at least one/);
  rejects(() => new ColumnTransformer([["a", new StandardScaler()]]), TypeError, /transformers\[0\] must be \[name, step, columns\]/);
  rejects(() => new ColumnTransformer([["a", "scale", ["x"]]]), TypeError, /OneHotEncoder, a StandardScaler/);
  rejects(
    () =>
      new ColumnTransformer([
        ["a", "drop", ["x"]],
        ["a", "drop", ["y"]],
      ]),
    RangeError,
    /used twice/,
  );
  rejects(() => new ColumnTransformer([["a", "drop", []]]), TypeError, /non-empty array/);
  const twice = new ColumnTransformer([
    ["a", "passthrough", ["x"]],
    ["b", "passthrough", [0]],
  ]);
  rejects(() => twice.fit([{ x: 1 }]), RangeError, /column "x" is in both a and b/);
  rejects(() => new ColumnTransformer([["a", "passthrough", ["nope"]]]).fit([{ x: 1 }]), RangeError, /no column "nope" \(columns: x\)/);
  rejects(() => new ColumnTransformer([["a", "passthrough", ["x"]]]).fit([[1]]), TypeError, /is a name, but X has no column names/);
  rejects(() => new ColumnTransformer([["a", "passthrough", [3]]]).fit([[1]]), RangeError, /index 3 is out of range/);
  rejects(() => new ColumnTransformer([["a", "passthrough", [0]]], { remainder: "scale" }), RangeError, /remainder/);
  rejects(() => new ColumnTransformer([["a", "passthrough", [0]]]).transform([[1]]), NotFittedError);
});

Columns("toJSON / fromJSON round trip; saved forms are checked", () => {
  const ct = ColumnTransformer.auto({ handleUnknown: "ignore" }).fit(records(fixture.train));
  const copy = ColumnTransformer.fromJSON(JSON.parse(JSON.stringify(ct.toJSON())));
  const rows = records(fixture.test);
  assert.equal(Array.from(copy.transform(rows)), Array.from(ct.transform(rows)));
  assert.equal(copy.describe(), ct.describe());
  const saved = ct.toJSON();
  rejects(() => ColumnTransformer.fromJSON({ ...saved, format: "x" }), TypeError, /not a wasmax\/ColumnTransformer/);
  rejects(() => ColumnTransformer.fromJSON({ ...saved, nFeaturesIn: 0 }), TypeError, /nFeaturesIn/);
  const bad = { ...saved, transformers: [{ ...saved.transformers[0], columns: [9] }] };
  rejects(() => ColumnTransformer.fromJSON(bad), RangeError, /columns must be indices in \[0, 4\)/);
  const wide = { ...saved, transformers: [{ ...saved.transformers[0], columns: [0, 1] }] };
  rejects(() => ColumnTransformer.fromJSON(wide), RangeError, /takes 1 columns but lists 2/);
  const foreign = { ...saved, transformers: [{ ...saved.transformers[0], step: { format: "wasmax/Nope" } }] };
  rejects(() => ColumnTransformer.fromJSON(foreign), TypeError, /transformers\[0\].step: expected a saved OneHotEncoder/);
});

Columns.run();
