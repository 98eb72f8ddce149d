// The row-wise products of sampled softmax, for rows that each pick their own class:
//   gatheredDots   out_i = x_i · w[index_i] (+ b[index_i])      x: B × D, w: K × D, out: B
//   scatterAddRows dst[index_i] += g_{i·stride} · x_i            dst rows of D (positions index_i)
// Both vectorise along D (f32x4 with a scalar tail; writes stay inside the rows). scatterAddRows
// runs the same operations in the SIMD and scalar builds (the relaxed build fuses its multiply-add);
// gatheredDots sums four lanes in the SIMD builds, so the builds differ there in the last bits.

import { madd } from "./inline/madd";
import { dot } from "./inline/dot";

/** out_i = x_i · w[index_i] + (b ? b[index_i] : 0) for B rows of D. */
export function gatheredDots(x: usize, w: usize, b: usize, index: usize, out: usize, B: i32, D: i32): void {
  const rowBytes = <usize>D << 2;
  for (let i = 0; i < B; i++) {
    const k = <usize>load<i32>(index + (<usize>i << 2));
    let s = dot(x + <usize>i * rowBytes, w + k * rowBytes, D);
    if (b) s += load<f32>(b + (k << 2));
    store<f32>(out + (<usize>i << 2), s);
  }
}

/** dst[index_i] += g[i·stride] · x_i for B rows of D (dst rows of D floats). */
export function scatterAddRows(g: usize, stride: i32, x: usize, dst: usize, index: usize, B: i32, D: i32): void {
  const rowBytes = <usize>D << 2;
  for (let i = 0; i < B; i++) {
    const gi = load<f32>(g + ((<usize>i * <usize>stride) << 2));
    const xi = x + <usize>i * rowBytes;
    const di = dst + <usize>load<i32>(index + (<usize>i << 2)) * rowBytes;
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      const vecEnd = <usize>(D & ~3) << 2;
      const v = f32x4.splat(gi);
      for (; o < vecEnd; o += 16) v128.store(di + o, madd(v, v128.load(xi + o), v128.load(di + o)));
    }
    for (; o < rowBytes; o += 4) store<f32>(di + o, load<f32>(di + o) + gi * load<f32>(xi + o));
  }
}
