// Property suite over wasmax/onnx: random models of every kind round trip through toONNX and
// fromONNX bit-identically; random, truncated and bit-flipped bytes, junk arguments and options
// give typed errors only (ONNXError for bad files) and leave wasm memory at its baseline.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { junk, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";

const { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, toONNX, fromONNX, readONNXMetadata, memoryStats, ONNXError } =
  wasmax;
const onnxProto = wasmax.onnxProto;
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

// ---- structure-aware: valid protobufs whose graphs hold random ops, dims, dtypes and tensor sizes ----

const { DataType } = onnxProto.TensorProto;
/** Dims as a hostile file declares them: small, zero, negative, enormous, beyond 2^53. */
const dim = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1e8, 2 ** 31, 2 ** 40, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER) },
);
/** A tensor with random dims, dtype and number of values (raw bytes or a typed field), often inconsistent. */
const randomTensor = (name) =>
  fc
    .record({
      dims: fc.array(dim, { maxLength: 3 }),
      dataType: fc.oneof(
        { weight: 6, arbitrary: fc.constant(DataType.FLOAT) },
        { weight: 2, arbitrary: fc.constantFrom(DataType.DOUBLE, DataType.INT64, DataType.STRING, DataType.FLOAT16, 0, 99) },
      ),
      count: fc.integer({ min: 0, max: 30 }),
      raw: fc.boolean(),
      rawExtra: fc.constantFrom(0, 0, 0, 1, 3),
      values: fc.array(fc.oneof(weight, fc.constantFrom(NaN, Infinity, 1e39)), { minLength: 30, maxLength: 30 }),
      external: fc.boolean().map((b) => b && Math.random() < 0.1),
    })
    .map(({ dims, dataType, count, raw, rawExtra, values, external }) => {
      const taken = values.slice(0, count);
      const tensor = { name, dims, dataType, ...(external ? { dataLocation: 1 } : {}) };
      if (raw) {
        const size = dataType === DataType.DOUBLE ? 8 : 4;
        const bytes = new Uint8Array(count * size + rawExtra);
        const view = new DataView(bytes.buffer);
        taken.forEach((v, i) => (size === 8 ? view.setFloat64(i * 8, v, true) : view.setFloat32(i * 4, v, true)));
        return { ...tensor, rawData: bytes };
      }
      return dataType === DataType.DOUBLE ? { ...tensor, doubleData: taken } : { ...tensor, floatData: taken };
    });
const OPS = ["Gemm", "MatMul", "Add", "Relu", "Tanh", "Sigmoid", "Softmax", "Flatten", "Identity", "Constant", "ArgMax"];
const MORE_OPS = ["GreaterOrEqual", "Greater", "LinearClassifier", "ZipMap", "Conv", "", "Reshape"];
const attribute = fc.oneof(
  fc.record({ name: fc.constantFrom("transB", "transA", "axis", "keepdims"), type: fc.constant(2), i: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ name: fc.constantFrom("alpha", "beta"), type: fc.constant(1), f: fc.constantFrom(1, 0.5, -2, NaN, Infinity) }),
  fc.record({ name: fc.constant("value"), type: fc.constant(4), t: randomTensor("c") }),
  fc.record({
    name: fc.constantFrom("coefficients", "intercepts"),
    type: fc.constant(6),
    floats: fc.array(fc.oneof(weight, fc.constant(NaN)), { maxLength: 12 }),
  }),
  fc.record({
    name: fc.constant("classlabels_ints"),
    type: fc.constant(7),
    ints: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
  }),
  fc.record({
    name: fc.constant("post_transform"),
    type: fc.constant(3),
    s: fc.constantFrom("NONE", "SOFTMAX", "LOGISTIC", "PROBIT").map((t) => new TextEncoder().encode(t)),
  }),
);
/** A chain of nodes over names the chain and the initializers use, so many graphs get deep into the reader. */
const names = fc.constantFrom("X", "a", "b", "c", "w", "v", "Y");
const graphNode = fc.record({
  opType: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...OPS) }, { weight: 1, arbitrary: fc.constantFrom(...MORE_OPS) }),
  domain: fc.constantFrom("", "", "", "ai.onnx.ml", "com.example"),
  name: fc.constantFrom("", "n"),
  input: fc.array(names, { minLength: 1, maxLength: 3 }),
  output: fc.array(names, { minLength: 1, maxLength: 2 }),
  attribute: fc.array(attribute, { maxLength: 3 }),
});
/** A ModelProto's bytes: one float input X of the given width (null: symbolic only), the nodes, initializers and outputs. */
function modelBytes({ nodes, initializer, width, inputType = DataType.FLOAT, outputs, metadata = [] }) {
  const dims = [{ dimParam: "N" }, ...(width === null ? [] : [{ dimValue: width }])];
  const info = (name, elemType) => ({ name, type: { tensorType: { elemType, shape: { dim: dims } } } });
  return onnxProto.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    metadataProps: metadata,
    graph: { name: "fuzz", node: nodes, initializer, input: [info("X", inputType)], output: outputs.map((o) => info(o, DataType.FLOAT)) },
  }).finish();
}

/** Anything goes: random nodes over a few shared names, random tensors, declared width, metadata. */
const randomGraph = fc
  .record({
    nodes: fc.array(graphNode, { maxLength: 5 }),
    initializer: fc.tuple(randomTensor("w"), randomTensor("v"), randomTensor("b")).chain((ts) => fc.subarray(ts)),
    width: fc.option(dim),
    inputType: fc.oneof(
      { weight: 6, arbitrary: fc.constant(DataType.FLOAT) },
      { weight: 1, arbitrary: fc.constantFrom(DataType.DOUBLE, 0) },
    ),
    outputs: fc.subarray(["Y", "a", "b", "c"]),
    metadata: fc.subarray([
      { key: "wasmax.model", value: "MLPClassifier" },
      { key: "wasmax.classes", value: "[0,1,2]" },
      { key: "wasmax.form", value: "indicator" },
      { key: "wasmax.form", value: "bogus" },
    ]),
  })
  .map((spec) =>
    modelBytes({ ...spec, nodes: spec.nodes.map((n) => (n.opType === "LinearClassifier" ? { ...n, domain: "ai.onnx.ml" } : n)) }),
  );

/**
 * A well-formed chain of dense layers (Gemm or MatMul + Add, an activation after each) whose
 * tensors are consistent, with at most one thing broken: a tensor's dims, value count, dtype or
 * storage, the input's declared width, or a tensor emptied to dims like [10⁸, 0]. Most reach the model constructors; the broken ones must
 * be refused with an ONNXError before anything the size of their dims is allocated.
 */
const chainGraph = fc
  .record({
    D: fc.integer({ min: 1, max: 4 }),
    widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    ops: fc.array(fc.constantFrom("Gemm", "MatMul"), { minLength: 3, maxLength: 3 }),
    acts: fc.array(fc.constantFrom(null, "Relu", "Tanh", "Sigmoid", "Softmax"), { minLength: 3, maxLength: 3 }),
    double: fc.boolean(),
    raw: fc.boolean(),
    broken: fc.option(
      fc.record({
        tensor: fc.nat(),
        what: fc.constantFrom("dims", "count", "dtype", "raw", "width", "empty"),
        dim,
        at: fc.nat(),
        dataType: fc.constantFrom(DataType.INT64, DataType.FLOAT16, DataType.STRING, 0, 99),
      }),
      { freq: 2 },
    ),
  })
  .map(({ D, widths, ops, acts, double, raw, broken }) => {
    const nodes = [];
    const initializer = [];
    let current = "X";
    let inputs = D;
    const tensor = (name, dims) => {
      const count = dims.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: count }, (_, i) => (((i * 7) % 5) - 2) / 4);
      if (!raw)
        return double
          ? { name, dims, dataType: DataType.DOUBLE, doubleData: values }
          : { name, dims, dataType: DataType.FLOAT, floatData: values };
      const bytes = new Uint8Array(count * (double ? 8 : 4));
      const view = new DataView(bytes.buffer);
      values.forEach((v, i) => (double ? view.setFloat64(i * 8, v, true) : view.setFloat32(i * 4, v, true)));
      return { name, dims, dataType: double ? DataType.DOUBLE : DataType.FLOAT, rawData: bytes };
    };
    widths.forEach((outputs, l) => {
      const last = l === widths.length - 1;
      const z = `z${l}`;
      if (ops[l] === "Gemm") {
        initializer.push(tensor(`w${l}`, [outputs, inputs]), tensor(`b${l}`, [outputs]));
        nodes.push({
          opType: "Gemm",
          name: `gemm${l}`,
          input: [current, `w${l}`, `b${l}`],
          output: [z],
          attribute: [{ name: "transB", type: 2, i: 1 }],
        });
      } else {
        initializer.push(tensor(`w${l}`, [inputs, outputs]), tensor(`b${l}`, [outputs]));
        nodes.push({ opType: "MatMul", name: `matmul${l}`, input: [current, `w${l}`], output: [`m${l}`] });
        nodes.push({ opType: "Add", name: `add${l}`, input: [`m${l}`, `b${l}`], output: [z] });
      }
      current = z;
      const act = last ? acts[l] : acts[l] === "Softmax" ? "Relu" : acts[l];
      if (act) {
        nodes.push({ opType: act, name: `${act.toLowerCase()}${l}`, input: [z], output: [`h${l}`], attribute: [] });
        current = `h${l}`;
      }
      inputs = outputs;
    });
    let width = D;
    if (broken) {
      const t = initializer[broken.tensor % initializer.length];
      if (broken.what === "width") width = broken.dim;
      // No values, and dims whose product is 0 beside one that is enormous: [10⁸, 0] holds "all" its 0 values.
      else if (broken.what === "empty")
        Object.assign(t, { dims: broken.at % 2 ? [broken.dim, 0] : [0, broken.dim], floatData: [], doubleData: [], rawData: undefined });
      else if (broken.what === "dims")
        t.dims = t.dims.length ? t.dims.map((d, i) => (i === broken.at % t.dims.length ? broken.dim : d)) : [broken.dim];
      else if (broken.what === "dtype") t.dataType = broken.dataType;
      else if (broken.what === "raw" && t.rawData) t.rawData = t.rawData.subarray(0, Math.max(0, t.rawData.length - 1 - (broken.at % 8)));
      else if (t.floatData) t.floatData = t.floatData.slice(0, broken.at % (t.floatData.length + 2));
      else if (t.doubleData) t.doubleData = [...t.doubleData, 1];
    }
    return modelBytes({ nodes, initializer, width, outputs: [current] });
  });

Onnx("fromONNX on valid protobufs with random ops, dims, dtypes and tensor sizes: ONNXError only, memory bounded by the file", () => {
  let imported = 0;
  const startRSS = process.resourceUsage().maxRSS;
  check(
    fc.property(fc.oneof({ weight: 2, arbitrary: chainGraph }, { weight: 1, arbitrary: randomGraph }), (bytes) => {
      const baseline = memoryStats().allocatedBytes;
      const before = process.memoryUsage().arrayBuffers;
      let model;
      try {
        model = fromONNX(bytes);
      } catch (error) {
        assert.instance(error, ONNXError, `${error?.name}: ${error?.message}`);
      }
      // Buffers made for the file and not yet collected: a reader that trusted declared dims would show them here.
      const grown = process.memoryUsage().arrayBuffers - before;
      assert.ok(grown <= 1e6 + 100 * bytes.length, `a ${bytes.length}-byte file made ${grown} bytes of buffers`);
      if (model) {
        imported++;
        const D = model.layers()[0].inputs;
        assert.ok(model.predictProba(new Float32Array(D)).every(Number.isFinite), "an imported model predicts finite probabilities");
        model.dispose();
      }
      atBaseline(baseline, "fromONNX");
    }),
    { runs: 400, fresh: 200 },
  );
  // maxRSS is the process's peak in KiB: one 10⁸-value allocation would add 400 MB.
  const grownMB = (process.resourceUsage().maxRSS - startRSS) / 1024;
  assert.ok(grownMB < 200, `the process's peak memory grew by ${grownMB.toFixed(0)} MB`);
  assert.ok(imported > 0, "some random graphs are valid models (the generator reaches past the first checks)");
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
