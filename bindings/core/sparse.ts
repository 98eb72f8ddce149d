// PLACEHOLDER until helper 24a's SparseMatrix merges (the same names): CSR rows, canonical.

const BRAND = Symbol.for("wasmax.SparseMatrix");

export class SparseMatrix {
  readonly [BRAND] = true;
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly indptr: Int32Array,
    readonly indices: Int32Array,
    readonly data: Float32Array,
  ) {}

  get nnz(): number {
    return this.indptr[this.rows]!;
  }

  static fromCSR(o: { indptr: Int32Array; indices: Int32Array; data: Float32Array; cols: number }): SparseMatrix {
    return new SparseMatrix(o.indptr.length - 1, o.cols, o.indptr, o.indices, o.data);
  }

  sliceRows(from: number, to: number): SparseMatrix {
    return this.selectRows(Int32Array.from({ length: to - from }, (_, i) => from + i));
  }

  selectRows(rows: Int32Array): SparseMatrix {
    const indptr = new Int32Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) indptr[i + 1] = indptr[i]! + this.indptr[rows[i]! + 1]! - this.indptr[rows[i]!]!;
    const indices = new Int32Array(indptr[rows.length]!);
    const data = new Float32Array(indptr[rows.length]!);
    rows.forEach((r, i) => {
      indices.set(this.indices.subarray(this.indptr[r]!, this.indptr[r + 1]!), indptr[i]!);
      data.set(this.data.subarray(this.indptr[r]!, this.indptr[r + 1]!), indptr[i]!);
    });
    return new SparseMatrix(rows.length, this.cols, indptr, indices, data);
  }
}

export function isSparseMatrix(x: unknown): x is SparseMatrix {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
}
