// Classification metrics over label arrays (numbers or strings) and probability matrices.

import { encodeLabels, uniqueLabels, type Label, type LabelsInput } from "./labels.js";

function sameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: yTrue has ${a.length} labels but yPred has ${b.length}`);
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
  return labels ? [...labels] : uniqueLabels("labels", [...Array.from(yTrue as ArrayLike<Label>), ...Array.from(yPred as ArrayLike<Label>)]);
}

/** Counts: rows are true classes, columns predicted classes, both in `labels` order. */
export function confusionMatrix(yTrue: LabelsInput, yPred: LabelsInput, labels?: readonly Label[]): { labels: Label[]; matrix: number[][] } {
  sameLength(yTrue, yPred, "confusionMatrix");
  const classes = labelSet(yTrue, yPred, labels);
  const t = encodeLabels("yTrue", yTrue, classes);
  const p = encodeLabels("yPred", yPred, classes);
  const matrix = classes.map(() => new Array<number>(classes.length).fill(0));
  for (let i = 0; i < t.length; i++) matrix[t[i]!]![p[i]!]!++;
  return { labels: classes, matrix };
}

/**
 * Mean negative log-likelihood of the true classes under `proba` (rows × classes, columns in
 * `classes` order). Probabilities are clipped to [1e-15, 1] like scikit-learn's log_loss.
 */
export function logLoss(yTrue: LabelsInput, proba: Float32Array | Float64Array | readonly (readonly number[])[], classes: readonly Label[]): number {
  const K = classes.length;
  const t = encodeLabels("yTrue", yTrue, classes);
  const flat = Array.isArray(proba) ? (proba as number[][]).flat() : (proba as Float32Array);
  if (flat.length !== t.length * K) throw new RangeError(`logLoss: proba has ${flat.length} values, expected ${t.length} rows × ${K} classes`);
  let s = 0;
  for (let i = 0; i < t.length; i++) s -= Math.log(Math.min(1, Math.max(1e-15, flat[i * K + t[i]!]!)));
  return s / t.length;
}

/** Fraction of rows whose true class is among the k highest scores (ties broken by lower index). */
export function topKAccuracy(yTrue: LabelsInput, scores: Float32Array | Float64Array | readonly (readonly number[])[], classes: readonly Label[], k: number): number {
  const K = classes.length;
  if (!Number.isInteger(k) || k < 1 || k > K) throw new RangeError(`k must be an integer in [1, ${K}], got ${k}`);
  const t = encodeLabels("yTrue", yTrue, classes);
  const flat = Array.isArray(scores) ? (scores as number[][]).flat() : (scores as Float32Array);
  if (flat.length !== t.length * K) throw new RangeError(`topKAccuracy: scores has ${flat.length} values, expected ${t.length} rows × ${K} classes`);
  let hits = 0;
  for (let i = 0; i < t.length; i++) {
    const mine = flat[i * K + t[i]!]!;
    let above = 0;
    for (let j = 0; j < K; j++) {
      const v = flat[i * K + j]!;
      if (v > mine || (v === mine && j < t[i]!)) above++;
    }
    if (above < k) hits++;
  }
  return t.length ? hits / t.length : NaN;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  labels: Label[];
  perClass: ClassScores[];
  accuracy: number;
  macro: ClassScores;
  weighted: ClassScores;
  /** The report as a fixed-width text table, like scikit-learn's. */
  text: string;
}

/** Precision, recall, F1 and support per class, with macro and support-weighted averages. */
export function classificationReport(yTrue: LabelsInput, yPred: LabelsInput, labels?: readonly Label[], digits = 4): ClassificationReport {
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
  const line = (name: string, s: ClassScores) => `${name.padStart(width)} ${num(s.precision)} ${num(s.recall)} ${num(s.f1)} ${String(s.support).padStart(9)}`;
  const text = [
    `${"".padStart(width)} ${"precision".padStart(digits + 5)} ${"recall".padStart(digits + 5)} ${"f1-score".padStart(digits + 5)} ${"support".padStart(9)}`,
    "",
    ...names.map((n, k) => line(n, perClass[k]!)),
    "",
    `${"accuracy".padStart(width)} ${"".padStart(digits + 5)} ${"".padStart(digits + 5)} ${num(acc)} ${String(total).padStart(9)}`,
    line("macro avg", macro),
    line("weighted avg", weighted),
  ].join("\n");
  return { labels: classes, perClass, accuracy: acc, macro, weighted, text };
}
