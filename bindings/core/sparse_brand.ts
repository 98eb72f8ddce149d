// How any code tells a SparseMatrix (core/sparse.ts) from dense rows, without importing the class:
// the models ask on every call, and an app that never builds a SparseMatrix then carries none of its
// code. The brand is a registered symbol, so a matrix made by another copy of wasmax (another bundle,
// a worker's) passes too.

/** The brand every SparseMatrix carries (a getter on its prototype). */
export const BRAND: unique symbol = Symbol.for("wasmax.SparseMatrix") as never;

/** True for a SparseMatrix of any copy of wasmax. */
export function isSparseMatrix(x: unknown): x is import("./sparse.js").SparseMatrix {
  return typeof x === "object" && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}
