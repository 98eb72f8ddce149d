// Property suite over wasmax/onnx: random models of every kind round trip through toONNX and
// fromONNX bit-identically; random, truncated and bit-flipped bytes, junk arguments and options
// give typed errors only (ONNXError for bad files) and leave wasm memory at its baseline.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { junk, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";

const { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, toONNX, fromONNX, readONNXMetadata, memoryStats } = wasmax;
const Onnx = suite("properties: onnx");

const weight = fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
const matrix = (rows, cols) => fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
const vector = (n) => fc.array(weight, { minLength: n, maxLength: n });

/** A small model of any kind, built from random coefficients. */
const model = fc
  .record({
    D: fc.integer({ min: 1, max: 9 }),
    K: fc.integer({ min: 2, max: 6 }),
    kind: fc.constantFrom("softmax", "multilabel", "mlp"),
    widths: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 2 }),
  })
  .chain(({ D, K, kind, widths }) => {
    if (kind !== "mlp") {
      return fc.record({ coef: matrix(K, D), intercept: vector(K), threshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }).map(
        ({ coef, intercept, threshold }) =>
          () =>
            kind === "softmax"
              ? SoftmaxRegression.fromCoefficients({ coef, intercept, classes: Array.from({ length: K }, (_, k) => `c${k}`) })
              : MultiLabelLogisticRegression.fromCoefficients(
                  { coef, intercept, classes: Array.from({ length: K }, (_, k) => k * 10) },
                  { threshold },
                ),
      );
    }
    const sizes = [D, ...widths, K];
    return fc
      .record({
        coefs: fc.tuple(...sizes.slice(1).map((out, l) => matrix(sizes[l], out))),
        intercepts: fc.tuple(...sizes.slice(1).map((out) => vector(out))),
        activation: fc.constantFrom("identity", "relu", "tanh", "logistic"),
        output: fc.constantFrom("softmax", "sigmoid"),
      })
      .map((source) => () => MLPClassifier.fromCoefficients({ ...source, classes: Array.from({ length: K }, (_, k) => k) }));
  });

Onnx("toONNX → fromONNX: the same kind, classes and bit-identical probabilities, for any model and opset", () => {
  check(
    fc.property(model, fc.integer({ min: 13, max: 21 }), fc.array(weight, { minLength: 27, maxLength: 27 }), (make, opset, values) => {
      const baseline = memoryStats().allocatedBytes;
      const original = make();
      const D = original.layers()[0].inputs;
      const X = Float32Array.from(values.slice(0, 3 * D));
      const back = fromONNX(toONNX(original, { opset }));
      try {
        assert.is(back.constructor, original.constructor);
        assert.equal(back.classes, original.classes);
        assert.equal(back.predictProba(X), original.predictProba(X));
        assert.equal(back.predict(X), original.predict(X));
      } finally {
        original.dispose();
        back.dispose();
      }
      atBaseline(baseline, "round trip");
    }),
    { runs: 150, fresh: 100 },
  );
});

Onnx("fromONNX, readONNXMetadata: random, truncated and bit-flipped bytes are typed errors, never a crash", () => {
  const valid = SoftmaxRegression.fromCoefficients({
    coef: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    intercept: [0, 1, 2],
    classes: ["a", "b", "c"],
  });
  const mlp = MLPClassifier.fromCoefficients({
    coefs: [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    ],
    intercepts: [
      [0, 0, 0],
      [1, 2],
    ],
    classes: [0, 1],
  });
  const seeds = [toONNX(valid), toONNX(mlp, { opset: 21 })];
  valid.dispose();
  mlp.dispose();
  const mutated = fc
    .record({
      seed: fc.constantFrom(...seeds),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      cut: fc.option(fc.nat()),
    })
    .map(({ seed, flips, cut }) => {
      const bytes = seed.slice(0, cut === null ? seed.length : cut % (seed.length + 1));
      for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
      return bytes;
    });
  const bytes = fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: junk },
  );
  const importOptions = options({
    classes: fc.constantFrom(["x", "y", "z"], [1, 2]),
    head: fc.constantFrom("softmax", "sigmoid"),
    modelOptions: fc.constant({ maxIter: 3 }),
  });
  check(
    fc.property(bytes, importOptions, (b, o) => {
      const baseline = memoryStats().allocatedBytes;
      outcome(() => readONNXMetadata(b), "readONNXMetadata");
      const model = outcome(() => fromONNX(b, o), "fromONNX").value;
      if (model) {
        outcome(() => model.predictProba([[0, 0]]), "predictProba of an imported model");
        model.dispose();
      }
      atBaseline(baseline, "fromONNX");
    }),
    { runs: 400, fresh: 200 },
  );
});

Onnx("toONNX: junk models and options are typed errors", () => {
  const fitted = SoftmaxRegression.fromCoefficients({ coef: [[1], [2]], classes: [0, 1] });
  const exportOptions = options({
    opset: fc.integer({ min: 10, max: 25 }),
    metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), junk), { maxKeys: 3 }),
  });
  check(
    fc.property(fc.oneof(fc.constant(fitted), junk), exportOptions, (m, o) => {
      const bytes = outcome(() => toONNX(m, o), "toONNX").value;
      if (bytes) assert.instance(bytes, Uint8Array);
    }),
  );
  fitted.dispose();
});

Onnx.run();
