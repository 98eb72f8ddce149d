// The linear model's objective: logits = X·Wᵀ + b, then an output head's loss.
// Parameters [W | b] in one block: W class-major K × D (like PyTorch's Linear.weight), then b (K).
// W is penalized, b is not; without an intercept b is held at 0 and not trained.
//
// forwardLinear is the one forward pass over user data: predict*, score and validation all use it.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import { copyRows, type Matrix } from "../core/input.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";
import { after, regionBytes } from "../runtime/layout.js";
import type { Batch, Objective, ParamGroup } from "./objective.js";
import type { OutputHead } from "./heads.js";
import { runPass, type LinearPass } from "./passes.js";

export interface LinearShape {
  features: number;
  classes: number;
  fitIntercept: boolean;
}

export class LinearObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  /** The gradient pass, as a worker thread runs it too. */
  readonly pass: LinearPass;
  private readonly blocks: Blocks;

  /**
   * `sharedParams`: the byte offset of another objective's parameter block to compute with (a
   * thread's shard of the same model), which this one neither initialises nor frees.
   */
  constructor(
    private readonly rt: Runtime,
    shape: LinearShape,
    private readonly head: OutputHead,
    batchRows: number,
    sharedParams?: number,
  ) {
    this.blocks = new Blocks(rt.heap);
    const { features: D, classes: K } = shape;
    this.paramCount = K * D + K;
    const weights: ParamGroup = { start: 0, end: K * D, penalized: true };
    this.groups = shape.fitIntercept ? [weights, { start: K * D, end: K * D + K, penalized: false }] : [weights];
    try {
      this.params = sharedParams ?? this.blocks.alloc(this.paramCount * 4);
      this.grads = this.blocks.alloc(this.paramCount * 4);
      const logits = this.blocks.alloc(batchRows * K * 4);
      this.pass = {
        kind: "linear",
        features: D,
        classes: K,
        fitIntercept: shape.fitIntercept,
        params: this.params,
        grads: this.grads,
        logits,
        head: head.pass,
      };
    } catch (error) {
      this.dispose();
      throw error;
    }
    if (sharedParams === undefined) rt.heap.f32.fill(0, this.params >>> 2, (this.params >>> 2) + this.paramCount);
  }

  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number {
    return runPass(this.rt.exports, this.pass, batch, gradScale, accumulate);
  }

  /** Hands the parameter block to the caller, who must release it; frees everything else. */
  takeParams(): number {
    this.blocks.handOver(this.params);
    this.dispose();
    return this.params;
  }

  dispose(): void {
    this.blocks.freeAll();
    this.head.dispose();
  }
}

/** One chunk of a forward pass, in scratch memory (byte offsets). */
export interface ForwardChunk {
  /** Logits, rows × classes. */
  readonly logits: number;
  /** Two spare i32 per row, for the visitor's labels and predictions. */
  readonly aux: number;
  readonly aux2: number;
  readonly rows: number;
  /** Index of the chunk's first row in X. */
  readonly from: number;
}

/**
 * Streams the rows of X (already checked: m.cols = features) through X·Wᵀ + b with the parameters
 * at byte offset `params`, chunk by chunk; `visit` reads or transforms each chunk's logits before
 * the next chunk overwrites them. Chunks are sized by configure({ chunkBytes }).
 */
export function forwardLinear(rt: Runtime, params: number, m: Matrix, shape: LinearShape, visit: (chunk: ForwardChunk) => void): void {
  const { features: D, classes: K, fitIntercept } = shape;
  ready();
  const chunk = rowsPerChunk((D + K + 2) * 4);
  const most = Math.min(chunk, m.rows);
  try {
    const x = acquire(rt, regionBytes(most * D * 4) + regionBytes(most * K * 4) + 2 * regionBytes(most * 4));
    const logits = after(x, most * D * 4);
    const aux = after(logits, most * K * 4);
    const aux2 = after(aux, most * 4);
    for (let from = 0; from < m.rows; from += chunk) {
      const n = Math.min(chunk, m.rows - from);
      copyRows(m, from, from + n, rt.heap.f32, x >>> 2);
      rt.exports.linear(x, params, fitIntercept ? params + K * D * 4 : 0, logits, n, D, K);
      visit({ logits, aux, aux2, rows: n, from });
    }
  } finally {
    settle(rt);
  }
}
