// The refactor guard: each training run of golden_cases.js must give exactly the weights, nIter,
// loss curve and `converged` recorded from the engine before it was split into objectives and
// solvers (test/fixtures/golden-weights.json, per build). The relaxed-SIMD build's runs were recorded
// later (2026-12-02) on an x86-64 with FMA, where f32x4.relaxed_madd is fused in every V8 tier
// (checked with --liftoff --no-wasm-tier-up and --no-liftoff); a CPU without FMA gives other bits.
// The 2-thread runs were recorded when threads landed (2026-12-02; scripts/record-golden.js simd 2):
// only the cases whose batches are large enough to split differ from their 1-thread twins, which
// still match the hashes recorded before threads.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, BACKEND, THREADS, checkMemory } from "../setup.js";
import { cases } from "./golden_cases.js";

// Threads sum gradients in a fixed order, so each thread count has its own reproducible bits.
const key = THREADS === 1 ? BACKEND : `${BACKEND}, ${THREADS} threads`;
const recorded = JSON.parse(readFileSync(new URL("../fixtures/golden-weights.json", import.meta.url), "utf8"))[key];
const Golden = suite(`bit-identical training (${key})`);
checkMemory(Golden);

const warn = console.warn;
Golden.before(() => (console.warn = () => {}));
Golden.after(() => (console.warn = warn));

for (const [name, run] of Object.entries(cases)) {
  Golden(name, () => {
    assert.is(run(wasmax), recorded[name], `${name}: weights differ from the recorded run`);
  });
}

Golden.run();
