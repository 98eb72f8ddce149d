// Shared by every test file: loads wasmax with the build that test/run.js asked for, and checks
// that wasm memory use is back at its baseline after each test.

import * as assert from "uvu/assert";
import * as wasmax from "../build/testing.js";

const requested = process.env.WASMAX_TEST_BACKEND ?? "simd";
// Worker threads: the number test/run.js asks for, else init()'s default.
const threads = process.env.WASMAX_TEST_THREADS ? { threads: Number(process.env.WASMAX_TEST_THREADS) } : {};
const OPTIONS = { "relaxed-simd": { relaxed: true }, simd: { simd: true, relaxed: false }, scalar: { simd: false }, auto: {} };
const loaded = await wasmax.init(undefined, { ...OPTIONS[requested], ...threads });
const expected = requested === "auto" ? (process.execArgv.includes("--no-enable-sse4-1") ? "scalar" : "simd") : requested;
if (loaded !== expected) throw new Error(`asked for the ${requested} build, got ${loaded}`);
// The scalar build has no threaded twin: it always runs on one thread.
const expectedThreads = loaded === "scalar" ? 1 : (threads.threads ?? wasmax.threads());
if (wasmax.threads() !== expectedThreads) throw new Error(`asked for ${expectedThreads} threads, got ${wasmax.threads()}`);

export { wasmax };
export const BACKEND = loaded;
/** Threads the models train on in this run. */
export const THREADS = wasmax.threads();

/** Registers a check that each test of `suite` leaves wasm memory at its baseline. */
export function checkMemory(suite) {
  let baseline = 0;
  suite.before(() => {
    baseline = wasmax.memoryStats().allocatedBytes;
  });
  suite.after.each((context) => {
    const now = wasmax.memoryStats().allocatedBytes;
    // uvu stops a suite silently when an after.each hook throws, so say which test leaked first.
    if (now !== baseline) console.error(`\n  "${context.__test__}" left ${now - baseline} bytes of wasm memory allocated`);
    assert.is(now, baseline, "wasm memory in use is back at its baseline");
  });
}
