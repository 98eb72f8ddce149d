// Training data uploaded to wasm memory once per fit: features X (rows × features f32, row-major),
// the targets (one i32 class index per row, or a row of f32 values per row: 0/1 label indicators),
// and optional per-row weights. Solvers read it as batches:
// contiguous slices in place, or rows gathered in a given order into a batch buffer (allocated on
// the first gather, sized for `batchRows`). Nothing is allocated per batch.
// Sparse X (a SparseMatrix) is kept as CSR: indptr (rows + 1), indices and values (non-zeros): memory
// is proportional to the non-zeros, never rows × features. A gathered batch's buffer holds the most
// non-zeros any `batchRows` rows have.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import { copyRows, type Matrix } from "../core/input.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import type { Batch } from "./objective.js";

export class TrainingData {
  readonly rows: number;
  readonly features: number;
  /** Largest batch this data hands out. */
  readonly batchRows: number;
  private readonly blocks: Blocks;
  /** Most non-zeros of any batchRows rows (sparse X), else 0. */
  readonly maxBatchNnz: number;
  private readonly x: number;
  private readonly csr: { indptr: number; indices: number; values: number } | null;
  private readonly targets: number;
  /** Target values per row: 1 for class indices, the label count for indicator rows. */
  private readonly targetWidth: number;
  private readonly weights: number;
  private gathered: { x: number; index: number; targets: number; weights: number; indptr: number; indices: number; values: number } | null =
    null;

  constructor(
    private readonly rt: Runtime,
    X: Matrix | SparseMatrix,
    targets: Int32Array | Float32Array,
    weights: Float32Array | null,
    batchRows: number,
  ) {
    this.blocks = new Blocks(rt.heap);
    const N = (this.rows = X.rows);
    const D = (this.features = X.cols);
    this.targetWidth = N > 0 ? targets.length / N : 1;
    this.batchRows = Math.max(1, Math.min(batchRows, N));
    const sparse = isSparseMatrix(X) ? X : null;
    this.maxBatchNnz = sparse ? mostNonZeros(sparse, this.batchRows) : 0;
    try {
      this.x = sparse ? 0 : this.blocks.alloc(N * D * 4);
      this.csr = sparse
        ? {
            indptr: this.blocks.alloc((N + 1) * 4),
            indices: this.blocks.alloc(Math.max(1, sparse.nnz) * 4),
            values: this.blocks.alloc(Math.max(1, sparse.nnz) * 4),
          }
        : null;
      this.targets = this.blocks.alloc(targets.length * 4);
      this.weights = weights ? this.blocks.alloc(N * 4) : 0;
    } catch (error) {
      this.dispose();
      throw error;
    }
    const { heap } = rt;
    if (sparse) {
      heap.i32.set(sparse.indptr.subarray(0, N + 1), this.csr!.indptr >>> 2);
      heap.i32.set(sparse.indices.subarray(0, sparse.nnz), this.csr!.indices >>> 2);
      heap.f32.set(sparse.data.subarray(0, sparse.nnz), this.csr!.values >>> 2);
    } else copyRows(X as Matrix, 0, N, heap.f32, this.x >>> 2);
    (targets instanceof Int32Array ? heap.i32 : heap.f32).set(targets, this.targets >>> 2);
    if (weights) heap.f32.set(weights, this.weights >>> 2);
  }

  /** Rows [from, from + n) in place. */
  slice(from: number, n: number): Batch {
    return {
      x: this.csr ? 0 : this.x + from * this.features * 4,
      ...(this.csr ? { indptr: this.csr.indptr + from * 4, indices: this.csr.indices, values: this.csr.values } : {}),
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
    const rows = { targets: g.targets, weights: this.weights ? g.weights : 0, rows: n };
    if (!this.csr) {
      exports.gatherRows(this.x, g.index, n, this.features * 4, g.x);
      return { x: g.x, ...rows };
    }
    // CSR rows copied one after another; the batch's indptr counts from its own buffers.
    const { indptr, indices, values } = this.csr;
    let at = 0;
    i32[g.indptr >>> 2] = 0;
    for (let i = 0; i < n; i++) {
      const row = order[from + i]!;
      const start = i32[(indptr >>> 2) + row]!;
      const end = i32[(indptr >>> 2) + row + 1]!;
      i32.copyWithin((g.indices >>> 2) + at, (indices >>> 2) + start, (indices >>> 2) + end);
      f32.copyWithin((g.values >>> 2) + at, (values >>> 2) + start, (values >>> 2) + end);
      at += end - start;
      i32[(g.indptr >>> 2) + i + 1] = at;
    }
    return { x: 0, indptr: g.indptr, indices: g.indices, values: g.values, ...rows };
  }

  dispose(): void {
    this.blocks.freeAll();
    this.gathered = null;
  }

  private allocGather(): { x: number; index: number; targets: number; weights: number; indptr: number; indices: number; values: number } {
    const B = this.batchRows;
    const csr = this.csr !== null;
    return {
      x: csr ? 0 : this.blocks.alloc(B * this.features * 4),
      indptr: csr ? this.blocks.alloc((B + 1) * 4) : 0,
      indices: csr ? this.blocks.alloc(Math.max(1, this.maxBatchNnz) * 4) : 0,
      values: csr ? this.blocks.alloc(Math.max(1, this.maxBatchNnz) * 4) : 0,
      index: this.blocks.alloc(B * 4),
      targets: this.blocks.alloc(B * this.targetWidth * 4),
      weights: this.weights ? this.blocks.alloc(B * 4) : 0,
    };
  }
}

/** The most non-zeros any `rows` rows of X hold together: the sum of the `rows` largest row counts. */
function mostNonZeros(X: SparseMatrix, rows: number): number {
  const counts = Int32Array.from({ length: X.rows }, (_, i) => X.indptr[i + 1]! - X.indptr[i]!).sort();
  let sum = 0;
  for (let i = counts.length - 1; i >= Math.max(0, counts.length - rows); i--) sum += counts[i]!;
  return sum;
}
