// Regression tests for the defect classes of the hardening issue that concern models and their
// saved form.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { runtime } from "../../build/testing.js";

const { SoftmaxRegression, TrainingDivergedError, loadModel } = wasmax;
const Hard = suite("models: hostile and careless input");
checkMemory(Hard);

const iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
const X = iris.train.map((i) => iris.X[i]);
const y = iris.train.map((i) => iris.y[i]);

/** Runs fn with console.warn captured; returns [result, warnings]. */
function warnings(fn) {
  const seen = [];
  const warn = console.warn;
  console.warn = (message) => seen.push(String(message));
  try {
    return [fn(), seen];
  } finally {
    console.warn = warn;
  }
}

Hard("unknown, misspelled or mistyped options are refused, naming the closest valid one", () => {
  rejects(() => new SoftmaxRegression({ maxIters: 1 }), TypeError, /unknown option "maxIters" \(did you mean maxIter\?\)/);
  rejects(() => new SoftmaxRegression({ learning_rate: 0.1 }), TypeError, /did you mean learningRate\?/);
  rejects(() => new SoftmaxRegression({ MaxIter: 1 }), TypeError, /did you mean maxIter\?/);
  rejects(() => new SoftmaxRegression("abc"), TypeError, /options must be an options object, got "abc"/);
  rejects(() => new SoftmaxRegression({ shuffle: "false" }).fit(X, y), TypeError, /shuffle must be true or false, got "false"/);
  rejects(() => new SoftmaxRegression({ fitIntercept: "no" }).fit(X, y), TypeError, /fitIntercept must be true or false/);
  rejects(() => new SoftmaxRegression({ randomState: "abc" }).fit(X, y), TypeError, /randomState must be an integer, got "abc"/);
  rejects(() => new SoftmaxRegression({ solver: "sgd", randomState: 1.7 }).fit(X, y), TypeError, /randomState must be an integer, got 1.7/);
  rejects(() => new SoftmaxRegression({ solver: "SGD" }).fit(X, y), RangeError, /solver must be 'lbfgs', 'sgd', 'adam', got "SGD"/);
  const model = new SoftmaxRegression();
  rejects(
    () => model.fit(X, y, { sampleWeights: X.map(() => 1) }),
    TypeError,
    /fit options: unknown option "sampleWeights" \(did you mean sampleWeight\?\)/,
  );
  rejects(() => model.fit(X, y, null), TypeError, /fit options must be an options object, got null/);
  rejects(() => new SoftmaxRegression({ solver: "sgd" }).partialFit(X, y, { class: [0, 1, 2] }), TypeError, /did you mean classes\?/);
  // Found by the property suite: a null y reached the row count before the label check.
  rejects(() => new SoftmaxRegression({ solver: "sgd" }).partialFit(X, null, { classes: [0, 1, 2] }), TypeError, /y must be an array/);
});

Hard("values finite in float64 but infinite in float32 are refused where they would enter wasm", () => {
  const model = new SoftmaxRegression({ maxIter: 20 }).fit(X, y);
  try {
    rejects(() => model.predict([[1e39, 1, 1, 1]]), RangeError, /X\[0\]\[0\] is 1e\+39/, /float32/);
    rejects(() => model.predictProba(Float64Array.from([1, 2, -1e39, 4]), RangeError), RangeError, /X\[0\]\[2\]/);
    rejects(
      () =>
        new SoftmaxRegression().fit(
          X.map((r, i) => (i === 3 ? [r[0], 1e39, r[2], r[3]] : r)),
          y,
        ),
      RangeError,
      /X\[3\]\[1\]/,
    );
    rejects(
      () => new SoftmaxRegression().fit(X, y, { sampleWeight: X.map((_, i) => (i === 5 ? 1e39 : 1)) }),
      RangeError,
      /sampleWeight\[5\]/,
    );
    rejects(() => new SoftmaxRegression({ classWeight: { 0: 1e39 } }).fit(X, y), RangeError, /classWeight\["0"\]/);
    const json = model.toJSON();
    rejects(
      () => SoftmaxRegression.fromJSON({ ...json, coef: [json.coef[0].map((v, d) => (d === 2 ? 1e39 : v)), ...json.coef.slice(1)] }),
      TypeError,
      /coef\[0\]\[2\] is 1e\+39/,
    );
    rejects(() => SoftmaxRegression.fromJSON({ ...json, intercept: [1, -1e39, 0] }), TypeError, /intercept\[1\]/);
  } finally {
    model.dispose();
  }
});

Hard("saved models: holes, huge declared shapes and foreign options are refused before anything is allocated", () => {
  const model = new SoftmaxRegression({ maxIter: 20 }).fit(X, y);
  const json = model.toJSON();
  model.dispose();
  const holey = { ...json, coef: [new Array(4), ...json.coef.slice(1)] };
  rejects(() => SoftmaxRegression.fromJSON(holey), TypeError, /coef\[0\]\[0\] is undefined/);
  rejects(
    () => SoftmaxRegression.fromJSON({ ...json, nFeatures: 1e9, classes: new Array(1e9) }),
    RangeError,
    /need \d+ bytes, more than wasm memory can hold/,
  );
  rejects(
    () => SoftmaxRegression.fromJSON({ ...json, nFeatures: 2.6e8, coef: [new Array(2.6e8), new Array(2.6e8), new Array(2.6e8)] }),
    TypeError,
    /coef\[0\]\[0\]/,
  );
  rejects(() => SoftmaxRegression.fromJSON({ ...json, options: { ...json.options, maxIters: 3 } }), TypeError, /unknown option "maxIters"/);
  rejects(() => loadModel({ format: "wasmax/Nope" }), TypeError, /format is "wasmax\/Nope"/);
});

Hard("Adam: both builds use one formula; overflowing optimizer state is divergence, not a silent freeze", () => {
  const big = X.map((r) => r.map((v) => v * 1e20));
  rejects(
    () => new SoftmaxRegression({ solver: "adam", maxIter: 50, randomState: 1 }).fit(big, y),
    TrainingDivergedError,
    /adam: the weights or the optimizer state overflowed/,
  );
});

Hard("a stop short of convergence says why: lbfgs line search, sgd at maxIter", () => {
  const skewed = X.map((r) => [r[0] * 1e20, r[1], r[2], r[3]]);
  const [lbfgs, seen] = warnings(() => new SoftmaxRegression().fit(skewed, y));
  try {
    assert.is(lbfgs.converged, false);
    assert.ok(
      seen.some((m) => /line search found no step/.test(m) && /StandardScaler/.test(m)),
      seen.join("\n"),
    );
  } finally {
    lbfgs.dispose();
  }
  const [sgd, seen2] = warnings(() => new SoftmaxRegression({ solver: "sgd", maxIter: 2, randomState: 1 }).fit(X, y));
  try {
    assert.is(sgd.converged, false);
    assert.ok(
      seen2.some((m) => /sgd did not converge in 2 epochs/.test(m)),
      seen2.join("\n"),
    );
  } finally {
    sgd.dispose();
  }
  const [exact, seen3] = warnings(() => new SoftmaxRegression({ solver: "sgd", maxIter: 2, tol: 0, randomState: 1 }).fit(X, y));
  exact.dispose();
  assert.equal(seen3, [], "tol = 0 asks for exactly maxIter epochs: no warning");
});

Hard("running out of wasm memory says what helps, not 'lower the chunk size'", () => {
  rejects(() => runtime().heap.alloc(5 * 2 ** 30), RangeError, /Dispose models you no longer use/, /run wasmax in a worker/);
});

Hard.run();
