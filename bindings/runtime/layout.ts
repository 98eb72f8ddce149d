// Lays out consecutive regions of one scratch block, each keeping the kernels' buffer contract
// (16-byte aligned, 16 bytes of padding after; see heap.ts). Plain arithmetic, no arrays: a call
// on one small row spends tens of nanoseconds on every allocation it makes. allocRegions allocates such
// a block and lays it out at once, for calls that allocate per batch, not per row.

import type { Heap } from "./heap.js";

/** Bytes a region of `bytes` takes in the block. */
export function regionBytes(bytes: number): number {
  return Math.ceil(bytes / 16) * 16 + 16;
}

/** The offset of the region that follows a region of `bytes` at offset `at`. */
export function after(at: number, bytes: number): number {
  return at + regionBytes(bytes);
}

/**
 * A new heap block of consecutive regions of `sizes` bytes each (see above): their offsets, the
 * first one the block's (the caller frees it).
 */
export function allocRegions<T extends readonly number[]>(heap: Heap, sizes: T): { -readonly [K in keyof T]: number } {
  const at: number[] = [];
  sizes.reduce((next, b) => (at.push(next), after(next, b)), heap.alloc(sizes.reduce((sum, b) => sum + regionBytes(b), 0)));
  return at as { -readonly [K in keyof T]: number };
}
