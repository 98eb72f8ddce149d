// The contract every registered model passes (scikit-learn's check_estimator habit): fit returns
// the model, NotFittedError before fit, DisposedError after dispose, wasm memory back to its
// baseline, a bit-identical JSON round trip (through the class and through loadModel), and a model
// left exactly as it was by any failing call. A model added to the registry without a maker here
// fails the first test.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rng } from "../reference.js";

const { MODELS, loadModel, NotFittedError, DisposedError, memoryStats } = wasmax;
const Contract = suite("model contract");
checkMemory(Contract);

function blobs(n, D, K, seed) {
  const r = rng(seed);
  const X = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const k = i % K;
    X.push(Array.from({ length: D }, (_, d) => (d % K === k ? 2 : 0) + r.normal()));
    y.push(["a", "b", "c"][k]);
  }
  return { X, y };
}

/** For each registered model: option sets to fit with (each solver it offers). */
const MAKERS = {
  SoftmaxRegression: [
    { maxIter: 30 },
    { solver: "sgd", maxIter: 3, tol: 0, randomState: 1 },
    { solver: "adam", maxIter: 3, tol: 0, randomState: 2 },
  ],
  MLPClassifier: [
    { hiddenLayerSizes: [5], solver: "lbfgs", maxIter: 20, randomState: 1 },
    { hiddenLayerSizes: [6, 4], activation: "tanh", solver: "sgd", maxIter: 3, tol: 0, randomState: 2 },
    { hiddenLayerSizes: [3], activation: "logistic", maxIter: 3, tol: 0, randomState: 3 },
  ],
  MultiLabelLogisticRegression: [{ maxIter: 30 }, { solver: "adam", maxIter: 3, tol: 0, randomState: 4 }],
};

const { X, y: labels } = blobs(60, 4, 3, 5);
/** Targets each model trains on: classes, or label sets for multi-label models. */
const targetsFor = (M) => (M.modelName === "MultiLabelLogisticRegression" ? labels.map((c, i) => (i % 4 === 0 ? [c, "d"] : [c])) : labels);

Contract("every registered model has a maker here", () => {
  for (const M of MODELS) assert.ok(MAKERS[M.modelName], `no contract maker for ${M.modelName}`);
});

for (const M of MODELS) {
  const y = targetsFor(M);
  for (const options of MAKERS[M.modelName] ?? []) {
    const name = `${M.modelName} ${JSON.stringify(options)}`;

    Contract(`${name}: NotFittedError before fit, fit returns the model, layers describe it`, () => {
      const model = new M(options);
      try {
        for (const call of [
          () => model.predict(X),
          () => model.predictProba(X),
          () => model.toJSON(),
          () => model.layers(),
          () => model.classes,
        ]) {
          assert.throws(call, (e) => e instanceof NotFittedError);
        }
        assert.is(model.isFitted, false);
        assert.is(model.fit(X, y), model);
        assert.is(model.isFitted, true);
        const layers = model.layers();
        assert.is(layers[0].inputs, 4);
        assert.is(layers[layers.length - 1].outputs, model.classes.length);
      } finally {
        model.dispose();
      }
    });

    Contract(`${name}: dispose frees its memory, is harmless twice, and later calls throw DisposedError`, () => {
      const before = memoryStats().allocatedBytes;
      const model = new M(options).fit(X, y);
      assert.ok(memoryStats().allocatedBytes > before);
      model[Symbol.dispose ?? Symbol.for("Symbol.dispose")](); // what `using` calls

      assert.is(memoryStats().allocatedBytes, before);
      model.dispose();
      for (const call of [() => model.predict(X), () => model.fit(X, y), () => model.toJSON()]) {
        assert.throws(call, (e) => e instanceof DisposedError);
      }
    });

    Contract(`${name}: JSON round trip is bit-identical, through the class and through loadModel`, () => {
      const model = new M(options).fit(X, y);
      const json = model.toJSON();
      const copies = [M.fromJSON(json), M.fromJSON(JSON.stringify(json)), loadModel(JSON.parse(JSON.stringify(json)))];
      try {
        for (const copy of copies) {
          assert.ok(copy instanceof M);
          assert.equal(copy.toJSON(), json);
          assert.equal(Array.from(copy.predictProba(X)), Array.from(model.predictProba(X)));
          assert.equal(copy.predict(X), model.predict(X));
        }
      } finally {
        for (const copy of copies) copy.dispose();
        model.dispose();
      }
    });

    Contract(`${name}: a failing call leaves the model exactly as it was`, () => {
      const model = new M(options).fit(X, y);
      try {
        const json = JSON.stringify(model.toJSON());
        const memory = memoryStats().allocatedBytes;
        const bad = [X.map((row, i) => (i === 7 ? [row[0], NaN, row[2], row[3]] : row)), y];
        const unknown = M.modelName === "MultiLabelLogisticRegression" ? [["zebra"]] : ["zebra"];
        const failing = [
          () => model.fit(X, y.slice(1)),
          () => model.fit(...bad),
          () => model.fit(X, y, { sampleWeight: X.map(() => -1) }),
          () => model.predict([[1, 2, 3]]),
        ];
        if (options.solver && options.solver !== "lbfgs") {
          if (model.partialFit) failing.push(() => model.partialFit([[1, 2, 3, 4]], unknown));
        }
        for (const call of failing) {
          assert.throws(call);
          assert.is(JSON.stringify(model.toJSON()), json);
          assert.is(memoryStats().allocatedBytes, memory);
        }
        // The same failure inside the model's own fit: its callback throws mid-training.
        model.options.onEpoch = () => {
          throw new Error("callback failed");
        };
        assert.throws(() => model.fit(X, y), /callback failed/);
        delete model.options.onEpoch;
        assert.is(JSON.stringify(model.toJSON()), json);
        assert.is(memoryStats().allocatedBytes, memory);
      } finally {
        model.dispose();
      }
    });

    Contract(`${name}: zero rows predict to empty results of the right types`, () => {
      const model = new M(options).fit(X, y);
      try {
        assert.equal(model.predict([]), []);
        for (const X0 of [[], new Float32Array(0), new Float64Array(0)]) {
          for (const method of ["predictProba", "predictLogProba", "decisionFunction"]) {
            const out = model[method](X0);
            assert.ok(out instanceof Float32Array && out.length === 0, `${method} on zero rows`);
          }
        }
        const top = model.predictTopK([], 1);
        assert.equal(top.labels, []);
        assert.ok(top.probabilities instanceof Float32Array && top.probabilities.length === 0);
      } finally {
        model.dispose();
      }
    });

    Contract(`${name}: dispose() inside onEpoch stops the fit with DisposedError and frees everything`, () => {
      const before = memoryStats().allocatedBytes;
      const model = new M(options).fit(X, y);
      model.options.onEpoch = () => model.dispose();
      assert.throws(
        () => model.fit(X, y),
        (e) => e instanceof DisposedError,
      );
      assert.is(model.isFitted, false);
      assert.is(memoryStats().allocatedBytes, before);
    });

    Contract(`${name}: fromJSON checks every option value as fit does, and the version`, () => {
      const model = new M(options).fit(X, y);
      const json = model.toJSON();
      model.dispose();
      const bad = [
        [{ solver: "bogus" }, RangeError, /fromJSON: options: solver/],
        [{ maxIter: -1 }, RangeError, /fromJSON: options: maxIter/],
        [{ tol: "1" }, TypeError, /fromJSON: options: tol/],
        [{ warmStart: 1 }, TypeError, /fromJSON: options: warmStart/],
        [{ unknownOption: 1 }, TypeError, /fromJSON: options: .*unknownOption/],
      ];
      if ("C" in json.options) bad.push([{ C: 0 }, RangeError, /options: C must be a number > 0/]);
      if ("alpha" in json.options) bad.push([{ alpha: -1 }, RangeError, /options: alpha/]);
      if ("threshold" in json.options)
        bad.push([{ threshold: 0 }, RangeError, /options: threshold/], [{ threshold: 1 }, RangeError, /threshold/]);
      if ("hiddenLayerSizes" in json.options) bad.push([{ hiddenLayerSizes: [0] }, RangeError, /hiddenLayerSizes\[0\]/]);
      for (const [change, kind, message] of bad) {
        const saved = { ...json, options: { ...json.options, ...change } };
        for (const load of [() => M.fromJSON(saved), () => loadModel(saved)]) {
          assert.throws(load, (e) => e instanceof kind && message.test(e.message), JSON.stringify(change));
        }
      }
      for (const version of [0, 1.5, "1", 2, null]) {
        assert.throws(
          () => M.fromJSON({ ...json, version }),
          (e) => e instanceof TypeError && /version .* is not supported/.test(e.message),
        );
      }
    });

    if (options.solver && options.solver !== "lbfgs") {
      Contract(`${name}: partialFit refuses a feature count other than the model's, or one that is not a count`, () => {
        const model = new M(options);
        try {
          const first = { classes: M.modelName === "MultiLabelLogisticRegression" ? ["a", "b", "c", "d"] : ["a", "b", "c"] };
          model.partialFit(X, y, first);
          const json = JSON.stringify(model.toJSON());
          const flat = Float32Array.from(X.flat());
          for (const [features, kind] of [
            [2, RangeError],
            ["4", TypeError],
            [0, RangeError],
            [4.5, TypeError],
          ]) {
            assert.throws(
              () => model.partialFit(flat, y, { features }),
              (e) => e instanceof kind,
              `features: ${JSON.stringify(features)}`,
            );
            assert.throws(
              () => model.partialFit(X, y, { features }),
              (e) => e instanceof kind,
              `rows with features: ${JSON.stringify(features)}`,
            );
          }
          assert.is(JSON.stringify(model.toJSON()), json);
          model.partialFit(flat, y, { features: 4 });
        } finally {
          model.dispose();
        }
      });
    }

    Contract(`${name}: has every method the README lists for a model`, () => {
      const model = new M(options);
      for (const method of [
        "fit",
        "partialFit",
        "predict",
        "predictProba",
        "predictLogProba",
        "predictTopK",
        "decisionFunction",
        "score",
        "layers",
        "toJSON",
        "dispose",
      ]) {
        assert.type(model[method], "function", method);
      }
      for (const method of ["fromJSON", "fromCoefficients"]) assert.type(M[method], "function", `${M.modelName}.${method}`);
      model.dispose();
    });
  }
}

Contract.run();
