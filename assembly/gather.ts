// Batch assembly for shuffled mini-batches: rows of the resident training data copied, in a given
// order, into the contiguous batch buffer the products read. Plain memory.copy in both builds.

/** dst row i = src row index[i], for n rows of rowBytes bytes (index: n i32). */
export function gatherRows(src: usize, index: usize, n: i32, rowBytes: usize, dst: usize): void {
  for (let i = 0; i < n; i++) {
    const from = src + <usize>load<i32>(index + (<usize>i << 2)) * rowBytes;
    memory.copy(dst + <usize>i * rowBytes, from, rowBytes);
  }
}
