// wasmax/onnx: toONNX → fromONNX round trips for every model kind; the files PyTorch's exporter
// and onnx.helper made (test/fixtures/onnx, scripts/make-onnx-fixtures.py) give their producers'
// probabilities; graphs built here cover MatMul + Add, Gemm's alpha/beta/transB, Constant weights
// and double tensors; and every kind of bad file is an ONNXError that names what was wrong.
// onnxruntime's side of the parity is test/runtimes/onnx.test.js.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory, BACKEND } from "../setup.js";
import { rejects } from "../assertions.js";

const {
  SoftmaxRegression,
  MLPClassifier,
  MultiLabelLogisticRegression,
  toONNX,
  fromONNX,
  ONNXError,
  onnxProto: onnx,
  loadModel,
  DisposedError,
  NotFittedError,
} = wasmax;
const ONNX = suite("onnx");
checkMemory(ONNX);

const fixture = (name) => readFileSync(new URL(`../fixtures/onnx/${name}`, import.meta.url));
const expected = JSON.parse(fixture("expected.json"));
const iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
const names = ["setosa", "versicolor", "virginica"];
const irisY = iris.y.map((k) => names[k]);
const sets = iris.X.map((x) => [...(x[2] > 4 ? ["large petal"] : []), ...(x[0] > 6 ? ["long sepal"] : [])]);

function maxDiff(a, b) {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function using(model, fn) {
  try {
    return fn(model);
  } finally {
    model.dispose();
  }
}

/** Bytes of a ModelProto with the given nodes, initializers, opsets and one float input X of D columns. */
function graph({ nodes, initializer = [], outputs = ["Y"], D = 4, inputs, opset = [{ domain: "", version: 13 }], metadata = [] }) {
  const info = (name, elemType = onnx.TensorProto.DataType.FLOAT) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: [{ dimParam: "N" }, { dimValue: D }] } } },
  });
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: opset,
    metadataProps: metadata,
    graph: { name: "g", node: nodes, initializer, input: inputs ?? [info("X")], output: outputs.map((o) => info(o)) },
  }).finish();
}
const tensor = (name, dims, values, dataType = onnx.TensorProto.DataType.FLOAT) =>
  dataType === onnx.TensorProto.DataType.FLOAT ? { name, dims, dataType, floatData: values } : { name, dims, dataType, doubleData: values };
const node = (opType, input, output, attrs = {}, extra = {}) => ({
  opType,
  input,
  output,
  name: `${opType.toLowerCase()}`,
  ...extra,
  attribute: Object.entries(attrs).map(([name, v]) =>
    typeof v === "number" && Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v },
  ),
});

// A 4 → 3 layer: W (3 × 4, outputs × inputs) and b.
const W = [0.5, -1, 0.25, 2, -0.5, 1.5, 0, -1, 1, 0.75, -2, 0.5];
const B = [0.1, -0.2, 0.3];
function softmaxRows(X, w = W, b = B) {
  return X.flatMap((x) => {
    const z = [0, 1, 2].map((k) => b[k] + x.reduce((s, v, d) => s + v * w[k * 4 + d], 0));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    return e.map((v) => v / s);
  });
}

// ---- round trips ----

ONNX("SoftmaxRegression → ONNX → SoftmaxRegression: same classes, bit-identical probabilities", () => {
  using(new SoftmaxRegression({ maxIter: 1000 }).fit(iris.X, irisY), (model) => {
    using(fromONNX(toONNX(model)), (back) => {
      assert.instance(back, SoftmaxRegression);
      assert.equal(back.classes, names);
      assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
      assert.equal(back.predict(iris.X), model.predict(iris.X));
    });
  });
});

for (const activation of ["relu", "tanh", "logistic", "identity"]) {
  ONNX(`MLPClassifier (${activation}, two hidden layers) round trips bit-identically`, () => {
    using(new MLPClassifier({ hiddenLayerSizes: [7, 5], activation, maxIter: 30, tol: 0, randomState: 1 }).fit(iris.X, iris.y), (model) => {
      using(fromONNX(toONNX(model)), (back) => {
        assert.instance(back, MLPClassifier);
        assert.is(back.toJSON().activation, activation);
        assert.equal(back.toJSON().hiddenLayerSizes, [7, 5]);
        assert.equal(back.classes, [0, 1, 2]);
        assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
      });
    });
  });
}

ONNX("an MLPClassifier without hidden layers comes back as an MLPClassifier", () => {
  using(new MLPClassifier({ hiddenLayerSizes: [], maxIter: 20, tol: 0 }).fit(iris.X, irisY), (model) => {
    using(fromONNX(toONNX(model)), (back) => {
      assert.instance(back, MLPClassifier);
      assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
    });
  });
});

ONNX("multi-label models (linear with threshold 0.3, MLP) round trip with their labels and threshold", () => {
  using(new MultiLabelLogisticRegression({ threshold: 0.3 }).fit(iris.X, sets), (model) => {
    using(fromONNX(toONNX(model)), (back) => {
      assert.instance(back, MultiLabelLogisticRegression);
      assert.is(back.options.threshold, Math.fround(0.3));
      assert.equal(back.classes, ["large petal", "long sepal"]);
      assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
      assert.equal(back.predict(iris.X), model.predict(iris.X));
    });
  });
  using(new MLPClassifier({ hiddenLayerSizes: [6], maxIter: 40, tol: 0, randomState: 2 }).fit(iris.X, sets), (model) => {
    using(fromONNX(toONNX(model)), (back) => {
      assert.instance(back, MLPClassifier);
      assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
      assert.equal(back.predict(iris.X), model.predict(iris.X));
    });
  });
});

ONNX("the exported graph: standard ops only, declared opset and IR version, classes in metadata", () => {
  using(new MLPClassifier({ hiddenLayerSizes: [4], maxIter: 5, tol: 0 }).fit(iris.X, irisY), (model) => {
    for (const [opset, ir] of [
      [13, 7],
      [17, 8],
      [21, 10],
    ]) {
      const m = onnx.ModelProto.decode(toONNX(model, { opset }));
      assert.is(Number(m.irVersion), ir);
      assert.equal(
        m.opsetImport.map((o) => [o.domain, Number(o.version)]),
        [["", opset]],
      );
      assert.equal(
        m.graph.node.map((n) => n.opType),
        ["Gemm", "Relu", "Gemm", "Softmax", "ArgMax"],
      );
      assert.equal(
        m.graph.output.map((o) => o.name),
        ["probabilities", "label"],
      );
      assert.equal(JSON.parse(m.metadataProps.find((p) => p.key === "wasmax.classes").value), names);
    }
  });
  using(new MultiLabelLogisticRegression().fit(iris.X, sets), (model) => {
    const m = onnx.ModelProto.decode(toONNX(model));
    assert.equal(
      m.graph.node.map((n) => n.opType),
      ["Gemm", "Sigmoid", "GreaterOrEqual"],
    );
    assert.equal(
      m.graph.output.map((o) => o.name),
      ["probabilities", "labels"],
    );
  });
});

// ---- files from the real producers ----

for (const [file, kind] of [
  ["torch-mlp", MLPClassifier],
  ["torch-deep", MLPClassifier],
  ["torch-multilabel", MultiLabelLogisticRegression],
  ["linear-classifier", SoftmaxRegression],
]) {
  // The reference is the file's function computed in float64; PyTorch's own float32 pass is itself
  // up to 3.4e-7 from it (expected.json's "-float32" entries).
  ONNX(`${file}.onnx imports as ${kind.modelName}; its probabilities within 1e-6 of the producer's function`, () => {
    using(fromONNX(fixture(`${file}.onnx`)), (model) => {
      assert.instance(model, kind);
      const diff = maxDiff(model.predictProba(expected.X), expected[file].flat());
      assert.ok(diff <= 1e-6, `max |Δp| = ${diff}`);
      console.log(`  ${file}.onnx on the ${BACKEND} build: max |Δp| = ${diff.toExponential(2)}`);
    });
  });
}

ONNX("the LinearClassifier keeps its string labels and matches scikit-learn's predict_proba within 1e-5", () => {
  using(fromONNX(fixture("linear-classifier.onnx")), (model) => {
    assert.equal(model.classes, expected["linear-classifier-classes"]);
    const diff = maxDiff(model.predictProba(expected.X), expected["linear-classifier-sklearn"].flat());
    assert.ok(diff <= 1e-5, `max |Δp| = ${diff}`);
  });
});

ONNX("an imported model is a normal model: JSON, loadModel, further training with warmStart", () => {
  using(
    fromONNX(fixture("torch-mlp.onnx"), {
      classes: names,
      modelOptions: { solver: "adam", maxIter: 3, tol: 0, warmStart: true, hiddenLayerSizes: [16] },
    }),
    (model) => {
      const before = model.predictProba(iris.X);
      using(loadModel(JSON.stringify(model.toJSON())), (copy) => assert.equal(copy.predictProba(iris.X), before));
      model.fit(iris.X, irisY);
      assert.is(model.nIter, 3);
      const after = model.predictProba(iris.X);
      const moved = maxDiff(before, after);
      assert.ok(moved > 0 && moved < 0.5, `warm start moved the probabilities by ${moved}`);
    },
  );
});

ONNX("a graph that ends in scores takes head 'sigmoid' when asked; a contradicting head is refused", () => {
  using(fromONNX(fixture("torch-mlp.onnx"), { head: "sigmoid" }), (model) => {
    assert.equal(model.predict([expected.X[0]]).length, 1);
    assert.instance(model, MLPClassifier);
    assert.ok(maxDiff(model.predictProba([expected.X[0]]), [0, 0, 0]) > 0);
  });
  rejects(() => fromONNX(fixture("torch-deep.onnx"), { head: "sigmoid" }), ONNXError, /ends in Softmax/);
});

// ---- graphs built here ----

ONNX("MatMul + Add (bias on either side), Identity and Flatten import as the same layer", () => {
  const t = new Array(12);
  for (let k = 0; k < 3; k++) for (let d = 0; d < 4; d++) t[d * 3 + k] = W[k * 4 + d];
  for (const order of [
    ["Z", "b"],
    ["b", "Z"],
  ]) {
    const bytes = graph({
      nodes: [
        node("Identity", ["X"], ["X1"]),
        node("Flatten", ["X1"], ["X2"], { axis: 1 }),
        node("MatMul", ["X2", "w"], ["Z"]),
        node("Add", order, ["L"]),
        node("Softmax", ["L"], ["Y"], { axis: -1 }),
      ],
      initializer: [tensor("w", [4, 3], t), tensor("b", [3], B)],
    });
    using(fromONNX(bytes), (model) => {
      assert.instance(model, SoftmaxRegression);
      assert.ok(maxDiff(model.predictProba(iris.X.slice(0, 20)), softmaxRows(iris.X.slice(0, 20))) < 1e-6);
    });
  }
});

ONNX("Gemm with transB = 0, alpha and beta, weights from a Constant node and a double tensor", () => {
  const t = new Array(12);
  for (let k = 0; k < 3; k++) for (let d = 0; d < 4; d++) t[d * 3 + k] = W[k * 4 + d] / 2;
  const bytes = graph({
    nodes: [
      { ...node("Constant", [], ["w"]), attribute: [{ name: "value", type: 4, t: tensor("", [4, 3], t) }] },
      node("Gemm", ["X", "w", "c"], ["Y"], { alpha: 2.0, beta: 0.5 }),
    ],
    initializer: [
      tensor(
        "c",
        [1, 3],
        B.map((v) => v * 2),
        onnx.TensorProto.DataType.DOUBLE,
      ),
    ],
  });
  using(fromONNX(bytes, { classes: ["a", "b", "c"] }), (model) => {
    assert.equal(model.classes, ["a", "b", "c"]);
    assert.ok(maxDiff(model.predictProba(iris.X.slice(0, 20)), softmaxRows(iris.X.slice(0, 20))) < 1e-6);
  });
});

ONNX("a binary LinearClassifier stored as rows −w, w with LOGISTIC (skl2onnx's layout) becomes a two-class softmax", () => {
  const w = [0.5, -1, 0.25, 2];
  const b = 0.3;
  const classifier = (coefficients, transform, D = 4) =>
    graph({
      D,
      nodes: [
        {
          opType: "LinearClassifier",
          domain: "ai.onnx.ml",
          input: ["X"],
          output: ["label", "Y"],
          attribute: [
            { name: "coefficients", type: 6, floats: coefficients },
            { name: "intercepts", type: 6, floats: [-b, b] },
            { name: "classlabels_ints", type: 7, ints: [0, 1] },
            { name: "post_transform", type: 3, s: new TextEncoder().encode(transform) },
          ],
        },
      ],
      opset: [
        { domain: "", version: 13 },
        { domain: "ai.onnx.ml", version: 1 },
      ],
    });
  using(fromONNX(classifier([...w.map((v) => -v), ...w], "LOGISTIC")), (model) => {
    assert.instance(model, SoftmaxRegression);
    const X = iris.X.slice(0, 30);
    const expectedProba = X.flatMap((x) => {
      const p = 1 / (1 + Math.exp(-(b + x.reduce((s, v, d) => s + v * w[d], 0))));
      return [1 - p, p];
    });
    assert.ok(maxDiff(model.predictProba(X), expectedProba) < 1e-6);
  });
  using(fromONNX(classifier([...w, ...w], "LOGISTIC")), (model) => assert.instance(model, MultiLabelLogisticRegression));
  rejects(() => fromONNX(classifier([...w, ...w], "SOFTMAX", 8)), ONNXError, /8 coefficients: 2 classes × 4, but the input has 8 features/);
  rejects(() => fromONNX(classifier([...w, ...w], "PROBIT")), ONNXError, /post_transform PROBIT is not supported/);
});

// ---- bad input ----

ONNX("bytes that are not an ONNX model: empty, text, random, truncated at several points", () => {
  rejects(() => fromONNX(new Uint8Array(0)), ONNXError, /empty/);
  rejects(() => fromONNX(new TextEncoder().encode('{"format":"wasmax/SoftmaxRegression"}')), ONNXError, /not an ONNX model/);
  let seed = 7;
  const random = Uint8Array.from({ length: 300 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  rejects(() => fromONNX(random), ONNXError, /not an ONNX model/);
  using(new SoftmaxRegression({ maxIter: 1000 }).fit(iris.X, irisY), (model) => {
    const bytes = toONNX(model);
    for (const cut of [1, 10, bytes.length >> 1, bytes.length - 1])
      rejects(() => fromONNX(bytes.subarray(0, cut)), ONNXError, /ONNX model/);
  });
  rejects(() => fromONNX("model.onnx"), TypeError, /Uint8Array or ArrayBuffer/);
  rejects(() => fromONNX(new Uint8Array(4), { clases: [] }), TypeError, /unknown option "clases" \(did you mean classes\?\)/);
  rejects(() => fromONNX(new Uint8Array(4), { head: "relu" }), RangeError, /head must be/);
});

ONNX("ZipMap, unsupported ops and graphs that are not one chain are refused by node and op", () => {
  rejects(() => fromONNX(fixture("zipmap.onnx")), ONNXError, /ai\.onnx\.ml\.ZipMap \(node 1\)/, /zipmap': False/);
  rejects(() => fromONNX(fixture("unsupported-op.onnx")), ONNXError, /LeakyRelu 'leaky' \(node 1\)/, /"LeakyRelu" is not supported/);
  const w = tensor("w", [3, 4], W);
  const cases = [
    [{ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1, transA: 1 })], initializer: [w] }, /transA/],
    [{ nodes: [node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), node("Softmax", ["Z"], ["Y"], { axis: 0 })], initializer: [w] }, /axis 0/],
    [
      { nodes: [node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), node("Relu", ["X"], ["Y"])], initializer: [w] },
      /reads "X" where the chain of layers is at "Z"/,
    ],
    [
      { nodes: [node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), node("Relu", ["Z"], ["R"]), node("Tanh", ["R"], ["Y"])], initializer: [w] },
      /follows an activation \(relu\)/,
    ],
    [{ nodes: [node("Gemm", ["X", "v"], ["Y"], { transB: 1 })], initializer: [w] }, /weight "v" is computed in the graph/],
    [{ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [w], outputs: ["Q"] }, /do not include the end of its chain/],
    [
      { nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [tensor("w", [3, 4], W.slice(1))] },
      /dims \[3, 4\] \(12 values\) but holds 11/,
    ],
    [{ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [{ ...w, floatData: [], dataLocation: 1 }] }, /external file/],
    [
      {
        nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })],
        initializer: [
          tensor(
            "w",
            [3, 4],
            W.map((v, i) => (i === 5 ? NaN : v)),
          ),
        ],
      },
      /weight "w"\[5\] is NaN/,
    ],
    [{ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [w], inputs: [] }, /0 inputs/],
    [{ nodes: [node("Relu", ["X"], ["Y"])] }, /before any Gemm/],
    [{ nodes: [node("Identity", ["X"], ["Y"])] }, /no dense layer/],
    [
      { nodes: [node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), node("Add", ["Z", "w"], ["Y"])], initializer: [w] },
      /Add only as a MatMul's bias/,
    ],
  ];
  for (const [spec, pattern] of cases) rejects(() => fromONNX(graph(spec)), ONNXError, pattern);
  const intInput = { name: "X", type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64 } } };
  rejects(
    () => fromONNX(graph({ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [w], inputs: [intInput] })),
    ONNXError,
    /INT64; wasmax models take FLOAT/,
  );
  const mixed = graph({
    nodes: [
      node("Gemm", ["X", "w"], ["A"], { transB: 1 }),
      node("Relu", ["A"], ["B"]),
      node("Gemm", ["B", "v"], ["C"], { transB: 1 }),
      node("Tanh", ["C"], ["D"]),
      node("Gemm", ["D", "u"], ["Y"], { transB: 1 }),
    ],
    initializer: [w, tensor("v", [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]), tensor("u", [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1])],
  });
  rejects(() => fromONNX(mixed), ONNXError, /hidden layers use relu and tanh/);
  const badMetadata = graph({
    nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })],
    initializer: [w],
    metadata: [{ key: "wasmax.classes", value: "[1,2]" }],
  });
  rejects(() => fromONNX(badMetadata), ONNXError, /JSON array of 3 labels/);
  rejects(
    () => fromONNX(graph({ nodes: [node("Gemm", ["X", "w"], ["Y"], { transB: 1 })], initializer: [w] }), { classes: ["a", "b"] }),
    RangeError,
    /classes holds 2 labels but the model has 3 outputs/,
  );
});

ONNX("declared dims are checked against the values present before allocating: zero, enormous and lying dims name the node", () => {
  // Each file is tens of bytes: a reader that trusted its dims would allocate 4·10⁸ bytes (and more) for nothing.
  const gemm = (weight, bias) => ({
    nodes: [{ ...node("Gemm", ["X", "w", ...(bias ? ["b"] : [])], ["Y"], { transB: 1 }), name: "fc" }],
    initializer: [weight, ...(bias ? [bias] : [])],
  });
  const cases = [
    [
      gemm(tensor("w", [1e8, 0], [])),
      /Gemm 'fc' \(node 0\): weight "w" has dims \[100000000, 0\]; every dimension must be an integer from 1 to 2\^53 − 1, got 0/,
    ],
    [gemm(tensor("w", [0, 1e8], [])), /Gemm 'fc' \(node 0\): weight "w" has dims \[0, 100000000\]/],
    [gemm(tensor("w", [1e8, 4], [])), /Gemm 'fc' \(node 0\): weight "w" has dims \[100000000, 4\] \(400000000 values\) but holds 0/],
    [gemm(tensor("w", [2 ** 40, 2 ** 40], [1])), /Gemm 'fc' \(node 0\): weight "w" has dims \[1099511627776, 1099511627776\]/],
    [gemm(tensor("w", [3, 4], W), tensor("b", [0], [])), /Gemm 'fc' \(node 0\): bias "b" has dims \[0\]/],
    [
      gemm(tensor("w", [3, 4], W), tensor("b", [1e9], [1])),
      /Gemm 'fc' \(node 0\): bias "b" has dims \[1000000000\] \(1000000000 values\) but holds 1/,
    ],
    [gemm({ name: "w", dims: [1e8, 4], dataType: 1, rawData: new Uint8Array(8) }), /weight "w" has dims \[100000000, 4\] .* but holds 2/],
    [gemm(tensor("w", [3, 5], [...W, 1, 2, 3])), /Gemm 'fc' \(node 0\): takes 5 inputs but the graph's input declares 4 features/],
    [{ ...gemm(tensor("w", [3, 4], W)), D: 0 }, /Gemm 'fc' \(node 0\): takes 4 inputs but the graph's input declares 0 features/],
    [{ ...gemm(tensor("w", [3, 4], W)), D: 1e12 }, /takes 4 inputs but the graph's input declares 1000000000000 features/],
  ];
  for (const [spec, pattern] of cases) {
    const bytes = graph(spec);
    assert.ok(bytes.length < 200, `a ${bytes.length}-byte file`);
    rejects(() => fromONNX(bytes), ONNXError, pattern);
  }
  // A weight named by many layers would cost its size once per layer, not once per file.
  const shared = graph({
    nodes: Array.from({ length: 3 }, (_, l) => ({
      ...node("Gemm", [l ? `Z${l - 1}` : "X", "w"], [l === 2 ? "Y" : `Z${l}`], { transB: 1 }),
      name: `fc${l}`,
    })),
    initializer: [tensor("w", [4, 4], [...W, 1, 2, 3, 4])],
  });
  rejects(() => fromONNX(shared), ONNXError, /Gemm 'fc1' \(node 1\): its weight "w" is an earlier layer's weight too/);
  const matmul = graph({ nodes: [{ ...node("MatMul", ["X", "w"], ["Y"]), name: "mm" }], initializer: [tensor("w", [0, 1e8], [])], D: 0 });
  rejects(() => fromONNX(matmul), ONNXError, /MatMul 'mm' \(node 0\): weight "w" has dims \[0, 100000000\]/);
});

ONNX("graphs the fuzzer found: refused with an ONNXError, or (one sigmoid label) imported, never a RangeError from a constructor", () => {
  // Float attributes written as floats (the node helper writes whole numbers, as 3e38 is, as ints).
  const gemm = (weight, extra = [], floats = {}) => {
    const gemmNode = { ...node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), name: "fc" };
    gemmNode.attribute.push(...Object.entries(floats).map(([name, f]) => ({ name, type: 1, f })));
    return { nodes: [gemmNode, ...extra], initializer: [weight] };
  };
  const one = tensor("w", [1, 4], W.slice(0, 4));
  const cases = [
    [{ ...gemm(one, [node("Softmax", ["Z"], ["Y"])]) }, /ends in a Softmax over 1 output; a multi-class model needs two or more/],
    [{ ...gemm(one), outputs: ["Z"] }, /ends in a Softmax over 1 output/],
    [{ ...gemm(tensor("w", [3, 4], W), [node("Relu", ["Z"], ["Y"])]) }, /the graph ends in Relu, not in class scores/],
    [{ ...gemm(tensor("w", [3, 4], W), [node("Tanh", ["Z"], ["Y"])]) }, /the graph ends in Tanh/],
    [
      { ...gemm(tensor("w", [3, 4], W), [node("Softmax", ["Z"], ["Y"])], { alpha: 3e38 }) },
      /Gemm 'fc' \(node 0\): alpha [\d.]+e\+38 times its weight's value \d+ is Infinity/,
    ],
    [
      {
        ...gemm(tensor("w", [3, 4], W), [node("Softmax", ["Z"], ["Y"])]),
        metadata: [{ key: "wasmax.classes", value: '["a","b","a"]' }],
      },
      /"wasmax\.classes"\] names a label twice/,
    ],
  ];
  for (const [spec, pattern] of cases) rejects(() => fromONNX(graph(spec)), ONNXError, pattern);
  const betaNode = { ...node("Gemm", ["X", "w", "b"], ["Y"], { transB: 1 }), name: "fc" };
  betaNode.attribute.push({ name: "beta", type: 1, f: 1e38 });
  const beta = graph({ nodes: [betaNode], initializer: [tensor("w", [3, 4], W), tensor("b", [3], [1e3, 0, 0])] });
  rejects(() => fromONNX(beta), ONNXError, /Gemm 'fc' \(node 0\): its bias 0 comes to Infinity/);
  // One sigmoid output is a one-label model (MultiLabelLogisticRegression.fromCoefficients with one label wrote out of bounds).
  using(fromONNX(graph({ ...gemm(one, [node("Sigmoid", ["Z"], ["Y"])]) })), (model) => {
    assert.instance(model, MultiLabelLogisticRegression);
    assert.equal(model.classes, [0]);
    const z = W.slice(0, 4).reduce((s, w, d) => s + w * [1, 2, 3, 4][d], 0);
    assert.equal(model.predict([[1, 2, 3, 4]]), [z >= 0 ? [0] : []]);
  });
  using(MultiLabelLogisticRegression.fromCoefficients({ coef: [[0.5, -1]], intercept: [0.25], classes: ["only"] }), (model) => {
    assert.equal(model.predict([[1, 0]]), [["only"]]);
    assert.equal(model.coef, [[0.5, -1]]);
  });
});

ONNX("a multi-label model fitted on an indicator matrix comes back predicting indicator rows (linear and MLP)", () => {
  const indicator = sets.map((s) => [s.includes("large petal") ? 1 : 0, s.includes("long sepal") ? 1 : 0]);
  for (const make of [
    () => new MultiLabelLogisticRegression({ threshold: 0.4 }).fit(iris.X, indicator),
    () => new MLPClassifier({ hiddenLayerSizes: [5], maxIter: 40, tol: 0, randomState: 3 }).fit(iris.X, indicator),
  ]) {
    using(make(), (model) => {
      const bytes = toONNX(model);
      assert.is(wasmax.readONNXMetadata(bytes)["wasmax.form"], "indicator");
      using(fromONNX(bytes), (back) => {
        assert.is(back.constructor, model.constructor);
        assert.equal(back.classes, [0, 1]);
        assert.equal(back.predict(iris.X), model.predict(iris.X), "indicator rows, not label indices");
        assert.equal(back.predictProba(iris.X), model.predictProba(iris.X));
        assert.is(back.toJSON().form, "indicator");
      });
    });
  }
  using(new MultiLabelLogisticRegression().fit(iris.X, sets), (model) => {
    assert.is(wasmax.readONNXMetadata(toONNX(model))["wasmax.form"], "sets");
  });
  const w = tensor("w", [2, 4], W.slice(0, 8));
  const labelled = (value, classes = "[0,1]") =>
    graph({
      nodes: [node("Gemm", ["X", "w"], ["Z"], { transB: 1 }), node("Sigmoid", ["Z"], ["Y"])],
      initializer: [w],
      metadata: [
        { key: "wasmax.form", value },
        { key: "wasmax.classes", value: classes },
      ],
    });
  rejects(() => fromONNX(labelled("matrix")), ONNXError, /"wasmax\.form"\] is "matrix", expected "sets" or "indicator"/);
  rejects(() => fromONNX(labelled("indicator", '["a","b"]')), ONNXError, /labels are not the column numbers 0 … 1/);
  using(fromONNX(labelled("indicator"), { classes: ["p", "q"] }), (back) => assert.equal(back.predict([[5, 3, 4, 1]]).length, 1));
});

ONNX("toONNX: options checked; unfitted, disposed and foreign models refused", () => {
  const model = new SoftmaxRegression();
  rejects(() => toONNX(model), NotFittedError);
  model.fit(iris.X, irisY);
  rejects(() => toONNX(model, { opset: 12 }), RangeError, /opset must be an integer from 13 to 21/);
  rejects(() => toONNX(model, { opSet: 13 }), TypeError, /unknown option "opSet"/);
  model.dispose();
  rejects(() => toONNX(model), DisposedError);
  rejects(() => toONNX({ layers: () => [] }), TypeError, /expected a wasmax model/);
  rejects(() => toONNX(null), TypeError, /expected a wasmax model/);
});

ONNX.run();
