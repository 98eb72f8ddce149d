// Models on sparse rows (a SparseMatrix): every registered model trains and predicts on them; the
// result is the dense rows' result wherever the arithmetic is the same (L-BFGS to its optimum; sgd,
// whose lazy L2 must equal the dense penalty step for step), saved models keep the sparse layout
// bit for bit, dense rows predict on a sparse-trained model, and mixing the two in partialFit is
// refused. Memory returns to its baseline after each test.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory } from "../setup.js";

const { SparseMatrix, SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression, loadModel } = wasmax;
const Sparse = suite("models on sparse rows");
checkMemory(Sparse);

const warn = console.warn;
Sparse.before(() => (console.warn = () => {}));
Sparse.after(() => (console.warn = warn));

const f = JSON.parse(readFileSync(new URL("../fixtures/digits.json", import.meta.url), "utf8"));
const X = f.train.slice(0, 600).map((i) => f.X[i]);
const y = f.train.slice(0, 600).map((i) => f.y[i]);
const Xt = f.test.map((i) => f.X[i]);
const sets = (labels) => labels.map((c) => [`d${c}`, c % 2 ? "odd" : "even"]);

/** The dense rows as CSR (the digits are 60% zeros). */
function sparse(rows) {
  const indptr = [0];
  const indices = [];
  const data = [];
  for (const row of rows) {
    row.forEach((v, d) => {
      if (v !== 0) {
        indices.push(d);
        data.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return SparseMatrix.fromCSR({
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
    cols: 64,
  });
}
const S = sparse(X);
const St = sparse(Xt);

function maxDiff(a, b) {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function both(make, target, check) {
  const dense = make().fit(X, target);
  const onSparse = make().fit(S, target);
  try {
    check(dense, onSparse);
  } finally {
    dense.dispose();
    onSparse.dispose();
  }
}

Sparse("sgd with L2 (lazy on sparse rows) takes the dense rows' steps: probabilities within 1e-5", () => {
  for (const options of [
    { solver: "sgd", learningRate: 0.01, C: 0.01, maxIter: 4, randomState: 1 },
    { solver: "sgd", learningRate: 0.01, C: Infinity, shuffle: false, maxIter: 2, fitIntercept: false },
  ]) {
    both(
      () => new SoftmaxRegression({ ...options, tol: 0 }),
      y,
      (dense, onSparse) => assert.ok(maxDiff(dense.predictProba(Xt), onSparse.predictProba(St)) < 1e-5, JSON.stringify(options)),
    );
  }
  both(
    () => new MultiLabelLogisticRegression({ solver: "sgd", learningRate: 0.01, C: 0.05, maxIter: 3, tol: 0, randomState: 2 }),
    sets(y),
    (dense, onSparse) => assert.ok(maxDiff(dense.predictProba(Xt), onSparse.predictProba(St)) < 1e-5, "multi-label"),
  );
});

Sparse("L-BFGS reaches the dense rows' optimum (the same objective value); the MLP starts from the same weights", () => {
  both(
    () => new SoftmaxRegression({ C: 0.05, maxIter: 1000 }),
    y,
    (dense, onSparse) => {
      const [a, b] = [dense.lossCurve.at(-1), onSparse.lossCurve.at(-1)];
      assert.ok(Math.abs(a - b) <= 1e-5 * a, `objective ${a} vs ${b}`);
      const same = dense.predict(Xt).filter((c, i) => c === onSparse.predict(St)[i]).length;
      assert.ok(same >= 0.98 * Xt.length, `${same} of ${Xt.length} predictions agree`);
    },
  );
  both(
    () => new MLPClassifier({ hiddenLayerSizes: [8], solver: "sgd", learningRate: 0.01, maxIter: 2, tol: 0, randomState: 3 }),
    y,
    (dense, onSparse) => assert.ok(maxDiff(dense.predictProba(Xt), onSparse.predictProba(St)) < 1e-4),
  );
});

Sparse("a sparse-trained model: bit-identical JSON copy, dense rows predict alike, zero rows, wrong widths refused", () => {
  for (const [M, target, options] of [
    [SoftmaxRegression, y, { solver: "adam", maxIter: 3, randomState: 4 }],
    [MLPClassifier, y, { hiddenLayerSizes: [6], maxIter: 3, randomState: 5 }],
    [MultiLabelLogisticRegression, sets(y), { maxIter: 20 }],
  ]) {
    const model = new M(options).fit(S, target);
    const copy = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
    try {
      assert.is(model.toJSON().inputMajor, true);
      assert.equal(Array.from(copy.predictProba(St)), Array.from(model.predictProba(St)), `${M.modelName}: JSON copy`);
      assert.equal(copy.predict(St), model.predict(St));
      assert.ok(maxDiff(model.predictProba(Xt), model.predictProba(St)) < 1e-5, `${M.modelName}: dense rows`);
      assert.equal(
        model.predict(SparseMatrix.fromCSR({ indptr: Int32Array.of(0), indices: new Int32Array(0), data: new Float32Array(0), cols: 64 })),
        [],
      );
      const narrow = SparseMatrix.fromCSR({ indptr: Int32Array.of(0, 1), indices: Int32Array.of(0), data: Float32Array.of(1), cols: 63 });
      assert.throws(() => model.predict(narrow), /63 features, but the model was trained with 64/);
      const layer = model.layers()[0];
      const saved = model.toJSON();
      const firstWeights = saved.coef ? saved.coef[0] : saved.coefs[0].map((row) => row[0]);
      assert.equal(Array.from(layer.weight.subarray(0, 64)), firstWeights, `${M.modelName}: layers() and JSON are class-major`);
    } finally {
      model.dispose();
      copy.dispose();
    }
  }
});

Sparse("partialFit streams sparse chunks like one sparse fit epoch, and refuses to mix dense and sparse rows", () => {
  const options = { solver: "sgd", learningRate: 0.01, C: Infinity, shuffle: false, maxIter: 1, tol: 0 };
  const whole = new SoftmaxRegression(options).fit(S, y);
  const streamed = new SoftmaxRegression(options);
  const classes = [...new Set(y)].sort((a, b) => a - b);
  try {
    for (let from = 0; from < 600; from += 64)
      streamed.partialFit(S.sliceRows(from, Math.min(600, from + 64)), y.slice(from, from + 64), { classes });
    assert.ok(maxDiff(whole.predictProba(St), streamed.predictProba(St)) < 1e-6);
    const json = JSON.stringify(streamed.toJSON());
    assert.throws(
      () => streamed.partialFit(X.slice(0, 10), y.slice(0, 10)),
      (e) => e instanceof TypeError && /SparseMatrix/.test(e.message),
    );
    assert.is(JSON.stringify(streamed.toJSON()), json);
  } finally {
    whole.dispose();
    streamed.dispose();
  }
  const dense = new SoftmaxRegression(options).partialFit(X.slice(0, 10), y.slice(0, 10), { classes });
  try {
    assert.throws(
      () => dense.partialFit(S.sliceRows(0, 10), y.slice(0, 10)),
      (e) => e instanceof TypeError && /dense rows/.test(e.message),
    );
  } finally {
    dense.dispose();
  }
});

Sparse("fitStream takes SparseMatrix chunks: the same model as partialFit on each buffer, held-out rows scored", async () => {
  const options = { solver: "sgd", learningRate: 0.01, C: Infinity, shuffle: false, maxIter: 1, tol: 0 };
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const chunks = Array.from({ length: 10 }, (_, c) => ({ X: S.sliceRows(c * 60, c * 60 + 60), y: y.slice(c * 60, c * 60 + 60) }));
  const streamed = new SoftmaxRegression(options);
  const direct = new SoftmaxRegression(options);
  const progress = [];
  try {
    await wasmax.fitStream(streamed, chunks, { classes, bufferRows: 150, onProgress: (p) => progress.push(p) });
    for (let from = 0; from < 600; from += 150) direct.partialFit(S.sliceRows(from, from + 150), y.slice(from, from + 150), { classes });
    assert.equal(Array.from(streamed.predictProba(St)), Array.from(direct.predictProba(St)), "bit-identical to partialFit per buffer");
    assert.equal(
      progress.map((p) => p.rows),
      [150, 300, 450, 600],
    );
    const held = new SoftmaxRegression(options);
    const scored = [];
    await wasmax.fitStream(held, chunks, {
      classes,
      bufferRows: 200,
      validationFraction: 0.2,
      randomState: 1,
      onProgress: (p) => scored.push(p),
    });
    assert.ok(scored.every((p) => p.validationAccuracy > 0 && Number.isFinite(p.validationLoss)));
    held.dispose();
    const dense = { X: X.slice(0, 5), y: y.slice(0, 5) };
    let error;
    try {
      await wasmax.fitStream(new SoftmaxRegression(options), [chunks[0], dense], { classes, bufferRows: 1000 });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof TypeError && /chunk 1: X is dense rows, but the stream started with a SparseMatrix/.test(error.message));
  } finally {
    streamed.dispose();
    direct.dispose();
  }
});

Sparse("sampled softmax needs dense rows", () => {
  assert.throws(
    () => new SoftmaxRegression({ solver: "adam", sampledSoftmax: { classes: 3 } }).fit(S, y),
    (e) => e instanceof TypeError && /sampledSoftmax needs dense rows/.test(e.message),
  );
});

Sparse.run();
