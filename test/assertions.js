// Assertions shared by the test files.

import * as assert from "uvu/assert";

/** Asserts that fn throws an error of `type` whose message matches every pattern. */
export function rejects(fn, type, ...patterns) {
  try {
    fn();
  } catch (error) {
    assert.instance(error, type, `expected a ${type.name}, got ${error}`);
    for (const p of patterns) assert.match(error.message, p);
    return;
  }
  assert.unreachable(`expected a ${type.name}`);
}
