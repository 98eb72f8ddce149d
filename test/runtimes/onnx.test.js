// "wasmax/onnx" as users install it, checked by ONNX's own consumers: onnxruntime-node (native)
// and onnxruntime-web (its wasm build, in Node) load every model kind wasmax exports and give the
// same probabilities (≤ 1e-6 absolute) and labels; they also run the PyTorch and LinearClassifier
// files (test/fixtures/onnx) to the probabilities fromONNX gives. The subpath links to the
// application's own "wasmax" in ESM and CommonJS.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import { makeConsumer } from "./consumer.js";

const run = promisify(execFile);
const ONNX = suite("onnx (packed package, onnxruntime 1.30)");
const FIXTURES = ["torch-mlp.onnx", "torch-deep.onnx", "torch-multilabel.onnx", "linear-classifier.onnx"].map((f) =>
  fileURLToPath(new URL(`../fixtures/onnx/${f}`, import.meta.url)),
);
const RUNTIMES = { "onnxruntime-node": ortNode, "onnxruntime-web": ortWeb };
ortWeb.env.wasm.numThreads = 1;
let consumer;
let ours;

async function answer(script, args = []) {
  const { stdout } = await run(process.execPath, [script, ...args], {
    cwd: consumer.dir,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/** onnxruntime's outputs for X (rows of D features). */
async function infer(ort, bytes, X) {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const D = X[0].length;
    const feeds = { [session.inputNames[0]]: new ort.Tensor("float32", Float32Array.from(X.flat()), [X.length, D]) };
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

function maxDiff(a, b) {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

ONNX.before(async () => {
  consumer = makeConsumer();
  ours = await answer("onnx.mjs", FIXTURES);
});
ONNX.after(() => consumer.close());

ONNX("fromONNX gives the application's own model classes, bit-identical; bad bytes are its ONNXError", () => {
  assert.equal(Object.keys(ours.models).length, 5);
  for (const [name, m] of Object.entries(ours.models)) {
    assert.ok(m.sameClass, `${name}: fromONNX returns the class "wasmax" exports`);
    assert.ok(m.sameProba, `${name}: round trip is bit-identical`);
  }
  assert.ok(ours.error.isONNXError, ours.error.message);
});

for (const [runtime, ort] of Object.entries(RUNTIMES)) {
  ONNX(`${runtime} runs every exported model kind to our probabilities (≤ 1e-6) and labels`, async () => {
    for (const [name, m] of Object.entries(ours.models)) {
      const got = await infer(ort, Buffer.from(m.onnx, "base64"), consumer.iris.X);
      const diff = maxDiff(got.probabilities.data, m.proba);
      assert.ok(diff <= 1e-6, `${runtime}, ${name}: max |Δp| = ${diff}`);
      if (got.label) {
        assert.equal(Array.from(got.label.data, Number), m.labels, `${runtime}, ${name}: ArgMax labels`);
      } else {
        const on = Array.from(got.labels.data, Boolean);
        assert.equal(on, m.labels.flat(), `${runtime}, ${name}: thresholded labels`);
      }
      console.log(`  ${runtime} · ${name}: max |Δp| = ${diff.toExponential(2)}`);
    }
  });

  ONNX(`${runtime} runs the PyTorch and LinearClassifier files to fromONNX's probabilities (≤ 1e-6)`, async () => {
    for (const file of FIXTURES) {
      const name = file.split("/").pop();
      const got = await infer(ort, readFileSync(file), consumer.iris.X);
      const scores = got[Object.keys(got).find((k) => got[k].type === "float32")];
      let proba = Array.from(scores.data);
      if (name === "torch-mlp.onnx") {
        // The network ends in its logits; wasmax puts the softmax head on them.
        proba = proba.map((_, i) => {
          const row = proba.slice(i - (i % 3), i - (i % 3) + 3);
          const m = Math.max(...row);
          return Math.exp(proba[i] - m) / row.reduce((s, v) => s + Math.exp(v - m), 0);
        });
      }
      const diff = maxDiff(proba, ours.fixtures[name]);
      assert.ok(diff <= 1e-6, `${runtime}, ${name}: max |Δp| = ${diff}`);
      console.log(`  ${runtime} · ${name}: max |Δp| = ${diff.toExponential(2)}`);
    }
  });
}

ONNX("train with the command line, export, serve with onnxruntime-node on raw features (the scaler folded in)", async () => {
  const { writeFileSync } = await import("node:fs");
  const species = ["setosa", "versicolor", "virginica"];
  const rows = consumer.iris.X.map((x, i) => [...x, species[consumer.iris.classes.indexOf(consumer.iris.y[i])]].join(","));
  writeFileSync(`${consumer.dir}/iris.csv`, `a,b,c,d,species\n${rows.join("\n")}\n`);
  const cli = (...args) => run(process.execPath, ["node_modules/wasmax/dist/cli.js", ...args], { cwd: consumer.dir, encoding: "utf8" });
  await cli("train", "iris.csv", "--target", "species", "--model", "mlp", "--hidden", "8", "--scale", "--quiet", "-o", "model.json");
  await cli("export", "model.json", "-o", "model.onnx");
  const { stdout } = await cli("predict", "model.json", "iris.csv", "--proba");
  const expected = stdout
    .trim()
    .split("\n")
    .slice(1)
    .flatMap((line) => line.split(",").map(Number));
  const got = await infer(ortNode, readFileSync(`${consumer.dir}/model.onnx`), consumer.iris.X);
  const diff = maxDiff(got.probabilities.data, expected);
  assert.ok(diff <= 1e-5, `max |Δp| = ${diff} (predict --proba prints 6 digits)`);
});

ONNX("require('wasmax/onnx') uses the CommonJS build's models", async () => {
  const got = await answer("onnx.cjs");
  assert.ok(got.sameClass && got.same, JSON.stringify(got));
});

ONNX.run();
