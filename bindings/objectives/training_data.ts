// Training data uploaded to wasm memory once per fit: features X (rows × features f32, row-major),
// the targets (one i32 class index per row, or a row of f32 values per row: 0/1 label indicators),
// and optional per-row weights. Solvers read it as batches:
// contiguous slices in place, or rows gathered in a given order into a batch buffer (allocated on
// the first gather, sized for `batchRows`). Nothing is allocated per batch.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import { copyRows, type Matrix } from "../core/input.js";
import type { Batch } from "./objective.js";

export class TrainingData {
  readonly rows: number;
  readonly features: number;
  /** Largest batch this data hands out. */
  readonly batchRows: number;
  private readonly blocks: Blocks;
  private readonly x: number;
  private readonly targets: number;
  /** Target values per row: 1 for class indices, the label count for indicator rows. */
  private readonly targetWidth: number;
  private readonly weights: number;
  private gathered: { x: number; index: number; targets: number; weights: number } | null = null;

  constructor(
    private readonly rt: Runtime,
    X: Matrix,
    targets: Int32Array | Float32Array,
    weights: Float32Array | null,
    batchRows: number,
  ) {
    this.blocks = new Blocks(rt.heap);
    const N = (this.rows = X.rows);
    const D = (this.features = X.cols);
    this.targetWidth = N > 0 ? targets.length / N : 1;
    this.batchRows = Math.max(1, Math.min(batchRows, N));
    try {
      this.x = this.blocks.alloc(N * D * 4);
      this.targets = this.blocks.alloc(targets.length * 4);
      this.weights = weights ? this.blocks.alloc(N * 4) : 0;
    } catch (error) {
      this.dispose();
      throw error;
    }
    const { heap } = rt;
    copyRows(X, 0, N, heap.f32, this.x >>> 2);
    (targets instanceof Int32Array ? heap.i32 : heap.f32).set(targets, this.targets >>> 2);
    if (weights) heap.f32.set(weights, this.weights >>> 2);
  }

  /** Rows [from, from + n) in place. */
  slice(from: number, n: number): Batch {
    return {
      x: this.x + from * this.features * 4,
      targets: this.targets + from * this.targetWidth * 4,
      weights: this.weights ? this.weights + from * 4 : 0,
      rows: n,
    };
  }

  /** Rows order[from], …, order[from + n − 1] copied into the batch buffer (n ≤ batchRows). */
  gather(order: Int32Array, from: number, n: number): Batch {
    const g = (this.gathered ??= this.allocGather());
    const { heap, exports } = this.rt;
    const i32 = heap.i32;
    const f32 = heap.f32;
    const width = this.targetWidth;
    for (let i = 0; i < n; i++) {
      const row = order[from + i]!;
      i32[(g.index >>> 2) + i] = row;
      if (width === 1) i32[(g.targets >>> 2) + i] = i32[(this.targets >>> 2) + row]!;
      else i32.copyWithin((g.targets >>> 2) + i * width, (this.targets >>> 2) + row * width, (this.targets >>> 2) + (row + 1) * width);
      if (this.weights) f32[(g.weights >>> 2) + i] = f32[(this.weights >>> 2) + row]!;
    }
    exports.gatherRows(this.x, g.index, n, this.features * 4, g.x);
    return { x: g.x, targets: g.targets, weights: this.weights ? g.weights : 0, rows: n };
  }

  dispose(): void {
    this.blocks.freeAll();
    this.gathered = null;
  }

  private allocGather(): { x: number; index: number; targets: number; weights: number } {
    const B = this.batchRows;
    return {
      x: this.blocks.alloc(B * this.features * 4),
      index: this.blocks.alloc(B * 4),
      targets: this.blocks.alloc(B * this.targetWidth * 4),
      weights: this.weights ? this.blocks.alloc(B * 4) : 0,
    };
  }
}
