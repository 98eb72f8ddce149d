// The score of early stopping: mean cross-entropy and accuracy of a classifier's forward pass on
// held-out rows (the same forward pass predict uses); for label sets, the mean binary
// cross-entropy per row and the subset accuracy.

import type { Runtime } from "../runtime/runtime.js";
import type { ForwardChunk } from "../objectives/linear.js";

/** `forward(visit)` streams the held-out rows' logits (rows × classes) through `visit`, in order. */
export function validationScore(
  rt: Runtime,
  forward: (visit: (chunk: ForwardChunk) => void) => void,
  labels: Int32Array,
  classes: number,
): { loss: number; accuracy: number } {
  const N = labels.length;
  let loss = 0;
  let hits = 0;
  forward(({ logits, aux, aux2, rows, from }) => {
    rt.heap.i32.set(labels.subarray(from, from + rows), aux >>> 2);
    rt.exports.argmax(logits, aux2, rows, classes);
    loss += rt.exports.softmaxCrossEntropy(logits, aux, rows, classes, 0, 0, 0, 1, 0, 0);
    const i32 = rt.heap.i32;
    for (let i = 0; i < rows; i++) if (i32[(aux2 >>> 2) + i] === labels[from + i]) hits++;
  });
  return { loss: loss / N, accuracy: hits / N };
}

/** Label sets: `forward` as above; targets rows × labels 0/1; a label is on where σ(logit) ≥ threshold. */
export function multiLabelScore(
  rt: Runtime,
  forward: (visit: (chunk: ForwardChunk) => void) => void,
  targets: Float32Array,
  labels: number,
  threshold: number,
): { loss: number; accuracy: number } {
  const N = targets.length / labels;
  const logits = new Float32Array(targets.length);
  forward(({ logits: z, rows, from }) => logits.set(rt.heap.f32.subarray(z >>> 2, (z >>> 2) + rows * labels), from * labels));
  let loss = 0;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i]!;
    loss += Math.max(x, 0) - x * targets[i]! + Math.log1p(Math.exp(-Math.abs(x)));
  }
  const proba = logits.map((x) => 1 / (1 + Math.exp(-x)));
  return { loss: loss / N, accuracy: subsetHits(proba, targets, labels, threshold) / N };
}

/** Rows whose every label is right: probability ≥ threshold exactly where the target is 1. */
export function subsetHits(proba: ArrayLike<number>, truth: ArrayLike<number>, labels: number, threshold: number): number {
  let hits = 0;
  for (let i = 0; i < truth.length / labels; i++) {
    let same = true;
    for (let k = 0; k < labels && same; k++) same = (proba[i * labels + k]! >= threshold ? 1 : 0) === truth[i * labels + k];
    if (same) hits++;
  }
  return hits;
}
