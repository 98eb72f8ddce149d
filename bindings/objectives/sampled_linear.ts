// The linear model's sampled softmax objective: the sampled output layer (sampled_output.ts) over
// the input rows. Parameters are laid out as LinearObjective's ([W | b], W class-major K × D), so a
// model trained this way predicts with the full softmax unchanged. Its gradients are sparse
// (touched()), so it serves the stochastic solver only.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import type { Batch, Objective, ParamGroup, SparseRun } from "./objective.js";
import type { LinearShape } from "./linear.js";
import { SampledOutput, type SampledOptions } from "./sampled_output.js";

export type { SampledOptions } from "./sampled_output.js";

export class SampledLinearObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  private readonly blocks: Blocks;
  private readonly output: SampledOutput;

  constructor(rt: Runtime, shape: LinearShape, o: SampledOptions, batchRows: number) {
    this.blocks = new Blocks(rt.heap);
    const { features: D, classes: K } = shape;
    this.paramCount = K * D + K;
    const weights: ParamGroup = { start: 0, end: K * D, penalized: true };
    this.groups = shape.fitIntercept ? [weights, { start: K * D, end: K * D + K, penalized: false }] : [weights];
    try {
      this.params = this.blocks.alloc(this.paramCount * 4);
      this.grads = this.blocks.alloc(4); // no dense gradient: touched() points at the sparse ones
      this.output = new SampledOutput(
        rt,
        this.blocks,
        o,
        { inputs: D, classes: K, weightAt: 0, biasAt: shape.fitIntercept ? K * D : -1 },
        batchRows,
      );
    } catch (error) {
      this.dispose();
      throw error;
    }
    rt.heap.f32.fill(0, this.params >>> 2, (this.params >>> 2) + this.paramCount);
  }

  lossGrad(batch: Batch, gradScale: number): number {
    return this.output.lossGrad(this.params, batch.x, batch.targets, batch.weights, batch.rows, gradScale, 0);
  }

  touched(): readonly SparseRun[] {
    return this.output.runs();
  }

  takeParams(): number {
    this.blocks.handOver(this.params);
    this.dispose();
    return this.params;
  }

  dispose(): void {
    this.blocks.freeAll();
  }
}
