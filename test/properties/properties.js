// The properties every public call must keep, checked by the property suite:
// - it returns, or throws a TypeError, RangeError or one of wasmax's errors (never a wasm trap or
//   an engine error that names nothing);
// - wasm memory in use is back at its baseline afterwards.
// "No hang" is enforced by the runner: each suite runs in a process with a time limit (test/run.js).

import fc from "fast-check";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";

const { memoryStats, NotFittedError, DisposedError, TrainingDivergedError, ThreadError, ONNXError } = wasmax;
const TYPED = [TypeError, RangeError, NotFittedError, DisposedError, TrainingDivergedError, ThreadError, ONNXError];

/** Calls fn; returns { value } or { error }, asserting the error is one of the typed kinds. */
export function outcome(fn, what) {
  try {
    return { value: fn() };
  } catch (error) {
    assert.ok(
      TYPED.some((T) => error instanceof T),
      `${what}: untyped error ${error?.name}: ${error?.message}`,
    );
    assert.ok(
      !/Cannot read properties|is not a function|is not iterable|undefined is not an object|unreachable|out of bounds/i.test(error.message),
      `${what}: engine error ${error.message}`,
    );
    return { error };
  }
}

/** Asserts wasm memory is at `baseline` allocated bytes. */
export function atBaseline(baseline, what) {
  assert.is(memoryStats().allocatedBytes, baseline, `${what}: wasm memory left allocated`);
}

/**
 * Runs a property twice: with a fixed seed (reproducible in CI) and with a fresh one (new cases each
 * run; fast-check prints the seed and the shrunk counterexample when it fails).
 */
export function check(property, { runs = 300, fresh = 200 } = {}) {
  for (const options of [{ seed: 20261202, numRuns: runs }, { numRuns: fresh }]) {
    try {
      fc.assert(property, options);
    } catch (error) {
      // uvu prints only the message; the failed assertion is fast-check's cause.
      const cause = error?.cause instanceof Error ? `\nGot: ${error.cause.message}` : "";
      throw new Error(`${error.message}${cause}`);
    }
  }
}

/** check() for fc.asyncProperty: awaits each run. */
export async function checkAsync(property, { runs = 300, fresh = 200 } = {}) {
  for (const options of [{ seed: 20261202, numRuns: runs }, { numRuns: fresh }]) {
    try {
      await fc.assert(property, options);
    } catch (error) {
      const cause = error?.cause instanceof Error ? `\nGot: ${error.cause.message}` : "";
      throw new Error(`${error.message}${cause}`);
    }
  }
}
