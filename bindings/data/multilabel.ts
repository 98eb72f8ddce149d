// Multi-label targets: each row has a set of labels ("red" and "shirt"), given either as label
// sets (arrays of labels, any length per row) or as a 0/1 indicator matrix (one column per label).
// The rule, as scikit-learn's: a rectangular matrix whose every value is 0 or 1 is an indicator
// matrix; anything else made of arrays is label sets. MultiLabelBinarizer converts between them.

import { NotFittedError } from "../core/errors.js";
import { describeValue } from "../core/checks.js";
import { uniqueLabels, type Label } from "./labels.js";

/** One array of labels per row, of any length (an empty array: no label). */
export type LabelSets = readonly (readonly Label[])[];
/** One row of 0/1 values per row, one column per label. */
export type IndicatorMatrix = readonly (readonly number[])[];

/** Targets read from label sets or an indicator matrix: rows × labels 0/1 values, and their form. */
export interface MultiLabelTargets {
  /** Column order: the sorted labels of label sets, or 0 … K−1 for an indicator matrix. */
  classes: Label[];
  form: "sets" | "indicator";
  indicator: Float32Array;
  rows: number;
}

const HINT = "give each row's labels as an array (label sets) or a 0/1 indicator matrix with one column per label";

/** True when y is a rectangular matrix of 0s and 1s (with at least one column). */
export function isIndicatorMatrix(y: readonly unknown[]): boolean {
  if (y.length === 0 || !Array.isArray(y[0]) || y[0].length === 0) return false;
  const width = (y[0] as unknown[]).length;
  return y.every((row) => Array.isArray(row) && row.length === width && row.every((v) => v === 0 || v === 1));
}

/**
 * The form of multi-label targets declared with every label up front (partialFit's and fitStream's
 * `classes`): indicator rows when y is an indicator matrix (fit's rule) with one column per label
 * and the labels are 0 … K−1; label sets otherwise. `labels` sorted, as uniqueLabels gives them.
 */
export function declaredForm(y: unknown, labels: readonly Label[]): "sets" | "indicator" {
  const indicator =
    Array.isArray(y) && isIndicatorMatrix(y) && (y[0] as unknown[]).length === labels.length && labels.every((c, k) => c === k);
  return indicator ? "indicator" : "sets";
}

/**
 * Reads y as multi-label targets. With `classes` (a fitted model's), label sets are encoded in that
 * order (an unknown label is a RangeError) and an indicator matrix must have that many columns.
 */
export function readMultiLabel(
  name: string,
  y: unknown,
  fitted?: { classes: readonly Label[]; form: "sets" | "indicator" },
): MultiLabelTargets {
  if (!Array.isArray(y))
    throw new TypeError(`${name} must be label sets or a 0/1 indicator matrix (an array of arrays), got ${y === null ? "null" : typeof y}`);
  const firstFlat = y.findIndex((row) => !Array.isArray(row));
  if (firstFlat >= 0) {
    throw new TypeError(
      `${name}[${firstFlat}] is not an array: multi-label targets ${HINT} ` +
        `(one label per row is a single-label problem: use SoftmaxRegression)`,
    );
  }
  const rows = y.length;
  if (rows === 0) {
    const classes = fitted ? [...fitted.classes] : [];
    return { classes, form: fitted?.form ?? "sets", indicator: new Float32Array(0), rows };
  }
  if (isIndicatorMatrix(y) && fitted?.form !== "sets") {
    const K = (y[0] as unknown[]).length;
    if (fitted && K !== fitted.classes.length)
      throw new RangeError(`${name} has ${K} indicator columns, but the model was trained with ${fitted.classes.length} labels`);
    const indicator = new Float32Array(rows * K);
    y.forEach((row: number[], i) => indicator.set(row, i * K));
    return { classes: fitted ? [...fitted.classes] : Array.from({ length: K }, (_, k) => k), form: "indicator", indicator, rows };
  }
  if (fitted?.form === "indicator")
    throw new TypeError(`${name} must be a 0/1 indicator matrix with ${fitted.classes.length} columns, as the model was trained on`);
  if (!fitted) refuseAmbiguous(name, y);
  checkLabelSets(name, y);
  const classes = fitted ? [...fitted.classes] : uniqueLabels(name, y.flat() as Label[]);
  const index = new Map<Label, number>(classes.map((c, k) => [c, k]));
  const K = classes.length;
  const indicator = new Float32Array(rows * K);
  y.forEach((row: Label[], i) => {
    row.forEach((label, j) => {
      const k = index.get(label);
      if (k === undefined)
        throw new RangeError(
          `${name}[${i}][${j}] = ${JSON.stringify(label)} is not one of the ` +
            `known labels [${classes.map((c) => JSON.stringify(c)).join(", ")}]`,
        );
      indicator[i * K + k] = 1;
    });
  });
  return { classes, form: "sets", indicator, rows };
}

/**
 * Every label of every set is a finite number, or every one is a string (the kind of the first
 * label of the first non-empty set, or `kind`); a label of the other kind is named by its own cell,
 * `name[i][j]`. Returns the kind (undefined when every set is empty).
 */
export function checkLabelSets(name: string, y: readonly unknown[], kind?: "number" | "string"): "number" | "string" | undefined {
  for (let i = 0; i < y.length; i++) {
    const row = y[i];
    if (!Array.isArray(row)) throw new TypeError(`${name}[${i}] must be an array of labels, got ${describeValue(row)}`);
    for (let j = 0; j < row.length; j++) {
      const v: unknown = row[j];
      kind ??= typeof v === "string" ? "string" : "number";
      if (kind === "string" ? typeof v !== "string" : typeof v !== "number" || !Number.isFinite(v)) {
        throw new TypeError(
          `${name}[${i}][${j}] is ${describeValue(v)}: labels must all be finite numbers or all be strings ` +
            `(${name}'s first label is a ${kind})`,
        );
      }
    }
  }
  return kind;
}

/**
 * A rectangular matrix of numbers that are not all 0/1 could be label sets of numbers of equal
 * length, or a broken indicator matrix: refused, with the ways to say which.
 */
function refuseAmbiguous(name: string, y: readonly unknown[]): void {
  const width = Array.isArray(y[0]) ? (y[0] as unknown[]).length : -1;
  if (width < 1 || !y.every((row) => Array.isArray(row) && row.length === width && row.every((v) => typeof v === "number"))) return;
  const i = y.findIndex((row) => (row as number[]).some((v) => v !== 0 && v !== 1));
  const j = (y[i] as number[]).findIndex((v) => v !== 0 && v !== 1);
  throw new RangeError(
    `${name}[${i}][${j}] is ${(y[i] as number[])[j]}: a rectangular matrix of ` +
      `numbers reads as a 0/1 indicator matrix, so its values must be 0 or 1. ` +
      "For label sets of numeric labels, give them as strings or build the indicator matrix with MultiLabelBinarizer",
  );
}

/** Rows of 0/1 values (rows × K) back to the form the targets came in. */
export function writeMultiLabel(
  indicator: ArrayLike<number>,
  K: number,
  classes: readonly Label[],
  form: "sets" | "indicator",
): Label[][] | number[][] {
  const rows = indicator.length / Math.max(1, K);
  return Array.from({ length: rows }, (_, i) => {
    const row = Array.from({ length: K }, (_, k) => indicator[i * K + k]!);
    return form === "indicator" ? row : classes.filter((_, k) => row[k] === 1);
  });
}

/** Label sets ⇄ a 0/1 indicator matrix, columns in sorted label order (scikit-learn's). */
export class MultiLabelBinarizer {
  /** Sorted labels seen by fit (empty before fit). */
  classes: Label[] = [];

  /** Learns the sorted labels of the sets; returns the binarizer. */
  fit(y: LabelSets): this {
    this.classes = readMultiLabel("y", y).classes;
    return this;
  }

  /** The indicator matrix of the sets, one column per label of classes (an unknown label is a RangeError). */
  transform(y: LabelSets): number[][] {
    const targets = readMultiLabel("y", y, { classes: this.fitted(), form: "sets" });
    return writeMultiLabel(targets.indicator, this.classes.length, this.classes, "indicator") as number[][];
  }

  /** fit(y), then transform(y). */
  fitTransform(y: LabelSets): number[][] {
    return this.fit(y).transform(y);
  }

  /** The label sets of an indicator matrix. */
  inverseTransform(indicator: IndicatorMatrix): Label[][] {
    const K = this.fitted().length;
    const targets = readMultiLabel("indicator", indicator, { classes: this.classes, form: "indicator" });
    return writeMultiLabel(targets.indicator, K, this.classes, "sets") as Label[][];
  }

  private fitted(): Label[] {
    if (this.classes.length === 0) throw new NotFittedError("this MultiLabelBinarizer is not fitted yet: call fit(y) first");
    return this.classes;
  }
}
