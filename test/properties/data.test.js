// Property suite over the helpers that work before init() (metrics, split, scaler, encoder, CSV)
// and the loading calls once loaded: typed errors only, never an engine error that names nothing.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { parseCsv } from "../../dist/csv.js";
import { anyNumber, junk, options } from "./arbitraries.js";
import { check, outcome } from "./properties.js";

const {
  accuracy,
  logLoss,
  confusionMatrix,
  classificationReport,
  topKAccuracy,
  trainTestSplit,
  StandardScaler,
  LabelEncoder,
  init,
  initSync,
  backend,
  MultiLabelBinarizer,
  hammingLoss,
  subsetAccuracy,
  precisionScore,
  recallScore,
  f1Score,
  multiLabelReport,
  averagePrecision,
  labelRankingAveragePrecision,
  coverageError,
  labelRankingLoss,
  configure,
} = wasmax;
const Data = suite("properties: data helpers and loading");

const labels = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 8 }) },
  { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.oneof(junk, fc.array(fc.oneof(junk, anyNumber), { maxLength: 4 })) },
);
const scores = fc.oneof(
  fc.array(fc.array(anyNumber, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
  fc.array(fc.array(anyNumber, { maxLength: 4 }), { maxLength: 8 }),
  fc.array(anyNumber, { maxLength: 24 }).map((v) => Float64Array.from(v)),
  junk,
);

Data("metrics: typed errors only; scores in [0, 1] for valid input", () => {
  check(
    fc.property(
      labels,
      labels,
      scores,
      fc.oneof(fc.constant(["a", "b", "c"]), fc.constant([0, 1, 2]), junk),
      fc.oneof(fc.integer({ min: -1, max: 4 }), junk),
      (yTrue, yPred, s, classes, k) => {
        const acc = outcome(() => accuracy(yTrue, yPred), "accuracy").value;
        if (acc !== undefined && !Number.isNaN(acc)) assert.ok(acc >= 0 && acc <= 1);
        outcome(() => confusionMatrix(yTrue, yPred), "confusionMatrix");
        outcome(() => confusionMatrix(yTrue, yPred, classes), "confusionMatrix with labels");
        outcome(() => classificationReport(yTrue, yPred), "classificationReport");
        const ll = outcome(() => logLoss(yTrue, s, classes), "logLoss").value;
        if (ll !== undefined && yTrue.length > 0) assert.ok(ll >= 0, `logLoss ${ll}`);
        const top = outcome(() => topKAccuracy(yTrue, s, classes, k), "topKAccuracy").value;
        if (top !== undefined && !Number.isNaN(top)) assert.ok(top >= 0 && top <= 1);
      },
    ),
  );
});

Data("trainTestSplit, StandardScaler, LabelEncoder: typed errors only; splits are partitions", () => {
  const valid = {
    testSize: fc.oneof(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 1, max: 5 })),
    stratify: fc.boolean(),
    shuffle: fc.boolean(),
    randomState: fc.integer(),
  };
  const rows = fc.oneof(fc.array(fc.array(anyNumber, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), junk);
  check(
    fc.property(rows, labels, options(valid), (X, y, opts) => {
      const split = outcome(() => trainTestSplit(X, y, opts), "trainTestSplit").value;
      if (split) {
        assert.ok(split.XTrain.length > 0 && split.XTest.length > 0, "neither part is empty");
        const all = [...split.trainIndex, ...split.testIndex].sort((a, b) => a - b);
        assert.equal(
          all,
          X.map((_, i) => i),
          "train and test partition the rows",
        );
      }
      const scaler = outcome(() => new StandardScaler().fit(X), "StandardScaler.fit").value;
      if (scaler) {
        const t = outcome(() => scaler.transform(X), "transform").value;
        if (t) assert.ok(t.every(Number.isFinite), "finite in, finite out");
        outcome(() => StandardScaler.fromJSON({ ...scaler.toJSON(), scale: y }), "StandardScaler.fromJSON");
      }
      const encoder = outcome(() => new LabelEncoder().fit(y), "LabelEncoder.fit").value;
      if (encoder) outcome(() => encoder.inverseTransform(X), "inverseTransform");
    }),
  );
});

Data("label-set metrics and MultiLabelBinarizer: typed errors only; scores in [0, 1]", () => {
  const labelSets = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.subarray(["a", "b", "c", "d"]), { maxLength: 6 }) },
    { weight: 2, arbitrary: fc.array(fc.array(fc.constantFrom(0, 1), { minLength: 3, maxLength: 3 }), { maxLength: 6 }) },
    { weight: 2, arbitrary: labels },
    {
      weight: 1,
      arbitrary: fc.oneof(junk, fc.array(fc.oneof(junk, fc.array(fc.oneof(junk, fc.constant("a")), { maxLength: 2 })), { maxLength: 3 })),
    },
  );
  const average = fc.oneof(fc.constantFrom("micro", "macro", "weighted", "samples", "none"), junk);
  check(
    fc.property(labelSets, labelSets, average, (yTrue, yPred, avg) => {
      for (const [name, fn] of [
        ["hammingLoss", hammingLoss],
        ["subsetAccuracy", subsetAccuracy],
      ]) {
        const v = outcome(() => fn(yTrue, yPred), name).value;
        if (v !== undefined && !Number.isNaN(v)) assert.ok(v >= 0 && v <= 1, `${name} ${v}`);
      }
      for (const [name, fn] of [
        ["precisionScore", precisionScore],
        ["recallScore", recallScore],
        ["f1Score", f1Score],
      ]) {
        const v = outcome(() => fn(yTrue, yPred, { average: avg }), name).value;
        const values = v === undefined ? [] : typeof v === "number" ? [v] : v.perLabel;
        for (const x of values) if (!Number.isNaN(x)) assert.ok(x >= 0 && x <= 1, `${name} ${x}`);
      }
      outcome(() => multiLabelReport(yTrue, yPred), "multiLabelReport");
      const scores = Array.isArray(yTrue) ? yTrue.map((_, i) => [0.1 * i, 0.5, 1 - 0.1 * i, 0.3]) : junk;
      for (const [name, fn] of [
        ["labelRankingAveragePrecision", labelRankingAveragePrecision],
        ["labelRankingLoss", labelRankingLoss],
      ]) {
        const v = outcome(() => fn(yTrue, scores, ["a", "b", "c", "d"]), name).value;
        if (v !== undefined && !Number.isNaN(v)) assert.ok(v >= 0 && v <= 1, `${name} ${v}`);
      }
      outcome(() => coverageError(yTrue, scores), "coverageError");
      outcome(() => averagePrecision(yTrue, scores, { average: avg, classes: ["a", "b", "c", "d"] }), "averagePrecision");
      const mlb = outcome(() => new MultiLabelBinarizer().fit(yTrue), "MultiLabelBinarizer.fit").value;
      if (mlb) {
        const m = outcome(() => mlb.transform(yPred), "transform").value;
        const back = m && outcome(() => mlb.inverseTransform(m), "inverseTransform").value;
        if (m)
          assert.equal(
            back.map((r) => [...r].sort()),
            yPred.map((r) => [...new Set(r)].sort()),
            "inverseTransform(transform(y)) gives y's label sets",
          );
      }
    }),
  );
});

Data("parseCsv: typed errors only, for any text and options", () => {
  const text = fc.oneof(
    fc
      .array(
        fc
          .array(fc.oneof(fc.constantFrom("1", "2.5", "-3", "x", "", '"4"', '"5', "NaN", "1e39"), fc.string({ maxLength: 3 })), {
            minLength: 1,
            maxLength: 4,
          })
          .map((r) => r.join(",")),
        { maxLength: 5 },
      )
      .map((lines) => lines.join("\n")),
    fc.string({ maxLength: 20 }),
    junk,
  );
  const valid = {
    label: fc.oneof(fc.constantFrom("a", "b", "0"), fc.integer({ min: 0, max: 4 })),
    header: fc.boolean(),
    delimiter: fc.constantFrom(",", ";", "\t"),
  };
  check(
    fc.property(text, options(valid), (csv, opts) => {
      const table = outcome(() => parseCsv(csv, opts), "parseCsv").value;
      if (table)
        assert.ok(
          table.X.every((row) => row.every(Number.isFinite)),
          "features are finite numbers",
        );
    }),
  );
});

Data("init and initSync once loaded: bad options are typed errors; the backend stays", () => {
  const before = backend();
  check(
    fc.property(fc.oneof(junk, fc.constant(undefined)), options({ simd: fc.boolean(), relaxed: fc.boolean() }), (source, opts) => {
      outcome(() => initSync(source, opts), "initSync");
      assert.is(backend(), before);
    }),
    { runs: 100, fresh: 50 },
  );
  return init(undefined, { simd: "yes" }).then(
    () => assert.unreachable("a non-boolean simd option must reject"),
    (e) => assert.instance(e, TypeError),
  );
});

/** Whether `opts` is an options object (undefined counts as none). */
const isOptions = (opts) => opts === undefined || (typeof opts === "object" && opts !== null && !Array.isArray(opts));

Data("metrics options: unknown names get did-you-mean, non-objects and null are TypeErrors, bad averages typed errors", () => {
  const yTrue = [["a"], ["b"], ["a", "b"]];
  const yPred = [["a"], ["a"], ["b"]];
  const scores = [
    [0.9, 0.1],
    [0.2, 0.8],
    [0.6, 0.7],
  ];
  const averages = ["micro", "macro", "weighted", "samples"];
  const metrics = [
    ["precisionScore", (o) => precisionScore(yTrue, yPred, o), ["average"], [...averages, "none"]],
    ["recallScore", (o) => recallScore(yTrue, yPred, o), ["average"], [...averages, "none"]],
    ["f1Score", (o) => f1Score(yTrue, yPred, o), ["average"], [...averages, "none"]],
    ["averagePrecision", (o) => averagePrecision(yTrue, scores, o), ["average", "classes"], averages],
  ];
  const valid = { average: fc.constantFrom(...averages, "none", "mean"), classes: fc.constantFrom(["a", "b"], ["b", "a"]) };
  check(
    fc.property(fc.constantFrom(...metrics), fc.oneof(options(valid), fc.constant(undefined)), ([name, call, names, allowed], opts) => {
      const { value, error } = outcome(() => call(opts), name);
      if (!isOptions(opts)) {
        assert.instance(error, TypeError, `${name}(${String(opts)})`);
        assert.match(error.message, /must be an options object/);
        return;
      }
      const unknown = Object.keys(opts ?? {}).filter((k) => !names.includes(k));
      if (unknown.length > 0) {
        assert.instance(error, TypeError, `${name} with ${unknown[0]}`);
        assert.match(error.message, /unknown option/);
        return;
      }
      const average = opts?.average;
      if (average !== undefined && !allowed.includes(average)) {
        assert.instance(error, typeof average === "string" ? RangeError : TypeError, `${name} average ${String(average)}`);
        assert.match(error.message, /average must be/);
        return;
      }
      if (name === "averagePrecision" && !(Array.isArray(opts?.classes) && ["a", "b"].every((c) => opts.classes.includes(c)))) {
        // Label sets need classes naming every label of yTrue: none is a TypeError, too few a RangeError naming the cell.
        assert.ok(error instanceof (Array.isArray(opts?.classes) ? RangeError : TypeError), `label sets need classes: ${error}`);
        return;
      }
      assert.is(error, undefined, `${name}: valid options refused: ${error?.message}`);
      for (const v of typeof value === "number" ? [value] : value.perLabel) assert.ok(v >= 0 && v <= 1, `${name} ${v}`);
    }),
  );
});

Data("configure is atomic: a refused call changes no setting; an accepted one sets exactly what it names", () => {
  const before = configure();
  const valid = {
    chunkBytes: fc.integer({ min: 1024, max: 2 ** 30 }),
    maxOutputBytes: fc.integer({ min: 0, max: 2 ** 34 }),
    threads: fc.integer({ min: 0, max: 64 }),
  };
  try {
    check(
      fc.property(fc.oneof(options(valid), fc.constant(undefined)), (opts) => {
        const settings = configure();
        const { value, error } = outcome(() => configure(opts), "configure");
        if (error) {
          assert.equal(configure(), settings, `refused configure(${JSON.stringify(opts)}) changed a setting`);
          return;
        }
        assert.equal(value, settings, "returns the settings before the call");
        const named = Object.fromEntries(Object.entries(opts ?? {}).filter(([, v]) => v !== undefined));
        assert.equal(configure(), { ...settings, ...named });
      }),
    );
  } finally {
    configure(before);
  }
});

Data.run();
