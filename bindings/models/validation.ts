// The score of early stopping: mean cross-entropy and accuracy of a classifier's forward pass on
// held-out rows (the same forward pass predict uses).

import type { Runtime } from "../runtime/runtime.js";
import type { ForwardChunk } from "../objectives/linear.js";

/** `forward(visit)` streams the held-out rows' logits (rows × classes) through `visit`, in order. */
export function validationScore(
  rt: Runtime, forward: (visit: (chunk: ForwardChunk) => void) => void, labels: Int32Array, classes: number,
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
