// Classification metrics over label arrays (numbers or strings) and probability matrices.

import { checkLabels, encodeLabels, uniqueLabels, type Label, type LabelsInput } from "./labels.js";

/** Both label arrays checked (arrays of numbers or strings) and of one length. */
function sameLength(a: unknown, b: unknown, what: string): void {
  checkLabels(`${what}: yTrue`, a);
  checkLabels(`${what}: yPred`, b);
  const n = (a as ArrayLike<unknown>).length;
  const m = (b as ArrayLike<unknown>).length;
  if (n !== m) throw new RangeError(`${what}: yTrue has ${n} labels but yPred has ${m}`);
}

/** Per-class scores or probabilities, rows × classes: a row-major typed array or an array of rows. */
export type Scores = Float32Array | Float64Array | readonly (readonly number[])[];

/**
 * Scores or probabilities as a flat row-major array of rows × K, after checking the shape (typed:
 * rows·K values; arrays: `rows` rows of K numbers, none ragged).
 */
function scoreRows(what: string, name: string, value: unknown, rows: number, K: number): ArrayLike<number> {
  if (value instanceof Float32Array || value instanceof Float64Array) {
    if (value.length !== rows * K)
      throw new RangeError(`${what}: ${name} has ${value.length} values, expected ${rows} rows × ${K} classes`);
    return value;
  }
  if (!Array.isArray(value))
    throw new TypeError(
      `${what}: ${name} must be a Float32Array, a Float64Array or an array of rows, got ${value === null ? "null" : typeof value}`,
    );
  if (value.length !== rows) throw new RangeError(`${what}: ${name} has ${value.length} rows, expected ${rows}`);
  const flat = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) || row.length !== K)
      throw new RangeError(`${what}: ${name}[${i}] must be an array of ${K} numbers (one per class)`);
    for (let k = 0; k < K; k++) {
      if (typeof row[k] !== "number")
        throw new TypeError(`${what}: ${name}[${i}][${k}] must be a number, got ${JSON.stringify(row[k]) ?? String(row[k])}`);
      flat[i * K + k] = row[k] as number;
    }
  }
  return flat;
}

/** A list of distinct labels; `name` says which argument it is. */
function classList(name: string, classes: unknown): Label[] {
  if (!Array.isArray(classes))
    throw new TypeError(
      `${name} (the column labels, e.g. model.classes) must be an array, got ${classes === null ? "null" : typeof classes}`,
    );
  checkLabels(name, classes);
  if (new Set(classes).size !== classes.length) throw new RangeError(`${name} has duplicates`);
  return classes as Label[];
}

/** Fraction of predictions equal to the truth. */
export function accuracy(yTrue: LabelsInput, yPred: LabelsInput): number {
  sameLength(yTrue, yPred, "accuracy");
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return yTrue.length ? hits / yTrue.length : NaN;
}

/** The labels both arrays use, sorted, unless `labels` fixes them. */
function labelSet(yTrue: LabelsInput, yPred: LabelsInput, labels?: readonly Label[]): Label[] {
  return labels !== undefined
    ? [...classList("labels", labels)]
    : uniqueLabels("labels", [...Array.from(yTrue as ArrayLike<Label>), ...Array.from(yPred as ArrayLike<Label>)]);
}

/** Counts: rows are true classes, columns predicted classes, both in `labels` order. */
export function confusionMatrix(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  labels?: readonly Label[],
): {
  /** The classes, in the order of the matrix's rows and columns. */
  labels: Label[];
  /** matrix[t][p]: rows whose true class is labels[t] and predicted class labels[p]. */
  matrix: number[][];
  /**
   * The matrix as a text table: a row per true class, a column per predicted class, counts
   * right-aligned under the class names (names cut to 16 characters).
   */
  text: string;
} {
  sameLength(yTrue, yPred, "confusionMatrix");
  const classes = labelSet(yTrue, yPred, labels);
  const t = encodeLabels("yTrue", yTrue, classes);
  const p = encodeLabels("yPred", yPred, classes);
  const matrix = classes.map(() => new Array<number>(classes.length).fill(0));
  for (let i = 0; i < t.length; i++) matrix[t[i]!]![p[i]!]!++;
  return { labels: classes, matrix, text: confusionText(classes, matrix) };
}

/** The confusion matrix's text table (see confusionMatrix's `text`). */
function confusionText(labels: readonly Label[], matrix: readonly (readonly number[])[]): string {
  const corner = "true \\ predicted";
  const names = labels.map((label) => {
    const name = String(label);
    return name.length > 16 ? `${name.slice(0, 15)}…` : name;
  });
  const first = Math.max(corner.length, ...names.map((n) => n.length));
  const widths = names.map((name, p) => Math.max(name.length, ...matrix.map((row) => String(row[p]).length)));
  const line = (head: string, cells: string[]) => [head.padEnd(first), ...cells.map((c, p) => c.padStart(widths[p]!))].join("  ");
  return [line(corner, names), ...matrix.map((row, t) => line(names[t]!, row.map(String)))].join("\n");
}

/**
 * Mean negative log-likelihood of the true classes under `proba` (rows × classes, columns in
 * `classes` order). Probabilities are clipped to [1e-15, 1] like scikit-learn's log_loss.
 */
export function logLoss(yTrue: LabelsInput, proba: Scores, classes: readonly Label[]): number {
  const K = classList("logLoss: classes", classes).length;
  const t = encodeLabels("yTrue", yTrue, classes);
  const p = scoreRows("logLoss", "proba", proba, t.length, K);
  let s = 0;
  for (let i = 0; i < t.length; i++) {
    const q = p[i * K + t[i]!]!;
    if (Number.isNaN(q)) throw new RangeError(`logLoss: proba[${i}][${t[i]}] is NaN`);
    s -= Math.log(Math.min(1, Math.max(1e-15, q)));
  }
  return s / t.length;
}

/**
 * Fraction of rows whose true class is among the k highest scores. Ties go to the lower index and
 * NaN ranks highest (argmax's rule), so a row whose own score is NaN never counts as a hit.
 */
export function topKAccuracy(yTrue: LabelsInput, scores: Scores, classes: readonly Label[], k: number): number {
  const K = classList("topKAccuracy: classes", classes).length;
  if (!Number.isInteger(k) || k < 1 || k > K) throw new RangeError(`k must be an integer in [1, ${K}], got ${k}`);
  const t = encodeLabels("yTrue", yTrue, classes);
  const flat = scoreRows("topKAccuracy", "scores", scores, t.length, K);
  let hits = 0;
  for (let i = 0; i < t.length; i++) {
    const mine = flat[i * K + t[i]!]!;
    if (Number.isNaN(mine)) continue;
    let above = 0;
    for (let j = 0; j < K; j++) {
      const v = flat[i * K + j]!;
      if (v > mine || Number.isNaN(v) || (v === mine && j < t[i]!)) above++;
    }
    if (above < k) hits++;
  }
  return t.length ? hits / t.length : NaN;
}

/** Precision, recall, F1 and support of one class (or an average of them). */
export interface ClassScores {
  /** Of the rows predicted as the class, the fraction that are (0 when none are predicted). */
  precision: number;
  /** Of the rows of the class, the fraction predicted as it (0 when it has none). */
  recall: number;
  /** The harmonic mean of precision and recall. */
  f1: number;
  /** Rows whose true class it is. */
  support: number;
}

/** What {@link classificationReport} returns. */
export interface ClassificationReport {
  /** The classes, in the order of perClass. */
  labels: Label[];
  /** The scores of each class. */
  perClass: ClassScores[];
  /** Fraction of rows predicted right. */
  accuracy: number;
  /** The unweighted mean over classes (support: the total). */
  macro: ClassScores;
  /** The mean weighted by each class's support. */
  weighted: ClassScores;
  /** The report as a fixed-width text table, like scikit-learn's. */
  text: string;
}

/** Precision, recall, F1 and support per class, with macro and support-weighted averages. */
export function classificationReport(yTrue: LabelsInput, yPred: LabelsInput, labels?: readonly Label[], digits = 4): ClassificationReport {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10)
    throw new RangeError(`digits must be an integer in [0, 10], got ${String(digits)}`);
  const { labels: classes, matrix } = confusionMatrix(yTrue, yPred, labels);
  const total = yTrue.length;
  const perClass = classes.map((_, k) => {
    const tp = matrix[k]![k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[k]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
  const average = (weight: (s: ClassScores) => number): ClassScores => {
    const w = perClass.reduce((a, s) => a + weight(s), 0) || 1;
    const mean = (key: "precision" | "recall" | "f1") => perClass.reduce((a, s) => a + weight(s) * s[key], 0) / w;
    return { precision: mean("precision"), recall: mean("recall"), f1: mean("f1"), support: total };
  };
  const macro = average(() => 1);
  const weighted = average((s) => s.support);
  const acc = accuracy(yTrue, yPred);
  const names = classes.map(String);
  const width = Math.max(12, ...names.map((n) => n.length));
  const num = (v: number) => v.toFixed(digits).padStart(digits + 5);
  const line = (name: string, s: ClassScores) =>
    `${name.padStart(width)} ${num(s.precision)} ${num(s.recall)} ${num(s.f1)} ${String(s.support).padStart(9)}`;
  const text = [
    `${"".padStart(width)} ${"precision".padStart(digits + 5)} ${"recall".padStart(digits + 5)} ` +
      `${"f1-score".padStart(digits + 5)} ${"support".padStart(9)}`,
    "",
    ...names.map((n, k) => line(n, perClass[k]!)),
    "",
    `${"accuracy".padStart(width)} ${"".padStart(digits + 5)} ${"".padStart(digits + 5)} ${num(acc)} ${String(total).padStart(9)}`,
    line("macro avg", macro),
    line("weighted avg", weighted),
  ].join("\n");
  return { labels: classes, perClass, accuracy: acc, macro, weighted, text };
}
