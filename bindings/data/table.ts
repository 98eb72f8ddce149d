// Tables as users have them, read into columns: rows of objects ({ gpa: 3.9, city: "Oslo" }) by
// column name, rows of arrays whose cells are numbers or strings, or a typed matrix with `features`.
// Every row of objects names exactly the table's columns (those of the first row, or those a fitted
// step was fit on): a missing or extra column is refused by name and row (records.ts's rules, which
// models use alone for rows of numbers). One flat row is refused with the fix: wrap it in [row].
// Pure JS: works before init().

import { describe, type MatrixInput } from "../core/input.js";
import { finite32 } from "../core/checks.js";
import { flatRowError, isRecordRow, recordColumns } from "./records.js";

/** One value of a table: a number, or a string (a category such as a city). */
export type Cell = number | string;

/** One row as an object: its column names to its values, e.g. `{ gpa: 3.9, exam: 92, city: "Oslo" }`. */
export type RecordRow = Readonly<Record<string, Cell>>;

/** A table as users pass it: rows of objects, rows of arrays (numbers or strings), or a typed matrix with `features`. */
export type TableInput = MatrixInput | readonly (readonly Cell[])[] | readonly RecordRow[];

/** A table read into columns. */
export interface Table {
  readonly rows: number;
  /** The columns' names: the objects' keys (or those given); null for rows of arrays without names. */
  readonly names: readonly string[] | null;
  /** One array of values per column, each `rows` long. */
  readonly columns: readonly (readonly Cell[])[];
}

/**
 * Reads X as a table. `names` are the columns a fitted step expects (rows of objects must name
 * exactly these; rows of arrays must have as many values); `features` is the width of a typed X.
 */
export function readTable(name: string, X: unknown, o: { names?: readonly string[] | null; features?: number } = {}): Table {
  const flat = flatRowError(name, X);
  if (flat) throw flat;
  if (X instanceof Float32Array || X instanceof Float64Array) {
    const cols = o.names?.length ?? o.features;
    if (cols === undefined) throw new TypeError(`features is required when ${name} is a ${X.constructor.name}`);
    if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`features must be an integer >= 1, got ${String(cols)}`);
    if (X.length % cols !== 0) throw new RangeError(`${name} has length ${X.length}, which is not a multiple of features = ${cols}`);
    const rows = X.length / cols;
    const columns = Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => X[i * cols + j]!));
    return { rows, names: o.names ?? null, columns };
  }
  if (!Array.isArray(X))
    throw new TypeError(
      `${name} must be rows: objects ({ name: value }), arrays of numbers or strings, or a typed array, got ${describe(X)}`,
    );
  if (X.length === 0) {
    const width = o.names?.length ?? o.features ?? 0;
    return { rows: 0, names: o.names ?? null, columns: Array.from({ length: width }, () => []) };
  }
  return isRecordRow(X[0]) ? readRecords(name, X, o.names ?? null) : readArrays(name, X, o.names ?? null, o.features);
}

function readRecords(name: string, X: readonly unknown[], expected: readonly string[] | null): Table {
  const { names, check } = recordColumns(name, X, expected);
  const columns: Cell[][] = names.map(() => new Array<Cell>(X.length));
  for (let i = 0; i < X.length; i++) {
    const row = check(i, X[i]);
    names.forEach((key, j) => (columns[j]![i] = cellOf(`${name}[${i}].${key}`, row[key])));
  }
  return { rows: X.length, names, columns };
}

function readArrays(name: string, X: readonly unknown[], names: readonly string[] | null, features: number | undefined): Table {
  const first = X[0];
  if (!Array.isArray(first)) throw new TypeError(`${name}[0] must be an array of numbers or strings, or an object, got ${describe(first)}`);
  const width = names?.length ?? features ?? first.length;
  if (first.length !== width)
    throw new RangeError(
      `${name} rows have ${first.length} values, but ${names ? `${width} columns were fit (${names.join(", ")})` : `features = ${width}`}`,
    );
  if (width === 0) throw new RangeError(`${name}[0] is an empty row`);
  const columns: Cell[][] = Array.from({ length: width }, () => new Array<Cell>(X.length));
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row)) throw new TypeError(`${name}[${i}] must be an array like ${name}[0], got ${describe(row)}`);
    if (row.length !== width) throw new RangeError(`${name} is ragged: row ${i} has ${row.length} values, row 0 has ${width}`);
    for (let j = 0; j < width; j++) columns[j]![i] = cellOf(`${name}[${i}][${j}]`, row[j]);
  }
  return { rows: X.length, names, columns };
}

function cellOf(where: string, v: unknown): Cell {
  if (typeof v === "number" || typeof v === "string") return v;
  throw new TypeError(`${where} must be a number or a string, got ${describe(v)}`);
}

/** How errors name column j: by name when the table has names, else by index. */
export function columnName(table: Table, j: number): string {
  return table.names ? JSON.stringify(table.names[j]) : String(j);
}

/**
 * The table's columns `at` as a row-major Float32Array (rows × at.length). A text value is a
 * TypeError naming the column and row (with the fix: one-hot encode it); a value outside float32's
 * finite range is a RangeError.
 */
export function numericMatrix(name: string, table: Table, at: readonly number[], user = "a model"): Float32Array {
  const w = at.length;
  const out = new Float32Array(table.rows * w);
  at.forEach((c, k) => {
    const column = table.columns[c]!;
    for (let i = 0; i < table.rows; i++) {
      const v = column[i]!;
      if (typeof v !== "number")
        throw new TypeError(
          `${name}: column ${columnName(table, c)} holds text (${JSON.stringify(v)} in row ${i}); ${user} takes numbers: ` +
            `one-hot encode it (a OneHotEncoder, or ColumnTransformer.auto() in a Pipeline)`,
        );
      if (!finite32(v))
        throw new RangeError(
          `${name}: column ${columnName(table, c)}, row ${i} is ${v}: features must be finite numbers within float32 range`,
        );
      out[i * w + k] = v;
    }
  });
  return out;
}

/** The index of the column a selector names: a name (the table must have names) or a 0-based index. */
export function columnIndex(
  where: string,
  table: { names: readonly string[] | null; columns: readonly unknown[] },
  selector: unknown,
): number {
  if (typeof selector === "string") {
    if (!table.names)
      throw new TypeError(`${where}: column ${JSON.stringify(selector)} is a name, but X has no column names (rows of arrays)`);
    const j = table.names.indexOf(selector);
    if (j < 0) throw new RangeError(`${where}: X has no column ${JSON.stringify(selector)} (columns: ${table.names.join(", ")})`);
    return j;
  }
  if (typeof selector === "number" && Number.isInteger(selector)) {
    if (selector < 0 || selector >= table.columns.length)
      throw new RangeError(`${where}: column index ${selector} is out of range [0, ${table.columns.length})`);
    return selector;
  }
  throw new TypeError(`${where}: a column is a name or a 0-based index, got ${describe(selector)}`);
}
