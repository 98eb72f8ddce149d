// Output heads: the loss that turns a linear layer's logits into an objective. A head owns what it
// keeps in wasm memory (class weights) and overwrites the logits with the gradient it computes.

import type { Runtime } from "../runtime/runtime.js";
import type { Batch } from "./objective.js";

export interface OutputHead {
  /**
   * Σ of the weighted losses of `batch.rows` rows of logits (rows × K at byte offset `logits`)
   * against the batch's targets; overwrites the logits with gradScale · ∂(that sum)/∂logits.
   */
  lossGrad(logits: number, batch: Batch, K: number, gradScale: number): number;
  dispose(): void;
}

export interface SoftmaxHeadOptions {
  /** One weight per class, or null for all ones. */
  classWeights: Float32Array | null;
  /** ε of label smoothing: the target is (1 − ε)·onehot + ε/K. */
  labelSmoothing: number;
}

/** Softmax + cross-entropy against class-index targets (the fused kernel of assembly/cross_entropy.ts). */
export function softmaxHead(rt: Runtime, options: SoftmaxHeadOptions): OutputHead {
  const { heap, exports: E } = rt;
  const classWeights = options.classWeights ? heap.alloc(options.classWeights.length * 4) : 0;
  if (options.classWeights) heap.f32.set(options.classWeights, classWeights >>> 2);
  let live = true;
  return {
    lossGrad: (logits, batch, K, gradScale) =>
      E.softmaxCrossEntropy(logits, batch.targets, batch.rows, K, classWeights, batch.weights, options.labelSmoothing, gradScale, 0, logits),
    dispose() {
      if (live && classWeights) heap.release(classWeights);
      live = false;
    },
  };
}

export interface SigmoidHeadOptions {
  /** One weight per label for its positive targets (PyTorch's pos_weight), or null for all ones. */
  posWeight: Float32Array | null;
}

/**
 * Independent sigmoids + binary cross-entropy against 0/1 target rows (one column per label;
 * assembly/sigmoid.ts). The batch's targets are rows × K f32.
 */
export function sigmoidHead(rt: Runtime, options: SigmoidHeadOptions): OutputHead {
  const { heap, exports: E } = rt;
  const posWeight = options.posWeight ? heap.alloc(options.posWeight.length * 4) : 0;
  if (options.posWeight) heap.f32.set(options.posWeight, posWeight >>> 2);
  let live = true;
  return {
    lossGrad: (logits, batch, K, gradScale) =>
      E.sigmoidCrossEntropy(logits, batch.targets, batch.rows, K, posWeight, batch.weights, gradScale, 0, logits),
    dispose() {
      if (live && posWeight) heap.release(posWeight);
      live = false;
    },
  };
}
