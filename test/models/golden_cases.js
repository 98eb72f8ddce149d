// The training runs whose weights must stay bit-identical across refactors of the engine. Each case
// fits on fixed data with a fixed seed and returns a SHA-256 over everything training produced:
// coefficients and intercepts as f32 bytes, nIter, the loss curve as f64 bytes, and `converged`.
// scripts/record-golden.js stores the hashes per build in test/fixtures/golden-weights.json;
// test/models/golden.test.js recomputes and compares them.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadMnist } from "../../examples/mnist-data.js";

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8"));

function rows(f, idx) {
  return { X: idx.map((i) => f.X[i]), y: idx.map((i) => f.y[i]) };
}

let mnist;
function mnistSlice(n) {
  mnist ??= loadMnist();
  const { train, features } = mnist;
  // Every 4th row of the training split up to n rows: all ten digits, quick to fit.
  const X = new Float32Array(n * features);
  const y = [];
  for (let i = 0; i < n; i++) {
    X.set(train.X.subarray(i * 4 * features, (i * 4 + 1) * features), i * features);
    y.push(train.y[i * 4]);
  }
  return { X, y, features };
}

function digest(model) {
  const json = model.toJSON();
  const h = createHash("sha256");
  h.update(Buffer.from(Float32Array.from(json.coef.flat()).buffer));
  h.update(Buffer.from(Float32Array.from(json.intercept).buffer));
  h.update(String(json.nIter));
  h.update(Buffer.from(Float64Array.from(json.lossCurve).buffer));
  h.update(String(json.converged));
  return h.digest("hex");
}

/** name → (wasmax) → hash of the fitted model. Every model is disposed before returning. */
export const cases = {
  "iris lbfgs": (w) => fitIris(w, { C: 1, maxIter: 200 }),
  "iris lbfgs no intercept": (w) => fitIris(w, { C: 0.5, fitIntercept: false, maxIter: 200 }),
  "iris sgd": (w) => fitIris(w, { solver: "sgd", maxIter: 20, batchSize: 16, randomState: 1 }),
  "iris sgd momentum": (w) => fitIris(w, { solver: "sgd", momentum: 0.9, learningRate: 0.05, maxIter: 20, batchSize: 16, randomState: 2 }),
  "iris sgd no shuffle": (w) => fitIris(w, { solver: "sgd", shuffle: false, maxIter: 10, batchSize: 7, C: Infinity }),
  "iris adam": (w) => fitIris(w, { solver: "adam", learningRate: 0.01, maxIter: 30, batchSize: 32, randomState: 3 }),
  "iris adam early stopping": (w) =>
    fitIris(w, {
      solver: "adam",
      learningRate: 0.05,
      maxIter: 200,
      earlyStopping: true,
      validationFraction: 0.2,
      nIterNoChange: 3,
      randomState: 4,
    }),
  "iris weights": (w) => {
    const f = fixture("iris");
    const { X, y } = rows(f, f.train);
    const sampleWeight = X.map((_, i) => 0.5 + (i % 3));
    const model = new w.SoftmaxRegression({ classWeight: "balanced", maxIter: 100 }).fit(X, y, { sampleWeight });
    return done(model);
  },
  "iris class weight map, sgd": (w) => {
    const f = fixture("iris");
    const { X, y } = rows(f, f.train);
    const classWeight = Object.fromEntries(f.classes.map((c, k) => [c, 1 + k]));
    const model = new w.SoftmaxRegression({ solver: "sgd", classWeight, maxIter: 10, randomState: 5 }).fit(X, y, {
      sampleWeight: X.map((_, i) => 1 + (i % 2)),
    });
    return done(model);
  },
  "iris label smoothing": (w) => fitIris(w, { labelSmoothing: 0.1, maxIter: 100 }),
  "iris label smoothing adam": (w) => fitIris(w, { solver: "adam", labelSmoothing: 0.2, learningRate: 0.02, maxIter: 15, randomState: 6 }),
  "iris warm start lbfgs": (w) => {
    const f = fixture("iris");
    const { X, y } = rows(f, f.train);
    const model = new w.SoftmaxRegression({ maxIter: 5, warmStart: true }).fit(X, y);
    model.fit(X, y);
    return done(model);
  },
  "iris warm start adam": (w) => {
    const f = fixture("iris");
    const { X, y } = rows(f, f.train);
    const model = new w.SoftmaxRegression({ solver: "adam", learningRate: 0.01, maxIter: 5, warmStart: true, randomState: 7 }).fit(X, y);
    model.fit(X, y);
    return done(model);
  },
  "iris partialFit sgd momentum": (w) => partial(w, { solver: "sgd", momentum: 0.5, randomState: 8 }),
  "iris partialFit adam": (w) => partial(w, { solver: "adam", learningRate: 0.01, randomState: 9 }),
  "digits lbfgs": (w) => {
    const f = fixture("digits");
    const { X, y } = rows(f, f.train);
    return done(new w.SoftmaxRegression({ C: f.C, maxIter: 40 }).fit(X, y));
  },
  "digits adam": (w) => {
    const f = fixture("digits");
    const { X, y } = rows(f, f.train);
    return done(new w.SoftmaxRegression({ solver: "adam", maxIter: 3, randomState: 10 }).fit(X, y));
  },
  "mnist lbfgs": (w) => {
    const { X, y, features } = mnistSlice(1600);
    return done(new w.SoftmaxRegression({ maxIter: 15 }).fit(X, y, { features }));
  },
  "mnist sgd": (w) => {
    const { X, y, features } = mnistSlice(1600);
    return done(new w.SoftmaxRegression({ solver: "sgd", maxIter: 2, randomState: 11 }).fit(X, y, { features }));
  },
  // Added before the models-in-one-shape refactor (recorded from the code at ceaf891), so the MLP, the
  // multi-label model and sampled softmax are held bit-identical too. Hashed from layers(), which
  // every model has.
  "digits mlp adam": (w) => fitDigits(w, "MLPClassifier", { hiddenLayerSizes: [16], maxIter: 3, randomState: 12 }),
  "digits mlp sgd momentum tanh": (w) =>
    fitDigits(w, "MLPClassifier", {
      solver: "sgd",
      momentum: 0.9,
      learningRate: 0.01,
      activation: "tanh",
      hiddenLayerSizes: [12, 8],
      maxIter: 3,
      randomState: 13,
    }),
  "digits mlp lbfgs": (w) => fitDigits(w, "MLPClassifier", { solver: "lbfgs", hiddenLayerSizes: [10], maxIter: 15, randomState: 14 }),
  "digits mlp early stopping": (w) =>
    fitDigits(w, "MLPClassifier", { hiddenLayerSizes: [8], maxIter: 30, earlyStopping: true, nIterNoChange: 2, randomState: 15 }),
  "digits mlp sampled softmax": (w) =>
    fitDigits(w, "MLPClassifier", { hiddenLayerSizes: [8], maxIter: 2, sampledSoftmax: { classes: 4 }, randomState: 16 }),
  "digits sampled softmax adam": (w) =>
    fitDigits(w, "SoftmaxRegression", { solver: "adam", maxIter: 2, sampledSoftmax: { classes: 3, sampler: "uniform" }, randomState: 17 }),
  "digits sampled softmax sgd no intercept": (w) =>
    fitDigits(w, "SoftmaxRegression", {
      solver: "sgd",
      fitIntercept: false,
      maxIter: 2,
      sampledSoftmax: { classes: 5, sampler: "unigram" },
      randomState: 18,
    }),
  "multilabel lbfgs": (w) => fitMultiLabel(w, "MultiLabelLogisticRegression", { maxIter: 30 }),
  "multilabel adam posWeight": (w) =>
    fitMultiLabel(w, "MultiLabelLogisticRegression", { solver: "adam", maxIter: 5, posWeight: [1, 2, 3, 1, 2], randomState: 19 }),
  "multilabel sgd early stopping no intercept": (w) =>
    fitMultiLabel(w, "MultiLabelLogisticRegression", {
      solver: "sgd",
      fitIntercept: false,
      maxIter: 20,
      earlyStopping: true,
      nIterNoChange: 2,
      randomState: 20,
    }),
  "multilabel partialFit adam": (w) => {
    const { X, sets, classes } = multiLabelData();
    const model = new w.MultiLabelLogisticRegression({ solver: "adam", learningRate: 0.01, randomState: 21 });
    for (let from = 0; from < X.length; from += 40) model.partialFit(X.slice(from, from + 40), sets.slice(from, from + 40), { classes });
    return doneLayers(model);
  },
  "multilabel mlp label sets": (w) => fitMultiLabel(w, "MLPClassifier", { hiddenLayerSizes: [6], maxIter: 4, randomState: 22 }),
};

function fitDigits(w, model, options) {
  const f = fixture("digits");
  const { X, y } = rows(f, f.train.slice(0, 400));
  return doneLayers(new w[model](options).fit(X, y));
}

function multiLabelData() {
  const f = fixture("multilabel");
  const X = f.X.slice(0, f.train);
  const classes = f.Y[0].map((_, k) => `L${k}`);
  const sets = f.Y.slice(0, f.train).map((row) => classes.filter((_, k) => row[k] === 1));
  return { X, sets, classes };
}

function fitMultiLabel(w, model, options) {
  const { X, sets } = multiLabelData();
  return doneLayers(new w[model](options).fit(X, sets));
}

function doneLayers(model) {
  try {
    const h = createHash("sha256");
    for (const layer of model.layers()) {
      h.update(Buffer.from(layer.weight.buffer, layer.weight.byteOffset, layer.weight.byteLength));
      h.update(Buffer.from(layer.bias.buffer, layer.bias.byteOffset, layer.bias.byteLength));
    }
    h.update(String(model.nIter));
    h.update(Buffer.from(Float64Array.from(model.lossCurve).buffer));
    h.update(String(model.converged));
    return h.digest("hex");
  } finally {
    model.dispose();
  }
}

function fitIris(w, options) {
  const f = fixture("iris");
  const { X, y } = rows(f, f.train);
  return done(new w.SoftmaxRegression(options).fit(X, y));
}

function partial(w, options) {
  const f = fixture("iris");
  const { X, y } = rows(f, f.train);
  const model = new w.SoftmaxRegression(options);
  for (let from = 0; from < X.length; from += 25) {
    model.partialFit(X.slice(from, from + 25), y.slice(from, from + 25), { classes: f.classes });
  }
  return done(model);
}

function done(model) {
  try {
    return digest(model);
  } finally {
    model.dispose();
  }
}
