// Output heads: what turns the last layer's logits into a loss, a held-out score and predictions.
// Each head owns all three, so a loss lives in one place:
//   softmax  cross-entropy against one class index per row (assembly/cross_entropy.ts); predictions
//            are softmax probabilities (log-softmax for log-probabilities), held-out accuracy is the
//            argmax's. With `sampled`, training uses a sampled softmax output layer instead
//            (sampled_output.ts) while scores and predictions stay the full softmax.
//   sigmoid  independent binary cross-entropies against 0/1 rows, one column per label
//            (assembly/sigmoid.ts); predictions are σ(x) per label (log σ(x) = −softplus(−x)), a label
//            is on where σ(x) ≥ threshold, held-out accuracy is the subset accuracy.
// While training, a head keeps what it needs in wasm memory (class weights, positive weights) and
// describes its kernel as a HeadPass (passes.ts) that any thread can run.

import type { Runtime } from "../runtime/runtime.js";
import type { KernelExports } from "../runtime/abi.js";
import { SIGMOID_HEAD, SOFTMAX_HEAD, type HeadPass } from "./passes.js";
import type { SampledOptions } from "./sampled_output.js";
import type { ForwardChunk } from "./objective.js";

/** A head's training side: its kernel as a HeadPass, or a sampled output layer, and its wasm memory. */
export interface OutputHead {
  readonly pass: HeadPass;
  /** Sampled softmax: the output layer's own loss replaces `pass` while training. */
  readonly sampled: SampledOptions | null;
  dispose(): void;
}

/** Held-out rows: class indices (softmax), or rows × labels 0/1 targets (sigmoid). */
export interface HeldOut {
  labels: Int32Array;
  targets?: Float32Array;
}

/** Streams held-out rows' logits (rows × outputs, in wasm memory) through `visit`, in order. */
export type Forward = (visit: (chunk: ForwardChunk) => void) => void;

export interface Head {
  readonly kind: "softmax" | "sigmoid";
  /** sigmoid: a label is on where its probability is at least this. */
  readonly threshold?: number;
  /** softmax: the class weights its loss applies (the solver's total weight counts them too). */
  readonly classWeights?: Float32Array | null;
  /** Builds the training side (the caller disposes it). */
  train(rt: Runtime): OutputHead;
  /** Mean loss per row and accuracy on held-out rows (early stopping, fitStream's report). */
  score(rt: Runtime, forward: Forward, heldOut: HeldOut, outputs: number): { loss: number; accuracy: number };
  /** rows × K logits at byte offset `logits` → probabilities, in place. */
  probabilities(E: KernelExports, logits: number, rows: number, K: number): void;
  /** rows × K logits → log-probabilities, in place: finite where probabilities underflow. */
  logProbabilities(rt: Runtime, logits: number, rows: number, K: number): void;
}

export interface SoftmaxHeadOptions {
  /** One weight per class, or null for all ones. */
  classWeights: Float32Array | null;
  /** ε of label smoothing: the target is (1 − ε)·onehot + ε/K. */
  labelSmoothing: number;
  /** Train with a sampled softmax output layer. */
  sampled?: SampledOptions | undefined;
}

export function softmaxHead(options: SoftmaxHeadOptions): Head {
  return {
    kind: "softmax",
    classWeights: options.classWeights,
    train: (rt) =>
      ownedTable(rt, options.classWeights, options.sampled ?? null, (table) => ({
        kind: SOFTMAX_HEAD,
        table,
        smoothing: options.labelSmoothing,
      })),
    score(rt, forward, heldOut, K) {
      const { labels } = heldOut;
      let loss = 0;
      let hits = 0;
      forward(({ logits, aux, aux2, rows, from }) => {
        rt.heap.i32.set(labels.subarray(from, from + rows), aux >>> 2);
        rt.exports.argmax(logits, aux2, rows, K);
        loss += rt.exports.softmaxCrossEntropy(logits, aux, rows, K, 0, 0, 0, 1, 0, 0);
        const i32 = rt.heap.i32;
        for (let i = 0; i < rows; i++) if (i32[(aux2 >>> 2) + i] === labels[from + i]) hits++;
      });
      return { loss: loss / labels.length, accuracy: hits / labels.length };
    },
    probabilities: (E, logits, rows, K) => E.softmax(logits, logits, rows, K),
    logProbabilities: (rt, logits, rows, K) => rt.exports.logSoftmax(logits, logits, rows, K),
  };
}

export interface SigmoidHeadOptions {
  /** One weight per label for its positive targets (PyTorch's pos_weight), or null for all ones. */
  posWeight: Float32Array | null;
  /** A label is on where its probability is at least this. */
  threshold: number;
}

export function sigmoidHead(options: SigmoidHeadOptions): Head {
  return {
    kind: "sigmoid",
    threshold: options.threshold,
    train: (rt) => ownedTable(rt, options.posWeight, null, (table) => ({ kind: SIGMOID_HEAD, table, smoothing: 0 })),
    score(rt, forward, heldOut, K) {
      const targets = heldOut.targets!;
      const N = targets.length / K;
      const block = rt.heap.alloc(Math.max(4, targets.length * 4));
      let loss = 0;
      let hits = 0;
      try {
        rt.heap.f32.set(targets, block >>> 2);
        forward(({ logits, rows, from }) => {
          const at = block + from * K * 4;
          loss += rt.exports.sigmoidCrossEntropy(logits, at, rows, K, 0, 0, 0, 0, 0);
          rt.exports.sigmoid(logits, logits, rows * K);
          hits += subsetHits(
            rt.heap.f32.subarray(logits >>> 2, (logits >>> 2) + rows * K),
            targets.subarray(from * K),
            K,
            options.threshold,
          );
        });
      } finally {
        rt.heap.release(block);
      }
      return { loss: loss / N, accuracy: hits / N };
    },
    probabilities: (E, logits, rows, K) => E.sigmoid(logits, logits, rows * K),
    logProbabilities(rt, logits, rows, K) {
      const f32 = rt.heap.f32;
      for (let i = logits >>> 2, end = i + rows * K; i < end; i++) {
        const x = f32[i]!;
        f32[i] = -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
      }
    },
  };
}

/** Rows whose every label is right: probability ≥ threshold exactly where the target is 1 (rows of `proba` only). */
export function subsetHits(proba: ArrayLike<number>, truth: ArrayLike<number>, labels: number, threshold: number): number {
  let hits = 0;
  for (let i = 0; i < proba.length / labels; i++) {
    let same = true;
    for (let k = 0; k < labels && same; k++) same = (proba[i * labels + k]! >= threshold ? 1 : 0) === truth[i * labels + k];
    if (same) hits++;
  }
  return hits;
}

/** A training side whose per-class table (if any) is copied into wasm memory and freed at dispose. */
function ownedTable(
  rt: Runtime,
  values: Float32Array | null,
  sampled: SampledOptions | null,
  describe: (table: number) => HeadPass,
): OutputHead {
  const { heap } = rt;
  const table = values ? heap.alloc(values.length * 4) : 0;
  if (values) heap.f32.set(values, table >>> 2);
  let live = true;
  return {
    pass: describe(table),
    sampled,
    dispose() {
      if (live && table) heap.release(table);
      live = false;
    },
  };
}
