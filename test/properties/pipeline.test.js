// Property suite over tables, OneHotEncoder, ColumnTransformer and Pipeline: typed errors only for
// careless input (rows of any shape, junk cells, junk options, junk saved forms); for well-formed
// tables, one-hot rows hold one 1 per encoded column (none for a dropped or ignored category),
// outputs are deterministic and survive a JSON round trip, a pipeline's predictions do not depend on
// the key order of rows of objects, and wasm memory is back at its baseline.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { junk, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";
import { parseCsv } from "../../dist/csv.js";

const { OneHotEncoder, ColumnTransformer, StandardScaler, Pipeline, SoftmaxRegression, loadModel, memoryStats } = wasmax;
const Props = suite("properties: tables, encoders and pipelines");
// Five L-BFGS iterations on random tables rarely converge: the warning would flood the report.
let warn;
Props.before(() => {
  warn = console.warn;
  console.warn = () => {};
});
Props.after(() => {
  console.warn = warn;
});

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "c", "Oslo", "") },
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.oneof(junk, fc.double()) },
);
/** Tables of any kind: rows of arrays or of objects, ragged or not, with junk cells; or junk. */
const table = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 6 }) },
  { weight: 4, arbitrary: fc.array(fc.dictionary(fc.constantFrom("x", "y", "z"), cell, { maxKeys: 3 }), { maxLength: 6 }) },
  { weight: 1, arbitrary: junk },
  { weight: 1, arbitrary: fc.array(cell, { maxLength: 4 }) },
);
/** Well-formed tables: rows of objects over columns city (text) and n (a number), at least one row. */
const goodRows = fc.array(fc.record({ city: fc.constantFrom("Oslo", "Rome", "Lima"), n: fc.integer({ min: -5, max: 5 }) }), {
  minLength: 1,
  maxLength: 12,
});
const encoderOptions = options({
  drop: fc.constantFrom(null, "first", "if_binary"),
  handleUnknown: fc.constantFrom("error", "ignore"),
  categories: fc.constantFrom("auto", [["a", "b"]], [[1, 2]]),
});

Props("OneHotEncoder: typed errors only; each encoded row holds at most one 1 per column, deterministically", () => {
  check(
    fc.property(table, table, encoderOptions, (fitX, X, opts) => {
      const encoder = outcome(() => new OneHotEncoder(opts), "new OneHotEncoder").value;
      if (!encoder || !outcome(() => encoder.fit(fitX), "fit").value) return;
      const out = outcome(() => encoder.transform(X), "transform").value;
      if (!out) return;
      const width = encoder.nOutputs;
      const rows = out.length / width || 0;
      for (let i = 0; i < rows; i++) {
        const ones = out.subarray(i * width, (i + 1) * width).reduce((s, v) => s + v, 0);
        assert.ok(ones <= encoder.categories.length, `row ${i} has ${ones} ones`);
      }
      assert.equal(Array.from(encoder.transform(X)), Array.from(out), "deterministic");
      const copy = outcome(() => OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON()))), "fromJSON").value;
      assert.equal(Array.from(copy.transform(X)), Array.from(out), "JSON round trip");
    }),
  );
});

Props("ColumnTransformer: typed errors only for any entries and tables; auto mode on good rows: one-hot sums to 1", () => {
  const selector = fc.oneof(fc.constantFrom("x", "y", "z", "city", "n", 0, 1, 5, -1), junk);
  const step = fc.oneof(
    fc.constantFrom("drop", "passthrough"),
    fc.constant(null).map(() => new StandardScaler()),
    junk,
  );
  const entry = fc.tuple(fc.constantFrom("a", "b", ""), step, fc.oneof(fc.array(selector, { maxLength: 2 }), junk));
  check(
    fc.property(
      fc.oneof(fc.array(entry, { maxLength: 3 }), junk),
      table,
      options({ remainder: fc.constantFrom("drop", "passthrough") }),
      (entries, X, opts) => {
        const ct = outcome(() => new ColumnTransformer(entries, opts), "new ColumnTransformer").value;
        if (ct && outcome(() => ct.fit(X), "fit").value) outcome(() => ct.transform(X), "transform");
      },
    ),
  );
  check(
    fc.property(goodRows, (rows) => {
      const ct = ColumnTransformer.auto({ handleUnknown: "ignore" }).fit(rows);
      const out = ct.transform(rows);
      const width = ct.nOutputs;
      const cities = ct.describe()[0].outputs;
      for (let i = 0; i < rows.length; i++)
        assert.is(
          out.subarray(i * width, i * width + cities).reduce((s, v) => s + v, 0),
          1,
        );
      outcome(
        () => ColumnTransformer.fromJSON({ ...ct.toJSON(), transformers: [{ name: "a", step: "passthrough", columns: [7] }] }),
        "fromJSON",
      );
    }),
  );
});

Props("Pipeline: typed errors only, memory at baseline; on good rows, key order does not matter and loadModel predicts the same", () => {
  check(
    fc.property(table, fc.oneof(fc.array(fc.constantFrom("p", "q"), { maxLength: 6 }), junk), table, (X, y, T) => {
      const baseline = memoryStats().allocatedBytes;
      const pipe = new Pipeline([ColumnTransformer.auto({ handleUnknown: "ignore" }), new SoftmaxRegression({ maxIter: 5 })]);
      try {
        if (outcome(() => pipe.fit(X, y), "fit").value) {
          outcome(() => pipe.predict(T), "predict");
          outcome(() => pipe.predictProba(T), "predictProba");
          outcome(() => pipe.score(T, y), "score");
        }
      } finally {
        pipe.dispose();
      }
      atBaseline(baseline, "Pipeline");
    }),
    { runs: 150, fresh: 100 },
  );
  check(
    fc.property(goodRows, (rows) => {
      const y = rows.map((r, i) => (r.n > 0 || i === 0 ? "p" : "q"));
      if (new Set(y).size < 2) return;
      const pipe = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression({ maxIter: 5 })]).fit(rows, y);
      const copy = loadModel(JSON.stringify(pipe.toJSON()));
      try {
        const flipped = rows.map(({ city, n }) => ({ n, city }));
        assert.equal(Array.from(pipe.predictProba(flipped)), Array.from(pipe.predictProba(rows)));
        assert.equal(Array.from(copy.predictProba(rows)), Array.from(pipe.predictProba(rows)));
      } finally {
        pipe.dispose();
        copy.dispose();
      }
    }),
    { runs: 100, fresh: 50 },
  );
});

Props("loadModel and Pipeline.fromJSON: junk saved forms give typed errors and leave no wasm memory behind", () => {
  const pipe = new Pipeline([new StandardScaler(), new SoftmaxRegression()]).fit(
    [
      [0, 1],
      [1, 0],
      [2, 2],
    ],
    ["a", "b", "a"],
  );
  const saved = pipe.toJSON();
  pipe.dispose();
  const field = fc.constantFrom("format", "version", "featureNames", "steps");
  check(
    fc.property(
      field,
      fc.oneof(junk, fc.array(junk, { maxLength: 3 })),
      fc.constantFrom("wasmax/Pipeline", "wasmax/cli-model", "wasmax/cli-text-model"),
      (key, value, format) => {
        const baseline = memoryStats().allocatedBytes;
        const loaded = outcome(() => loadModel({ ...saved, format, [key]: value }), "loadModel").value;
        loaded?.dispose();
        atBaseline(baseline, "loadModel");
      },
    ),
  );
});

Props("parseCsv with rows 'objects': typed errors only; each row names every feature column; text columns hold strings", () => {
  const field = fc.oneof(fc.constantFrom("1", "2.5", "-3", "x", "Oslo", "", '"4"', "NaN", "1e39"), fc.string({ maxLength: 3 }));
  const text = fc
    .array(
      fc.array(field, { minLength: 1, maxLength: 3 }).map((r) => r.join(",")),
      { maxLength: 5 },
    )
    .map((lines) => lines.join("\n"));
  check(
    fc.property(fc.oneof(text, junk), fc.constantFrom(undefined, "a", 0, "nope"), (csv, label) => {
      const table = outcome(() => parseCsv(csv, { rows: "objects", ...(label === undefined ? {} : { label }) }), "parseCsv").value;
      if (!table) return;
      for (const row of table.X) {
        // Sorted: an object lists integer-like keys ("1") first, whatever the header's order.
        assert.equal(Object.keys(row).sort(), [...table.featureNames].sort());
        for (const name of table.featureNames) {
          const v = row[name];
          if (table.textColumns.includes(name)) assert.type(v, "string");
          else assert.ok(typeof v === "string" ? v === "" : Number.isFinite(v), `${name}: ${v}`);
        }
      }
    }),
  );
});

Props.run();
