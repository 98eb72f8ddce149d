// fastText's matrices in wasm memory: one heap block each, its descriptor (assembly/fasttext_layout.ts)
// first, then the rows (dense) or the codes and centroids (product-quantized, as quantmatrix.cc and
// productquantizer.cc keep them: 256 centroids per sub-quantizer). Plain data in, plain data out:
// the model saves and the file writer reads what readMatrix returns.

import type { Runtime } from "../runtime/runtime.js";
import { after, regionBytes } from "../runtime/layout.js";

/** A dense rows × cols matrix, row-major. */
export interface DenseMatrixData {
  /** Dense. */
  kind: "dense";
  /** Rows. */
  rows: number;
  /** Columns. */
  cols: number;
  /** rows × cols values: row i is data[i·cols, (i+1)·cols). */
  data: Float32Array;
}

/** A product quantizer: nsubq sub-quantizers of 256 centroids of dsub values (the last of lastdsub). */
export interface ProductQuantizerData {
  /** Columns quantized. */
  dim: number;
  /** Sub-quantizers (sub-vectors per row). */
  nsubq: number;
  /** Columns of each sub-vector but the last. */
  dsub: number;
  /** Columns of the last sub-vector. */
  lastdsub: number;
  /** 256 centroids per sub-quantizer: dim · 256 values (productquantizer.cc's layout). */
  centroids: Float32Array;
}

/** A product-quantized matrix: nsubq codes per row, and with qnorm a quantized norm per row. */
export interface QuantizedMatrixData {
  /** Product-quantized. */
  kind: "quantized";
  /** Rows. */
  rows: number;
  /** Columns. */
  cols: number;
  /** Whether each row's norm is quantized apart (normCodes, normPq). */
  qnorm: boolean;
  /** rows · nsubq centroid indices. */
  codes: Uint8Array;
  /** The quantizer of the rows. */
  pq: ProductQuantizerData;
  /** With qnorm: one code per row into normPq. */
  normCodes?: Uint8Array;
  /** With qnorm: the quantizer of the norms (dim 1). */
  normPq?: ProductQuantizerData;
}

/** A fastText matrix, dense or product-quantized. */
export type MatrixData = DenseMatrixData | QuantizedMatrixData;

/** Centroids per sub-quantizer. */
export const KSUB = 256;
const DESCRIPTOR_BYTES = 48;

/** The f32 count of a product quantizer's centroids. */
export function centroidCount(pq: ProductQuantizerData): number {
  return (pq.nsubq - 1) * KSUB * pq.dsub + KSUB * pq.lastdsub;
}

/** Whether every value of the dense rows × cols matrix in heap block `block` is finite. */
export function denseIsFinite(rt: Runtime, block: number, rows: number, cols: number): boolean {
  const f32 = rt.heap.f32;
  const from = after(block, DESCRIPTOR_BYTES) >>> 2;
  for (let i = from, end = from + rows * cols; i < end; i++) {
    const v = f32[i]!;
    if (v - v !== 0) return false; // NaN for NaN and ±Infinity
  }
  return true;
}

/** Copies `m` into a new heap block (descriptor first); the caller owns the block. */
export function matrixToWasm(rt: Runtime, m: MatrixData): number {
  if (m.kind === "dense") {
    const block = rt.heap.alloc(regionBytes(DESCRIPTOR_BYTES) + m.rows * m.cols * 4);
    const data = after(block, DESCRIPTOR_BYTES);
    rt.heap.f32.set(m.data.subarray(0, m.rows * m.cols), data >>> 2);
    writeDescriptor(rt, block, [0, m.rows, m.cols, data, 0, 0, 0, 0, 0, 0, 0]);
    return block;
  }
  const centroidBytes = centroidCount(m.pq) * 4;
  const norms = m.qnorm && m.normCodes && m.normPq;
  const block = rt.heap.alloc(
    regionBytes(DESCRIPTOR_BYTES) + regionBytes(m.codes.length) + regionBytes(centroidBytes) + (norms ? regionBytes(m.rows) + KSUB * 4 : 0),
  );
  const codes = after(block, DESCRIPTOR_BYTES);
  const centroids = after(codes, m.codes.length);
  const normCodes = norms ? after(centroids, centroidBytes) : 0;
  const normCentroids = norms ? after(normCodes, m.rows) : 0;
  new Uint8Array(rt.heap.memory.buffer, codes, m.codes.length).set(m.codes);
  rt.heap.f32.set(m.pq.centroids, centroids >>> 2);
  if (norms) {
    new Uint8Array(rt.heap.memory.buffer, normCodes, m.rows).set(m.normCodes!.subarray(0, m.rows));
    rt.heap.f32.set(m.normPq!.centroids.subarray(0, KSUB), normCentroids >>> 2);
  }
  const { nsubq, dsub, lastdsub } = m.pq;
  writeDescriptor(rt, block, [1, m.rows, m.cols, codes, centroids, nsubq, dsub, lastdsub, norms ? 1 : 0, normCodes, normCentroids]);
  return block;
}

/** A dense rows × cols matrix filled by `fill` (index → value), in a new heap block. */
export function denseToWasm(rt: Runtime, rows: number, cols: number, fill: (data: Float32Array) => void): number {
  const block = rt.heap.alloc(regionBytes(DESCRIPTOR_BYTES) + rows * cols * 4);
  const data = after(block, DESCRIPTOR_BYTES);
  fill(rt.heap.f32.subarray(data >>> 2, (data >>> 2) + rows * cols));
  writeDescriptor(rt, block, [0, rows, cols, data, 0, 0, 0, 0, 0, 0, 0]);
  return block;
}

/** A copy of the matrix at `block` (given its plain form `like` for the quantizers' shapes). */
export function readMatrix(rt: Runtime, block: number, like?: MatrixData): MatrixData {
  const i32 = rt.heap.i32;
  const at = block >>> 2;
  const rows = i32[at + 1]!;
  const cols = i32[at + 2]!;
  const data = i32[at + 3]!;
  if (i32[at] === 0) return { kind: "dense", rows, cols, data: rt.heap.f32.slice(data >>> 2, (data >>> 2) + rows * cols) };
  if (!like || like.kind !== "quantized") throw new Error("wasmax: a quantized matrix is read back with its plain form");
  return like;
}

/** Byte offset of a dense matrix's rows. */
export function denseData(rt: Runtime, block: number): number {
  return rt.heap.i32[(block >>> 2) + 3]!;
}

function writeDescriptor(rt: Runtime, block: number, values: readonly number[]): void {
  rt.heap.i32.set(values, block >>> 2);
}
