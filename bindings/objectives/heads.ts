// Output heads: the loss that turns a linear layer's logits into an objective. A head owns what it
// keeps in wasm memory (class weights) and describes itself as a HeadPass (passes.ts), which
// headLossGrad runs: it overwrites the logits with the gradient it computes.

import type { Runtime } from "../runtime/runtime.js";
import { SIGMOID_HEAD, SOFTMAX_HEAD, type HeadPass } from "./passes.js";

export interface OutputHead {
  readonly pass: HeadPass;
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
  return ownedTable(rt, options.classWeights, (table) => ({ kind: SOFTMAX_HEAD, table, smoothing: options.labelSmoothing }));
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
  return ownedTable(rt, options.posWeight, (table) => ({ kind: SIGMOID_HEAD, table, smoothing: 0 }));
}

/** A head whose per-class table (if any) is copied into wasm memory and freed at dispose. */
function ownedTable(rt: Runtime, values: Float32Array | null, describe: (table: number) => HeadPass): OutputHead {
  const { heap } = rt;
  const table = values ? heap.alloc(values.length * 4) : 0;
  if (values) heap.f32.set(values, table >>> 2);
  let live = true;
  return {
    pass: describe(table),
    dispose() {
      if (live && table) heap.release(table);
      live = false;
    },
  };
}
