// Row passes shared by softmax, log-softmax and cross-entropy: the three passes of a stable softmax
// (max; exp(x − max) with its sum; scale), for one row of K f32 at a time.
//
// Sums are carried in f64 (up to four f32 terms are added in f32 first, then widened), so a row's
// sum has ~1e-7 relative error even at K = 100000 where a plain f32 sum drifts to ~5e-6.
// Reads may run up to 12 bytes past a row (see lanes.ts); writes never do, so in-place use is safe.

import { expNonPositive, expNonPositive4 } from "./exp";
import { laneMask, maxLanes, addWide, sumWide, storeLanes } from "./lanes";

// ---- SIMD ----

/** Max of a row. A NaN may be skipped here; it still reaches the output through exp. */
// @ts-ignore: decorator
@inline export function rowMax_f32__simd128(x: usize, K: i32): f32 {
  let m0 = f32x4.splat(-Infinity);
  let m1 = m0;
  let j = 0;
  for (; j + 8 <= K; j += 8) {
    const p = x + (<usize>j << 2);
    m0 = f32x4.pmax(m0, v128.load(p));
    m1 = f32x4.pmax(m1, v128.load(p, 16));
  }
  if (j + 4 <= K) {
    m0 = f32x4.pmax(m0, v128.load(x + (<usize>j << 2)));
    j += 4;
  }
  if (j < K) {
    const v = v128.load(x + (<usize>j << 2));
    m1 = f32x4.pmax(m1, v128.bitselect(v, f32x4.splat(-Infinity), laneMask(K - j)));
  }
  return maxLanes(f32x4.pmax(m0, m1));
}

/** Σ exp(x − m) over a row; when y != 0 also writes each exp(x − m) to y (which may equal x). */
// @ts-ignore: decorator
@inline export function rowExpSum_f32__simd128(x: usize, y: usize, K: i32, m: f32): f64 {
  const mv = f32x4.splat(m);
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 16 <= K; j += 16) {
    const o = <usize>j << 2;
    const e0 = expNonPositive4(f32x4.sub(v128.load(x + o), mv));
    const e1 = expNonPositive4(f32x4.sub(v128.load(x + o, 16), mv));
    const e2 = expNonPositive4(f32x4.sub(v128.load(x + o, 32), mv));
    const e3 = expNonPositive4(f32x4.sub(v128.load(x + o, 48), mv));
    if (y) {
      v128.store(y + o, e0);
      v128.store(y + o, e1, 16);
      v128.store(y + o, e2, 32);
      v128.store(y + o, e3, 48);
    }
    acc = addWide(acc, f32x4.add(f32x4.add(e0, e1), f32x4.add(e2, e3)));
  }
  for (; j + 8 <= K; j += 8) {
    const o = <usize>j << 2;
    const e0 = expNonPositive4(f32x4.sub(v128.load(x + o), mv));
    const e1 = expNonPositive4(f32x4.sub(v128.load(x + o, 16), mv));
    if (y) {
      v128.store(y + o, e0);
      v128.store(y + o, e1, 16);
    }
    acc = addWide(acc, f32x4.add(e0, e1));
  }
  if (j + 4 <= K) {
    const o = <usize>j << 2;
    const e = expNonPositive4(f32x4.sub(v128.load(x + o), mv));
    if (y) v128.store(y + o, e);
    acc = addWide(acc, e);
    j += 4;
  }
  if (j < K) {
    const o = <usize>j << 2;
    const e = v128.and(expNonPositive4(f32x4.sub(v128.load(x + o), mv)), laneMask(K - j));
    if (y) storeLanes(y + o, e, K - j);
    acc = addWide(acc, e);
  }
  return sumWide(acc);
}

/** y[j] = x[j] · a − b · (w ? w[j] : 1) over a row (y may equal x). */
// @ts-ignore: decorator
@inline export function rowAffine_f32__simd128(x: usize, y: usize, w: usize, K: i32, a: f32, b: f32): void {
  const av = f32x4.splat(a);
  const bv = f32x4.splat(b);
  let j = 0;
  for (; j + 4 <= K; j += 4) {
    const o = <usize>j << 2;
    const wb = w ? f32x4.mul(v128.load(w + o), bv) : bv;
    v128.store(y + o, f32x4.sub(f32x4.mul(v128.load(x + o), av), wb));
  }
  if (j < K) {
    const o = <usize>j << 2;
    const wb = w ? f32x4.mul(v128.load(w + o), bv) : bv;
    storeLanes(y + o, f32x4.sub(f32x4.mul(v128.load(x + o), av), wb), K - j);
  }
}

/** y[j] = (x[j] − m) − c over a row (y may equal x). */
// @ts-ignore: decorator
@inline export function rowShift_f32__simd128(x: usize, y: usize, K: i32, m: f32, c: f32): void {
  const mv = f32x4.splat(m);
  const cv = f32x4.splat(c);
  let j = 0;
  for (; j + 4 <= K; j += 4) {
    const o = <usize>j << 2;
    v128.store(y + o, f32x4.sub(f32x4.sub(v128.load(x + o), mv), cv));
  }
  if (j < K) {
    const o = <usize>j << 2;
    storeLanes(y + o, f32x4.sub(f32x4.sub(v128.load(x + o), mv), cv), K - j);
  }
}

/** Σ (w ? w[j] : 1) · (m − x[j]) over a row, in f64; every term is >= 0 when m is the row max. */
// @ts-ignore: decorator
@inline export function rowGapSum_f32__simd128(x: usize, w: usize, K: i32, m: f32): f64 {
  const mv = f32x4.splat(m);
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= K; j += 4) {
    const o = <usize>j << 2;
    let g = f32x4.sub(mv, v128.load(x + o));
    if (w) g = f32x4.mul(g, v128.load(w + o));
    acc = addWide(acc, g);
  }
  if (j < K) {
    const o = <usize>j << 2;
    let g = f32x4.sub(mv, v128.load(x + o));
    if (w) g = f32x4.mul(g, v128.load(w + o));
    acc = addWide(acc, v128.and(g, laneMask(K - j)));
  }
  return sumWide(acc);
}

// ---- scalar twins: same contracts ----

// @ts-ignore: decorator
@inline export function rowMax_f32__scalar(x: usize, K: i32): f32 {
  let m: f32 = -Infinity;
  for (let j = 0; j < K; j++) {
    const v = load<f32>(x + (<usize>j << 2));
    if (v > m) m = v;
  }
  return m;
}

// @ts-ignore: decorator
@inline export function rowExpSum_f32__scalar(x: usize, y: usize, K: i32, m: f32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < K; j++) {
    const o = <usize>j << 2;
    const e = expNonPositive(load<f32>(x + o) - m);
    if (y) store<f32>(y + o, e);
    s += e;
  }
  return s;
}

// @ts-ignore: decorator
@inline export function rowAffine_f32__scalar(x: usize, y: usize, w: usize, K: i32, a: f32, b: f32): void {
  for (let j = 0; j < K; j++) {
    const o = <usize>j << 2;
    const wb = w ? load<f32>(w + o) * b : b;
    store<f32>(y + o, load<f32>(x + o) * a - wb);
  }
}

// @ts-ignore: decorator
@inline export function rowShift_f32__scalar(x: usize, y: usize, K: i32, m: f32, c: f32): void {
  for (let j = 0; j < K; j++) {
    const o = <usize>j << 2;
    store<f32>(y + o, (load<f32>(x + o) - m) - c);
  }
}

// @ts-ignore: decorator
@inline export function rowGapSum_f32__scalar(x: usize, w: usize, K: i32, m: f32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < K; j++) {
    const o = <usize>j << 2;
    let g = m - load<f32>(x + o);
    if (w) g *= load<f32>(w + o);
    s += g;
  }
  return s;
}

// ---- the build's choice: SIMD twins when compiled with --enable simd, scalar otherwise ----

// @ts-ignore: decorator
@inline export function rowMax(x: usize, K: i32): f32 {
  if (ASC_FEATURE_SIMD) return rowMax_f32__simd128(x, K);
  else return rowMax_f32__scalar(x, K);
}

// @ts-ignore: decorator
@inline export function rowExpSum(x: usize, y: usize, K: i32, m: f32): f64 {
  if (ASC_FEATURE_SIMD) return rowExpSum_f32__simd128(x, y, K, m);
  else return rowExpSum_f32__scalar(x, y, K, m);
}

// @ts-ignore: decorator
@inline export function rowAffine(x: usize, y: usize, w: usize, K: i32, a: f32, b: f32): void {
  if (ASC_FEATURE_SIMD) rowAffine_f32__simd128(x, y, w, K, a, b);
  else rowAffine_f32__scalar(x, y, w, K, a, b);
}

// @ts-ignore: decorator
@inline export function rowShift(x: usize, y: usize, K: i32, m: f32, c: f32): void {
  if (ASC_FEATURE_SIMD) rowShift_f32__simd128(x, y, K, m, c);
  else rowShift_f32__scalar(x, y, K, m, c);
}

// @ts-ignore: decorator
@inline export function rowGapSum(x: usize, w: usize, K: i32, m: f32): f64 {
  if (ASC_FEATURE_SIMD) return rowGapSum_f32__simd128(x, w, K, m);
  else return rowGapSum_f32__scalar(x, w, K, m);
}
