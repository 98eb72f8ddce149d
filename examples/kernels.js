// Numerics and contracts (docs/numerics.md): a short tour of the stateless kernels — probabilities,
// log-probabilities, the fused loss and gradient, and predictions — on a tiny batch of 10-class logits,
// one of which is −1000 (its log-probability stays finite).
//
//   node examples/kernels.js

import { init, backend, softmax, logSoftmax, softmaxCrossEntropy, argmax } from "wasmax";

await init();
const logits = [
  [2.0, 1.0, 0.1, -1.2, 0.0, 0.3, 0.9, -0.5, 1.7, 0.2],
  [-1000, 0, 3, 3, -2, 0.5, 1, 1, -4, 2],
];
const labels = [0, 2];
const p = softmax(logits);
const logp = logSoftmax(logits);
const { loss, grad } = softmaxCrossEntropy(logits, labels);
const fmt = (a) => Array.from(a, (v) => v.toFixed(4)).join(" ");
console.log(`wasmax on the ${backend()} build`);
console.log(`softmax row 0:     ${fmt(p.subarray(0, 10))}`);
console.log(`log-softmax row 1: ${fmt(logp.subarray(10, 20))}`);
console.log(`mean cross-entropy: ${loss.toFixed(6)}; grad row 0: ${fmt(grad.subarray(0, 10))}`);
console.log(`predicted classes: ${Array.from(argmax(logits)).join(", ")} (labels ${labels.join(", ")})`);
