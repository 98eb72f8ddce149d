// Rows of objects ({ gpa: 3.9, exam: 92 }) read by column name into a row-major Float32Array: the
// path every model takes, kept small because a one-model app carries it (data/table.ts reads text
// cells too, for the data steps of a Pipeline). Every row names exactly the columns: those of the
// first row, or those fit saw; a missing or extra one is refused by name and row. One flat row (an
// array of values, or one plain object) is refused with the fix: wrap it in [row].

import { describe } from "../core/input.js";
import { finite32 } from "../core/checks.js";

/** True for an object row (not null, an array or a typed array). */
export function isRecordRow(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** True when X is a non-empty array whose first row is an object. */
export function isRecordRows(X: unknown): X is readonly Readonly<Record<string, unknown>>[] {
  return Array.isArray(X) && X.length > 0 && isRecordRow(X[0]);
}

/** The error for one flat row where rows go (an array of numbers or strings, or one plain object), else undefined. */
export function flatRowError(name: string, X: unknown): TypeError | undefined {
  const fix = "not rows: wrap it in [row] (predict([row])[0] is its answer)";
  if (Array.isArray(X) && (typeof X[0] === "number" || typeof X[0] === "string"))
    return new TypeError(`${name} is one row (an array of ${X.length} values), ${fix}`);
  const proto = typeof X === "object" && X !== null ? Object.getPrototypeOf(X) : undefined;
  if (proto === Object.prototype || proto === null) return new TypeError(`${name} is one row (an object), ${fix}`);
  return undefined;
}

/**
 * The column names rows of objects must have: `expected` (the fitted ones), else the first row's;
 * `check(i, row)` refuses row i when it lacks one or has another.
 */
export function recordColumns(name: string, X: readonly unknown[], expected: readonly string[] | null) {
  const names = expected ?? Object.keys(X[0] as object);
  if (names.length === 0) throw new RangeError(`${name}[0] is an object with no columns`);
  const known = new Set(names);
  const from = expected ? "the columns it was fit on" : `${name}[0]'s columns`;
  const check = (i: number, row: unknown): Readonly<Record<string, unknown>> => {
    if (!isRecordRow(row)) throw new TypeError(`${name}[${i}] must be an object like ${name}[0], got ${describe(row)}`);
    for (const key in row)
      if (Object.hasOwn(row, key) && !known.has(key))
        throw new RangeError(`${name}[${i}] has a column ${JSON.stringify(key)} that is not one of ${from} (${names.join(", ")})`);
    for (const key of names)
      if (!Object.hasOwn(row, key))
        throw new RangeError(`${name}[${i}] has no column ${JSON.stringify(key)} (${from}: ${names.join(", ")})`);
    return row;
  };
  return { names, check };
}

/** Rows of objects of numbers, by column name, as a row-major Float32Array (rows × names). */
export function recordMatrix(
  name: string,
  X: readonly unknown[],
  expected: readonly string[] | null,
): { data: Float32Array; names: string[] } {
  const { names, check } = recordColumns(name, X, expected);
  const D = names.length;
  const data = new Float32Array(X.length * D);
  for (let i = 0; i < X.length; i++) {
    const row = check(i, X[i]);
    for (let j = 0; j < D; j++) {
      const v = row[names[j]!];
      const at = `${name}[${i}].${names[j]}`;
      if (typeof v === "string")
        throw new TypeError(
          `${at} is text (${JSON.stringify(v)}): a model takes numbers; one-hot encode the column ${JSON.stringify(names[j])} ` +
            "(a OneHotEncoder, or ColumnTransformer.auto() in a Pipeline)",
        );
      if (typeof v !== "number") throw new TypeError(`${at} must be a number, got ${describe(v)}`);
      if (!finite32(v)) throw new RangeError(`${at} is ${v}: features must be finite numbers within float32 range (±3.4e38)`);
      data[i * D + j] = v;
    }
  }
  return { data, names: [...names] };
}
