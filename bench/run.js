// `npm run bench`: every benchmark, each in its own Node process (so one's memory and JIT state do
// not touch the next), then the report. BENCH_QUICK=1 shortens every timing for a smoke test.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const started = Date.now();
for (const script of [
  "kernels.js",
  "training.js",
  "mlp.js",
  "multilabel.js",
  "sampled.js",
  "text.js",
  "fasttext.js",
  "coldstart.js",
  "report.js",
  "charts.js",
]) {
  console.log(`\n=== ${script} ===`);
  execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: "inherit" });
}
console.log(`\nbenchmarks done in ${((Date.now() - started) / 60000).toFixed(1)} min`);
