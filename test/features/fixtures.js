// Loads the scikit-learn fixtures of test/fixtures/text (made by scripts/make-text-fixtures.py) and
// compares a SparseMatrix with an expected CSR matrix.

import { readFileSync } from "node:fs";
import * as assert from "uvu/assert";

export function textFixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), "utf8"));
}

/** Asserts `X` has the structure of `expected` ({ indptr, indices, data }) and its values within `tol`. */
export function assertCSR(X, expected, what, tol = 1e-6) {
  assert.is(X.rows, expected.indptr.length - 1, `${what}: rows`);
  for (let r = 0; r < X.rows; r++) {
    const from = expected.indptr[r];
    const to = expected.indptr[r + 1];
    const got = Array.from(X.indices.subarray(X.indptr[r], X.indptr[r + 1]));
    assert.equal(got, expected.indices.slice(from, to), `${what}: columns of row ${r}`);
    for (let k = from; k < to; k++) {
      const v = X.data[X.indptr[r] + k - from];
      assert.ok(Math.abs(v - expected.data[k]) <= tol, `${what}: row ${r}, column ${expected.indices[k]}: ${v} vs ${expected.data[k]}`);
    }
  }
  assert.is(X.nnz, expected.indices.length, `${what}: nnz`);
}
