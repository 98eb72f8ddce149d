// SparseMatrix: a matrix in compressed sparse rows (CSR), pure JS, usable before init().
//
// Layout, as scipy.sparse.csr_matrix: row i's entries are positions indptr[i] .. indptr[i + 1] - 1 of
// `indices` (column numbers, Int32Array) and `data` (values, Float32Array). indptr (Int32Array) has
// rows + 1 entries, starts at 0, never decreases and ends at nnz.
//
// Canonical form. Every SparseMatrix is in it (the builders check or produce it; kernels rely on it):
// - within each row, column indices strictly increase: the builders sort them and sum duplicates;
// - every stored value is non-zero and finite in float32: explicit zeros, values that round to 0 in
//   float32 and duplicates that sum to 0 are dropped; duplicates are summed in float64 and rounded
//   once to float32, and a sum beyond float32 range is refused;
// - 1 <= cols <= 2^31 - 1, rows <= 2^31 - 1, nnz <= 2^31 - 1 (int32 indices): larger shapes are refused
//   with a RangeError before anything is allocated.
// Validation, like dense input: wrong kinds are TypeErrors, wrong values RangeErrors; each message
// names the row (and the column or position) at fault.
//
// Ownership: a SparseMatrix owns its three arrays. The builders copy their input; sliceRows and
// selectRows copy the rows they keep, so a matrix never shares a buffer with another (a buffer can be
// transferred to a worker without detaching anyone else's). Writing into the arrays can break the
// canonical form: treat them as read-only.
//
// Memory: 4 (rows + 1) + 8 nnz bytes, whatever cols is (2^20 hashed columns cost nothing until used).
//
// isSparseMatrix(x) recognises matrices from any copy of this module (two bundles of wasmax in one
// page): the brand is a Symbol.for key on the prototype, not only the class identity.

import { checkOptions, describeValue, finite32 } from "./checks.js";
import { describe } from "./input.js";

/** The largest rows, cols or nnz a SparseMatrix holds: its indices and indptr are int32. */
export const MAX_SPARSE_SIZE = 2 ** 31 - 1;

import { BRAND } from "./sparse_brand.js";
const TRUSTED = /* @__PURE__ */ Symbol("trusted");

/** CSR arrays as callers pass them to SparseMatrix.fromCSR; they are copied. */
export interface CSRParts {
  /** rows + 1 offsets into indices/data: starts at 0, never decreases, ends at indices.length. */
  indptr: Int32Array | Uint32Array | readonly number[];
  /** Column index of each stored value, in [0, cols); any order within a row, repeats summed. */
  indices: Int32Array | Uint32Array | readonly number[];
  /** The stored values, finite within float32 range. */
  data: Float32Array | Float64Array | readonly number[];
  /** Number of columns (features), 1 to 2^31 - 1. */
  cols: number;
}

/**
 * One row for SparseMatrix.fromRows: `{ 3: 0.5, 17: 2 }`, `[[3, 0.5], [17, 2]]` or a Map from column
 * index to value. Columns may come in any order; a column given twice is summed.
 */
export type SparseRow = Readonly<Record<number, number>> | readonly (readonly [number, number])[] | ReadonlyMap<number, number>;

/** A matrix in compressed sparse rows, always in canonical form (see the file header). */
export class SparseMatrix {
  /** rows + 1 offsets: row i is entries indptr[i] .. indptr[i + 1] - 1. */
  readonly indptr: Int32Array;
  /** Column of each stored value, strictly increasing within a row. */
  readonly indices: Int32Array;
  /** The stored values: finite, non-zero. */
  readonly data: Float32Array;
  /** Rows. */
  readonly rows: number;
  /** Columns (features). */
  readonly cols: number;
  /**
   * The brand isSparseMatrix looks for, set by the constructor (a computed key in the class body would
   * make bundlers keep the class in apps that never use it).
   */
  declare readonly [BRAND]: true;

  /** Use SparseMatrix.fromCSR or fromRows; the constructor is internal. */
  private constructor(token: symbol, indptr: Int32Array, indices: Int32Array, data: Float32Array, cols: number) {
    if (token !== TRUSTED) throw new TypeError("SparseMatrix has no public constructor: use SparseMatrix.fromCSR or SparseMatrix.fromRows");
    Object.defineProperty(this, BRAND, { value: true });
    this.indptr = indptr;
    this.indices = indices;
    this.data = data;
    this.rows = indptr.length - 1;
    this.cols = cols;
  }

  /** Number of stored (non-zero) values. */
  get nnz(): number {
    return this.indptr[this.rows]!;
  }

  /**
   * A matrix from CSR arrays, copied and put in canonical form: indices sorted within each row,
   * duplicates summed, zeros dropped. Refuses (naming the row) indices that are not integers in
   * [0, cols), values that are not finite in float32, and an indptr that is not monotone from 0 to nnz.
   */
  static fromCSR(parts: CSRParts): SparseMatrix {
    const where = "SparseMatrix.fromCSR";
    const p = checkOptions(where, parts, ["indptr", "indices", "data", "cols"]);
    const cols = checkSize(`${where}: cols`, p.cols, 1);
    const indptr = checkIndptr(where, p.indptr);
    if (!isIndexArray(p.indices))
      throw new TypeError(`${where}: indices must be an Int32Array, a Uint32Array or an array of integers, got ${describe(p.indices)}`);
    if (!isValueArray(p.data))
      throw new TypeError(`${where}: data must be a Float32Array, a Float64Array or an array of numbers, got ${describe(p.data)}`);
    const nnz = indptr[indptr.length - 1]!;
    if (p.indices.length !== nnz || p.data.length !== nnz) {
      throw new RangeError(
        `${where}: indptr ends at ${nnz}, so indices and data need ${nnz} entries; they have ${p.indices.length} and ${p.data.length}`,
      );
    }
    const { indices, data } = p;
    for (let r = 0; r < indptr.length - 1; r++) {
      for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
        const c = indices[k];
        if (typeof c !== "number" || !Number.isInteger(c)) {
          throw new TypeError(`${where}: row ${r}: indices[${k}] must be an integer column index, got ${describeValue(c)}`);
        }
        if (c < 0 || c >= cols) throw new RangeError(`${where}: row ${r}: indices[${k}] = ${c} is out of range [0, ${cols})`);
        const v = data[k];
        if (typeof v !== "number" || !finite32(v)) throw valueError(`${where}: row ${r}, column ${c}: data[${k}]`, v);
      }
    }
    return canonical(where, indptr, indices, data, cols);
  }

  /**
   * A matrix from rows of `{ index: value }` objects, `[index, value]` pairs or Maps, with `cols`
   * columns. Empty rows are allowed; columns may repeat (summed) and come in any order.
   */
  static fromRows(rows: readonly SparseRow[], cols: number): SparseMatrix {
    const where = "SparseMatrix.fromRows";
    if (!Array.isArray(rows)) throw new TypeError(`${where}: rows must be an array of rows, got ${describe(rows)}`);
    checkSize(`${where}: rows.length`, rows.length, 0);
    const width = checkSize(`${where}: cols`, cols, 1);
    const indptr = new Int32Array(rows.length + 1);
    const indices: number[] = [];
    const data: number[] = [];
    // `key` is what the row holds: a number from pairs and Maps, a string from objects (a valid one is
    // converted before the call). Messages are built only on failure.
    const add = (r: number, key: unknown, value: unknown) => {
      if (typeof key !== "number" || !Number.isInteger(key))
        throw new TypeError(`${where}: row ${r}: ${describeValue(key)} is not an integer column index`);
      if (key < 0 || key >= width) throw new RangeError(`${where}: row ${r}: column index ${key} is out of range [0, ${width})`);
      if (typeof value !== "number" || !finite32(value)) throw valueError(`${where}: row ${r}, column ${key}`, value);
      if (indices.length === MAX_SPARSE_SIZE) throw new RangeError(`${where}: more than ${MAX_SPARSE_SIZE} entries in all: split the rows`);
      indices.push(key);
      data.push(value as number);
    };
    for (let r = 0; r < rows.length; r++) {
      const row: unknown = rows[r];
      if (Array.isArray(row)) {
        for (let j = 0; j < row.length; j++) {
          const pair: unknown = row[j];
          if (!Array.isArray(pair) || pair.length !== 2)
            throw new TypeError(`${where}: row ${r}: entry ${j} must be an [index, value] pair, got ${describe(pair)}`);
          add(r, pair[0], pair[1]);
        }
      } else if (row instanceof Map) {
        for (const [key, value] of row) add(r, key, value);
      } else if (typeof row === "object" && row !== null && !ArrayBuffer.isView(row)) {
        for (const key of Object.keys(row)) {
          const index = /^-?\d+$/.test(key) ? Number(key) : key;
          add(r, index, (row as Record<string, unknown>)[key]);
        }
      } else {
        throw new TypeError(
          `${where}: row ${r} must be an object { index: value }, an array of [index, value] pairs or a Map, got ${describe(row)}`,
        );
      }
      indptr[r + 1] = indices.length;
    }
    return canonical(where, indptr, indices, data, width);
  }

  /** Rows [from, to) as a new matrix with its own arrays. */
  sliceRows(from: number, to: number = this.rows): SparseMatrix {
    if (!Number.isInteger(from) || !Number.isInteger(to)) {
      throw new TypeError(`sliceRows(from, to) takes integers, got ${describeValue(from)}, ${describeValue(to)}`);
    }
    if (from < 0 || to > this.rows || from > to) {
      throw new RangeError(`sliceRows(${from}, ${to}) needs 0 <= from <= to <= rows = ${this.rows}`);
    }
    const start = this.indptr[from]!;
    const end = this.indptr[to]!;
    const indptr = new Int32Array(to - from + 1);
    for (let r = from; r <= to; r++) indptr[r - from] = this.indptr[r]! - start;
    return new SparseMatrix(TRUSTED, indptr, this.indices.slice(start, end), this.data.slice(start, end), this.cols);
  }

  /** The rows listed in `rows`, in that order (repeats allowed), as a new matrix: for shuffles and splits. */
  selectRows(rows: Int32Array | Uint32Array | readonly number[]): SparseMatrix {
    if (!isIndexArray(rows))
      throw new TypeError(`selectRows: rows must be an Int32Array, a Uint32Array or an array of row indices, got ${describe(rows)}`);
    checkSize("selectRows: rows.length", rows.length, 0);
    const indptr = new Int32Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (typeof r !== "number" || !Number.isInteger(r))
        throw new TypeError(`selectRows: rows[${i}] must be an integer row index, got ${describeValue(r)}`);
      if (r < 0 || r >= this.rows) throw new RangeError(`selectRows: rows[${i}] = ${r} is out of range [0, ${this.rows})`);
      const total = indptr[i]! + this.indptr[r + 1]! - this.indptr[r]!;
      if (total > MAX_SPARSE_SIZE) throw new RangeError(`selectRows: the selected rows hold more than ${MAX_SPARSE_SIZE} values`);
      indptr[i + 1] = total;
    }
    const nnz = indptr[rows.length]!;
    const indices = new Int32Array(nnz);
    const data = new Float32Array(nnz);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const from = this.indptr[r]!;
      const n = this.indptr[r + 1]! - from;
      const at = indptr[i]!;
      for (let k = 0; k < n; k++) {
        indices[at + k] = this.indices[from + k]!;
        data[at + k] = this.data[from + k]!;
      }
    }
    return new SparseMatrix(TRUSTED, indptr, indices, data, this.cols);
  }

  /** The matrix as dense row-major float32 (rows × cols): for tests and small data. */
  toDense(): Float32Array {
    if (this.rows * this.cols > MAX_SPARSE_SIZE) {
      throw new RangeError(`toDense: ${this.rows} × ${this.cols} = ${this.rows * this.cols} values is too many for one dense array`);
    }
    const out = new Float32Array(this.rows * this.cols);
    for (let r = 0; r < this.rows; r++) {
      for (let k = this.indptr[r]!; k < this.indptr[r + 1]!; k++) out[r * this.cols + this.indices[k]!] = this.data[k]!;
    }
    return out;
  }
}

/**
 * A SparseMatrix over arrays the caller guarantees to be canonical and owned by nobody else (the
 * vectorizers build them that way). Internal: not exported from the package.
 */
export function sparseFromCanonical(indptr: Int32Array, indices: Int32Array, data: Float32Array, cols: number): SparseMatrix {
  const make = SparseMatrix as unknown as new (t: symbol, p: Int32Array, i: Int32Array, d: Float32Array, c: number) => SparseMatrix;
  return new make(TRUSTED, indptr, indices, data, cols);
}

/** An integer in [min, 2^31 - 1]: a row, column or entry count. */
function checkSize(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer >= ${min}, got ${describeValue(v)}`);
  if (v < min || v > MAX_SPARSE_SIZE) throw new RangeError(`${name} must be in [${min}, ${MAX_SPARSE_SIZE}], got ${v}`);
  return v;
}

/** The error for a stored value that is not a number finite in float32. */
function valueError(what: string, v: unknown): Error {
  if (typeof v !== "number") return new TypeError(`${what} must be a number, got ${describe(v)}`);
  return new RangeError(`${what} = ${v} is not finite within float32 range (±3.4e38)`);
}

/** indptr as an Int32Array: integers from 0, never decreasing, at most 2^31 - 1. */
function checkIndptr(where: string, value: unknown): Int32Array {
  if (!isIndexArray(value))
    throw new TypeError(`${where}: indptr must be an Int32Array, a Uint32Array or an array of integers, got ${describe(value)}`);
  if (value.length < 1) throw new RangeError(`${where}: indptr needs rows + 1 >= 1 entries, got an empty one`);
  checkSize(`${where}: rows (indptr.length - 1)`, value.length - 1, 0);
  const out = new Int32Array(value.length);
  let previous = 0;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isInteger(v))
      throw new TypeError(`${where}: indptr[${i}] must be an integer, got ${describeValue(v)}`);
    if (i === 0 && v !== 0) throw new RangeError(`${where}: indptr[0] must be 0, got ${v}`);
    if (v < previous) throw new RangeError(`${where}: row ${i - 1}: indptr[${i}] = ${v} is less than indptr[${i - 1}] = ${previous}`);
    if (v > MAX_SPARSE_SIZE) throw new RangeError(`${where}: indptr[${i}] = ${v}: a SparseMatrix holds at most ${MAX_SPARSE_SIZE} values`);
    out[i] = previous = v;
  }
  return out;
}

function isIndexArray(v: unknown): v is Int32Array | Uint32Array | readonly unknown[] {
  return v instanceof Int32Array || v instanceof Uint32Array || Array.isArray(v);
}

function isValueArray(v: unknown): v is Float32Array | Float64Array | readonly unknown[] {
  return v instanceof Float32Array || v instanceof Float64Array || Array.isArray(v);
}

/**
 * The canonical copy of validated CSR input (integer indices in [0, cols), values finite in float32):
 * rows sorted by column, duplicates summed in float64, zeros dropped. Already-canonical rows are copied
 * as they are; only unsorted rows pay for a sort.
 */
function canonical(where: string, indptr: Int32Array, indices: ArrayLike<unknown>, data: ArrayLike<unknown>, cols: number): SparseMatrix {
  const rows = indptr.length - 1;
  const col = indices as ArrayLike<number>;
  const val = data as ArrayLike<number>;
  const outPtr = new Int32Array(rows + 1);
  const outIndices = new Int32Array(indptr[rows]!);
  const outData = new Float32Array(indptr[rows]!);
  let order = new Int32Array(0);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const from = indptr[r]!;
    const to = indptr[r + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) sorted = col[k]! > col[k - 1]!;
    if (sorted) {
      for (let k = from; k < to; k++) {
        const v = Math.fround(val[k]!);
        if (v === 0) continue;
        outIndices[n] = col[k]!;
        outData[n++] = v;
      }
    } else {
      if (order.length < to - from) order = new Int32Array(to - from);
      const row = order.subarray(0, to - from);
      for (let k = from; k < to; k++) row[k - from] = k;
      row.sort((a, b) => col[a]! - col[b]! || a - b);
      for (let i = 0; i < row.length;) {
        const c = col[row[i]!]!;
        let sum = 0;
        for (; i < row.length && col[row[i]!] === c; i++) sum += val[row[i]!]!;
        const v = Math.fround(sum);
        if (!Number.isFinite(v))
          throw new RangeError(`${where}: row ${r}, column ${c}: repeated entries sum to ${sum}, beyond float32 range`);
        if (v === 0) continue;
        outIndices[n] = c;
        outData[n++] = v;
      }
    }
    outPtr[r + 1] = n;
  }
  const exact = n === outIndices.length;
  return sparseFromCanonical(outPtr, exact ? outIndices : outIndices.slice(0, n), exact ? outData : outData.slice(0, n), cols);
}
