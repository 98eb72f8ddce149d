// Prediction over a row-major rows × K f32 matrix: the index of each row's largest value, and the k
// largest values with their indices. Ordering: NaN ranks above every number (like numpy's argmax);
// ties go to the lower index.

/** out[i] = first index of the largest value in row i (i32). */
export function argmax(x: usize, out: usize, rows: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let top = load<f32>(x);
    if (top == top) {
      for (let j = 1; j < K; j++) {
        const v = load<f32>(x + (<usize>j << 2));
        if (v > top || v != v) {
          best = j;
          top = v;
          if (v != v) break;
        }
      }
    }
    store<i32>(out + (<usize>i << 2), best);
    x += rowBytes;
  }
}

/**
 * For each row, the k (1 <= k <= K) largest values in descending order into values (rows × k f32)
 * and their indices into indices (rows × k i32). Insertion into a sorted top list: O(K·k) worst
 * case, O(K) when most values fall below the current k-th.
 */
export function topk(x: usize, values: usize, indices: usize, rows: i32, K: i32, k: i32): void {
  const rowBytes = <usize>K << 2;
  const outBytes = <usize>k << 2;
  for (let i = 0; i < rows; i++) {
    let filled = 0;
    for (let j = 0; j < K; j++) {
      const v = load<f32>(x + (<usize>j << 2));
      if (filled == k && !ranksAbove(v, load<f32>(values + outBytes - 4))) continue;
      let p = filled < k ? filled++ : k - 1;
      while (p > 0 && ranksAbove(v, load<f32>(values + (<usize>(p - 1) << 2)))) {
        store<f32>(values + (<usize>p << 2), load<f32>(values + (<usize>(p - 1) << 2)));
        store<i32>(indices + (<usize>p << 2), load<i32>(indices + (<usize>(p - 1) << 2)));
        p--;
      }
      store<f32>(values + (<usize>p << 2), v);
      store<i32>(indices + (<usize>p << 2), j);
    }
    x += rowBytes;
    values += outBytes;
    indices += outBytes;
  }
}

/** a strictly ahead of b: greater, or NaN against a number. Equal values keep their order. */
// @ts-ignore: decorator
@inline function ranksAbove(a: f32, b: f32): bool {
  return a > b || (a != a && b == b);
}
