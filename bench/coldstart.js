// Cold start (issue #4): time from `import` to the first softmax result (one 1×10 row), each
// contender in a fresh Node process, contenders taking turns for ROUNDS rounds; and the bytes a
// browser user downloads for it (JS and wasm, raw and gzipped). onnxruntime-node is native and
// Node-only: its row shows the size of its Linux x64 binaries instead.
//
//   node bench/coldstart.js    (writes bench/results/coldstart.json)

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { softmaxModel } from "./onnx.js";
import { machine } from "./machine.js";

const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 2 : 7;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bench = here(".");
const scratch = mkdtempSync(join(tmpdir(), "wasmax-coldstart-"));
const modelPath = join(scratch, "softmax10.onnx");
writeFileSync(modelPath, softmaxModel(10));
const row = "[0.1, -1.2, 2.3, 0.4, -0.5, 1.6, -2.7, 0.8, 0.9, -1]";

// Each body runs as an ES module in `bench/`; it ends by printing the first softmax row.
const contenders = [
  {
    name: "wasmax",
    body: `const w = await import(${JSON.stringify(here("../dist/node.js"))}); await w.init(); const y = w.softmax([${row}]);`,
    // dist/browser.js is one file (the thread code, dist/threads.js, loads only where threads start).
    files: ["../dist/browser.js", "../wasm/simd.wasm"],
  },
  {
    name: "TF.js 4.22 wasm",
    body: `const tf = await import("@tensorflow/tfjs-core"); const wasm = await import("@tensorflow/tfjs-backend-wasm");
      wasm.setWasmPaths(${JSON.stringify(here("node_modules/@tensorflow/tfjs-backend-wasm/dist/"))}); await tf.setBackend("wasm");
      const y = tf.softmax(tf.tensor2d([${row}])).dataSync();`,
    files: [
      "node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js",
      "node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js",
      "node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
    ],
  },
  {
    name: "TF.js 4.22 cpu",
    body: `const tf = await import("@tensorflow/tfjs-core"); await import("@tensorflow/tfjs-backend-cpu"); await tf.setBackend("cpu");
      const y = tf.softmax(tf.tensor2d([${row}])).dataSync();`,
    files: [
      "node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js",
      "node_modules/@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js",
    ],
  },
  {
    name: "onnxruntime-web 1.30",
    body: `const ort = await import("onnxruntime-web"); ort.env.wasm.numThreads = 1;
      const s = await ort.InferenceSession.create(${JSON.stringify(modelPath)});
      const y = (await s.run({ Z: new ort.Tensor("float32", Float32Array.from(${row}), [1, 10]) })).P.data;`,
    files: [
      "node_modules/onnxruntime-web/dist/ort.wasm.min.mjs",
      "node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs",
      "node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm",
    ],
  },
  {
    name: "onnxruntime-node 1.30",
    body: `const ort = await import("onnxruntime-node");
      const s = await ort.InferenceSession.create(${JSON.stringify(modelPath)});
      const y = (await s.run({ Z: new ort.Tensor("float32", Float32Array.from(${row}), [1, 10]) })).P.data;`,
    native: "node_modules/onnxruntime-node/bin",
  },
  {
    name: "plain JS",
    body:
      `const p = await import(${JSON.stringify(here("plain.js"))}); const y = ` +
      `new Float32Array(10); p.softmax(Float32Array.from(${row}), y, 1, 10);`,
    files: ["plain.js"],
  },
];

function coldStart(body) {
  const code = `const t0 = performance.now();\n${body}\nconsole.log(JSON.stringify({ ms: performance.now() - t0, y: Array.from(y) }));`;
  const out = execFileSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", code], { cwd: bench, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop());
}

/** Bytes of every file under dir whose path contains linux/x64 (the binaries a Linux x64 install loads). */
function nativeBytes(dir) {
  let total = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.includes(join("linux", "x64"))) total += statSync(path).size;
    }
  };
  walk(dir);
  return total;
}

const expected = (() => {
  const x = JSON.parse(row);
  const max = Math.max(...x);
  const e = x.map((v) => Math.exp(v - max));
  const s = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / s);
})();

const times = new Map(contenders.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < contenders.length; i++) {
    const c = contenders[(i + round) % contenders.length];
    const { ms, y } = coldStart(c.body);
    y.forEach((v, k) => {
      if (Math.abs(v - expected[k]) > 1e-5 * expected[k] + 1e-7)
        throw new Error(`${c.name}: softmax[${k}] = ${v}, expected ${expected[k]}`);
    });
    times.get(c.name).push(ms);
  }
}
rmSync(scratch, { recursive: true, force: true });

const rows = contenders.map((c) => {
  const t = [...times.get(c.name)].sort((a, b) => a - b);
  const files = (c.files ?? []).map((f) => {
    const bytes = readFileSync(join(bench, f));
    return {
      file: f.replace(/^node_modules\//, "").replace(/^\.\.\//, "wasmax/"),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    };
  });
  return {
    contender: c.name,
    medianMs: t[Math.floor(t.length / 2)],
    minMs: t[0],
    maxMs: t.at(-1),
    runs: t.length,
    files,
    rawBytes: c.native ? nativeBytes(join(bench, c.native)) : files.reduce((a, f) => a + f.raw, 0),
    gzipBytes: c.native ? null : files.reduce((a, f) => a + f.gzip, 0),
    native: Boolean(c.native),
  };
});
writeFileSync(
  new URL("results/coldstart.json", import.meta.url),
  JSON.stringify({ machine: machine(), rounds: ROUNDS, rows }, null, 2) + "\n",
);
for (const r of rows)
  console.log(`${r.contender}: ${r.medianMs.toFixed(1)} ms, ${r.rawBytes} B${r.gzipBytes ? `, ${r.gzipBytes} B gzipped` : " (native)"}`);
