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

/**
 * x += alpha · the centroids of a row's codes when every sub-quantizer has 2 dimensions (fastText's
 * default dsub, lastdsub 2): x[2s], x[2s + 1] += alpha · centroid s, products then sums as addcode does
 * (the scalar build's path; the SIMD builds sum such rows in sumCodePairs).
 */
// @ts-ignore: decorator
@inline function addCodesPairs(x: usize, code: usize, centroids: usize, nsubq: i32, alpha: f32): void {
  for (let s = 0; s < nsubq; s++) {
    const c = centroids + ((<usize>(s * KSUB) + <usize>load<u8>(code + <usize>s)) << 3);
    const xs = x + (<usize>s << 3);
    store<f32>(xs, load<f32>(xs) + alpha * load<f32>(c));
    store<f32>(xs, load<f32>(xs, 4) + alpha * load<f32>(c, 4), 4);
  }
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
  if (dsub == 2 && lastdsub == 2) {
    addCodesPairs(x, code, <usize>load<i32>(m + L.CENTROIDS), nsubq, alpha);
    return;
  }
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
  if (ASC_FEATURE_SIMD && load<i32>(m + L.KIND) == 0) sumDenseRows(<usize>load<i32>(m + L.DATA), ids, n, D, hidden);
  else if (ASC_FEATURE_SIMD && load<i32>(m + L.DSUB) == 2 && load<i32>(m + L.LASTDSUB) == 2) sumCodePairs(m, ids, n, hidden);
  else {
    memory.fill(hidden, 0, <usize>D << 2);
    for (let j = 0; j < n; j++) addRowTo(m, hidden, load<i32>(ids + (<usize>j << 2)));
  }
  scale(hidden, <f32>(1.0 / <f64>n), D);
}

/**
 * hidden = the sum of dense rows ids[0 … n) of data (D columns), 32 columns at a time in registers: each
 * element is still 0 + row 0 + row 1 + … in order (bit-identical to addTo row by row), but the rows'
 * loads no longer wait on the previous row's stores, so their cache misses overlap (a line's rows are
 * scattered over a matrix larger than the cache: this sum is bound by memory latency).
 */
// @ts-ignore: decorator
@inline function sumDenseRows(data: usize, ids: usize, n: i32, D: i32, hidden: usize): void {
  const stride = <usize>D << 2;
  const vecEnd = <usize>(D & ~3) << 2;
  let o: usize = 0;
  for (; o + 128 <= vecEnd; o += 128) {
    let a0 = f32x4.splat(0);
    let a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (let j = 0; j < n; j++) {
      const row = data + <usize>load<i32>(ids + (<usize>j << 2)) * stride + o;
      a0 = f32x4.add(a0, v128.load(row));
      a1 = f32x4.add(a1, v128.load(row, 16));
      a2 = f32x4.add(a2, v128.load(row, 32));
      a3 = f32x4.add(a3, v128.load(row, 48));
      a4 = f32x4.add(a4, v128.load(row, 64));
      a5 = f32x4.add(a5, v128.load(row, 80));
      a6 = f32x4.add(a6, v128.load(row, 96));
      a7 = f32x4.add(a7, v128.load(row, 112));
    }
    v128.store(hidden + o, a0);
    v128.store(hidden + o, a1, 16);
    v128.store(hidden + o, a2, 32);
    v128.store(hidden + o, a3, 48);
    v128.store(hidden + o, a4, 64);
    v128.store(hidden + o, a5, 80);
    v128.store(hidden + o, a6, 96);
    v128.store(hidden + o, a7, 112);
  }
  for (; o < vecEnd; o += 16) {
    let a = f32x4.splat(0);
    for (let j = 0; j < n; j++) a = f32x4.add(a, v128.load(data + <usize>load<i32>(ids + (<usize>j << 2)) * stride + o));
    v128.store(hidden + o, a);
  }
  for (; o < stride; o += 4) {
    let a: f32 = 0;
    for (let j = 0; j < n; j++) a += load<f32>(data + <usize>load<i32>(ids + (<usize>j << 2)) * stride + o);
    store<f32>(hidden + o, a);
  }
}

/** Centroids of the sub-quantizers 2p and 2p + 1 after `base` (dsub 2) for their codes at `code`, in one vector. */
// @ts-ignore: decorator
@inline function centroidPair(base: usize, code: usize, p: i32): v128 {
  const s = <usize>(2 * p);
  const c0 = base + ((s * KSUB + <usize>load<u8>(code + s)) << 3);
  const c1 = base + (((s + 1) * KSUB + <usize>load<u8>(code + s + 1)) << 3);
  return v128.load64_lane(c1, v128.load64_zero(c0), 1);
}

/**
 * hidden = the sum of product-quantized rows ids[0 … n) of m (dsub = lastdsub = 2), 16 columns (8
 * sub-quantizers) at a time in registers: each element is 0 + alpha·c of row 0 + alpha·c of row 1 + …
 * in order, products then sums, as addRowTo row by row (bit-identical), with the rows' loads overlapping.
 */
// @ts-ignore: decorator
@inline function sumCodePairs(m: usize, ids: usize, n: i32, hidden: usize): void {
  const nsubq = load<i32>(m + L.NSUBQ);
  const codes = <usize>load<i32>(m + L.DATA);
  const centroids = <usize>load<i32>(m + L.CENTROIDS);
  let s = 0;
  for (; s + 8 <= nsubq; s += 8) {
    const base = centroids + ((<usize>s * KSUB) << 3);
    let a0 = f32x4.splat(0);
    let a1 = a0, a2 = a0, a3 = a0;
    for (let j = 0; j < n; j++) {
      const i = load<i32>(ids + (<usize>j << 2));
      const va = f32x4.splat(rowNorm(m, i));
      const code = codes + <usize>i * <usize>nsubq + <usize>s;
      a0 = f32x4.add(a0, f32x4.mul(va, centroidPair(base, code, 0)));
      a1 = f32x4.add(a1, f32x4.mul(va, centroidPair(base, code, 1)));
      a2 = f32x4.add(a2, f32x4.mul(va, centroidPair(base, code, 2)));
      a3 = f32x4.add(a3, f32x4.mul(va, centroidPair(base, code, 3)));
    }
    const x = hidden + (<usize>s << 3);
    v128.store(x, a0);
    v128.store(x, a1, 16);
    v128.store(x, a2, 32);
    v128.store(x, a3, 48);
  }
  for (; s + 2 <= nsubq; s += 2) {
    const base = centroids + ((<usize>s * KSUB) << 3);
    let a = f32x4.splat(0);
    for (let j = 0; j < n; j++) {
      const i = load<i32>(ids + (<usize>j << 2));
      a = f32x4.add(a, f32x4.mul(f32x4.splat(rowNorm(m, i)), centroidPair(base, codes + <usize>i * <usize>nsubq + <usize>s, 0)));
    }
    v128.store(hidden + (<usize>s << 3), a);
  }
  if (s < nsubq) {
    const c = centroids + ((<usize>s * KSUB) << 3);
    let a0: f32 = 0;
    let a1: f32 = 0;
    for (let j = 0; j < n; j++) {
      const i = load<i32>(ids + (<usize>j << 2));
      const alpha = rowNorm(m, i);
      const ci = c + (<usize>load<u8>(codes + <usize>i * <usize>nsubq + <usize>s) << 3);
      a0 += alpha * load<f32>(ci);
      a1 += alpha * load<f32>(ci, 4);
    }
    store<f32>(hidden + (<usize>s << 3), a0);
    store<f32>(hidden + (<usize>s << 3), a1, 4);
  }
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
