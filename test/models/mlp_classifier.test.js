// MLPClassifier: accuracy on iris and the MNIST split of the main job, one SGD epoch against a
// float64 reference, options as scikit-learn spells them, and bad input.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";
import { assertSame, mlpLoss64, rng } from "../reference.js";
import { rejects } from "../assertions.js";
import { loadMnist } from "../../examples/mnist-data.js";

const { MLPClassifier, SoftmaxRegression } = wasmax;
const Mlp = suite("MLPClassifier");
checkMemory(Mlp);

const iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
const rows = (idx) => idx.map((i) => iris.X[i]);
const labels = (idx) => idx.map((i) => iris.y[i]);
const warn = console.warn;
Mlp.before(() => (console.warn = () => {}));
Mlp.after(() => (console.warn = warn));

Mlp("iris, one hidden layer of 8 (the Keras tutorial's network): ≥ 0.95 on the held-out stratified split", () => {
  const model = new MLPClassifier({ hiddenLayerSizes: [8], solver: "lbfgs", maxIter: 500, randomState: 0 }).fit(
    rows(iris.train),
    labels(iris.train),
  );
  try {
    const accuracy = model.score(rows(iris.test), labels(iris.test));
    assert.ok(accuracy >= 0.95, `test accuracy ${accuracy}`);
    assert.equal(model.classes, iris.classes);
    assert.equal(
      model.coefs.map((c) => [c.length, c[0].length]),
      [
        [4, 8],
        [8, 3],
      ],
      "coefs in scikit-learn's layout: inputs × outputs",
    );
    assert.equal(
      model.intercepts.map((b) => b.length),
      [8, 3],
    );
  } finally {
    model.dispose();
  }
});

Mlp("MNIST split of the main job, 784-128-10 relu, adam lr 1e-3, batch 64: ≥ 0.92 test accuracy after 5 epochs", () => {
  const { train, test, features } = loadMnist();
  const epochs = [];
  const model = new MLPClassifier({
    hiddenLayerSizes: [128],
    batchSize: 64,
    maxIter: 5,
    tol: 0,
    randomState: 0,
    onEpoch: (info) => epochs.push(info.loss),
  }).fit(train.X, train.y, { features });
  try {
    const accuracy = model.score(test.X, test.y);
    assert.ok(accuracy >= 0.92, `test accuracy ${accuracy}`);
    assert.is(epochs.length, 5);
    assert.ok(
      epochs.every((loss, i) => i === 0 || loss < epochs[i - 1]),
      `the loss falls every epoch: ${epochs}`,
    );
  } finally {
    model.dispose();
  }
});

Mlp("one epoch of SGD from given weights equals float64 SGD within f32 tolerance", () => {
  const r = rng(4);
  const N = 24,
    D = 4,
    K = 3,
    hidden = [5];
  const X = Array.from({ length: N }, () => Array.from({ length: D }, () => r.normal()));
  const y = Array.from({ length: N }, (_, i) => i % K);
  const widths = [D, ...hidden, K];
  const start = new MLPClassifier({ hiddenLayerSizes: hidden, activation: "tanh", maxIter: 1, tol: 0, randomState: 9 }).fit(X, y);
  const json = start.toJSON();
  start.dispose();
  // θ in wasmax's layout (per layer W outputs × inputs, then b), from the JSON's inputs × outputs.
  const theta = [];
  json.coefs.forEach((c, l) => {
    for (let o = 0; o < widths[l + 1]; o++) for (let d = 0; d < widths[l]; d++) theta.push(c[d][o]);
    theta.push(...json.intercepts[l]);
  });
  const lr = 0.1,
    alpha = 0.01,
    batch = 8;
  const model = MLPClassifier.fromJSON({
    ...json,
    options: { ...json.options, solver: "sgd", learningRate: lr, momentum: 0, alpha, batchSize: batch, shuffle: false },
  });
  model.partialFit(X, y);
  // Float64 SGD: each step follows the mean batch gradient (central differences of the float64
  // MLP's loss) plus (alpha / batch)·W, as scikit-learn's does.
  const t = Float64Array.from(theta);
  const isWeight = [];
  json.coefs.forEach((_, l) => isWeight.push(...new Array(widths[l] * widths[l + 1]).fill(true), ...new Array(widths[l + 1]).fill(false)));
  for (let from = 0; from < N; from += batch) {
    const bx = Float64Array.from(X.slice(from, from + batch).flat());
    const by = y.slice(from, from + batch);
    const g = new Float64Array(t.length);
    for (let i = 0; i < t.length; i++) {
      const up = Float64Array.from(t);
      up[i] += 1e-6;
      const down = Float64Array.from(t);
      down[i] -= 1e-6;
      g[i] = (mlpLoss64(up, bx, by, widths, "tanh") - mlpLoss64(down, bx, by, widths, "tanh")) / 2e-6 / by.length;
    }
    for (let i = 0; i < t.length; i++) t[i] -= lr * (g[i] + (isWeight[i] ? (alpha / batch) * t[i] : 0));
  }
  const after = [];
  model.toJSON().coefs.forEach((c, l) => {
    for (let o = 0; o < widths[l + 1]; o++) for (let d = 0; d < widths[l]; d++) after.push(c[d][o]);
    after.push(...model.toJSON().intercepts[l]);
  });
  model.dispose();
  after.forEach((v, i) => assert.ok(Math.abs(v - t[i]) <= 2e-5 * (1 + Math.abs(t[i])), `parameter ${i}: ${v} vs float64 ${t[i]}`));
});

Mlp("warm start continues, partialFit streams", () => {
  const X = rows(iris.train);
  const y = labels(iris.train);
  const model = new MLPClassifier({ hiddenLayerSizes: [6], maxIter: 5, tol: 0, warmStart: true, randomState: 1 }).fit(X, y);
  const first = model.toJSON().coefs;
  model.fit(X, y);
  assert.not.equal(model.toJSON().coefs, first, "the second fit moved on from the first");
  assert.is(model.nIter, 5, "nIter counts this fit's epochs");
  model.dispose();
  const streamed = new MLPClassifier({ hiddenLayerSizes: [6], randomState: 2 });
  streamed.partialFit(X.slice(0, 50), y.slice(0, 50), { classes: iris.classes });
  streamed.partialFit(X.slice(50), y.slice(50));
  assert.is(streamed.nIter, 2);
  streamed.dispose();
});

Mlp("label sets: logistic outputs with binary cross-entropy, label sets back, beats predicting nothing; partialFit streams them", () => {
  const f = JSON.parse(readFileSync(new URL("../fixtures/multilabel.json", import.meta.url), "utf8"));
  const NAMES = ["red", "green", "blue", "shirt", "hat"];
  const sets = (Y) => Y.map((row) => NAMES.filter((_, k) => row[k] === 1));
  const model = new MLPClassifier({ hiddenLayerSizes: [16], solver: "lbfgs", maxIter: 300, randomState: 5 }).fit(
    f.X.slice(0, f.train),
    sets(f.Y.slice(0, f.train)),
  );
  try {
    const truth = sets(f.Y.slice(f.train));
    const predicted = model.predict(f.X.slice(f.train));
    assert.ok(
      predicted.every((row) => Array.isArray(row) && row.every((label) => NAMES.includes(label))),
      "label sets out",
    );
    const { hammingLoss } = wasmax;
    const loss = hammingLoss(truth, predicted);
    const nothing = hammingLoss(
      truth,
      truth.map(() => []),
    );
    assert.ok(loss < nothing, `Hamming loss ${loss} vs ${nothing} for predicting no label`);
    assert.is(model.layers()[1].activation, "sigmoid");
    const proba = model.predictProba(f.X.slice(f.train));
    const logProba = model.predictLogProba(f.X.slice(f.train));
    proba.forEach((p, i) => assert.ok(Math.abs(Math.log(p) - logProba[i]) < 1e-5 * (1 + Math.abs(logProba[i]))));
    const copy = MLPClassifier.fromJSON(JSON.stringify(model));
    assert.equal(copy.predict(f.X.slice(f.train)), predicted);
    assert.is(copy.score(f.X.slice(f.train), truth), model.score(f.X.slice(f.train), truth));
    copy.dispose();
    rejects(() => model.partialFit(f.X.slice(0, 3), [["red"], ["hat"], []]), TypeError, /needs solver 'sgd' or 'adam'/);
  } finally {
    model.dispose();
  }
  // partialFit of label sets: chunks of whole batches run the steps of one fit epoch; flat labels are refused.
  const X = f.X.slice(0, 240);
  const Y = sets(f.Y.slice(0, 240));
  const opts = { hiddenLayerSizes: [8], solver: "adam", learningRate: 0.01, batchSize: 20, shuffle: false, randomState: 3 };
  const whole = new MLPClassifier({ ...opts, maxIter: 1, tol: 0 }).fit(X, Y);
  const streamed = new MLPClassifier(opts);
  try {
    for (let from = 0; from < 240; from += 80)
      streamed.partialFit(X.slice(from, from + 80), Y.slice(from, from + 80), from === 0 ? { classes: NAMES } : {});
    assertSame(streamed.coefs.flat(2), whole.coefs.flat(2), "coefs");
    assert.equal(streamed.predict(X), whole.predict(X));
    const json = JSON.stringify(streamed.toJSON());
    rejects(() => streamed.partialFit(X.slice(0, 3), ["red", "hat", "red"]), TypeError, /y\[0\] is not an array/);
    rejects(() => new MLPClassifier(opts).partialFit(X.slice(0, 3), [["red"], [], ["hat"]]), TypeError, /pass \{ classes \}/);
    rejects(
      () =>
        new MLPClassifier({ ...opts, sampledSoftmax: { classes: 2 } }).partialFit(X.slice(0, 3), [["red"], [], ["hat"]], {
          classes: NAMES,
        }),
      TypeError,
      /sampledSoftmax needs one label per row/,
    );
    assert.is(JSON.stringify(streamed.toJSON()), json);
  } finally {
    whole.dispose();
    streamed.dispose();
  }
});

Mlp("bad options and input: typed errors that name them, the model unchanged", () => {
  const X = rows(iris.train);
  const y = labels(iris.train);
  rejects(() => new MLPClassifier({ hiddenLayerSizes: [0] }).fit(X, y), RangeError, /hiddenLayerSizes\[0\] must be an integer >= 1, got 0/);
  rejects(() => new MLPClassifier({ hiddenLayerSizes: [10, 2.5] }).fit(X, y), RangeError, /hiddenLayerSizes\[1\]/);
  rejects(() => new MLPClassifier({ hiddenLayerSizes: 10 }).fit(X, y), TypeError, /hiddenLayerSizes must be an array/);
  rejects(
    () => new MLPClassifier({ activation: "Relu" }).fit(X, y),
    RangeError,
    /activation must be 'identity', 'relu', 'tanh', 'logistic', got "Relu"/,
  );
  rejects(() => new MLPClassifier({ hidden_layer_sizes: [3] }), TypeError, /did you mean hiddenLayerSizes\?/);
  rejects(() => new MLPClassifier({ alpha: -1 }).fit(X, y), RangeError, /alpha/);
  const model = new MLPClassifier({ hiddenLayerSizes: [4], maxIter: 20, randomState: 4 }).fit(X, y);
  try {
    const saved = JSON.stringify(model.toJSON());
    rejects(() => model.fit(X, y.map((v, i) => (i === 0 ? "rose" : v)).slice(1)), RangeError, /rows/);
    rejects(() => model.predict([[1, 2, 3]]), RangeError, /3 features, but the model was trained with 4/);
    assert.is(JSON.stringify(model.toJSON()), saved);
    rejects(() => MLPClassifier.fromJSON({ ...model.toJSON(), hiddenLayerSizes: [4e9] }), RangeError, /more than wasm memory can hold/);
    const linear = new SoftmaxRegression({ maxIter: 5 }).fit(X, y);
    const linearJSON = linear.toJSON();
    linear.dispose();
    rejects(() => MLPClassifier.fromJSON(linearJSON), TypeError, /format is "wasmax\/SoftmaxRegression", expected "wasmax\/MLPClassifier"/);
  } finally {
    model.dispose();
  }
});

Mlp.run();
