// Every typed array the library hands out owns its ArrayBuffer: byteOffset 0 and a buffer of
// exactly its own length. A view into a shared buffer (Node's 8 KiB Buffer pool, wasm memory, a
// larger block of the model's) would let whoever receives `result.buffer` read data that is not
// the result's. Each public function and model method is called here and its result searched for
// typed arrays; an exported function with no entry in CALLS or RETURNS_NO_TYPED_ARRAY fails the
// first test, so a new one cannot be missed.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";

const Owned = suite("owned buffers: every returned typed array owns its ArrayBuffer");
checkMemory(Owned);

const { SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, StandardScaler, LabelEncoder, MultiLabelBinarizer } = wasmax;
const { SparseMatrix, HashingVectorizer, TfidfTransformer, OneHotEncoder, ColumnTransformer, Pipeline, FastTextClassifier } = wasmax;

const X = [
  [0, 1, 2],
  [1, 0, 1],
  [2, 2, 0],
  [0, 0, 1],
  [1, 2, 2],
  [2, 1, 0],
];
const labels = ["a", "b", "c", "a", "b", "c"];
const sets = [["x"], ["y"], ["x", "y"], [], ["y"], ["x"]];
const indicator = [
  [1, 0],
  [0, 1],
  [1, 1],
  [0, 0],
  [0, 1],
  [1, 0],
];
const logits = Float32Array.of(1, 2, 3, -1, 0, 4);

/** Calls of every exported function whose result may hold a typed array (the fitted models are made per call). */
const CALLS = {
  softmax: () => wasmax.softmax(logits, 3),
  logSoftmax: () => wasmax.logSoftmax(logits, 3),
  softmaxCrossEntropy: () => wasmax.softmaxCrossEntropy(logits, Int32Array.of(0, 2), 3, { reduction: "none", grad: true }),
  argmax: () => wasmax.argmax(logits, 3),
  topK: () => wasmax.topK(logits, 2, 3),
  linear: () => wasmax.linear(Float32Array.of(1, 2, 3, 4), Float32Array.of(1, 0, 0, 1, 1, 1), Float32Array.of(0, 1, 2), 2),
  linearBackward: () => wasmax.linearBackward(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 2, 3, 4), 3, 2),
  sigmoid: () => wasmax.sigmoid(logits, 3),
  sigmoidCrossEntropy: () => wasmax.sigmoidCrossEntropy(logits, Float32Array.of(1, 0, 1, 0, 1, 1), 3, { reduction: "none", grad: true }),
  trainTestSplit: () => wasmax.trainTestSplit(X, labels, { testSize: 3, randomState: 1 }),
  confusionMatrix: () => wasmax.confusionMatrix(labels, ["a", "a", "c", "a", "b", "b"]),
  classificationReport: () => wasmax.classificationReport(labels, ["a", "a", "c", "a", "b", "b"]),
  multiLabelReport: () => wasmax.multiLabelReport(sets, [["x"], [], ["y"], [], ["y"], ["x"]]),
  f1Score: () => wasmax.f1Score(sets, [["x"], [], ["y"], [], ["y"], ["x"]], { average: "none" }),
  precisionScore: () => wasmax.precisionScore(sets, [["x"], [], ["y"], [], ["y"], ["x"]], { average: "none" }),
  recallScore: () => wasmax.recallScore(sets, [["x"], [], ["y"], [], ["y"], ["x"]], { average: "none" }),
  loadModel: () =>
    withModel(
      () => fitted(SoftmaxRegression),
      (m) => wasmax.loadModel(m.toJSON()),
      true,
    ),
  toONNX: () =>
    withModel(
      () => fitted(SoftmaxRegression),
      (m) => wasmax.toONNX(m),
    ),
  readONNXMetadata: () =>
    withModel(
      () => fitted(SoftmaxRegression),
      (m) => wasmax.readONNXMetadata(wasmax.toONNX(m)),
    ),
  fromONNX: () =>
    withModel(
      () => fitted(MLPClassifier),
      (m) => wasmax.fromONNX(wasmax.toONNX(m)),
      true,
    ),
  memoryStats: () => wasmax.memoryStats(),
  makePipeline: () => wasmax.makePipeline(new StandardScaler(), new SoftmaxRegression()).steps.length, // an unfitted pipeline
  loadRowModel: () =>
    withModel(
      () => fitted(SoftmaxRegression),
      (m) => wasmax.loadRowModel(m.toJSON()),
      true,
    ),
  toFastText: () => withFastText((m) => wasmax.toFastText(m)),
  quantize: () =>
    withFastText((m) => {
      const q = wasmax.quantize(m, { dsub: 1 });
      try {
        return { json: q.toJSON(), parts: q.parts() };
      } finally {
        q.dispose();
      }
    }),
  modelFromLayers: () =>
    withModel(
      () => fitted(SoftmaxRegression),
      (m) => wasmax.modelFromLayers(m.layers(), { classes: m.classes }),
      true,
    ),
};

/** Exported functions whose results are numbers, strings, plain objects of them, or nothing. */
const RETURNS_NO_TYPED_ARRAY = [
  "init", // a backend name
  "initSync",
  "backend",
  "threads",
  "configure",
  "accuracy",
  "logLoss",
  "topKAccuracy",
  "hammingLoss",
  "subsetAccuracy",
  "averagePrecision",
  "labelRankingAveragePrecision",
  "coverageError",
  "labelRankingLoss",
  "fitStream", // resolves to the model it was given (its methods are checked below)
  "fitInWorker", // resolves to a model of a registered class (checked below)
  "modelForLayers", // a registered class, or why none takes the layers
  "modelByCliName", // a registered class
  "parseFastText", // arrays of strings and numbers
  "isSparseMatrix", // a boolean
  "murmurHash3", // a number
  "tokenize", // strings
];
/** Exported classes, whose methods are called below. */
const CLASSES = [
  "SoftmaxRegression",
  "MLPClassifier",
  "MultiLabelLogisticRegression",
  "StandardScaler",
  "LabelEncoder",
  "MultiLabelBinarizer",
  "SparseMatrix",
  "HashingVectorizer",
  "TfidfTransformer",
  "OneHotEncoder",
  "ColumnTransformer",
  "Pipeline",
  "FastTextClassifier",
  "FastTextDictionary",
];
const ERRORS = ["NotFittedError", "DisposedError", "TrainingDivergedError", "ThreadError", "ONNXError", "FastTextError"];

function fitted(Model, y = labels) {
  const options = Model === MLPClassifier ? { hiddenLayerSizes: [4], solver: "lbfgs", maxIter: 20, randomState: 1 } : { maxIter: 20 };
  return new Model(options).fit(X, y);
}

const TEXTS = ["the cat sat", "a dog ran", "the dog sat on the cat", "a cat ran", "dogs and cats"];
const TEXT_LABELS = ["x", "y", ["x", "y"], "x", "y"];
/** A FastTextClassifier with 300 input rows (enough for quantize's k-means). */
function fastText() {
  return new FastTextClassifier({ dim: 4, epoch: 1, thread: 1, wordNgrams: 2, bucket: 300 }).fit(TEXTS, TEXT_LABELS);
}

/** Runs use on a fitted FastTextClassifier, then disposes it. */
function withFastText(use) {
  const model = fastText();
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}

/** Runs use(model) and disposes the model (and a model use returns, when `returnsModel`); gives what use returned. */
function withModel(make, use, returnsModel = false) {
  const model = make();
  try {
    const result = use(model);
    if (!returnsModel) return result;
    // Read every typed-array property before freeing: layers() and the coefficients are copies.
    const snapshot = { layers: result.layers(), json: result.toJSON() };
    result.dispose();
    return snapshot;
  } finally {
    model.dispose();
  }
}

/** Every ArrayBuffer view reachable from value, with its path. */
function views(value, path = "result", seen = new Set(), found = []) {
  if (value === null || typeof value !== "object" || seen.has(value)) return found;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    found.push({ path, view: value });
    return found;
  }
  for (const [key, child] of Object.entries(value)) views(child, `${path}.${key}`, seen, found);
  return found;
}

function assertOwned(result, what) {
  for (const { path, view } of views(result)) {
    assert.is(view.byteOffset, 0, `${what}: ${path} (${view.constructor.name}) starts at byteOffset ${view.byteOffset} of a shared buffer`);
    assert.is(
      view.buffer.byteLength,
      view.byteLength,
      `${what}: ${path} (${view.constructor.name}, ${view.byteLength} bytes) is a view of a ${view.buffer.byteLength}-byte buffer`,
    );
  }
}

Owned("every exported function is called here or listed as returning no typed array", async () => {
  const names = new Set();
  for (const entry of ["../../dist/node.js", "../../dist/fasttext.js", "../../dist/onnx.js", "../../dist/csv.js"]) {
    for (const [name, value] of Object.entries(await import(entry))) if (typeof value === "function") names.add(name);
  }
  const known = new Set([...Object.keys(CALLS), ...RETURNS_NO_TYPED_ARRAY, ...CLASSES, ...ERRORS, "parseCsv", "readCsv"]);
  for (const name of names) assert.ok(known.has(name), `${name} is exported but this test neither calls it nor says why it need not`);
});

Owned("functions: toONNX's bytes, op results, metrics, splits and reports own their buffers", () => {
  for (const [name, call] of Object.entries(CALLS)) {
    const result = call();
    assertOwned(result, name);
  }
  assert.ok(views(CALLS.toONNX()).length === 1, "toONNX returns one Uint8Array");
});

Owned("toONNX's bytes own their buffer after many exports (Node's Buffer pool is shared)", () => {
  // The pool hands out slices of one 8 KiB ArrayBuffer: small exports in a row would share it.
  const model = fitted(SoftmaxRegression);
  try {
    for (let i = 0; i < 20; i++) {
      const bytes = wasmax.toONNX(model, { metadata: { run: String(i) } });
      assert.is(Object.getPrototypeOf(bytes), Uint8Array.prototype, "a plain Uint8Array, not a pooled Buffer");
      assertOwned(bytes, `toONNX export ${i}`);
    }
  } finally {
    model.dispose();
  }
});

/** Model methods that return predictions, probabilities, scores, layers or saved forms, with their arguments. */
const METHODS = {
  predict: [X],
  predictProba: [X],
  predictLogProba: [X],
  decisionFunction: [X],
  predictTopK: [X, 2],
  layers: [],
  toJSON: [],
};
const FITTED_ATTRIBUTES = ["classes", "coef", "intercept", "coefs", "intercepts", "lossCurve"];

for (const [Model, y] of [
  [SoftmaxRegression, labels],
  [MLPClassifier, labels],
  [MLPClassifier, indicator],
  [MultiLabelLogisticRegression, sets],
  [MultiLabelLogisticRegression, indicator],
]) {
  Owned(
    `${Model.modelName} (${y === indicator ? "indicator" : y === sets ? "label sets" : "labels"}): methods and fitted attributes`,
    () => {
      const model = fitted(Model, y);
      try {
        for (const [method, args] of Object.entries(METHODS)) {
          if (typeof model[method] === "function") assertOwned(model[method](...args), `${Model.modelName}.${method}`);
        }
        for (const attribute of FITTED_ATTRIBUTES) if (attribute in model) assertOwned(model[attribute], `${Model.modelName}.${attribute}`);
      } finally {
        model.dispose();
      }
    },
  );
}

Owned("StandardScaler, LabelEncoder and MultiLabelBinarizer results own their buffers", () => {
  const scaler = new StandardScaler().fit(X);
  assertOwned(scaler.transform(X), "StandardScaler.transform");
  assertOwned(new StandardScaler().fitTransform(Float32Array.from(X.flat()), 3), "StandardScaler.fitTransform");
  assertOwned(scaler.toJSON(), "StandardScaler.toJSON");
  const encoder = new LabelEncoder().fit(labels);
  assertOwned(encoder.transform(labels), "LabelEncoder.transform");
  assertOwned(encoder.inverseTransform(Int32Array.of(0, 2)), "LabelEncoder.inverseTransform");
  const binarizer = new MultiLabelBinarizer().fit(sets);
  assertOwned(binarizer.transform(sets), "MultiLabelBinarizer.transform");
  assertOwned(binarizer.inverseTransform(indicator), "MultiLabelBinarizer.inverseTransform");
});

Owned("SparseMatrix, HashingVectorizer and TfidfTransformer results own their buffers", () => {
  const texts = ["the cat sat", "a dog", "", "the dog sat on the cat"];
  const hashed = new HashingVectorizer({ nFeatures: 64, ngramRange: [1, 2] }).transform(texts);
  const sparse = (m, what) => {
    for (const field of ["indptr", "indices", "data"]) assertOwned(m[field], `${what}.${field}`);
  };
  sparse(hashed, "HashingVectorizer.transform");
  sparse(hashed.sliceRows(1, 3), "SparseMatrix.sliceRows");
  sparse(hashed.selectRows(Int32Array.of(3, 0)), "SparseMatrix.selectRows");
  assertOwned(hashed.toDense(), "SparseMatrix.toDense");
  sparse(SparseMatrix.fromRows([{ 1: 2 }, [[0, 1]]], 4), "SparseMatrix.fromRows");
  const tfidf = new TfidfTransformer().fit(hashed);
  sparse(tfidf.transform(hashed), "TfidfTransformer.transform");
  assertOwned(tfidf.idf, "TfidfTransformer.idf");
  assertOwned(tfidf.toJSON(), "TfidfTransformer.toJSON");
});

Owned("OneHotEncoder, ColumnTransformer and Pipeline results own their buffers", () => {
  const rows = X.map(([a, b, c], i) => ({ a, b, city: ["Oslo", "Rome"][i % 2], c }));
  const encoder = new OneHotEncoder().fit(rows);
  assertOwned(encoder.transform(rows), "OneHotEncoder.transform");
  assertOwned(encoder.toJSON(), "OneHotEncoder.toJSON");
  const columns = ColumnTransformer.auto().fit(rows);
  assertOwned(columns.transform(rows), "ColumnTransformer.transform");
  assertOwned(columns.toJSON(), "ColumnTransformer.toJSON");
  const pipe = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression({ maxIter: 20 })]).fit(rows, labels);
  try {
    for (const [method, args] of Object.entries({ ...METHODS, transform: [rows], score: [rows, labels] })) {
      if (typeof pipe[method] === "function")
        assertOwned(pipe[method](...(args[0] === X ? [rows, ...args.slice(1)] : args)), `Pipeline.${method}`);
    }
  } finally {
    pipe.dispose();
  }
});

Owned("FastTextClassifier and FastTextDictionary results own their buffers", () => {
  withFastText((model) => {
    assertOwned(model.predict(TEXTS, { k: 2 }), "FastTextClassifier.predict");
    assertOwned(model.test(TEXTS, TEXT_LABELS, 2), "FastTextClassifier.test");
    assertOwned(model.toJSON(), "FastTextClassifier.toJSON");
    assertOwned(model.parts(), "FastTextClassifier.parts");
    assertOwned(model.lossCurve, "FastTextClassifier.lossCurve");
    const d = model.dictionary;
    assertOwned(d.getLine("the cat sat"), "FastTextDictionary.getLine");
    assertOwned(d.encode(TEXTS), "FastTextDictionary.encode");
    assertOwned(d.subwordRows("cat"), "FastTextDictionary.subwordRows");
    assertOwned(d.wordCounts(), "FastTextDictionary.wordCounts");
    assertOwned(d.labelCounts(), "FastTextDictionary.labelCounts");
    assertOwned(d.toData(), "FastTextDictionary.toData");
    assertOwned(d.prune(Int32Array.of(0, 1)), "FastTextDictionary.prune");
  });
});

Owned.run();
