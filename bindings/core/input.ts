// Argument checks and conversions, all done before anything crosses into wasm. Errors are
// TypeError for the wrong kind of value and RangeError for the wrong size or value; each message
// names the argument, what was expected and what was given.

import { finite32 } from "./checks.js";
import { isSparseMatrix } from "./sparse_brand.js";

/** Logits or features as users pass them. */
export type MatrixInput = Float32Array | Float64Array | readonly (readonly number[])[];

/** Integer labels as users pass them. */
export type LabelInput = Int32Array | Uint32Array | readonly number[];

/** A row-major matrix of known shape over the caller's data (not copied). */
export interface Matrix {
  readonly data: Float32Array | Float64Array | readonly (readonly number[])[];
  readonly rows: number;
  readonly cols: number;
}

/** A short description of a value for error messages: "null", "an array of length 3", "string \"abc\""… */
export function describe(value: unknown): string {
  if (value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof DataView) return `a DataView of ${value.byteLength} bytes`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as Float32Array).length}`;
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  // By its brand: the browser scripts minify class names.
  if (isSparseMatrix(value)) return "a SparseMatrix";
  const kind = (value as object).constructor?.name;
  return typeof value === "object" ? (kind && kind !== "Object" ? `a ${kind}` : "an object") : `${typeof value} ${String(value)}`;
}

/** A positive integer count such as `classes`. */
export function checkCount(name: string, value: unknown, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  if (value < min) throw new RangeError(`${name} must be >= ${min}, got ${value}`);
  return value;
}

/**
 * Reads `value` as a rows × cols matrix. Typed arrays need `cols` (named `colsName` in errors);
 * arrays of rows infer it and must not be ragged.
 */
export function toMatrix(name: string, value: unknown, cols: number | undefined, colsName: string): Matrix {
  if (value instanceof Float32Array || value instanceof Float64Array) {
    if (cols === undefined) throw new TypeError(`${colsName} is required when ${name} is a ${value.constructor.name}`);
    checkCount(colsName, cols);
    if (value.length % cols !== 0) {
      throw new RangeError(`${name} has length ${value.length}, which is not a multiple of ${colsName} = ${cols}`);
    }
    return { data: value, rows: value.length / cols, cols };
  }
  if (Array.isArray(value)) {
    const width = value.length > 0 && Array.isArray(value[0]) ? (value[0] as unknown[]).length : cols;
    if (value.length > 0 && !Array.isArray(value[0])) {
      const first: unknown = value[0];
      if (typeof first === "number" || typeof first === "string")
        throw new TypeError(`${name} is one row (an array of ${value.length} values), not an array of rows: wrap it in [row]`);
      throw new TypeError(`${name} must be a Float32Array, a Float64Array or an array of rows (number[][]), got [${describe(first)}, …]`);
    }
    if (cols !== undefined) checkCount(colsName, cols);
    if (width === undefined) throw new TypeError(`${colsName} is required when ${name} has no rows`);
    if (cols !== undefined && width !== cols && value.length > 0) {
      throw new RangeError(`${name} rows have ${width} values, but ${colsName} = ${cols}`);
    }
    checkCount(colsName, width);
    for (let i = 0; i < value.length; i++) {
      const row: unknown = value[i];
      if (!Array.isArray(row)) throw new TypeError(`${name}[${i}] must be an array of numbers, got ${describe(row)}`);
      if (row.length !== width) throw new RangeError(`${name} is ragged: row ${i} has ${row.length} values, row 0 has ${width}`);
      for (let j = 0; j < width; j++) {
        // Holes, strings, null and undefined would silently become NaN or 0 in a Float32Array.
        if (typeof row[j] !== "number") throw new TypeError(`${name}[${i}][${j}] must be a number, got ${describe(row[j])}`);
      }
    }
    return { data: value as number[][], rows: value.length, cols: width };
  }
  throw new TypeError(`${name} must be a Float32Array, a Float64Array or an array of rows (number[][]), got ${describe(value)}`);
}

/** Copies rows [from, to) of `m` into `dst` (an f32 view) at element offset `at`. */
export function copyRows(m: Matrix, from: number, to: number, dst: Float32Array, at: number): void {
  const { data, cols } = m;
  if (ArrayBuffer.isView(data)) {
    const typed = data as Float32Array;
    dst.set(from === 0 && to * cols === typed.length ? typed : typed.subarray(from * cols, to * cols), at);
    return;
  }
  for (let i = from; i < to; i++) dst.set((data as readonly (readonly number[])[])[i]!, at + (i - from) * cols);
}

/** Labels as an Int32Array, each checked to be an integer in [0, classes). */
export function toLabels(name: string, value: unknown, rows: number, classes: number): Int32Array {
  if (!(value instanceof Int32Array || value instanceof Uint32Array || Array.isArray(value))) {
    throw new TypeError(`${name} must be an Int32Array, a Uint32Array or an array of integers, got ${describe(value)}`);
  }
  const labels = value as ArrayLike<unknown>;
  if (labels.length !== rows) throw new RangeError(`${name} has ${labels.length} entries, expected one per row (${rows})`);
  const out = value instanceof Int32Array ? value : new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = labels[i];
    if (typeof y !== "number" || !Number.isInteger(y)) {
      throw new TypeError(`${name}[${i}] must be an integer class index, got ${describe(y)}`);
    }
    if (y < 0 || y >= classes) throw new RangeError(`${name}[${i}] = ${y} is out of range [0, ${classes})`);
    if (out !== value) out[i] = y;
  }
  return out;
}

/** Finite numbers (>= 0 unless `anySign`) of an exact length, as a Float32Array. */
export function toVector(name: string, value: unknown, length: number, what: string, anySign = false): Float32Array {
  if (!(value instanceof Float32Array || value instanceof Float64Array || Array.isArray(value))) {
    throw new TypeError(`${name} must be a Float32Array, a Float64Array or an array of numbers, got ${describe(value)}`);
  }
  const weights = value as ArrayLike<unknown>;
  if (weights.length !== length) throw new RangeError(`${name} has ${weights.length} entries, expected ${length} (${what})`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const w = weights[i];
    if (typeof w !== "number") throw new TypeError(`${name}[${i}] must be a number, got ${describe(w)}`);
    if (!finite32(w) || (w < 0 && !anySign)) {
      throw new RangeError(
        `${name}[${i}] must be a finite number${anySign ? "" : " >= 0"} within float32 range (±3.4e38), got ${describe(w)}`,
      );
    }
    out[i] = w;
  }
  return out;
}

/**
 * The caller's `out`, checked: a Float32Array of `length` that may be `input` itself (in place) but
 * must not overlap it at an offset (chunked kernels would then read rows an earlier chunk already
 * overwrote); or a new Float32Array when `out` is undefined. A new array is never compared with the
 * input: reading `.buffer` of a small new typed array makes V8 move it off the JS heap, which cost
 * ~250 ns per call here (a 1 × 10 softmax takes ~130 ns in all).
 */
export function toOutput(outName: string, out: unknown, length: number, inName: string, input: unknown): Float32Array {
  if (out === undefined) return new Float32Array(length);
  if (!(out instanceof Float32Array)) throw new TypeError(`${outName} must be a Float32Array, got ${describe(out)}`);
  if (out.length !== length) throw new RangeError(`${outName} has length ${out.length}, expected ${length}`);
  checkNoOverlap(outName, out, inName, input);
  return out;
}

/** Copies n elements of `src` from offset `at` into `dst` at `to`; a loop for short runs avoids making a view. */
export function copyOut<T extends Float32Array | Int32Array>(src: T, at: number, n: number, dst: T, to: number): void {
  if (n <= 64) {
    for (let i = 0; i < n; i++) dst[to + i] = src[at + i]!;
    return;
  }
  dst.set(src.subarray(at, at + n), to);
}

/**
 * Every value of a checked matrix must be a finite number that stays finite in float32 (|v| ≤
 * 3.4e38); the error names the row and column.
 */
export function checkFinite(name: string, m: Matrix): void {
  const { data, rows, cols } = m;
  const fail = (i: number, j: number, v: number): never => {
    throw new RangeError(`${name}[${i}][${j}] is ${v}: features must be finite numbers within float32 range (±3.4e38)`);
  };
  if (data instanceof Float32Array) {
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) fail(Math.floor(i / cols), i % cols, data[i]!);
    return;
  }
  if (data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) if (!finite32(data[i])) fail(Math.floor(i / cols), i % cols, data[i]!);
    return;
  }
  const arr = data as readonly (readonly number[])[];
  for (let i = 0; i < rows; i++) {
    const row = arr[i]!;
    for (let j = 0; j < cols; j++) if (!finite32(row[j])) fail(i, j, row[j]!);
  }
}

function checkNoOverlap(outName: string, out: Float32Array, inName: string, input: unknown): void {
  if (!ArrayBuffer.isView(input) || out.buffer !== input.buffer) return;
  const a = out.byteOffset;
  const b = input.byteOffset;
  if (a === b && out.byteLength === input.byteLength) return;
  if (a < b + input.byteLength && b < a + out.byteLength) {
    throw new RangeError(`${outName} overlaps ${inName} at an offset; pass ${inName} itself to work in place, or a separate array`);
  }
}
