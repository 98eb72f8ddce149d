// What the command line prints about a model's predictions: the classification report (or the
// multi-label report for label sets) with the confusion matrix as a text table, and fastText's
// N / P@k / R@k over each row's k most probable labels.

import { classificationReport, confusionMatrix, multiLabelReport, type Label } from "../api.js";

/** A target cell: one label, or (multi-label models) a label set. */
export type Target = Label | string[];

/**
 * The report on predictions against the truth: for single labels the classification report and
 * the confusion matrix table; for label sets the multi-label report.
 */
export function report(labelSets: boolean, truth: readonly Target[], predicted: readonly Target[], classes: readonly Label[]): string {
  if (labelSets) return multiLabelReport(truth, predicted).text;
  const [t, p] = [truth as Label[], predicted as Label[]];
  return `${classificationReport(t, p).text}\n\nconfusion matrix\n${confusionMatrix(t, p, classes).text}`;
}

/**
 * N, P@k and R@k as fastText's `test` prints them: precision is the share of the N·k best labels
 * that are true, recall the share of the true labels found among them (for one label per row, R@k
 * is the top-k accuracy). `top` holds each row's k best labels (fewer when there are fewer classes).
 */
export function precisionRecallAtK(truth: readonly Target[], top: readonly (readonly Label[])[], k: number): string {
  let hits = 0;
  let relevant = 0;
  let shown = 0;
  truth.forEach((cell, i) => {
    const set = new Set((Array.isArray(cell) ? cell : [cell]).map(String));
    hits += top[i]!.filter((label) => set.has(String(label))).length;
    shown += top[i]!.length;
    relevant += set.size;
  });
  const precision = shown ? hits / shown : 0;
  const recall = relevant ? hits / relevant : 0;
  return `N\t${truth.length}\nP@${k}\t${precision.toFixed(3)}\nR@${k}\t${recall.toFixed(3)}`;
}
