// Carves one scratch block into consecutive regions that each keep the kernels' buffer contract
// (16-byte aligned, 16 bytes of padding after; see heap.ts).

function regionBytes(bytes: number): number {
  return Math.ceil(bytes / 16) * 16 + 16;
}

/** Bytes needed for regions of the given sizes. */
export function totalBytes(sizes: readonly number[]): number {
  return sizes.reduce((sum, size) => sum + regionBytes(size), 0);
}

/** Byte offsets of regions of the given sizes, laid out from `base` (16-byte aligned). */
export function carve(base: number, sizes: readonly number[]): number[] {
  const offsets: number[] = [];
  let at = base;
  for (const size of sizes) {
    offsets.push(at);
    at += regionBytes(size);
  }
  return offsets;
}
