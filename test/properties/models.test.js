// Property suite over every registered model and loadModel: random options (valid values, junk
// values, unknown names) and random small data sets, valid or not.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { anyNumber, junk, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";

const { MODELS, loadModel, memoryStats } = wasmax;
const Models = suite("properties: models");
checkMemory(Models);

/** Valid values of each option of each registered model (kept small so fits are quick). */
const VALID = {
  SoftmaxRegression: {
    C: fc.oneof(fc.double({ min: 1e-3, max: 100, noNaN: true }), fc.constant(Infinity)),
    fitIntercept: fc.boolean(),
    solver: fc.constantFrom("lbfgs", "sgd", "adam"),
    maxIter: fc.integer({ min: 1, max: 5 }),
    tol: fc.constantFrom(0, 1e-4, 1e-2),
    batchSize: fc.integer({ min: 1, max: 10 }),
    learningRate: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    beta1: fc.double({ min: 0, max: 0.99, noNaN: true }),
    beta2: fc.double({ min: 0, max: 0.999, noNaN: true }),
    epsilon: fc.double({ min: 1e-10, max: 1e-3, noNaN: true }),
    classWeight: fc.constantFrom("balanced", undefined),
    labelSmoothing: fc.double({ min: 0, max: 0.5, noNaN: true }),
    shuffle: fc.boolean(),
    randomState: fc.integer(),
    earlyStopping: fc.boolean(),
    validationFraction: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
    nIterNoChange: fc.integer({ min: 1, max: 3 }),
    warmStart: fc.boolean(),
    sampledSoftmax: fc.record({
      classes: fc.integer({ min: 1, max: 3 }),
      sampler: fc.constantFrom("log-uniform", "unigram", "uniform"),
      removeAccidentalHits: fc.boolean(),
    }),
  },
  MLPClassifier: {
    hiddenLayerSizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 2 }),
    sampledSoftmax: fc.record({ classes: fc.integer({ min: 1, max: 3 }), sampler: fc.constantFrom("log-uniform", "unigram", "uniform") }),
    activation: fc.constantFrom("identity", "relu", "tanh", "logistic"),
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
    solver: fc.constantFrom("lbfgs", "sgd", "adam"),
    maxIter: fc.integer({ min: 1, max: 5 }),
    tol: fc.constantFrom(0, 1e-4, 1e-2),
    batchSize: fc.integer({ min: 1, max: 10 }),
    learningRate: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    shuffle: fc.boolean(),
    randomState: fc.integer(),
    earlyStopping: fc.boolean(),
    validationFraction: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
    nIterNoChange: fc.integer({ min: 1, max: 3 }),
    warmStart: fc.boolean(),
  },
  MultiLabelLogisticRegression: {
    C: fc.oneof(fc.double({ min: 1e-3, max: 100, noNaN: true }), fc.constant(Infinity)),
    fitIntercept: fc.boolean(),
    threshold: fc.double({ min: 0, max: 0.99, noNaN: true }),
    solver: fc.constantFrom("lbfgs", "sgd", "adam"),
    maxIter: fc.integer({ min: 1, max: 5 }),
    batchSize: fc.integer({ min: 1, max: 10 }),
    earlyStopping: fc.boolean(),
    randomState: fc.integer(),
  },
};

/** A small data set: finite features most of the time, labels from a few classes or junk. */
const dataset = fc
  .tuple(
    fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 6, arbitrary: fc.integer({ min: 4, max: 24 }) }),
    fc.integer({ min: 1, max: 6 }),
  )
  .chain(([n, d]) =>
    fc.record({
      X: fc.oneof(
        {
          weight: 10,
          arbitrary: fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d }), {
            minLength: n,
            maxLength: n,
          }),
        },
        { weight: 1, arbitrary: fc.array(fc.array(anyNumber, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }) },
        { weight: 1, arbitrary: junk },
      ),
      y: fc.oneof(
        { weight: 10, arbitrary: fc.array(fc.constantFrom("a", "b", "c"), { minLength: n, maxLength: n }) },
        { weight: 4, arbitrary: fc.array(fc.subarray(["a", "b", "c"]), { minLength: n, maxLength: n }) },
        { weight: 2, arbitrary: fc.array(fc.array(fc.constantFrom(0, 1), { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n }) },
        { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }) },
        { weight: 1, arbitrary: fc.oneof(junk, fc.array(fc.oneof(junk, fc.constant("a")), { maxLength: n + 1 })) },
      ),
    }),
  );

const finiteRows = (X) => Array.isArray(X) && X.every((r) => Array.isArray(r) && r.every((v) => Number.isFinite(Math.fround(v))));

for (const M of MODELS) {
  Models(`${M.modelName}: fit and predict with random options and data: typed errors, finite output, memory back`, () => {
    const base = memoryStats().allocatedBytes;
    const warn = console.warn;
    console.warn = () => {};
    try {
      check(
        fc.property(options(VALID[M.modelName]), dataset, dataset, (opts, train, later) => {
          const made = outcome(() => new M(opts), "constructor");
          if (!made.value) return;
          const model = made.value;
          try {
            const fitted = outcome(() => model.fit(train.X, train.y), "fit");
            if (!fitted.value) return;
            const proba = outcome(() => model.predictProba(train.X), "predictProba").value;
            if (proba && finiteRows(train.X)) assert.ok(proba.every(Number.isFinite), "finite features give finite probabilities");
            // Any later call that fails (divergence included) leaves the fitted model exactly as it was.
            for (const [what, call] of [
              ["fit", () => model.fit(later.X, later.y)],
              ["partialFit", () => (model.partialFit ? model.partialFit(later.X, later.y) : model.fit(later.X, later.y))],
              ["predict", () => model.predict(later.X)],
              ["score", () => model.score(later.X, later.y)],
            ]) {
              const before = JSON.stringify(model.toJSON());
              if (outcome(call, what).error) assert.is(JSON.stringify(model.toJSON()), before, `${what} failed and changed the model`);
            }
          } finally {
            model.dispose();
            atBaseline(base, "after dispose");
          }
        }),
        { runs: 200, fresh: 150 },
      );
    } finally {
      console.warn = warn;
    }
  });

  Models(`${M.modelName}: a corrupted saved model loads or is refused with a typed error`, () => {
    const y = M.modelName === "MultiLabelLogisticRegression" ? [["x"], ["y"], ["x", "y"], []] : ["x", "y", "x", "y"];
    const model = new M({ maxIter: 5 }).fit(
      [
        [0, 1],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
      y,
    );
    const json = model.toJSON();
    model.dispose();
    const base = memoryStats().allocatedBytes;
    const fields = Object.keys(json);
    check(
      fc.property(
        fc.constantFrom(...fields),
        fc.oneof(junk, anyNumber, fc.array(fc.oneof(anyNumber, junk), { maxLength: 3 })),
        fc.boolean(),
        (field, value, viaRegistry) => {
          const corrupted = { ...json, [field]: value };
          const loaded = outcome(() => (viaRegistry ? loadModel(corrupted) : M.fromJSON(corrupted)), "fromJSON");
          if (loaded.value) {
            const p = outcome(() => loaded.value.predictProba([[0.5, 0.5]]), "predictProba after load").value;
            if (p) assert.ok(p.every(Number.isFinite), "a model that loads predicts finite probabilities");
            loaded.value.dispose();
          }
          atBaseline(base, "fromJSON");
        },
      ),
    );
  });
}

Models("fromCoefficients: typed errors only for any coefficients; what loads predicts finite probabilities", () => {
  const { SoftmaxRegression, MLPClassifier } = wasmax;
  const base = memoryStats().allocatedBytes;
  const rows = fc.oneof(
    fc.array(fc.array(anyNumber, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
    junk,
    fc.array(fc.oneof(junk, fc.array(anyNumber, { maxLength: 3 })), { maxLength: 3 }),
  );
  check(
    fc.property(
      rows,
      fc.oneof(fc.array(anyNumber, { maxLength: 3 }), junk, fc.constant(undefined)),
      fc.oneof(fc.constant(["a", "b"]), fc.constant([0, 1, 2]), junk),
      (coef, intercept, classes) => {
        const linear = outcome(
          () => SoftmaxRegression.fromCoefficients({ coef, intercept, classes }),
          "SoftmaxRegression.fromCoefficients",
        ).value;
        if (linear) {
          const p = outcome(() => linear.predictProba([[0.5, -0.5]]), "predictProba").value;
          if (p) assert.ok(p.every(Number.isFinite));
          linear.dispose();
        }
        const net = outcome(
          () => MLPClassifier.fromCoefficients({ coefs: [coef, coef], intercepts: [intercept, intercept], classes }),
          "MLPClassifier.fromCoefficients",
        ).value;
        net?.dispose();
        atBaseline(base, "fromCoefficients");
      },
    ),
  );
});

Models(
  "fitStream: typed errors only, for any source and options, single labels or label sets; the model unchanged when it fails",
  async () => {
    const { SoftmaxRegression, MultiLabelLogisticRegression, fitStream } = wasmax;
    const base = memoryStats().allocatedBytes;
    const targets = fc.oneof(
      fc.array(fc.constantFrom("a", "b"), { minLength: 1, maxLength: 5 }),
      fc.array(fc.subarray(["a", "b"]), { minLength: 1, maxLength: 5 }),
      fc.array(fc.array(fc.constantFrom(0, 1), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
      junk,
    );
    const chunk = fc.record({
      X: fc.oneof(
        fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        junk,
      ),
      y: targets,
    });
    const property = fc.asyncProperty(
      fc.oneof(fc.array(chunk, { maxLength: 4 }), junk),
      options({
        classes: fc.constantFrom(["a", "b"], [0, 1]),
        bufferRows: fc.integer({ min: 1, max: 6 }),
        validationFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
      }),
      fc.boolean(),
      async (source, opts, multiLabel) => {
        const model = multiLabel
          ? new MultiLabelLogisticRegression({ solver: "sgd", randomState: 1 })
          : new SoftmaxRegression({ solver: "sgd", randomState: 1 });
        let buffers = 0;
        try {
          await fitStream(model, source, { ...opts, onProgress: () => void buffers++ });
        } catch (error) {
          assert.ok(
            [TypeError, RangeError].some((T) => error instanceof T),
            `untyped ${error?.name}: ${error?.message}`,
          );
          assert.ok(
            !/Cannot read properties|is not a function|is not iterable|undefined is not an object/.test(error.message),
            `engine error ${error.message}`,
          );
          // Each buffer commits on its own; a failure before the first one leaves the model untrained.
          if (buffers === 0) assert.not.ok(model.isFitted, "a stream that failed before its first buffer trained the model");
        } finally {
          model.dispose();
        }
        atBaseline(base, "fitStream");
      },
    );
    await fc.assert(property, { seed: 20261202, numRuns: 150 });
    await fc.assert(property, { numRuns: 100 });
  },
);

Models("fitStream: a bad value or label names the caller's chunk and row; the buffers before its chunk are trained", async () => {
  const { SoftmaxRegression, fitStream } = wasmax;
  const base = memoryStats().allocatedBytes;
  const stream = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }).chain((sizes) =>
    fc.record({
      sizes: fc.constant(sizes),
      chunk: fc.integer({ min: 0, max: sizes.length - 1 }),
      pick: fc.nat(),
      column: fc.integer({ min: 0, max: 2 }),
      bad: fc.constantFrom(NaN, Infinity, 1e39, "label 7", "label x"),
      bufferRows: fc.integer({ min: 1, max: 8 }),
      typed: fc.boolean(),
    }),
  );
  const property = fc.asyncProperty(stream, async ({ sizes, chunk, pick, column, bad, bufferRows, typed }) => {
    const row = pick % sizes[chunk];
    const chunks = sizes.map((n, c) => {
      const X = Array.from({ length: n }, (_, i) => [Math.sin(c + i), i % 2, 1]);
      const y = X.map((_, i) => i % 2);
      if (c === chunk && typeof bad === "number") X[row][column] = bad;
      if (c === chunk && bad === "label 7") y[row] = 7;
      if (c === chunk && bad === "label x") y[row] = "x";
      return typed ? { X: Float64Array.from(X.flat()), y } : { X, y };
    });
    const model = new SoftmaxRegression({ solver: "sgd", randomState: 1 });
    let buffers = 0;
    try {
      await fitStream(model, chunks, { classes: [0, 1], bufferRows, features: 3, onProgress: (p) => (buffers = p.buffers) });
      assert.unreachable("a spoiled stream trained");
    } catch (error) {
      const where = typeof bad === "number" ? `X\\[${row}\\]\\[${column}\\]` : `y\\[${row}\\]`;
      assert.match(error.message, new RegExp(`^fitStream: chunk ${chunk}: ${where}`));
      const before = sizes.slice(0, chunk).reduce((a, b) => a + b, 0);
      assert.is(buffers, Math.floor(before / bufferRows), "buffers trained before the spoiled chunk");
    } finally {
      model.dispose();
    }
    atBaseline(base, "fitStream");
  });
  await fc.assert(property, { seed: 20261202, numRuns: 100 });
  await fc.assert(property, { numRuns: 60 });
});

Models.run();
