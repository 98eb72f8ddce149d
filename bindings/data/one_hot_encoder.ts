// OneHotEncoder: each column of categories (strings, or numbers used as codes) becomes one 0/1
// column per category, as scikit-learn's OneHotEncoder (1.2) with dense output: categories learnt
// at fit ("auto": the sorted unique values, numbers ascending, strings in code-unit order) or given;
// drop "first" | "if_binary" | null; handleUnknown "error" | "ignore" (an unknown category encodes
// as all zeros, as does a dropped one). Output columns: the columns in order, each its categories in
// order without the dropped one. Fitted fields are replaced at fit, never mutated (so a Pipeline can
// restore them when a later step fails). Pure JS: works before init().

import { NotFittedError } from "../core/errors.js";
import { checkOptions, checkVersion, describeValue, oneOf } from "../core/checks.js";
import { columnName, readTable, type Cell, type Table, type TableInput } from "./table.js";

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderOptions {
  /**
   * "auto": each column's categories are the sorted unique values seen at fit. Or one list per
   * column, in the order of the output columns (numbers ascending, as scikit-learn requires).
   * @default "auto"
   */
  categories?: "auto" | readonly (readonly Cell[])[];
  /**
   * Drop one category per column ("first"), or only from columns with two categories ("if_binary"),
   * so that the columns are not collinear; null keeps them all.
   * @default null
   */
  drop?: "first" | "if_binary" | null;
  /** A category not seen at fit: a RangeError ("error"), or all zeros for that column ("ignore"). @default "error" */
  handleUnknown?: "error" | "ignore";
}

/** The saved form of a fitted {@link OneHotEncoder}. */
export interface OneHotEncoderJSON {
  /** "wasmax/OneHotEncoder". */
  format: "wasmax/OneHotEncoder";
  /** The format's version. */
  version: 1;
  /** The options as given. */
  options: {
    /** "auto", or the lists given. */
    categories: "auto" | Cell[][];
    /** The drop rule. */
    drop: "first" | "if_binary" | null;
    /** What an unknown category does. */
    handleUnknown: "error" | "ignore";
  };
  /** Each column's categories, in output order. */
  categories: Cell[][];
  /** The columns' names when fit on rows of objects, else null. */
  featureNamesIn: string[] | null;
}

const OPTION_NAMES = ["categories", "drop", "handleUnknown"];

/**
 * Encodes columns of categories as one-hot columns.
 * @example
 * ```ts
 * const encoder = new OneHotEncoder({ handleUnknown: "ignore" }).fit([{ city: "Oslo" }, { city: "Paris" }]);
 * encoder.transform([{ city: "Paris" }, { city: "Rome" }]); // Float32Array [0, 1, 0, 0]
 * encoder.featureNamesOut(); // ["city_Oslo", "city_Paris"]
 * ```
 */
export class OneHotEncoder {
  /** The format tag of its JSON. */
  static readonly format = "wasmax/OneHotEncoder";
  /** The options as given. */
  readonly options: Required<OneHotEncoderOptions>;
  /** Each column's categories, in output order (null before fit). */
  categories: Cell[][] | null = null;
  /** Each column's dropped category index, or null where none is dropped (null before fit). */
  dropIndex: (number | null)[] | null = null;
  /** The columns' names when fit on rows of objects (or given names), else null. */
  featureNamesIn: string[] | null = null;

  constructor(options: OneHotEncoderOptions = {}) {
    const o = checkOptions("OneHotEncoder options", options, OPTION_NAMES);
    const categories = o.categories ?? "auto";
    if (categories !== "auto") checkCategoryLists(categories);
    this.options = {
      categories: categories === "auto" ? "auto" : categories.map((c) => [...c]),
      drop: o.drop === null || o.drop === undefined ? null : oneOf("drop", o.drop, ["first", "if_binary"] as const),
      handleUnknown: oneOf("handleUnknown", o.handleUnknown ?? "error", ["error", "ignore"] as const),
    };
  }

  /** Learns each column's categories; returns the encoder. `features` is required for a typed-array X. */
  fit(X: TableInput, features?: number): this {
    return this.fitTable(readTable("X", X, { features }));
  }

  /** The one-hot columns of X, rows × nOutputs. */
  transform(X: TableInput, features?: number): Float32Array {
    const { categories } = this.fitted();
    return this.transformTable(readTable("X", X, { names: this.featureNamesIn, features: features ?? categories.length }));
  }

  /** fit(X), then transform(X). */
  fitTransform(X: TableInput, features?: number): Float32Array {
    return this.fit(X, features).transform(X, features);
  }

  /** The number of output columns. */
  get nOutputs(): number {
    const { categories, dropIndex } = this.fitted();
    return categories.reduce((n, c, j) => n + c.length - (dropIndex[j] === null ? 0 : 1), 0);
  }

  /** The output columns' names, "<column>_<category>" (the column's name, or x0, x1… without names). */
  featureNamesOut(): string[] {
    const { categories, dropIndex } = this.fitted();
    return categories.flatMap((c, j) => {
      const feature = this.featureNamesIn?.[j] ?? `x${j}`;
      return c.filter((_, k) => k !== dropIndex[j]).map((value) => `${feature}_${String(value)}`);
    });
  }

  /** @internal Learns from a table (Pipeline and ColumnTransformer pass theirs). */
  fitTable(table: Table): this {
    const given = this.options.categories;
    if (given !== "auto" && given.length !== table.columns.length)
      throw new RangeError(`OneHotEncoder: categories has ${given.length} lists but X has ${table.columns.length} columns`);
    if (table.rows === 0) throw new RangeError("OneHotEncoder.fit needs at least one row");
    const categories = table.columns.map((column, j) => {
      const kind = columnKind(table, j);
      if (given === "auto") return sortedUnique(column, kind);
      const list = given[j]!;
      if (list.length > 0 && typeof list[0] !== kind && this.options.handleUnknown === "error")
        throw new TypeError(`OneHotEncoder: column ${columnName(table, j)} holds ${kind}s but its categories are ${typeof list[0]}s`);
      if (this.options.handleUnknown === "error") {
        const known = new Set<Cell>(list);
        const unknown = [...new Set(column)].filter((v) => !known.has(v));
        if (unknown.length > 0)
          throw new RangeError(
            `OneHotEncoder: column ${columnName(table, j)} holds categories not in options.categories: ` +
              `${unknown.slice(0, 5).map(describeValue).join(", ")}${unknown.length > 5 ? "…" : ""} (or set handleUnknown: "ignore")`,
          );
      }
      return [...list];
    });
    this.categories = categories;
    this.dropIndex = dropIndices(categories, this.options.drop);
    this.featureNamesIn = table.names ? [...table.names] : null;
    return this;
  }

  /** @internal The one-hot rows of a table whose columns are those fit on. */
  transformTable(table: Table): Float32Array {
    const { categories, dropIndex } = this.fitted();
    if (table.columns.length !== categories.length)
      throw new RangeError(`X has ${table.columns.length} columns, the encoder was fit on ${categories.length}`);
    const width = this.nOutputs;
    const out = new Float32Array(table.rows * width);
    let offset = 0;
    categories.forEach((list, j) => {
      const drop = dropIndex[j] ?? null;
      const slot = new Map<Cell, number>();
      list.forEach((value, k) => {
        if (k !== drop) slot.set(value, offset + (drop !== null && k > drop ? k - 1 : k));
        else slot.set(value, -1);
      });
      const column = table.columns[j]!;
      for (let i = 0; i < table.rows; i++) {
        const at = slot.get(column[i]!);
        if (at === undefined) {
          if (this.options.handleUnknown === "ignore") continue;
          throw new RangeError(
            `OneHotEncoder: X[${i}], column ${columnName(table, j)}: ${describeValue(column[i])} is not a category seen at fit ` +
              `(${list.slice(0, 10).map(describeValue).join(", ")}${list.length > 10 ? "…" : ""}); ` +
              `set handleUnknown: "ignore" to encode it as zeros`,
          );
        }
        if (at >= 0) out[i * width + at] = 1;
      }
      offset += list.length - (drop === null ? 0 : 1);
    });
    return out;
  }

  /** A versioned plain object for fromJSON. */
  toJSON(): OneHotEncoderJSON {
    const { categories } = this.fitted();
    const { categories: given, drop, handleUnknown } = this.options;
    return {
      format: "wasmax/OneHotEncoder",
      version: 1,
      options: { categories: given === "auto" ? "auto" : given.map((c) => [...c]), drop, handleUnknown },
      categories: categories.map((c) => [...c]),
      featureNamesIn: this.featureNamesIn && [...this.featureNamesIn],
    };
  }

  /** The encoder saved by toJSON, every field checked. */
  static fromJSON(json: unknown): OneHotEncoder {
    const j = json as Partial<OneHotEncoderJSON> | null;
    if (typeof j !== "object" || j === null || j.format !== OneHotEncoder.format)
      throw new TypeError("OneHotEncoder.fromJSON: not a wasmax/OneHotEncoder object");
    checkVersion("OneHotEncoder.fromJSON", j.version, 1);
    const options = j.options;
    if (typeof options !== "object" || options === null) throw new TypeError("OneHotEncoder.fromJSON: options must be an object");
    let encoder: OneHotEncoder;
    try {
      encoder = new OneHotEncoder(options);
      checkCategoryLists(j.categories);
    } catch (error) {
      (error as Error).message = `OneHotEncoder.fromJSON: ${(error as Error).message}`;
      throw error;
    }
    const categories = j.categories as Cell[][];
    if (categories.some((c) => c.length === 0)) throw new RangeError("OneHotEncoder.fromJSON: every column needs a category");
    const names = j.featureNamesIn ?? null;
    if (names !== null && !(Array.isArray(names) && names.length === categories.length && names.every((n) => typeof n === "string")))
      throw new TypeError(`OneHotEncoder.fromJSON: featureNamesIn must be null or ${categories.length} column names`);
    encoder.categories = categories.map((c) => [...c]);
    encoder.dropIndex = dropIndices(encoder.categories, encoder.options.drop);
    encoder.featureNamesIn = names && [...names];
    return encoder;
  }

  private fitted(): { categories: Cell[][]; dropIndex: (number | null)[] } {
    if (!this.categories || !this.dropIndex) throw new NotFittedError("this OneHotEncoder is not fitted yet: call fit(X) first");
    return { categories: this.categories, dropIndex: this.dropIndex };
  }
}

/** "string" or "number": every value of a column is of one kind (scikit-learn refuses a mix), numbers finite. */
function columnKind(table: Table, j: number): "string" | "number" {
  const column = table.columns[j]!;
  const kind = typeof column[0] === "string" ? "string" : "number";
  for (let i = 0; i < table.rows; i++) {
    const v = column[i]!;
    if (typeof v !== kind)
      throw new TypeError(
        `OneHotEncoder: column ${columnName(table, j)} mixes numbers and strings (row 0 is ${describeValue(column[0])}, ` +
          `row ${i} is ${describeValue(v)}); make them all strings`,
      );
    if (kind === "number" && !Number.isFinite(v)) throw new RangeError(`OneHotEncoder: column ${columnName(table, j)}, row ${i} is ${v}`);
  }
  return kind;
}

function sortedUnique(column: readonly Cell[], kind: "string" | "number"): Cell[] {
  const values = [...new Set(column)];
  return kind === "number" ? (values as number[]).sort((a, b) => a - b) : (values as string[]).sort();
}

function dropIndices(categories: readonly (readonly Cell[])[], drop: "first" | "if_binary" | null): (number | null)[] {
  return categories.map((c) => (drop === "first" || (drop === "if_binary" && c.length === 2) ? 0 : null));
}

/** Given categories: one non-empty list per column of distinct numbers (ascending) or distinct strings. */
function checkCategoryLists(lists: unknown): asserts lists is Cell[][] {
  if (!Array.isArray(lists) || lists.length === 0)
    throw new TypeError(`categories must be "auto" or one array of categories per column, got ${describeValue(lists)}`);
  lists.forEach((list: unknown, j) => {
    if (!Array.isArray(list) || list.length === 0) throw new TypeError(`categories[${j}] must be a non-empty array of categories`);
    const kind = typeof list[0];
    if (!list.every((v) => (kind === "string" && typeof v === "string") || (kind === "number" && Number.isFinite(v))))
      throw new TypeError(`categories[${j}] must hold only strings or only finite numbers`);
    if (new Set(list).size !== list.length) throw new RangeError(`categories[${j}] has duplicates`);
    if (kind === "number" && list.some((v, k) => k > 0 && (v as number) < (list[k - 1] as number)))
      throw new RangeError(`categories[${j}]: numeric categories must be in ascending order (as scikit-learn requires)`);
  });
}
