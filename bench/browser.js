// `npm run bench:browser`: the kernel workloads in headless Chromium on a cross-origin-isolated page
// (COOP + COEP, so TF.js's wasm backend and onnxruntime-web may use threads), wasmax against TF.js
// wasm (SIMD, threads), onnxruntime-web (threads) and plain JS (bench/browser/bench.js). Serves the
// repository on 127.0.0.1 with those headers, the ONNX graphs from bench/onnx.js at /graphs/, and
// serves T1's MNIST split at /mnist/ (the page also runs T1 and the MLP epoch against TF.js), and
// writes bench/results/browser.json with the machine, Chromium's version and the thread counts.
// Needs the bench packages (npm --prefix bench ci) and Chromium + playwright-core (test/runtimes).

import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../test/runtimes/browser.js";
import { softmaxModel, logSoftmaxModel, crossEntropyModel } from "./onnx.js";
import { machine } from "./machine.js";
import { mnistInT1Order } from "./mnist_t1.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const quick = process.env.BENCH_QUICK === "1";
const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const graphs = {
  "softmax-65536x10": softmaxModel(10),
  "softmax-4096x1000": softmaxModel(1000),
  "logSoftmax-4096x1000": logSoftmaxModel(1000),
  "crossEntropy-4096x1000": crossEntropyModel(4096, 1000),
};

// T1's data, as bench/training.js has it: the MNIST-8k split, training rows in one seeded order.
const { train, test } = mnistInT1Order();
const mnist = {
  "train-x": Buffer.from(train.X.buffer),
  "train-y": Buffer.from(Int32Array.from(train.y).buffer),
  "test-x": Buffer.from(test.X.buffer),
  "test-y": Buffer.from(Int32Array.from(test.y).buffer),
};

const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  const headers = {
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
  };
  const graph = /^\/graphs\/(.+)\.onnx$/.exec(path)?.[1];
  if (graph && graphs[graph]) return response.writeHead(200, { ...headers, "content-type": "application/octet-stream" }).end(graphs[graph]);
  const part = /^\/mnist\/(.+)\.bin$/.exec(path)?.[1];
  if (part && mnist[part]) return response.writeHead(200, { ...headers, "content-type": "application/octet-stream" }).end(mnist[part]);
  const file = normalize(join(ROOT, path));
  if (!file.startsWith(ROOT)) return response.writeHead(403).end();
  try {
    const body = await readFile(file);
    response.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    response.writeHead(404, headers).end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const url = `http://127.0.0.1:${server.address().port}/bench/browser/index.html?rounds=${quick ? 1 : 3}`;

const browser = await launchChromium();
let result;
try {
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => console.error(`page: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("result").textContent !== "", null, { timeout: 10 * 60_000 });
  result = JSON.parse(await page.textContent("#result"));
  result.chromium = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
} finally {
  await browser.close();
  server.close();
}
if (result.error) throw new Error(result.error);
result.machine = machine();
await writeFile(new URL("./results/browser.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);

const names = Object.keys(result.rows[0].ms);
console.log(
  `headless Chromium (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0]}), ${result.machine.cpu}, ${result.hardwareConcurrency} threads, ` +
    `crossOriginIsolated ${result.crossOriginIsolated}; wasmax ${result.wasmax} (kernels on ` +
    `one thread, training on ${result.wasmaxThreads}), TF.js wasm ${result.tfThreads} threads ` +
    `(SIMD ${result.tfSimd}), onnxruntime-web ${result.ortThreads} threads; ` +
    `${result.machine.date.slice(0, 10)}\n`,
);
console.log(`| workload | ${names.join(" | ")} |\n|---|${names.map(() => "---").join("|")}|`);
for (const row of result.rows) {
  const w = row.ms.wasmax;
  console.log(
    `| ${row.workload} | ` +
      `${names.map((n) => `${row.ms[n].toFixed(2)} ms${n === "wasmax" ? "" : ` (${(row.ms[n] / w).toFixed(1)}×)`}`).join(" | ")} |`,
  );
}
const rb = result.tfReadBack;
console.log(
  `\nTF.js softmax 65536×10 in the page: the op ${rb.opMs.toFixed(1)} ms, with dataSync() ` +
    `${rb.dataSyncMs.toFixed(1)} ms, with await data() ${rb.awaitDataMs.toFixed(1)} ms`,
);
/** One line per training workload: each contender's steady epoch and accuracy, and TF.js's time over each wasmax run's. */
function trainingLine(title, run, peer) {
  const c = run.contenders;
  const wasmaxRuns = Object.keys(c).filter((n) => n.startsWith("wasmax"));
  console.log(
    `${title}, ${run.epochs} epochs (steady epoch = median of epochs 2…): ` +
      Object.entries(c)
        .map(([n, r]) => `${n} ${r.epochMs.toFixed(1)} ms/epoch, test accuracy ${r.accuracy.toFixed(4)}`)
        .join("; ") +
      `; ${peer} ÷ ` +
      wasmaxRuns.map((n) => `${n}: ${(c[peer].epochMs / c[n].epochMs).toFixed(1)}×`).join(", "),
  );
}
console.log("");
trainingLine("T1 (MNIST-8k, SGD batch 64, lr 0.1)", result.t1, "TF.js wasm");
trainingLine("MLP 784-128-10, adam, batch 64", result.mlp, "TF.js layers (wasm)");
trainingLine("MLP 784-128-10, adam, batch 256", result.mlp256, "TF.js layers (wasm)");
