// Row operations of fastText's matrices (densematrix.cc, quantmatrix.cc, productquantizer.cc) and
// its loss tables (loss.cc), shared by training and prediction. Layouts: fasttext_layout.ts.
//
// Numerics, against native fastText 0.9.2 (x86-64, no FMA):
// - hidden (the mean of input rows) is bit-identical in every build: element-wise f32 sums in row
//   order, then one multiplication by f32(1/n), as Model::computeHidden.
// - a dot product is native's sequential f32 sum in the scalar build; the SIMD builds sum four lanes
//   (the relaxed build fuses the multiply-adds), so they differ from native in the last bits.
// - product-quantized rows add alpha·centroid element by element (no fused multiply-add), as
//   ProductQuantizer::addcode; mulcode's sum is sequential, then times the row's norm.

import { madd } from "./inline/madd";
import { dot } from "./inline/dot";
import * as L from "./fasttext_layout";

// @ts-ignore: decorator
@inline const KSUB: i32 = 256;

/** y += a·x over D f32. */
// @ts-ignore: decorator
@inline export function axpy(y: usize, a: f32, x: usize, D: i32): void {
  let o: usize = 0;
  const bytes = <usize>D << 2;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(D & ~3) << 2;
    const va = f32x4.splat(a);
    for (; o < vecEnd; o += 16) v128.store(y + o, madd(va, v128.load(x + o), v128.load(y + o)));
  }
  for (; o < bytes; o += 4) store<f32>(y + o, load<f32>(y + o) + a * load<f32>(x + o));
}

/**
 * The update of one output row w and the gradient g by alpha, as loss.cc does it in this order:
 * g += alpha·w (w before its update), then w += alpha·h.
 */
// @ts-ignore: decorator
@inline export function updateRow(g: usize, w: usize, h: usize, alpha: f32, D: i32): void {
  let o: usize = 0;
  const bytes = <usize>D << 2;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(D & ~3) << 2;
    const va = f32x4.splat(alpha);
    for (; o < vecEnd; o += 16) {
      const wv = v128.load(w + o);
      v128.store(g + o, madd(va, wv, v128.load(g + o)));
      v128.store(w + o, madd(va, v128.load(h + o), wv));
    }
  }
  for (; o < bytes; o += 4) {
    const wv = load<f32>(w + o);
    store<f32>(g + o, load<f32>(g + o) + alpha * wv);
    store<f32>(w + o, wv + alpha * load<f32>(h + o));
  }
}

/** x *= a over D f32. */
// @ts-ignore: decorator
@inline export function scale(x: usize, a: f32, D: i32): void {
  let o: usize = 0;
  const bytes = <usize>D << 2;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(D & ~3) << 2;
    const va = f32x4.splat(a);
    for (; o < vecEnd; o += 16) v128.store(x + o, f32x4.mul(v128.load(x + o), va));
  }
  for (; o < bytes; o += 4) store<f32>(x + o, load<f32>(x + o) * a);
}

/** y += x over D f32 (element-wise: the same in every build). */
// @ts-ignore: decorator
@inline export function addTo(y: usize, x: usize, D: i32): void {
  let o: usize = 0;
  const bytes = <usize>D << 2;
  if (ASC_FEATURE_SIMD) {
    const vecEnd = <usize>(D & ~3) << 2;
    for (; o < vecEnd; o += 16) v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(x + o)));
  }
  for (; o < bytes; o += 4) store<f32>(y + o, load<f32>(y + o) + load<f32>(x + o));
}

/** The norm of quantized row i (1 without qnorm). */
// @ts-ignore: decorator
@inline function rowNorm(m: usize, i: i32): f32 {
  if (!load<i32>(m + L.QNORM)) return 1;
  const code = <usize>load<u8>(<usize>load<i32>(m + L.NORM_CODES) + <usize>i);
  return load<f32>(<usize>load<i32>(m + L.NORM_CENTROIDS) + (code << 2));
}

/** Where sub-quantizer m's centroid c starts (productquantizer.cc's get_centroids). */
// @ts-ignore: decorator
@inline function centroid(m: usize, sub: i32, c: i32, nsubq: i32, dsub: i32, lastdsub: i32): usize {
  const base = <usize>load<i32>(m + L.CENTROIDS);
  if (sub == nsubq - 1) return base + ((<usize>sub * KSUB * <usize>dsub + <usize>c * <usize>lastdsub) << 2);
  return base + ((<usize>(sub * KSUB + c) * <usize>dsub) << 2);
}

/** x += row i of matrix m (dense or product-quantized). */
export function addRowTo(m: usize, x: usize, i: i32): void {
  const D = load<i32>(m + L.COLS);
  if (load<i32>(m + L.KIND) == 0) {
    addTo(x, <usize>load<i32>(m + L.DATA) + ((<usize>i * <usize>D) << 2), D);
    return;
  }
  const alpha = rowNorm(m, i);
  const nsubq = load<i32>(m + L.NSUBQ);
  const dsub = load<i32>(m + L.DSUB);
  const lastdsub = load<i32>(m + L.LASTDSUB);
  const code = <usize>load<i32>(m + L.DATA) + <usize>i * <usize>nsubq;
  for (let s = 0; s < nsubq; s++) {
    const c = centroid(m, s, <i32>load<u8>(code + <usize>s), nsubq, dsub, lastdsub);
    const d = s == nsubq - 1 ? lastdsub : dsub;
    const xs = x + ((<usize>s * <usize>dsub) << 2);
    for (let n = 0; n < d; n++) {
      const o = <usize>n << 2;
      store<f32>(xs + o, load<f32>(xs + o) + alpha * load<f32>(c + o));
    }
  }
}

/** Row i of matrix m · x. */
export function dotRow(m: usize, x: usize, i: i32): f32 {
  const D = load<i32>(m + L.COLS);
  if (load<i32>(m + L.KIND) == 0) return dot(<usize>load<i32>(m + L.DATA) + ((<usize>i * <usize>D) << 2), x, D);
  const nsubq = load<i32>(m + L.NSUBQ);
  const dsub = load<i32>(m + L.DSUB);
  const lastdsub = load<i32>(m + L.LASTDSUB);
  const code = <usize>load<i32>(m + L.DATA) + <usize>i * <usize>nsubq;
  let s: f32 = 0;
  for (let q = 0; q < nsubq; q++) {
    const c = centroid(m, q, <i32>load<u8>(code + <usize>q), nsubq, dsub, lastdsub);
    const d = q == nsubq - 1 ? lastdsub : dsub;
    const xs = x + ((<usize>q * <usize>dsub) << 2);
    for (let n = 0; n < d; n++) s += load<f32>(xs + (<usize>n << 2)) * load<f32>(c + (<usize>n << 2));
  }
  return s * rowNorm(m, i);
}

/**
 * hidden = the mean of the input rows ids[0 … n) (n ≥ 1) of the context's input matrix, as
 * Model::computeHidden: the rows summed in order, then times f32(1/n).
 */
export function computeHidden(ctx: usize, ids: usize, n: i32, hidden: usize): void {
  const m = <usize>load<i32>(ctx + L.INPUT);
  const D = load<i32>(ctx + L.DIM);
  memory.fill(hidden, 0, <usize>D << 2);
  for (let j = 0; j < n; j++) addRowTo(m, hidden, load<i32>(ids + (<usize>j << 2)));
  scale(hidden, <f32>(1.0 / <f64>n), D);
}

/** loss.cc's sigmoid: its 513-entry table, 0 below −8 and 1 above 8. */
// @ts-ignore: decorator
@inline export function tableSigmoid(ctx: usize, x: f32): f32 {
  if (x < -8) return 0;
  if (x > 8) return 1;
  const i = <i32>((((x + <f32>8) * <f32>512) / <f32>8) / <f32>2);
  return load<f32>(<usize>load<i32>(ctx + L.SIGMOID) + (<usize>i << 2));
}

/** loss.cc's log: its 513-entry table for x in [0, 1], 0 above 1. */
// @ts-ignore: decorator
@inline export function tableLog(ctx: usize, x: f32): f32 {
  if (x > 1) return 0;
  const i = <i32>(x * <f32>512);
  return load<f32>(<usize>load<i32>(ctx + L.LOG) + (<usize>i << 2));
}
