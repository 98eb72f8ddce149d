// Class labels: numbers or strings in, indices 0..K−1 in class order out (scikit-learn's classes_:
// sorted unique values, numbers ascending, strings by code point).

import { NotFittedError } from "../core/errors.js";
import { describeValue } from "../core/checks.js";

export type Label = number | string;
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
        `${name}[${i}] = ${JSON.stringify(values[i])} is not one of the known classes [${classes.map((c) => JSON.stringify(c)).join(", ")}]`,
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

  fit(y: LabelsInput): this {
    this.classes = uniqueLabels("y", y);
    return this;
  }

  transform(y: LabelsInput): Int32Array {
    return encodeLabels("y", y, this.fitted());
  }

  fitTransform(y: LabelsInput): Int32Array {
    return this.fit(y).transform(y);
  }

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

  toJSON(): { format: string; version: number; classes: Label[] } {
    return { format: "wasmax/LabelEncoder", version: 1, classes: [...this.fitted()] };
  }

  static fromJSON(json: unknown): LabelEncoder {
    const j = json as { format?: unknown; classes?: unknown };
    if (typeof j !== "object" || j === null || j.format !== "wasmax/LabelEncoder") {
      throw new TypeError("LabelEncoder.fromJSON: not a wasmax/LabelEncoder object");
    }
    const encoder = new LabelEncoder();
    encoder.classes = uniqueLabels("classes", j.classes as Label[]);
    return encoder;
  }
}
