// Property suite over FastTextClassifier, quantize and toFastText: random options (valid values,
// junk, unknown names), random small texts and labels (valid or not), random predict options and
// damaged saved forms. Every call returns or throws a typed error, leaves wasm memory at its
// baseline, and a fitted model predicts at most k labels per text, best first, each at or above the
// threshold, reads back from its JSON and from its .bin with the same predictions.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { junk, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";

const { FastTextClassifier, quantize, toFastText, loadModel, memoryStats } = wasmax;
const Props = suite("properties: FastTextClassifier");
checkMemory(Props);

const VALID = {
  dim: fc.integer({ min: 1, max: 9 }),
  wordNgrams: fc.integer({ min: 1, max: 3 }),
  minn: fc.integer({ min: 0, max: 3 }),
  maxn: fc.integer({ min: 0, max: 4 }),
  bucket: fc.integer({ min: 1, max: 500 }),
  minCount: fc.integer({ min: 1, max: 2 }),
  minCountLabel: fc.integer({ min: 0, max: 2 }),
  lr: fc.double({ min: 0, max: 1, noNaN: true }),
  lrUpdateRate: fc.integer({ min: 1, max: 200 }),
  epoch: fc.integer({ min: 0, max: 3 }),
  loss: fc.constantFrom("softmax", "hs", "ns", "ova"),
  neg: fc.integer({ min: 0, max: 4 }),
  thread: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer(),
  label: fc.constantFrom("__label__", "#"),
  t: fc.double({ min: 0, max: 1, noNaN: true }),
};

const word = fc.constantFrom("a", "bb", "ccc", "</s>", "é", "日本", "x y", "\t", "  ", "__label__z", "dd-ee");
const text = fc.array(word, { maxLength: 6 }).map((w) => w.join(" "));
const label = fc.constantFrom("p", "q", "r", "s");
const labels = fc.oneof(label, fc.array(label, { minLength: 1, maxLength: 3 }));
const data = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.tuple(text, labels), { minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(text, junk), fc.oneof(labels, junk)), { maxLength: 5 }) },
);
const predictOptions = fc.oneof(
  fc.record({ k: fc.integer({ min: 1, max: 6 }), threshold: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ k: junk, threshold: junk }, { requiredKeys: [] }),
);

/** The model's predictions keep predict-prob's shape: ≤ k labels, known, best first, ≥ threshold. */
function wellFormed(model, texts, p, { k, threshold }) {
  assert.is(p.labels.length, texts.length);
  const classes = new Set(model.classes);
  p.labels.forEach((row, i) => {
    const probs = p.probabilities[i];
    assert.ok(row.length <= k && row.length === probs.length, "at most k labels");
    assert.ok(
      row.every((l) => classes.has(l)),
      "known labels",
    );
    assert.ok(
      probs.every((v, j) => v >= threshold - 1e-6 && v <= 1 + 2e-5 && (j === 0 || v <= probs[j - 1])),
      "best first, ≥ threshold",
    );
  });
}

Props("fit, predict, test, toJSON, toFastText, quantize: typed errors, memory at baseline, consistent copies", () => {
  check(
    fc.property(options(VALID), data, predictOptions, (opts, pairs, predict) => {
      const baseline = memoryStats().allocatedBytes;
      const texts = pairs.map((p) => p[0]);
      const ys = pairs.map((p) => p[1]);
      // Small matrices (the defaults hash into 2,000,000 rows of 100): quick fits and JSON that fits a string.
      const sized = opts && typeof opts === "object" && !Array.isArray(opts) ? { bucket: 300, dim: 5, ...opts } : opts;
      const made = outcome(() => new FastTextClassifier(sized), "constructor");
      if (made.error) return;
      const model = made.value;
      try {
        if (outcome(() => model.fit(texts, ys), "fit").error) return;
        const got = outcome(() => model.predict(texts, predict), "predict");
        // An option given as undefined takes its default, as it does in predict.
        if (got.value) wellFormed(model, texts, got.value, { k: predict.k ?? 1, threshold: predict.threshold ?? 0 });
        outcome(() => model.test(texts, ys, 2), "test");
        const json = model.toJSON();
        const copy = loadModel(JSON.parse(JSON.stringify(json)));
        const bin = FastTextClassifier.fromFastText(toFastText(model), { label: model.args.label });
        try {
          const want = model.predict(texts, { k: 3 });
          assert.equal(copy.predict(texts, { k: 3 }), want, "the JSON copy predicts the same");
          assert.equal(bin.predict(texts, { k: 3 }), want, "the .bin copy predicts the same");
        } finally {
          copy.dispose();
          bin.dispose();
        }
        const q = outcome(() => quantize(model, { dsub: 1 }), "quantize");
        q.value?.dispose();
      } finally {
        model.dispose();
      }
      atBaseline(baseline, "fit and its copies");
    }),
    { runs: 40, fresh: 20 },
  );
});

Props("fromJSON of a damaged saved form: a typed error or a model, never a crash or a leak", () => {
  const model = new FastTextClassifier({ dim: 3, epoch: 1, thread: 1 }).fit(["a b", "c d"], ["p", "q"]);
  const json = model.toJSON();
  model.dispose();
  const fields = Object.keys(json);
  check(
    fc.property(fc.constantFrom(...fields), junk, fc.constantFrom(...Object.keys(json.input)), (field, value, inner) => {
      const baseline = memoryStats().allocatedBytes;
      for (const damaged of [
        { ...json, [field]: value },
        { ...json, input: { ...json.input, [inner]: value } },
      ]) {
        outcome(() => FastTextClassifier.fromJSON(damaged), "fromJSON").value?.dispose();
      }
      atBaseline(baseline, "fromJSON");
    }),
    { runs: 100, fresh: 50 },
  );
});

Props.run();
