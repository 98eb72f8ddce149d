// ColumnTransformer: a step per group of columns, outputs side by side (scikit-learn's idea, kept
// simple). Each entry is [name, step, columns]: a OneHotEncoder, a StandardScaler, "passthrough"
// (the numbers as they are) or "drop", over columns named (rows of objects) or indexed. Columns no
// entry names are dropped (remainder "drop", scikit-learn's default) or passed through. Output:
// the entries' columns in order, then the remainder's, as one dense rows × nOutputs Float32Array.
// ColumnTransformer.auto() decides at fit: columns holding any text are one-hot encoded, the
// others standardised (or passed through); `describe()` says which column was treated how.
// Fitted fields are replaced at fit, never mutated. Pure JS: works before init().

import { NotFittedError } from "../core/errors.js";
import { checkOptions, checkVersion, describeValue, flag, oneOf } from "../core/checks.js";
import { OneHotEncoder, type OneHotEncoderJSON } from "./one_hot_encoder.js";
import { StandardScaler } from "./preprocessing.js";
import { columnIndex, columnName, numericMatrix, readTable, type Table, type TableInput } from "./table.js";

/** What a ColumnTransformer entry does with its columns. */
export type ColumnStep = OneHotEncoder | StandardScaler | "passthrough" | "drop";

/** One entry: its name, its step, and its columns (names, or 0-based indices). */
export type ColumnEntry = readonly [name: string, step: ColumnStep, columns: readonly (string | number)[]];

/** Options of {@link ColumnTransformer}. */
export interface ColumnTransformerOptions {
  /** Columns no entry names: left out ("drop") or passed through as numbers ("passthrough"). @default "drop" */
  remainder?: "drop" | "passthrough";
}

/** Options of {@link ColumnTransformer.auto}. */
export interface AutoColumnsOptions {
  /** Standardise the number columns (true) or pass them through (false). @default true */
  scale?: boolean;
  /** The text columns' OneHotEncoder's handleUnknown. @default "error" */
  handleUnknown?: "error" | "ignore";
}

/** How one fitted entry treats its columns, as {@link ColumnTransformer.describe} reports it. */
export interface ColumnTreatment {
  /** The entry's name ("onehot" and "scale" in auto mode). */
  name: string;
  /** "onehot", "scale", "passthrough" or "drop". */
  kind: "onehot" | "scale" | "passthrough" | "drop";
  /** Its columns, by name (or index, as a string, without names). */
  columns: string[];
  /** How many output columns it makes. */
  outputs: number;
}

/** The saved form of a fitted {@link ColumnTransformer}. */
export interface ColumnTransformerJSON {
  /** "wasmax/ColumnTransformer". */
  format: "wasmax/ColumnTransformer";
  /** The format's version. */
  version: 1;
  /** What happens to columns no entry names. */
  remainder: "drop" | "passthrough";
  /** The input columns' names, or null when fit on rows of arrays. */
  featureNamesIn: string[] | null;
  /** The number of input columns. */
  nFeaturesIn: number;
  /** The fitted entries. */
  transformers: {
    /** The entry's name. */
    name: string;
    /** Its step's saved form, or "passthrough" / "drop". */
    step: OneHotEncoderJSON | ReturnType<StandardScaler["toJSON"]> | "passthrough" | "drop";
    /** Its columns, as indices. */
    columns: number[];
  }[];
}

/** Auto mode's options while auto() constructs (the constructor's signature stays the entries'). */
let autoNext: Required<AutoColumnsOptions> | null = null;

interface Fitted {
  entries: { name: string; step: ColumnStep; columns: number[] }[];
  remainder: number[];
  names: string[] | null;
  nFeaturesIn: number;
}

/**
 * Applies a step to each group of columns and puts the results side by side.
 * @example
 * ```ts
 * const columns = new ColumnTransformer([
 *   ["onehot", new OneHotEncoder(), ["city"]],
 *   ["scale", new StandardScaler(), ["gpa", "exam"]],
 * ]);
 * columns.fitTransform([{ gpa: 3.9, exam: 92, city: "Oslo" }, { gpa: 2.1, exam: 60, city: "Rome" }]);
 * ```
 */
export class ColumnTransformer {
  /** The format tag of its JSON. */
  static readonly format = "wasmax/ColumnTransformer";
  /** The entries as given (auto mode: empty until fit). */
  readonly transformers: readonly ColumnEntry[];
  /** What happens to columns no entry names. */
  readonly remainder: "drop" | "passthrough";
  /** Auto mode's options, or null for given entries. */
  readonly auto: Required<AutoColumnsOptions> | null;
  private state: Fitted | null = null;

  constructor(transformers: readonly ColumnEntry[], options: ColumnTransformerOptions = {}) {
    const o = checkOptions("ColumnTransformer options", options, ["remainder"]);
    this.remainder = oneOf("remainder", o.remainder ?? "drop", ["drop", "passthrough"] as const);
    const auto = autoNext;
    this.auto = auto;
    if (!Array.isArray(transformers)) throw new TypeError("ColumnTransformer takes an array of [name, step, columns] entries");
    if (!auto && transformers.length === 0) throw new RangeError("ColumnTransformer needs at least one [name, step, columns] entry");
    const names = new Set<string>();
    transformers.forEach((entry, e) => {
      if (!Array.isArray(entry) || entry.length !== 3) throw new TypeError(`transformers[${e}] must be [name, step, columns]`);
      const [name, step, columns] = entry as unknown[];
      if (typeof name !== "string" || name === "") throw new TypeError(`transformers[${e}][0] must be a non-empty name`);
      if (names.has(name)) throw new RangeError(`transformers: the name ${JSON.stringify(name)} is used twice`);
      names.add(name);
      if (!(step instanceof OneHotEncoder || step instanceof StandardScaler || step === "passthrough" || step === "drop"))
        throw new TypeError(`transformers[${e}] (${name}): the step must be a OneHotEncoder, a StandardScaler, "passthrough" or "drop"`);
      if (!Array.isArray(columns) || columns.length === 0)
        throw new TypeError(`transformers[${e}] (${name}): columns must be a non-empty array of names or indices`);
    });
    this.transformers = transformers.map(([name, step, columns]) => [name, step, [...columns]] as const);
  }

  /**
   * A ColumnTransformer that decides at fit: columns holding any text are one-hot encoded, the
   * others standardised (or passed through with `scale: false`).
   */
  static auto(options: AutoColumnsOptions = {}): ColumnTransformer {
    const o = checkOptions("ColumnTransformer.auto options", options, ["scale", "handleUnknown"]);
    const auto = {
      scale: flag("scale", o.scale ?? true),
      handleUnknown: oneOf("handleUnknown", o.handleUnknown ?? "error", ["error", "ignore"] as const),
    };
    autoNext = auto;
    try {
      return new ColumnTransformer([]);
    } finally {
      autoNext = null;
    }
  }

  /** Fits each entry's step on its columns; returns this. `features` is required for a typed-array X. */
  fit(X: TableInput, features?: number): this {
    return this.fitTable(readTable("X", X, { features }));
  }

  /** The entries' outputs side by side, rows × nOutputs. */
  transform(X: TableInput, features?: number): Float32Array {
    const { names, nFeaturesIn } = this.fitted();
    return this.transformTable(readTable("X", X, { names, features: features ?? nFeaturesIn }));
  }

  /** fit(X), then transform(X). */
  fitTransform(X: TableInput, features?: number): Float32Array {
    return this.fit(X, features).transform(X, features);
  }

  /** The number of output columns. */
  get nOutputs(): number {
    return this.describe().reduce((n, t) => n + t.outputs, 0);
  }

  /** The input columns' names when fit on rows of objects, else null. */
  get featureNamesIn(): string[] | null {
    const { names } = this.fitted();
    return names && [...names];
  }

  /** Which columns each fitted entry takes and how (the remainder last, when it passes columns through). */
  describe(): ColumnTreatment[] {
    const { entries, remainder, names } = this.fitted();
    const label = (c: number) => names?.[c] ?? String(c);
    const rows: ColumnTreatment[] = entries.map(({ name, step, columns }) => ({
      name,
      kind: step instanceof OneHotEncoder ? "onehot" : step instanceof StandardScaler ? "scale" : step,
      columns: columns.map(label),
      outputs: step instanceof OneHotEncoder ? step.nOutputs : step === "drop" ? 0 : columns.length,
    }));
    if (remainder.length > 0)
      rows.push({
        name: "remainder",
        kind: this.remainder,
        columns: remainder.map(label),
        outputs: this.remainder === "passthrough" ? remainder.length : 0,
      });
    return rows;
  }

  /** The output columns' names: "city_Oslo" for one-hot columns, the column's name for the others. */
  featureNamesOut(): string[] {
    const { entries, remainder, names } = this.fitted();
    const label = (c: number) => names?.[c] ?? `x${c}`;
    const out = entries.flatMap(({ step, columns }) => {
      if (step === "drop") return [];
      if (!(step instanceof OneHotEncoder)) return columns.map(label);
      return step.featureNamesOut();
    });
    return this.remainder === "passthrough" ? [...out, ...remainder.map(label)] : out;
  }

  /** @internal Fits on a table (a Pipeline passes its own). */
  fitTable(table: Table): this {
    if (table.rows === 0) throw new RangeError("ColumnTransformer.fit needs at least one row");
    const given = this.auto ? autoEntries(table, this.auto) : this.transformers;
    const taken = new Map<number, string>();
    const resolved = given.map(([name, step, columns]) => ({
      name,
      step,
      columns: columns.map((selector) => {
        const c = columnIndex(`ColumnTransformer (${name})`, table, selector);
        const other = taken.get(c);
        if (other !== undefined) throw new RangeError(`ColumnTransformer: column ${columnName(table, c)} is in both ${other} and ${name}`);
        taken.set(c, name);
        return c;
      }),
    }));
    const remainder = table.columns.map((_, c) => c).filter((c) => !taken.has(c));
    // Fit clones, so a failure part-way leaves the given steps (and this) as they were.
    const entries = resolved.map(({ name, step, columns }) => {
      if (step === "passthrough") numericMatrix(`X (${name})`, table, columns, "passthrough");
      return { name, step: fitStep(name, step, table, columns), columns };
    });
    if (this.remainder === "passthrough") numericMatrix("X (remainder)", table, remainder, "passthrough");
    entries.forEach(({ step }, e) => adopt(given[e]![1], step));
    this.state = {
      entries: entries.map((e, i) => ({ ...e, step: given[i]![1] })),
      remainder,
      names: table.names && [...table.names],
      nFeaturesIn: table.columns.length,
    };
    return this;
  }

  /** @internal The outputs for a table whose columns are those fit on. */
  transformTable(table: Table): Float32Array {
    const { entries, remainder, nFeaturesIn } = this.fitted();
    if (table.columns.length !== nFeaturesIn)
      throw new RangeError(`X has ${table.columns.length} columns, the ColumnTransformer was fit on ${nFeaturesIn}`);
    const parts: { data: Float32Array; width: number }[] = [];
    for (const { name, step, columns } of entries) {
      if (step === "drop") continue;
      if (step instanceof OneHotEncoder) {
        parts.push({ data: step.transformTable(subTable(table, columns)), width: step.nOutputs });
        continue;
      }
      const numbers = numericMatrix(`X (${name})`, table, columns, step === "passthrough" ? "passthrough" : "StandardScaler");
      parts.push({ data: step === "passthrough" ? numbers : step.transform(numbers, columns.length), width: columns.length });
    }
    if (this.remainder === "passthrough" && remainder.length > 0)
      parts.push({ data: numericMatrix("X (remainder)", table, remainder, "passthrough"), width: remainder.length });
    const width = parts.reduce((n, p) => n + p.width, 0);
    const out = new Float32Array(table.rows * width);
    let offset = 0;
    for (const { data, width: w } of parts) {
      for (let i = 0; i < table.rows; i++) out.set(data.subarray(i * w, (i + 1) * w), i * width + offset);
      offset += w;
    }
    return out;
  }

  /** A versioned plain object for fromJSON. */
  toJSON(): ColumnTransformerJSON {
    const { entries, names, nFeaturesIn } = this.fitted();
    return {
      format: "wasmax/ColumnTransformer",
      version: 1,
      remainder: this.remainder,
      featureNamesIn: names && [...names],
      nFeaturesIn,
      transformers: entries.map(({ name, step, columns }) => ({
        name,
        step: typeof step === "string" ? step : step.toJSON(),
        columns: [...columns],
      })),
    };
  }

  /** The ColumnTransformer saved by toJSON, every field checked. */
  static fromJSON(json: unknown): ColumnTransformer {
    const where = "ColumnTransformer.fromJSON";
    const j = json as Partial<ColumnTransformerJSON> | null;
    if (typeof j !== "object" || j === null || j.format !== ColumnTransformer.format)
      throw new TypeError(`${where}: not a wasmax/ColumnTransformer object`);
    checkVersion(where, j.version, 1);
    const n = j.nFeaturesIn;
    if (!Number.isInteger(n) || (n as number) < 1) throw new TypeError(`${where}: nFeaturesIn must be an integer >= 1`);
    const names = j.featureNamesIn ?? null;
    if (names !== null && !(Array.isArray(names) && names.length === n && names.every((s) => typeof s === "string")))
      throw new TypeError(`${where}: featureNamesIn must be null or ${String(n)} column names`);
    if (!Array.isArray(j.transformers) || j.transformers.length === 0)
      throw new TypeError(`${where}: transformers must be a non-empty array`);
    const entries = j.transformers.map((t, e) => {
      if (typeof t !== "object" || t === null || typeof t.name !== "string")
        throw new TypeError(`${where}: transformers[${e}] must be { name, step, columns }`);
      if (
        !Array.isArray(t.columns) ||
        t.columns.length === 0 ||
        !t.columns.every((c) => Number.isInteger(c) && c >= 0 && c < (n as number))
      )
        throw new RangeError(`${where}: transformers[${e}].columns must be indices in [0, ${String(n)})`);
      const step = t.step === "passthrough" || t.step === "drop" ? t.step : loadStep(`${where}: transformers[${e}].step`, t.step);
      const width =
        step instanceof OneHotEncoder ? step.categories!.length : step instanceof StandardScaler ? step.mean!.length : t.columns.length;
      if (width !== t.columns.length)
        throw new RangeError(`${where}: transformers[${e}] takes ${width} columns but lists ${t.columns.length}`);
      return [t.name, step, [...t.columns]] as const;
    });
    const ct = new ColumnTransformer(entries, { remainder: oneOf(`${where}: remainder`, j.remainder, ["drop", "passthrough"] as const) });
    const taken = new Set(entries.flatMap((e) => e[2]));
    if (taken.size !== entries.reduce((s, e) => s + e[2].length, 0)) throw new RangeError(`${where}: a column is in two entries`);
    ct.state = {
      entries: entries.map(([name, step, columns]) => ({ name, step, columns: [...columns] })),
      remainder: Array.from({ length: n as number }, (_, c) => c).filter((c) => !taken.has(c)),
      names: names && [...names],
      nFeaturesIn: n as number,
    };
    return ct;
  }

  private fitted(): Fitted {
    if (!this.state) throw new NotFittedError("this ColumnTransformer is not fitted yet: call fit(X) first");
    return this.state;
  }
}

/** Auto mode's entries: text columns one-hot encoded, number columns scaled or passed through. */
function autoEntries(table: Table, auto: Required<AutoColumnsOptions>): ColumnEntry[] {
  const text: number[] = [];
  const numbers: number[] = [];
  table.columns.forEach((column, c) => (column.some((v) => typeof v === "string") ? text : numbers).push(c));
  const entries: ColumnEntry[] = [];
  if (text.length) entries.push(["onehot", new OneHotEncoder({ handleUnknown: auto.handleUnknown }), text]);
  if (numbers.length) entries.push([auto.scale ? "scale" : "passthrough", auto.scale ? new StandardScaler() : "passthrough", numbers]);
  return entries;
}

/** The columns `at` of a table, as a table. */
function subTable(table: Table, at: readonly number[]): Table {
  return { rows: table.rows, names: table.names && at.map((c) => table.names![c]!), columns: at.map((c) => table.columns[c]!) };
}

/** A fitted copy of an entry's step (the step itself is untouched until every entry has fit). */
function fitStep(name: string, step: ColumnStep, table: Table, columns: number[]): ColumnStep {
  if (step instanceof OneHotEncoder) return new OneHotEncoder(step.options).fitTable(subTable(table, columns));
  if (step instanceof StandardScaler)
    return new StandardScaler().fit(numericMatrix(`X (${name})`, table, columns, "StandardScaler"), columns.length);
  return step;
}

/** Moves a fitted copy's fields onto the given step. */
function adopt(target: ColumnStep, fitted: ColumnStep): void {
  if (typeof target !== "string") Object.assign(target, fitted);
}

/** A OneHotEncoder or StandardScaler from its saved form. */
function loadStep(where: string, json: unknown): OneHotEncoder | StandardScaler {
  const format = (json as { format?: unknown } | null)?.format;
  try {
    if (format === OneHotEncoder.format) return OneHotEncoder.fromJSON(json);
    if (format === "wasmax/StandardScaler") return StandardScaler.fromJSON(json);
  } catch (error) {
    (error as Error).message = `${where}: ${(error as Error).message}`;
    throw error;
  }
  throw new TypeError(
    `${where}: expected a saved OneHotEncoder or StandardScaler, "passthrough" or "drop", got format ${describeValue(format)}`,
  );
}
