import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";

const { OneHotEncoder, NotFittedError } = wasmax;
const fixture = JSON.parse(readFileSync(new URL("../fixtures/pipeline.json", import.meta.url), "utf8"));
const Encoder = suite("OneHotEncoder");

/** The [city, tier] cells of fixture rows. */
const categorical = (rows) => rows.map((r) => [r[2], r[3]]);
const asRecords = (rows) => rows.map((r) => ({ city: r[2], tier: r[3] }));
const known = fixture.test.filter((r) => ["Oslo", "Rome", "Paris", "Lima"].includes(r[2]) && [1, 2, 3].includes(r[3]));
const pair = (r) => ["Oslo", "Rome"].includes(r[2]);
/** The rows each fixture case was fit and applied on (scripts/make-pipeline-fixtures.py). */
const CASE_ROWS = [
  [fixture.train, known],
  [fixture.train, known],
  [fixture.train.filter(pair), known.filter(pair)],
  [fixture.train, fixture.test],
  [fixture.train, fixture.test],
  [fixture.train, fixture.test],
];

fixture.encoders.forEach((c, i) => {
  Encoder(`matches scikit-learn 1.2: ${JSON.stringify(c.options)}`, () => {
    const [fitRows, rows] = CASE_ROWS[i];
    for (const form of ["arrays", "objects"]) {
      const read = form === "arrays" ? categorical : asRecords;
      const encoder = new OneHotEncoder(c.options).fit(read(fitRows));
      assert.equal(encoder.categories, c.categories, `${form}: categories`);
      const out = encoder.transform(read(rows));
      assert.equal(Array.from(out), c.transformed.flat(), `${form}: transformed`);
      assert.is(encoder.nOutputs, c.transformed[0].length);
      if (form === "objects") assert.equal(encoder.featureNamesOut(), c.featureNamesOut);
    }
  });
});

Encoder("an unknown category: a RangeError naming the row, column and value (handleUnknown error)", () => {
  const encoder = new OneHotEncoder().fit([{ city: "Oslo" }, { city: "Rome" }]);
  rejects(
    () => encoder.transform([{ city: "Rome" }, { city: "Kyiv" }]),
    RangeError,
    /X\[1\], column "city": "Kyiv" is not a category/,
    /handleUnknown/,
  );
});

Encoder("given categories: fit data outside them is refused unless ignored; numbers must ascend", () => {
  rejects(() => new OneHotEncoder({ categories: [["a"]] }).fit([["a"], ["b"]]), RangeError, /not in options.categories: "b"/);
  const ignoring = new OneHotEncoder({ categories: [["b", "a"]], handleUnknown: "ignore" }).fit([["a"], ["c"]]);
  assert.equal(Array.from(ignoring.transform([["a"], ["b"], ["c"]])), [0, 1, 1, 0, 0, 0]);
  rejects(() => new OneHotEncoder({ categories: [[2, 1]] }), RangeError, /ascending/);
  rejects(() => new OneHotEncoder({ categories: [["a", "a"]] }), RangeError, /duplicates/);
  rejects(() => new OneHotEncoder({ categories: [["a"], ["b"]] }).fit([["a"]]), RangeError, /2 lists but X has 1 columns/);
});

Encoder("bad input and options: typed errors that name what is wrong", () => {
  rejects(() => new OneHotEncoder({ drop: "last" }), RangeError, /drop must be 'first', 'if_binary'/);
  rejects(() => new OneHotEncoder({ handleUnknown: "warn" }), RangeError, /handleUnknown/);
  rejects(() => new OneHotEncoder({ sparse: true }), TypeError, /sparse/);
  rejects(() => new OneHotEncoder().fit([["a"], [1]]), TypeError, /mixes numbers and strings/);
  rejects(() => new OneHotEncoder().fit([[NaN]]), RangeError, /row 0 is NaN/);
  rejects(() => new OneHotEncoder().fit([["a"], [null]]), TypeError, /X\[1\]\[0\] must be a number or a string, got null/);
  rejects(
    () => new OneHotEncoder().fit([{ a: "x" }, { a: undefined }]),
    TypeError,
    /X\[1\]\.a must be a number or a string, got undefined$/,
  );
  rejects(() => new OneHotEncoder().fit(["a", "b"]), TypeError, /one row .*wrap it in \[row\]/);
  rejects(() => new OneHotEncoder().fit([]), RangeError, /at least one row/);
  rejects(() => new OneHotEncoder().transform([["a"]]), NotFittedError);
  const encoder = new OneHotEncoder().fit([{ a: "x", b: 1 }]);
  rejects(() => encoder.transform([{ a: "x" }]), RangeError, /no column "b"/);
  rejects(() => encoder.transform([{ a: "x", b: 1, c: 2 }]), RangeError, /a column "c" that is not one of the columns it was fit on/);
});

Encoder("drop 'first' of a one-category column leaves no output column; unknowns with drop are all zeros", () => {
  const encoder = new OneHotEncoder({ drop: "first", handleUnknown: "ignore" }).fit([
    ["a", "x"],
    ["a", "y"],
  ]);
  assert.is(encoder.nOutputs, 1);
  assert.equal(encoder.featureNamesOut(), ["x1_y"]);
  assert.equal(
    Array.from(
      encoder.transform([
        ["a", "y"],
        ["b", "x"],
        ["c", "z"],
      ]),
    ),
    [1, 0, 0],
  );
});

Encoder("typed arrays: numeric codes with features", () => {
  const encoder = new OneHotEncoder().fit(Float64Array.of(1, 5, 2, 5, 1, 6), 2);
  assert.equal(encoder.categories, [
    [1, 2],
    [5, 6],
  ]);
  assert.equal(Array.from(encoder.transform(Float32Array.of(2, 6))), [0, 1, 0, 1]);
});

Encoder("toJSON / fromJSON round trip; saved forms are checked", () => {
  const encoder = new OneHotEncoder({ drop: "if_binary", handleUnknown: "ignore" }).fit(asRecords(fixture.train));
  const copy = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
  const rows = asRecords(fixture.test);
  assert.equal(Array.from(copy.transform(rows)), Array.from(encoder.transform(rows)));
  assert.equal(copy.featureNamesOut(), encoder.featureNamesOut());
  const saved = encoder.toJSON();
  rejects(() => OneHotEncoder.fromJSON({ ...saved, format: "x" }), TypeError, /not a wasmax\/OneHotEncoder/);
  rejects(() => OneHotEncoder.fromJSON({ ...saved, version: 2 }), TypeError, /version 2/);
  rejects(() => OneHotEncoder.fromJSON({ ...saved, categories: [["a"], []] }), TypeError, /categories\[1\]/);
  rejects(() => OneHotEncoder.fromJSON({ ...saved, featureNamesIn: ["a"] }), TypeError, /featureNamesIn/);
  rejects(() => OneHotEncoder.fromJSON({ ...saved, options: { ...saved.options, drop: 3 } }), TypeError, /OneHotEncoder.fromJSON: drop/);
  rejects(() => new OneHotEncoder().toJSON(), NotFittedError);
});

Encoder.run();
