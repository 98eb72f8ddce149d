// Lays out consecutive regions of one scratch block, each keeping the kernels' buffer contract
// (16-byte aligned, 16 bytes of padding after; see heap.ts). Plain arithmetic, no arrays: a call
// on one small row spends tens of nanoseconds on every allocation it makes.

/** Bytes a region of `bytes` takes in the block. */
export function regionBytes(bytes: number): number {
  return Math.ceil(bytes / 16) * 16 + 16;
}

/** The offset of the region that follows a region of `bytes` at offset `at`. */
export function after(at: number, bytes: number): number {
  return at + regionBytes(bytes);
}
