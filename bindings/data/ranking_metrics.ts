// Ranking scores for label sets, from per-label scores (probabilities or logits, rows × labels), as
// scikit-learn defines them:
//   averagePrecision              Σ_n (R_n − R_{n−1})·P_n over the distinct score thresholds,
//                                 averaged 'micro' | 'macro' | 'weighted' | 'samples' (0 where a
//                                 label or row has no positive)
//   labelRankingAveragePrecision  per row, the mean over its true labels of (true labels scored at
//                                 least as high) / (labels scored at least as high); 1 for a row with
//                                 no true label or only true labels
//   coverageError                 per row, how far down the ranking one must go to cover every true
//                                 label (ties count against); 0 for a row with no true label
//   labelRankingLoss              per row, the fraction of (true, false) label pairs that are ordered
//                                 wrongly, ties included; 0 for a row with no true or no false label
// yTrue is label sets (then `classes` gives the score columns' labels, e.g. model.classes) or a 0/1
// indicator matrix (columns as the scores').

import { checkOptions, describeValue, oneOf } from "../core/checks.js";
import { readMultiLabel } from "./multilabel.js";
import { checkLabels, type Label } from "./labels.js";

interface Ranked {
  truth: Float32Array;
  scores: Float64Array;
  rows: number;
  K: number;
}

function ranked(what: string, yTrue: unknown, scores: unknown, classes?: readonly Label[]): Ranked {
  if (!Array.isArray(yTrue)) throw new TypeError(`${what}: yTrue must be label sets or a 0/1 indicator matrix`);
  if (classes !== undefined) {
    if (!Array.isArray(classes)) throw new TypeError(`${what}: classes must be an array of labels, got ${describeValue(classes)}`);
    checkLabels(`${what}: classes`, classes);
    if (new Set(classes).size !== classes.length) throw new RangeError(`${what}: classes has duplicates`);
  }
  const sets =
    yTrue.length > 0 && Array.isArray(yTrue[0]) && !yTrue.every((row) => Array.isArray(row) && row.every((v) => v === 0 || v === 1));
  if (sets && classes === undefined)
    throw new TypeError(`${what}: with label sets, pass classes (the score columns' labels, e.g. model.classes)`);
  const t =
    classes !== undefined
      ? readMultiLabel(`${what}: yTrue`, yTrue, { classes, form: sets ? "sets" : "indicator" })
      : readMultiLabel(`${what}: yTrue`, yTrue);
  const K = t.classes.length;
  const rows = t.rows;
  const flat = new Float64Array(rows * K);
  if (scores instanceof Float32Array || scores instanceof Float64Array) {
    if (scores.length !== rows * K)
      throw new RangeError(`${what}: scores has ${scores.length} values, expected ${rows} rows × ${K} labels`);
    flat.set(scores);
  } else if (Array.isArray(scores)) {
    if (scores.length !== rows) throw new RangeError(`${what}: scores has ${scores.length} rows, expected ${rows}`);
    scores.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== K) throw new RangeError(`${what}: scores[${i}] must be an array of ${K} numbers`);
      row.forEach((v: unknown, k) => {
        if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${what}: scores[${i}][${k}] must be a number, got ${String(v)}`);
        flat[i * K + k] = v;
      });
    });
  } else {
    throw new TypeError(`${what}: scores must be a Float32Array, a Float64Array or an array of rows`);
  }
  for (let i = 0; i < flat.length; i++)
    if (Number.isNaN(flat[i]!)) throw new RangeError(`${what}: scores[${Math.floor(i / K)}][${i % K}] is NaN`);
  return { truth: t.indicator, scores: flat, rows, K };
}

/** AP of one ranking: truth and scores of the same items. */
function precisionAtRecalls(truth: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = truth.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += truth[i]!;
  if (positives === 0) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let tp = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  for (let i = 0; i < n;) {
    const s = scores[order[i]!]!;
    for (; i < n && scores[order[i]!] === s; i++) {
      tp += truth[order[i]!]!;
      seen++;
    }
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
  }
  return ap;
}

/** Options of {@link averagePrecision}. */
export interface AveragePrecisionOptions {
  /** How the per-label (or, for 'samples', per-row) scores are combined. @default "macro" */
  average?: "micro" | "macro" | "weighted" | "samples";
  /** The score columns' labels (e.g. model.classes), required when yTrue is label sets. @default undefined */
  classes?: readonly Label[];
}

/**
 * Average precision of per-label scores (rows × labels) against the true label sets or indicator
 * matrix: Σ_n (R_n − R_{n−1})·P_n over the distinct thresholds, averaged 'macro' by default
 * (0 where a label or row has no positive). `classes` names the score columns for label sets.
 */
export function averagePrecision(yTrue: readonly unknown[], scores: unknown, options?: AveragePrecisionOptions): number {
  const o = checkOptions("averagePrecision options", options, ["average", "classes"]);
  const average = oneOf("averagePrecision: average", o.average === undefined ? "macro" : o.average, [
    "micro",
    "macro",
    "weighted",
    "samples",
  ] as const);
  const r = ranked("averagePrecision", yTrue, scores, o.classes);
  const column = (k: number, of: Float32Array | Float64Array) => Array.from({ length: r.rows }, (_, i) => of[i * r.K + k]!);
  switch (average) {
    case "micro":
      return precisionAtRecalls(r.truth, r.scores);
    case "samples": {
      let sum = 0;
      for (let i = 0; i < r.rows; i++)
        sum += precisionAtRecalls(r.truth.subarray(i * r.K, (i + 1) * r.K), r.scores.subarray(i * r.K, (i + 1) * r.K));
      return r.rows ? sum / r.rows : NaN;
    }
    case "macro":
    case "weighted": {
      let sum = 0;
      let weights = 0;
      for (let k = 0; k < r.K; k++) {
        const t = column(k, r.truth);
        const w = average === "macro" ? 1 : t.reduce((a, b) => a + b, 0);
        sum += w * precisionAtRecalls(t, column(k, r.scores));
        weights += w;
      }
      return weights ? sum / weights : 0;
    }
  }
}

/**
 * Per row, the mean over its true labels of (true labels scored at least as high) / (labels scored
 * at least as high), averaged over rows; 1 for a row with no true label or only true labels.
 */
export function labelRankingAveragePrecision(yTrue: readonly unknown[], scores: unknown, classes?: readonly Label[]): number {
  const { truth, scores: s, rows, K } = ranked("labelRankingAveragePrecision", yTrue, scores, classes);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const at = i * K;
    let relevant = 0;
    for (let k = 0; k < K; k++) relevant += truth[at + k]!;
    if (relevant === 0 || relevant === K) {
      total += 1;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < K; j++) {
      if (truth[at + j] !== 1) continue;
      let rank = 0;
      let trueAbove = 0;
      for (let k = 0; k < K; k++) {
        if (s[at + k]! >= s[at + j]!) {
          rank++;
          trueAbove += truth[at + k]!;
        }
      }
      sum += trueAbove / rank;
    }
    total += sum / relevant;
  }
  return rows ? total / rows : NaN;
}

/**
 * Per row, how far down the ranking one must go to cover every true label (ties count against),
 * averaged over rows; 0 for a row with no true label.
 */
export function coverageError(yTrue: readonly unknown[], scores: unknown, classes?: readonly Label[]): number {
  const { truth, scores: s, rows, K } = ranked("coverageError", yTrue, scores, classes);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const at = i * K;
    let lowest = Infinity;
    for (let k = 0; k < K; k++) if (truth[at + k] === 1) lowest = Math.min(lowest, s[at + k]!);
    if (lowest === Infinity) continue;
    for (let k = 0; k < K; k++) if (s[at + k]! >= lowest) total++;
  }
  return rows ? total / rows : NaN;
}

/**
 * Per row, the fraction of (true, false) label pairs ordered wrongly, ties included, averaged over
 * rows; 0 for a row with no true or no false label.
 */
export function labelRankingLoss(yTrue: readonly unknown[], scores: unknown, classes?: readonly Label[]): number {
  const { truth, scores: s, rows, K } = ranked("labelRankingLoss", yTrue, scores, classes);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const at = i * K;
    let positives = 0;
    for (let k = 0; k < K; k++) positives += truth[at + k]!;
    if (positives === 0 || positives === K) continue;
    let wrong = 0;
    for (let p = 0; p < K; p++) {
      if (truth[at + p] !== 1) continue;
      for (let n = 0; n < K; n++) if (truth[at + n] !== 1 && s[at + n]! >= s[at + p]!) wrong++;
    }
    total += wrong / (positives * (K - positives));
  }
  return rows ? total / rows : NaN;
}
