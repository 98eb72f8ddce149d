// Pipelines through toONNX, run by onnxruntime-node (native) and onnxruntime-web (its wasm build, in
// Node): a ColumnTransformer's one-hot columns as ai.onnx.ml OneHotEncoder over string inputs (one
// input per column, by name), scaled columns as Sub/Div, a StandardScaler before the model folded
// into the first layer; the same probabilities as the pipeline's predictProba (≤ 1e-6) and labels.
// Text steps are refused with an ONNXError that says why.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import * as wasmax from "../../dist/node.js";
import { toONNX, ONNXError } from "../../dist/onnx.js";

const { init, Pipeline, ColumnTransformer, OneHotEncoder, StandardScaler, SoftmaxRegression, MLPClassifier, HashingVectorizer } = wasmax;
const Onnx = suite("Pipeline → ONNX (onnxruntime-node and -web)");
const RUNTIMES = { "onnxruntime-node": ortNode, "onnxruntime-web": ortWeb };
ortWeb.env.wasm.numThreads = 1;
await init();
const fixture = JSON.parse(readFileSync(new URL("../fixtures/pipeline.json", import.meta.url), "utf8"));
const records = (rows) => rows.map((r) => Object.fromEntries(fixture.columns.map((c, j) => [c, r[j]])));

/** onnxruntime's outputs for rows of objects: one [N, 1] tensor per graph input, strings or floats as the graph declares. */
async function infer(ort, bytes, rows) {
  // Severity 4 (fatal only): the refused unknown category below would otherwise log an error line.
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
  try {
    const feeds = {};
    for (const name of session.inputNames) {
      const values = rows.map((r) => r[name]);
      feeds[name] =
        typeof values[0] === "string"
          ? new ort.Tensor("string", values, [rows.length, 1])
          : new ort.Tensor("float32", Float32Array.from(values), [rows.length, 1]);
    }
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

const maxDiff = (a, b) => a.reduce((d, v, i) => Math.max(d, Math.abs(v - b[i])), 0);

Onnx(
  "ColumnTransformer (one-hot with drop and unknowns, scale, remainder) → StandardScaler → MLP: same probabilities and labels",
  async () => {
    const pipe = new Pipeline([
      new ColumnTransformer(
        [
          ["onehot", new OneHotEncoder({ handleUnknown: "ignore", drop: "first" }), ["city", "tier"]],
          ["scale", new StandardScaler(), ["gpa"]],
        ],
        { remainder: "passthrough" },
      ),
      new StandardScaler(),
      new MLPClassifier({ hiddenLayerSizes: [5], maxIter: 50, tol: 0, randomState: 1 }),
    ]).fit(records(fixture.train), fixture.y);
    try {
      const bytes = toONNX(pipe);
      const rows = records(fixture.test); // row 0's city and row 1's tier were never seen at fit
      const proba = pipe.predictProba(rows);
      const labels = pipe.predict(rows).map((label) => pipe.classes.indexOf(label));
      for (const [runtime, ort] of Object.entries(RUNTIMES)) {
        const got = await infer(ort, bytes, rows);
        const diff = maxDiff(got.probabilities.data, proba);
        assert.ok(diff <= 1e-6, `${runtime}: max |Δp| = ${diff}`);
        assert.equal(Array.from(got.label.data, Number), labels, `${runtime}: labels`);
      }
    } finally {
      pipe.dispose();
    }
  },
);

Onnx("[StandardScaler, model] on a matrix: one input X, the scaler folded into the first layer (as the CLI's export)", async () => {
  const X = fixture.train.map((r) => [r[0], r[1], r[3]]);
  const pipe = new Pipeline([new StandardScaler(), new SoftmaxRegression()]).fit(X, fixture.y);
  try {
    const bytes = toONNX(pipe);
    const T = fixture.test.map((r) => [r[0], r[1], r[3]]);
    const proba = pipe.predictProba(T);
    for (const [runtime, ort] of Object.entries(RUNTIMES)) {
      const session = await ort.InferenceSession.create(bytes);
      assert.equal(session.inputNames, ["X"]);
      const got = await session.run({ X: new ort.Tensor("float32", Float32Array.from(T.flat()), [T.length, 3]) });
      await session.release();
      const diff = maxDiff(got.probabilities.data, proba);
      assert.ok(diff <= 1e-6, `${runtime}: max |Δp| = ${diff}`);
    }
  } finally {
    pipe.dispose();
  }
});

Onnx("handleUnknown 'error': onnxruntime refuses an unknown category, as predict does", async () => {
  const pipe = new Pipeline([new OneHotEncoder(), new SoftmaxRegression()]).fit(
    records(fixture.train).map(({ city }) => ({ city })),
    fixture.y,
  );
  try {
    const bytes = toONNX(pipe);
    const known = await infer(ortNode, bytes, [{ city: "Oslo" }]);
    assert.ok(maxDiff(known.probabilities.data, pipe.predictProba([{ city: "Oslo" }])) <= 1e-6);
    let failed = null;
    await infer(ortNode, bytes, [{ city: "Kyiv" }]).catch((error) => (failed = error));
    assert.ok(failed, "onnxruntime fails on a category fit never saw");
  } finally {
    pipe.dispose();
  }
});

Onnx("what cannot be exported is an ONNXError that says why", () => {
  const texts = new Pipeline([new HashingVectorizer({ nFeatures: 16 }), new SoftmaxRegression()]).fit(["a b", "c d"], ["x", "y"]);
  const halves = new Pipeline([new OneHotEncoder(), new SoftmaxRegression()]).fit([[0.5], [1.5]], ["x", "y"]);
  const clash = new Pipeline([new OneHotEncoder(), new SoftmaxRegression()]).fit([{ logits: "a" }, { logits: "b" }], ["x", "y"]);
  try {
    for (const [pipe, pattern] of [
      [texts, /steps\[0\]: a HashingVectorizer cannot be exported: ONNX's standard ops have no token hashing/],
      [halves, /non-integer numeric categories/],
      [clash, /the column "logits" has the name of a tensor of the graph/],
    ]) {
      let error = null;
      try {
        toONNX(pipe);
      } catch (e) {
        error = e;
      }
      assert.instance(error, ONNXError);
      assert.match(error.message, pattern);
    }
  } finally {
    texts.dispose();
    halves.dispose();
    clash.dispose();
  }
});

Onnx.run();
