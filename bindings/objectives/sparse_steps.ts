// Sparse steps for a first layer fed sparse rows (stochastic solvers): a batch's gradient of W₀
// exists only for the features its rows use, so it is kept compact, one row of K per distinct
// feature, and the step rule moves only those rows (runs), never the features × K block. W₀ is
// input-major (features × K: passes.ts), so each touched feature is one contiguous run.
// Per batch: the distinct features are found in JS over the batch's indices (a features-long position
// table, reset after each batch), each non-zero's compact position is written for the gradient
// kernel, and the compact rows are zeroed. Memory: the batch's non-zeros × (K + 1), plus the table.

import type { Runtime } from "../runtime/runtime.js";
import type { Blocks } from "../runtime/blocks.js";
import type { Batch, SparseRun } from "./objective.js";
import type { SparseGrad } from "./passes.js";

export class SparseSteps {
  private readonly cols: number;
  private readonly grad: number;
  private readonly positionOf: Int32Array;
  private readonly features: Int32Array;
  private readonly runList: SparseRun[] = [];
  private count = 0;
  /** Steps taken, and the step each feature's row was last brought up to date at (lazy L2). */
  private steps = 0;
  private readonly updatedAt: Int32Array;

  /** For batches of at most `nnz` non-zeros, W₀ at f32 index `weightAt` (features × K). */
  constructor(
    private readonly rt: Runtime,
    blocks: Blocks,
    featureCount: number,
    private readonly K: number,
    private readonly weightAt: number,
    nnz: number,
  ) {
    this.cols = blocks.alloc(Math.max(1, nnz) * 4);
    this.grad = blocks.alloc(Math.max(1, nnz) * K * 4);
    this.positionOf = new Int32Array(featureCount).fill(-1);
    this.features = new Int32Array(Math.max(1, nnz));
    this.updatedAt = new Int32Array(featureCount);
  }

  /** Before a step's forward pass: the rows it touches take the shrink of the steps they missed. */
  catchUp(params: number, shrink: number): void {
    const f32 = this.rt.heap.f32;
    const step = ++this.steps;
    if (shrink === 1) return;
    for (let j = 0; j < this.count; j++) {
      const d = this.features[j]!;
      this.scale(f32, params, d, shrink ** (step - 1 - this.updatedAt[d]!));
      this.updatedAt[d] = step;
    }
  }

  /** Every row brought up to date with the shrink of the steps it missed. */
  settle(params: number, shrink: number): void {
    if (shrink === 1) return;
    const f32 = this.rt.heap.f32;
    for (let d = 0; d < this.updatedAt.length; d++) {
      this.scale(f32, params, d, shrink ** (this.steps - this.updatedAt[d]!));
      this.updatedAt[d] = this.steps;
    }
  }

  private scale(f32: Float32Array, params: number, d: number, factor: number): void {
    if (factor === 1) return;
    const at = (params >>> 2) + this.weightAt + d * this.K;
    for (let k = 0; k < this.K; k++) f32[at + k]! *= factor;
  }

  /** Compact positions of the batch's non-zeros, and the zeroed rows their gradient goes to. */
  prepare(batch: Batch): SparseGrad {
    const i32 = this.rt.heap.i32;
    const start = i32[batch.indptr! >>> 2]!;
    const end = i32[(batch.indptr! >>> 2) + batch.rows]!;
    const indices = (batch.indices! >>> 2) + start;
    const cols = this.cols >>> 2;
    let count = 0;
    for (let p = 0; p < end - start; p++) {
      const d = i32[indices + p]!;
      let at = this.positionOf[d]!;
      if (at < 0) {
        at = this.positionOf[d] = count;
        this.features[count++] = d;
      }
      i32[cols + p] = at;
    }
    for (let j = 0; j < count; j++) this.positionOf[this.features[j]!] = -1;
    this.count = count;
    this.rt.heap.f32.fill(0, this.grad >>> 2, (this.grad >>> 2) + count * this.K);
    // The kernel reads cols[p] at the batch's own entry numbers p ∈ [start, end): the base is moved
    // back by start entries (wasm addresses wrap modulo 2³², so the sum lands in the block).
    return { cols: this.cols - start * 4, grad: this.grad };
  }

  /** The runs of W₀ the last batch touched: one per distinct feature, K parameters each. */
  runs(): SparseRun[] {
    const { K } = this;
    for (let j = 0; j < this.count; j++) {
      const r = (this.runList[j] ??= { param: 0, grad: 0, length: K, penalized: true });
      r.param = this.weightAt + this.features[j]! * K;
      r.grad = this.grad + j * K * 4;
    }
    return this.runList.slice(0, this.count);
  }
}
