// The products of a dense layer whose input rows are sparse (CSR: row i's non-zeros are
// indices[p], values[p] for p in [indptr[i], indptr[i + 1]), byte offsets of i32 / i32 / f32 arrays;
// indptr values count entries from the start of indices and values).
//   sparseLinear      Y = X·W + b, W element (d, k) at W + (d·strideD + k·strideK)·4: strideK = 1 is
//                     the input-major layout sparse training uses (D × K: a feature's K weights are
//                     contiguous, so the sum runs four classes at a time); strideD = 1 is the
//                     class-major layout of dense training (K × D: K loads K·4 bytes apart per
//                     non-zero, scalar). Each output is b_k, then the non-zeros added in index order,
//                     so both layouts give the same bits.
//   sparseWeightGrad  dW[c] += Σ_i v_ip · G_i for each non-zero (c = cols[p]), into an input-major
//                     gradient (row c of K floats): `cols` are the features themselves (a gradient
//                     of all D rows) or their positions in a compact block of the rows a batch touched.
// Cost: non-zeros × K, never features × K; memory-bound, so multiply and add stay separate in every
// build (no fused multiply-add): both layouts and every build round alike. Nothing is written
// outside the outputs.

/** Y (rows × K) = X·W + b (b = 0: no bias). */
export function sparseLinear(
  indptr: usize, indices: usize, values: usize, rows: i32, w: usize, strideD: i32, strideK: i32, b: usize, y: usize, K: i32,
): void {
  const rowBytes = <usize>K << 2;
  for (let i = 0; i < rows; i++) {
    const yi = y + <usize>i * rowBytes;
    for (let k = 0; k < K; k++) store<f32>(yi + (<usize>k << 2), b ? load<f32>(b + (<usize>k << 2)) : 0);
    const start = load<i32>(indptr + (<usize>i << 2));
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    for (let p = start; p < end; p++) {
      const d = load<i32>(indices + (<usize>p << 2));
      const v = load<f32>(values + (<usize>p << 2));
      const wd = w + <usize>d * <usize>strideD * 4;
      let k = 0;
      if (ASC_FEATURE_SIMD && strideK == 1) {
        const vv = f32x4.splat(v);
        for (; k + 4 <= K; k += 4) {
          const o = <usize>k << 2;
          v128.store(yi + o, f32x4.add(f32x4.mul(vv, v128.load(wd + o)), v128.load(yi + o)));
        }
      }
      for (; k < K; k++) {
        const o = <usize>k << 2;
        store<f32>(yi + o, load<f32>(yi + o) + v * load<f32>(wd + <usize>k * <usize>strideK * 4));
      }
    }
  }
}

/** grad[cols[p]·K + k] += values[p] · g[i·K + k] over every non-zero p of every row i (input-major). */
export function sparseWeightGrad(indptr: usize, cols: usize, values: usize, rows: i32, g: usize, grad: usize, K: i32): void {
  const rowBytes = <usize>K << 2;
  for (let i = 0; i < rows; i++) {
    const gi = g + <usize>i * rowBytes;
    const start = load<i32>(indptr + (<usize>i << 2));
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    for (let p = start; p < end; p++) {
      const c = load<i32>(cols + (<usize>p << 2));
      const v = load<f32>(values + (<usize>p << 2));
      const dst = grad + <usize>c * rowBytes;
      let k = 0;
      if (ASC_FEATURE_SIMD) {
        const vv = f32x4.splat(v);
        for (; k + 4 <= K; k += 4) {
          const o = <usize>k << 2;
          v128.store(dst + o, f32x4.add(f32x4.mul(vv, v128.load(gi + o)), v128.load(dst + o)));
        }
      }
      for (; k < K; k++) {
        const o = <usize>k << 2;
        store<f32>(dst + o, load<f32>(dst + o) + v * load<f32>(gi + o));
      }
    }
  }
}
