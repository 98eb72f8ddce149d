// Shared by every test file: loads wasmax with the build that test/run.js asked for, and checks
// that wasm memory use is back at its baseline after each test.

import * as assert from "uvu/assert";
import * as wasmax from "../build/testing.js";

const requested = process.env.WASMAX_TEST_BACKEND ?? "simd";
const OPTIONS = { "relaxed-simd": { relaxed: true }, simd: { simd: true, relaxed: false }, scalar: { simd: false }, auto: {} };
const loaded = await wasmax.init(undefined, OPTIONS[requested]);
const expected = requested === "auto" ? (process.execArgv.includes("--no-enable-sse4-1") ? "scalar" : "simd") : requested;
if (loaded !== expected) throw new Error(`asked for the ${requested} build, got ${loaded}`);

export { wasmax };
export const BACKEND = loaded;

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
