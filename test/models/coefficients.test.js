// Models from coefficients trained elsewhere: scikit-learn's LogisticRegression (coef_, the K × D
// layout Spark MLlib's coefficientMatrix and PyTorch's Linear.weight share), a binary model's
// single row, and scikit-learn's MLPClassifier (coefs_ inputs × outputs, or PyTorch's transpose).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";

const { SoftmaxRegression, MLPClassifier } = wasmax;
const Coefficients = suite("fromCoefficients");
checkMemory(Coefficients);

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8"));

Coefficients("scikit-learn's LogisticRegression coef_ and intercept_ (iris): its probabilities within 1e-6", () => {
  const f = fixture("iris");
  const model = SoftmaxRegression.fromCoefficients({ coef: f.coef, intercept: f.intercept, classes: f.classes });
  try {
    const p = model.predictProba(f.test.map((i) => f.X[i]));
    f.testProba.flat().forEach((q, i) => assert.ok(Math.abs(p[i] - q) < 1e-6, `probability ${i}: ${p[i]} vs ${q}`));
    assert.equal(
      model.coef,
      f.coef.map((row) => row.map(Math.fround)),
    );
  } finally {
    model.dispose();
  }
});

Coefficients("a binary model's single row gives σ(w·x + b) for the second class", () => {
  const w = [0.5, -1.25];
  const b = 0.3;
  const model = SoftmaxRegression.fromCoefficients({ coef: [w], intercept: [b], classes: ["no", "yes"] });
  try {
    const p = model.predictProba([[2, 1]]);
    const z = 0.5 * 2 - 1.25 * 1 + 0.3;
    assert.ok(Math.abs(p[1] - 1 / (1 + Math.exp(-z))) < 1e-6);
    assert.equal(
      model.predict([
        [2, 1],
        [-3, 2],
      ]),
      ["yes", "no"],
    );
  } finally {
    model.dispose();
  }
});

Coefficients(
  "scikit-learn's MLPClassifier coefs_ (inputs × outputs) and PyTorch's layout (outputs × inputs): " +
    "scikit-learn's probabilities within 1e-5",
  () => {
    const f = fixture("mlp-iris");
    const transpose = (m) => m[0].map((_, j) => m.map((row) => row[j]));
    for (const [layout, coefs] of [
      ["inputs × outputs", f.coefs],
      ["outputs × inputs", f.coefs.map(transpose)],
    ]) {
      const model = MLPClassifier.fromCoefficients({
        coefs,
        intercepts: f.intercepts,
        classes: f.classes,
        activation: f.activation,
        layout,
      });
      try {
        const p = model.predictProba(f.X);
        f.proba.flat().forEach((q, i) => assert.ok(Math.abs(p[i] - q) < 1e-5, `${layout} probability ${i}: ${p[i]} vs ${q}`));
        assert.equal(
          model.coefs.map((c) => [c.length, c[0].length]),
          [
            [4, 6],
            [6, 5],
            [5, 3],
          ],
        );
      } finally {
        model.dispose();
      }
    }
  },
);

Coefficients("an imported model trains further: warmStart fit starts from its weights, partialFit with a stochastic solver", () => {
  const f = fixture("iris");
  const source = { coef: f.coef, intercept: f.intercept, classes: f.classes };
  const cold = new SoftmaxRegression().fit(f.X, f.y);
  const warm = SoftmaxRegression.fromCoefficients(source, { warmStart: true }).fit(f.X, f.y);
  const stepped = SoftmaxRegression.fromCoefficients(source, { solver: "adam", learningRate: 1e-3 });
  const before = stepped.predictProba(f.X);
  try {
    assert.ok(warm.nIter < cold.nIter / 2, `warm start: ${warm.nIter} iterations vs ${cold.nIter} from zero`);
    assert.ok(warm.score(f.X, f.y) >= 0.95);
    stepped.partialFit(f.X, f.y);
    assert.is(stepped.nIter, 1);
    const after = stepped.predictProba(f.X);
    const moved = after.reduce((m, p, i) => Math.max(m, Math.abs(p - before[i])), 0);
    assert.ok(moved > 0 && moved < 0.05, `one small adam epoch moves the imported probabilities a little (${moved})`);
    const mlp = fixture("mlp-iris");
    const net = MLPClassifier.fromCoefficients(
      { coefs: mlp.coefs, intercepts: mlp.intercepts, classes: mlp.classes, activation: mlp.activation },
      { solver: "sgd" },
    );
    try {
      net.partialFit(mlp.X, net.predict(mlp.X));
      assert.is(net.nIter, 1);
    } finally {
      net.dispose();
    }
  } finally {
    cold.dispose();
    warm.dispose();
    stepped.dispose();
  }
});

Coefficients("wrong shapes and values are refused, naming them", () => {
  rejects(
    () => SoftmaxRegression.fromCoefficients({ coef: [[1, 2], [3]], classes: [0, 1] }),
    RangeError,
    /coef\[1\] must be an array of 2 numbers/,
  );
  rejects(() => SoftmaxRegression.fromCoefficients({ coef: [[1, 2]], classes: [0, 1, 2] }), RangeError, /coef has 1 rows, expected 3/);
  rejects(
    () =>
      SoftmaxRegression.fromCoefficients({
        coef: [
          [1, NaN],
          [0, 0],
        ],
        classes: [0, 1],
      }),
    RangeError,
    /coef\[0\]\[1\] is NaN/,
  );
  rejects(
    () => SoftmaxRegression.fromCoefficients({ coef: [[1], [2]], intercept: [0], classes: [0, 1] }),
    RangeError,
    /intercept must be an array of 2 numbers/,
  );
  rejects(() => SoftmaxRegression.fromCoefficients({ coef: [[1], [2]], classes: [0, 0] }), RangeError, /distinct labels/);
  rejects(
    () => MLPClassifier.fromCoefficients({ coefs: [[[1, 2]], [[1], [2], [3]]], intercepts: [[0, 0], [0]], classes: [0] }),
    RangeError,
    /coefs\[1\] takes 3 inputs, but layer 0 has 2 outputs/,
  );
  rejects(
    () => MLPClassifier.fromCoefficients({ coefs: [[[1, 2]]], intercepts: [[0, 0]], classes: ["a", "b"], layout: "pytorch" }),
    RangeError,
    /layout must be/,
  );
});

Coefficients.run();
