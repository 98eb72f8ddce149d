// Rows of SparseMatrix chunks collected one at a time (fitStream's buffer and held-out rows when the
// stream is sparse): CSR arrays that grow by doubling, copied row by row, so no chunk stays referenced
// once its rows are taken. The chunks are canonical (SparseMatrix), so the rows collected are too.

import { sparseFromCanonical, type SparseMatrix } from "../core/sparse.js";

export class SparseRows {
  private indptr: number[] = [0];
  private indices = new Int32Array(256);
  private data = new Float32Array(256);

  constructor(private readonly cols: number) {}

  /** Rows held. */
  get rows(): number {
    return this.indptr.length - 1;
  }

  /** Appends row `i` of `X`. */
  push(X: SparseMatrix, i: number): void {
    const from = X.indptr[i]!;
    const to = X.indptr[i + 1]!;
    const at = this.indptr[this.indptr.length - 1]!;
    if (at + to - from > this.indices.length) {
      const size = Math.max(2 * this.indices.length, at + to - from);
      const indices = new Int32Array(size);
      const data = new Float32Array(size);
      indices.set(this.indices.subarray(0, at));
      data.set(this.data.subarray(0, at));
      this.indices = indices;
      this.data = data;
    }
    this.indices.set(X.indices.subarray(from, to), at);
    this.data.set(X.data.subarray(from, to), at);
    this.indptr.push(at + to - from);
  }

  /** The rows held, as a SparseMatrix of their own (copies). */
  matrix(): SparseMatrix {
    const nnz = this.indptr[this.indptr.length - 1]!;
    return sparseFromCanonical(Int32Array.from(this.indptr), this.indices.slice(0, nnz), this.data.slice(0, nnz), this.cols);
  }

  /** Forgets the rows (keeping the arrays' room). */
  clear(): void {
    this.indptr = [0];
  }
}
