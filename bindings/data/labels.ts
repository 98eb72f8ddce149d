// Class labels: numbers or strings in, indices 0..K−1 in class order out (scikit-learn's classes_:
// sorted unique values, numbers ascending, strings by code point).

import { NotFittedError } from "../core/errors.js";
import { checkVersion, describeValue } from "../core/checks.js";

/** A class label: a finite number or a string (one kind per data set). */
export type Label = number | string;

/**
 * The label type a fit gives: `fit<Y extends {} = L>(X, y: readonly FitLabel<Y, L>[]): Model<FitLabel<Y, L>>`.
 * Y is declared `extends {}`, not `extends Label`, so TypeScript infers literal labels widened to
 * string or number (as it types a `let`): fit(X, ["cat", "dog"]) is a Model<string>, whose score
 * and partialFit take any string[]. A caller who names Y (fit<"cat" | "dog">(…)) keeps the
 * literals. The intersection with the model's label type L admits only labels of L.
 */
export type FitLabel<Y, L extends Label = Label> = Y & L;

/** One label per row: an array of labels, or integer labels in a typed array. */
export type LabelsInput = readonly Label[] | Int32Array | Uint32Array | Float64Array;

/** Sorted unique labels of y; all numbers (finite) or all strings. */
export function uniqueLabels(name: string, y: LabelsInput): Label[] {
  const kind = checkLabels(name, y);
  const set = new Set<Label>(y as ArrayLike<Label> as Label[]);
  const values = [...set];
  return kind === "number" ? (values as number[]).sort((a, b) => a - b) : (values as string[]).sort();
}

/** The kind of the labels, after checking each is a finite number or each is a string (the kind of y[0]). */
export function checkLabels(name: string, y: unknown): "number" | "string" {
  const values = labelArray(name, y);
  const kind = values.length > 0 && typeof values[0] === "string" ? "string" : "number";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (kind === "string" ? typeof v !== "string" : typeof v !== "number" || !Number.isFinite(v)) {
      throw new TypeError(
        `${name}[${i}] is ${describeValue(v)}: labels must all be finite numbers or all be strings (${name}[0] is a ${kind})`,
      );
    }
  }
  return kind;
}

/** y as an array-like, after checking it is an array or a typed array of labels. */
function labelArray(name: string, y: unknown): ArrayLike<unknown> {
  if (!(Array.isArray(y) || y instanceof Int32Array || y instanceof Uint32Array || y instanceof Float64Array)) {
    throw new TypeError(`${name} must be an array of numbers or strings, or an Int32Array, got ${y === null ? "null" : typeof y}`);
  }
  return y as ArrayLike<unknown>;
}

/**
 * Index of each label of y in `classes`. Each label is checked against the classes themselves, so
 * the error names its own cell: an unknown label (of either kind) is a RangeError, a value that is
 * no label (NaN, null, an object) a TypeError.
 */
export function encodeLabels(name: string, y: LabelsInput, classes: readonly Label[]): Int32Array {
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const values = labelArray(name, y) as ArrayLike<Label>;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = index.get(values[i]!);
    if (k === undefined) {
      const v: unknown = values[i];
      if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v)))
        throw new TypeError(`${name}[${i}] is ${describeValue(v)}: labels must be finite numbers or strings`);
      throw new RangeError(
        `${name}[${i}] = ${JSON.stringify(values[i])} is not one of the ` +
          `known classes [${classes.map((c) => JSON.stringify(c)).join(", ")}]`,
      );
    }
    out[i] = k;
  }
  return out;
}

/** The label of each class index (a plain loop: Array.from with a map function costs ~0.3 µs a call). */
export function decodeLabels<L extends Label>(indices: Int32Array, classes: readonly Label[]): L[] {
  const out = new Array<L>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = classes[indices[i]!] as L;
  return out;
}

/** Maps labels to indices 0..K−1 and back, fitted on the labels it has seen. */
export class LabelEncoder {
  /** Sorted unique labels seen by fit (empty before fit). */
  classes: Label[] = [];

  private fitted(): Label[] {
    if (this.classes.length === 0) throw new NotFittedError("this LabelEncoder is not fitted yet: call fit(y) first");
    return this.classes;
  }

  /** Learns the sorted unique labels of y; returns the encoder. */
  fit(y: LabelsInput): this {
    this.classes = uniqueLabels("y", y);
    return this;
  }

  /** The index of each label in classes; an unknown label is a RangeError naming it and where. */
  transform(y: LabelsInput): Int32Array {
    return encodeLabels("y", y, this.fitted());
  }

  /** fit(y), then transform(y). */
  fitTransform(y: LabelsInput): Int32Array {
    return this.fit(y).transform(y);
  }

  /** The label of each index in [0, classes.length). */
  inverseTransform(indices: ArrayLike<number>): Label[] {
    const classes = this.fitted();
    if (!(Array.isArray(indices) || indices instanceof Int32Array || indices instanceof Uint32Array || indices instanceof Float64Array)) {
      throw new TypeError(`indices must be an array of integers or an Int32Array, got ${indices === null ? "null" : typeof indices}`);
    }
    return Array.from(indices, (k: unknown, i) => {
      if (typeof k !== "number" || !Number.isInteger(k)) throw new TypeError(`indices[${i}] must be an integer, got ${describeValue(k)}`);
      if (k < 0 || k >= classes.length) throw new RangeError(`indices[${i}] = ${k} is out of range [0, ${classes.length})`);
      return classes[k]!;
    });
  }

  /** A versioned plain object for fromJSON. */
  toJSON(): {
    /** "wasmax/LabelEncoder". */
    format: string;
    /** The format's version. */
    version: number;
    /** The sorted labels. */
    classes: Label[];
  } {
    return { format: "wasmax/LabelEncoder", version: 1, classes: [...this.fitted()] };
  }

  /** The encoder saved by toJSON. */
  static fromJSON(json: unknown): LabelEncoder {
    const j = json as { format?: unknown; version?: unknown; classes?: unknown };
    if (typeof j !== "object" || j === null || j.format !== "wasmax/LabelEncoder") {
      throw new TypeError("LabelEncoder.fromJSON: not a wasmax/LabelEncoder object");
    }
    checkVersion("LabelEncoder.fromJSON", j.version, 1);
    const encoder = new LabelEncoder();
    encoder.classes = uniqueLabels("classes", j.classes as Label[]);
    return encoder;
  }
}
