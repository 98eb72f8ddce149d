// Scores for label sets (and, for precision, recall and F1, for ordinary single-label classes),
// as scikit-learn defines them. A score whose denominator is 0 counts as 0 (scikit-learn's
// zero_division default, without its warning).
//   hammingLoss     fraction of (row, label) entries predicted wrong
//   subsetAccuracy  fraction of rows whose whole label set is right
//   precision / recall / F1 with average:
//     'micro'     from the counts summed over labels;  'macro'  the unweighted mean over labels;
//     'weighted'  the mean weighted by each label's support;  'samples'  the mean over rows (label
//     sets only);  'none'  one score per label, in the returned `labels` order.

import { checkOptions, oneOf } from "../core/checks.js";
import { checkLabelSets, readMultiLabel, isIndicatorMatrix } from "./multilabel.js";
import { checkLabels, uniqueLabels, type Label } from "./labels.js";

/**
 * How per-label scores are averaged: 'micro' from counts summed over labels, 'macro' the
 * unweighted mean over labels, 'weighted' by each label's support, 'samples' the mean over rows
 * (label sets only), 'none' one score per label.
 */
export type Average = "micro" | "macro" | "weighted" | "samples" | "none";
const AVERAGES: readonly Average[] = ["micro", "macro", "weighted", "samples", "none"];

interface Paired {
  truth: Float32Array;
  predicted: Float32Array;
  rows: number;
  /** The labels, in the order of perLabel. */
  labels: Label[];
  multiLabel: boolean;
}

/** Both targets as 0/1 rows over one label order: label sets or indicators, or single labels one-hot. */
function pair(what: string, yTrue: unknown, yPred: unknown): Paired {
  if (!Array.isArray(yTrue) || !Array.isArray(yPred))
    throw new TypeError(`${what}: yTrue and yPred must be arrays of labels or of label sets`);
  if (yTrue.length !== yPred.length) throw new RangeError(`${what}: yTrue has ${yTrue.length} rows but yPred has ${yPred.length}`);
  const nested = (y: unknown[]) => y.length > 0 && Array.isArray(y[0]);
  if (nested(yTrue) !== nested(yPred) && yTrue.length > 0)
    throw new TypeError(`${what}: yTrue and yPred must both be label sets or both single labels`);
  const rows = yTrue.length;
  if (!nested(yTrue)) {
    checkLabels(`${what}: yTrue`, yTrue);
    checkLabels(`${what}: yPred`, yPred);
    const labels = uniqueLabels(`${what}: labels`, [...yTrue, ...yPred] as Label[]);
    const index = new Map<Label, number>(labels.map((c, k) => [c, k]));
    const oneHot = (y: Label[]) => {
      const out = new Float32Array(rows * labels.length);
      y.forEach((label, i) => (out[i * labels.length + index.get(label)!] = 1));
      return out;
    };
    return { truth: oneHot(yTrue as Label[]), predicted: oneHot(yPred as Label[]), rows, labels, multiLabel: false };
  }
  if (isIndicatorMatrix(yTrue) !== isIndicatorMatrix(yPred))
    throw new TypeError(`${what}: yTrue and yPred must both be label sets or both indicator matrices`);
  // Each read under its own name, so an error names the caller's cell (yPred[2][0], not y[7][0]).
  const t = readMultiLabel(`${what}: yTrue`, yTrue);
  const p = readMultiLabel(`${what}: yPred`, yPred);
  if (t.form === "indicator") {
    if (t.classes.length !== p.classes.length)
      throw new RangeError(`${what}: yTrue has ${t.classes.length} indicator columns but yPred has ${p.classes.length}`);
    return { truth: t.indicator, predicted: p.indicator, rows, labels: t.classes, multiLabel: true };
  }
  checkLabelSets(`${what}: yPred`, yPred, checkLabelSets(`${what}: yTrue`, yTrue));
  const both = { classes: uniqueLabels(`${what}: labels`, [...t.classes, ...p.classes]), form: "sets" as const };
  return {
    truth: readMultiLabel(`${what}: yTrue`, yTrue, both).indicator,
    predicted: readMultiLabel(`${what}: yPred`, yPred, both).indicator,
    rows,
    labels: both.classes,
    multiLabel: true,
  };
}

/** Fraction of (row, label) entries predicted wrong; label sets or indicator matrices. */
export function hammingLoss(yTrue: readonly unknown[], yPred: readonly unknown[]): number {
  const p = pair("hammingLoss", yTrue, yPred);
  let wrong = 0;
  for (let i = 0; i < p.truth.length; i++) if (p.truth[i] !== p.predicted[i]) wrong++;
  return p.truth.length ? wrong / p.truth.length : NaN;
}

/** Fraction of rows whose whole label set is right. */
export function subsetAccuracy(yTrue: readonly unknown[], yPred: readonly unknown[]): number {
  const p = pair("subsetAccuracy", yTrue, yPred);
  const K = p.labels.length;
  let right = 0;
  for (let i = 0; i < p.rows; i++) {
    let same = true;
    for (let k = 0; k < K && same; k++) same = p.truth[i * K + k] === p.predicted[i * K + k];
    if (same) right++;
  }
  return p.rows ? right / p.rows : NaN;
}

/** Scores per label, from average 'none'. */
export interface LabelScores {
  /** One score per label, with `labels` in the same order. */
  perLabel: number[];
  /** The labels, in the order of perLabel. */
  labels: Label[];
}

/** Precision, recall and F1 of one label or one average. */
export interface PrecisionRecallF1 {
  /** True positives over predicted positives. */
  precision: number;
  /** True positives over actual positives. */
  recall: number;
  /** Their harmonic mean. */
  f1: number;
}

/** One label's row of the multi-label report. */
export interface LabelReportRow extends PrecisionRecallF1 {
  /** Rows that carry the label. */
  support: number;
}

/** Options of precisionScore, recallScore and f1Score. */
export interface ScoreOptions {
  /** How the per-label scores are combined. @default "macro" */
  average?: Average;
}

/**
 * Precision for label sets (or single labels), averaged as `average` says (default 'macro'); a
 * score whose denominator is 0 counts as 0. Returns LabelScores for average 'none'.
 */
export function precisionScore(yTrue: readonly unknown[], yPred: readonly unknown[], options?: ScoreOptions): number | LabelScores {
  return score("precisionScore", yTrue, yPred, options, (tp, fp) => ratio(tp, tp + fp));
}

/** Recall, averaged as {@link precisionScore} is. */
export function recallScore(yTrue: readonly unknown[], yPred: readonly unknown[], options?: ScoreOptions): number | LabelScores {
  return score("recallScore", yTrue, yPred, options, (tp, _fp, fn) => ratio(tp, tp + fn));
}

/**
 * F1, averaged as {@link precisionScore} is.
 * @example
 * ```ts
 * f1Score([["red", "shirt"], ["hat"]], [["red"], ["hat"]], { average: "samples" }); // (2/3 + 1) / 2
 * ```
 */
export function f1Score(yTrue: readonly unknown[], yPred: readonly unknown[], options?: ScoreOptions): number | LabelScores {
  return score("f1Score", yTrue, yPred, options, (tp, fp, fn) => ratio(2 * tp, 2 * tp + fp + fn));
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function score(
  what: string,
  yTrue: readonly unknown[],
  yPred: readonly unknown[],
  options: ScoreOptions | undefined,
  metric: (tp: number, fp: number, fn: number) => number,
): number | LabelScores {
  const o = checkOptions(`${what} options`, options, ["average"]);
  const average = oneOf(`${what}: average`, o.average === undefined ? "macro" : o.average, AVERAGES);
  const p = pair(what, yTrue, yPred);
  const K = p.labels.length;
  if (average === "samples") {
    if (!p.multiLabel) throw new RangeError(`${what}: average 'samples' applies to label sets only`);
    let sum = 0;
    for (let i = 0; i < p.rows; i++) {
      const [tp, fp, fn] = counts(p, i * K, (i + 1) * K, 1);
      sum += metric(tp, fp, fn);
    }
    return p.rows ? sum / p.rows : NaN;
  }
  const perLabel: number[] = [];
  const support: number[] = [];
  let all = [0, 0, 0];
  for (let k = 0; k < K; k++) {
    const c = counts(p, k, p.rows * K, K);
    perLabel.push(metric(c[0], c[1], c[2]));
    support.push(c[0] + c[2]);
    all = all.map((v, j) => v + c[j]!);
  }
  if (average === "none") return { perLabel, labels: p.labels };
  if (average === "micro") return metric(all[0]!, all[1]!, all[2]!);
  if (average === "macro") return K ? perLabel.reduce((a, b) => a + b, 0) / K : NaN;
  const total = support.reduce((a, b) => a + b, 0);
  return total ? perLabel.reduce((a, s, k) => a + s * support[k]!, 0) / total : 0;
}

/** [true positives, false positives, false negatives] over entries from, from + step, … < to. */
function counts(p: Paired, from: number, to: number, step: number): [number, number, number] {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = from; i < to; i += step) {
    const t = p.truth[i] === 1;
    const q = p.predicted[i] === 1;
    if (t && q) tp++;
    else if (q) fp++;
    else if (t) fn++;
  }
  return [tp, fp, fn];
}

/** What {@link multiLabelReport} returns. */
export interface MultiLabelReport {
  /** Fraction of (row, label) entries predicted wrong. */
  hammingLoss: number;
  /** Fraction of rows whose whole label set is right. */
  subsetAccuracy: number;
  /** The labels, in the order of perLabel. */
  labels: Label[];
  /** Per label, in the order of labels: its scores and its support (rows that carry it). */
  perLabel: LabelReportRow[];
  /** Precision, recall and F1 under each average. */
  averages: Record<"micro" | "macro" | "weighted" | "samples", PrecisionRecallF1>;
  /** Hamming loss and F1 first (multi-label accuracy misleads), then scikit-learn's table. */
  text: string;
}

/** The per-label table of scikit-learn's classification_report for label sets, led by Hamming loss and F1. */
export function multiLabelReport(yTrue: readonly unknown[], yPred: readonly unknown[], digits = 4): MultiLabelReport {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10)
    throw new RangeError(`digits must be an integer in [0, 10], got ${String(digits)}`);
  const p = pair("multiLabelReport", yTrue, yPred);
  if (!p.multiLabel)
    throw new TypeError(
      "multiLabelReport: yTrue and yPred must be label sets or indicator matrices; for one label per row use classificationReport",
    );
  const per = (fn: typeof f1Score) => (fn(yTrue, yPred, { average: "none" }) as LabelScores).perLabel;
  const [precision, recall, f1] = [per(precisionScore), per(recallScore), per(f1Score)];
  const K = p.labels.length;
  const perLabel = p.labels.map((_, k) => {
    let support = 0;
    for (let i = 0; i < p.rows; i++) support += p.truth[i * K + k]!;
    return { precision: precision[k]!, recall: recall[k]!, f1: f1[k]!, support };
  });
  const averages = Object.fromEntries(
    (["micro", "macro", "weighted", "samples"] as const).map((a) => [
      a,
      {
        precision: precisionScore(yTrue, yPred, { average: a }) as number,
        recall: recallScore(yTrue, yPred, { average: a }) as number,
        f1: f1Score(yTrue, yPred, { average: a }) as number,
      },
    ]),
  ) as MultiLabelReport["averages"];
  const loss = hammingLoss(yTrue, yPred);
  const subset = subsetAccuracy(yTrue, yPred);
  const total = perLabel.reduce((a, s) => a + s.support, 0);
  const names = p.labels.map(String);
  const width = Math.max(12, ...names.map((n) => n.length));
  const num = (v: number) => v.toFixed(digits).padStart(digits + 5);
  const line = (name: string, s: { precision: number; recall: number; f1: number }, support: number) =>
    `${name.padStart(width)} ${num(s.precision)} ${num(s.recall)} ${num(s.f1)} ${String(support).padStart(9)}`;
  const text = [
    `hamming loss ${loss.toFixed(digits)}   F1 micro ${averages.micro.f1.toFixed(digits)}, ` +
      `samples ${averages.samples.f1.toFixed(digits)}   subset accuracy ${subset.toFixed(digits)}`,
    "",
    `${"".padStart(width)} ${"precision".padStart(digits + 5)} ${"recall".padStart(digits + 5)} ` +
      `${"f1-score".padStart(digits + 5)} ${"support".padStart(9)}`,
    "",
    ...names.map((n, k) => line(n, perLabel[k]!, perLabel[k]!.support)),
    "",
    ...(["micro", "macro", "weighted", "samples"] as const).map((a) => line(`${a} avg`, averages[a], total)),
  ].join("\n");
  return { hammingLoss: loss, subsetAccuracy: subset, labels: p.labels, perLabel, averages, text };
}
