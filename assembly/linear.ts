// The training products of a linear layer with W stored class-major (K × D, like PyTorch's Linear):
//   forward   Y = X·Wᵀ + b          X: B × D, W: K × D, b: K (or 0), Y: B × K
//   backward  dW = Gᵀ·X, db = Σ_rows G   G: B × K  (or += into dW, db when accumulating)
// All row-major f32. Both products vectorise along D, so no padding is needed at small K.
// Rows are processed in blocks sized to keep a block of X in cache while every class sweeps it.
// Class and feature tails reuse the 4-wide micro-kernels with clamped pointers and masked lanes;
// nothing is written outside the outputs.

import { laneMask, sumLanes4, storeLanes } from "./inline/lanes";
import { madd } from "./inline/madd";

/** Rows per block: about 32 KiB of X (forward) or 64 KiB (backward), at least 2. */
// @ts-ignore: decorator
@inline function rowBlock(D: i32, bytes: i32): i32 {
  return max(2, min(256, bytes / (D << 2))) & ~1;
}

// ---- SIMD ----

/** acc + a·b (fused in the relaxed-SIMD build). */
// @ts-ignore: decorator
@inline function fma(acc: v128, a: v128, b: v128): v128 {
  return madd(a, b, acc);
}

/**
 * Dot products of x rows xa (and xb when two) with w rows w0..w3 over D floats; adds bias and stores
 * t (1..4) outputs at ya (and yb).
 */
// @ts-ignore: decorator
@inline function dots_f32__simd128(
  two: bool, xa: usize, xb: usize, w0: usize, w1: usize, w2: usize, w3: usize,
  D: i32, bias: v128, ya: usize, yb: usize, t: i32
): void {
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  const end = <usize>(D & ~3) << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const x0 = v128.load(xa + o);
    const v0 = v128.load(w0 + o), v1 = v128.load(w1 + o), v2 = v128.load(w2 + o), v3 = v128.load(w3 + o);
    a0 = fma(a0, x0, v0); a1 = fma(a1, x0, v1); a2 = fma(a2, x0, v2); a3 = fma(a3, x0, v3);
    if (two) {
      const x1 = v128.load(xb + o);
      b0 = fma(b0, x1, v0); b1 = fma(b1, x1, v1); b2 = fma(b2, x1, v2); b3 = fma(b3, x1, v3);
    }
  }
  if (D & 3) {
    // Both operands are masked: lanes past the row may hold anything, even Infinity or NaN.
    const mask = laneMask(D & 3);
    const x0 = v128.and(v128.load(xa + end), mask);
    const v0 = v128.and(v128.load(w0 + end), mask), v1 = v128.and(v128.load(w1 + end), mask);
    const v2 = v128.and(v128.load(w2 + end), mask), v3 = v128.and(v128.load(w3 + end), mask);
    a0 = fma(a0, x0, v0); a1 = fma(a1, x0, v1); a2 = fma(a2, x0, v2); a3 = fma(a3, x0, v3);
    if (two) {
      const x1 = v128.and(v128.load(xb + end), mask);
      b0 = fma(b0, x1, v0); b1 = fma(b1, x1, v1); b2 = fma(b2, x1, v2); b3 = fma(b3, x1, v3);
    }
  }
  const ra = f32x4.add(sumLanes4(a0, a1, a2, a3), bias);
  if (t == 4) v128.store(ya, ra); else storeLanes(ya, ra, t);
  if (two) {
    const rb = f32x4.add(sumLanes4(b0, b1, b2, b3), bias);
    if (t == 4) v128.store(yb, rb); else storeLanes(yb, rb, t);
  }
}

export function linear_f32__simd128(x: usize, w: usize, b: usize, y: usize, B: i32, D: i32, K: i32): void {
  const xRow = <usize>D << 2;
  const yRow = <usize>K << 2;
  const block = rowBlock(D, 32768);
  for (let i0 = 0; i0 < B; i0 += block) {
    const iEnd = min(i0 + block, B);
    for (let k = 0; k < K; k += 4) {
      const t = min(4, K - k);
      // Classes past K repeat the last class; their outputs are not stored.
      const w0 = w + <usize>k * xRow;
      const w1 = w + <usize>min(k + 1, K - 1) * xRow;
      const w2 = w + <usize>min(k + 2, K - 1) * xRow;
      const w3 = w + <usize>min(k + 3, K - 1) * xRow;
      const bias = b ? v128.and(v128.load(b + (<usize>k << 2)), laneMask(t)) : f32x4.splat(0);
      let i = i0;
      for (; i + 2 <= iEnd; i += 2) {
        const xa = x + <usize>i * xRow;
        const ya = y + <usize>i * yRow + (<usize>k << 2);
        dots_f32__simd128(true, xa, xa + xRow, w0, w1, w2, w3, D, bias, ya, ya + yRow, t);
      }
      if (i < iEnd) {
        const ya = y + <usize>i * yRow + (<usize>k << 2);
        dots_f32__simd128(false, x + <usize>i * xRow, 0, w0, w1, w2, w3, D, bias, ya, 0, t);
      }
    }
  }
}

/**
 * Adds Σ_i G[i, k..k+3] · X[i, o/4 .. o/4 + 4·wide) for rows i0..iEnd into the four dW rows d0..d3
 * at byte offset o. G columns past K were clamped by the caller; only the first t rows and the first
 * n lanes of the last vector are stored.
 */
// @ts-ignore: decorator
@inline function gradColumns_f32__simd128(
  wide: bool, x: usize, g: usize, xRow: usize, gRow: usize, i0: i32, iEnd: i32,
  g0: usize, g1: usize, g2: usize, g3: usize, d0: usize, o: usize, t: i32, n: i32
): void {
  // Rows past K alias row k: loaded, never stored.
  const d1 = t > 1 ? d0 + xRow : d0, d2 = t > 2 ? d1 + xRow : d0, d3 = t > 3 ? d2 + xRow : d0;
  let a0 = v128.load(d0 + o), a1 = v128.load(d1 + o), a2 = v128.load(d2 + o), a3 = v128.load(d3 + o);
  let c0 = a0, c1 = a0, c2 = a0, c3 = a0;
  if (wide) {
    c0 = v128.load(d0 + o, 16); c1 = v128.load(d1 + o, 16); c2 = v128.load(d2 + o, 16); c3 = v128.load(d3 + o, 16);
  }
  for (let i = i0; i < iEnd; i++) {
    const xp = x + <usize>i * xRow + o;
    const gp = g + <usize>i * gRow;
    const s0 = v128.load32_splat(gp + g0), s1 = v128.load32_splat(gp + g1);
    const s2 = v128.load32_splat(gp + g2), s3 = v128.load32_splat(gp + g3);
    const xv = v128.load(xp);
    a0 = fma(a0, xv, s0); a1 = fma(a1, xv, s1); a2 = fma(a2, xv, s2); a3 = fma(a3, xv, s3);
    if (wide) {
      const xw = v128.load(xp, 16);
      c0 = fma(c0, xw, s0); c1 = fma(c1, xw, s1); c2 = fma(c2, xw, s2); c3 = fma(c3, xw, s3);
    }
  }
  storeLanes4(d0 + o, a0, n);
  if (t > 1) storeLanes4(d1 + o, a1, n);
  if (t > 2) storeLanes4(d2 + o, a2, n);
  if (t > 3) storeLanes4(d3 + o, a3, n);
  if (wide) {
    v128.store(d0 + o, c0, 16);
    if (t > 1) v128.store(d1 + o, c1, 16);
    if (t > 2) v128.store(d2 + o, c2, 16);
    if (t > 3) v128.store(d3 + o, c3, 16);
  }
}

/**
 * The same for one or two classes (rows d0 and d1 of dW; d1 = d0 when only one), sixteen features
 * per step so the eight accumulators stay busy when fewer than four classes are left.
 */
// @ts-ignore: decorator
@inline function gradColumnsPair_f32__simd128(
  x: usize, g: usize, xRow: usize, gRow: usize, i0: i32, iEnd: i32,
  g0: usize, g1: usize, d0: usize, d1: usize, o: usize,
): void {
  let a0 = v128.load(d0 + o), a1 = v128.load(d0 + o, 16), a2 = v128.load(d0 + o, 32), a3 = v128.load(d0 + o, 48);
  let b0 = v128.load(d1 + o), b1 = v128.load(d1 + o, 16), b2 = v128.load(d1 + o, 32), b3 = v128.load(d1 + o, 48);
  for (let i = i0; i < iEnd; i++) {
    const xp = x + <usize>i * xRow + o;
    const gp = g + <usize>i * gRow;
    const s0 = v128.load32_splat(gp + g0), s1 = v128.load32_splat(gp + g1);
    const x0 = v128.load(xp), x1 = v128.load(xp, 16), x2 = v128.load(xp, 32), x3 = v128.load(xp, 48);
    a0 = fma(a0, x0, s0); a1 = fma(a1, x1, s0); a2 = fma(a2, x2, s0); a3 = fma(a3, x3, s0);
    b0 = fma(b0, x0, s1); b1 = fma(b1, x1, s1); b2 = fma(b2, x2, s1); b3 = fma(b3, x3, s1);
  }
  // Row d1 first: when d1 aliases d0 the second store wins with the same sums.
  v128.store(d1 + o, b0); v128.store(d1 + o, b1, 16); v128.store(d1 + o, b2, 32); v128.store(d1 + o, b3, 48);
  v128.store(d0 + o, a0); v128.store(d0 + o, a1, 16); v128.store(d0 + o, a2, 32); v128.store(d0 + o, a3, 48);
}

export function linearWeightGrad_f32__simd128(g: usize, x: usize, dw: usize, B: i32, D: i32, K: i32, accumulate: bool): void {
  const xRow = <usize>D << 2;
  const gRow = <usize>K << 2;
  if (!accumulate) memory.fill(dw, 0, <usize>K * xRow);
  const block = rowBlock(D, 65536);
  const end8 = <usize>(D & ~7) << 2;
  const end16 = <usize>(D & ~15) << 2;
  for (let i0 = 0; i0 < B; i0 += block) {
    const iEnd = min(i0 + block, B);
    for (let k = 0; k < K; k += 4) {
      const t = min(4, K - k);
      // Columns of G past K repeat the last class; their sums are not stored.
      const g0 = <usize>k << 2;
      const g1 = <usize>min(k + 1, K - 1) << 2;
      const g2 = <usize>min(k + 2, K - 1) << 2;
      const g3 = <usize>min(k + 3, K - 1) << 2;
      const d0 = dw + <usize>k * xRow;
      let o: usize = 0;
      if (t <= 2) {
        const d1 = t == 2 ? d0 + xRow : d0;
        for (; o < end16; o += 64) gradColumnsPair_f32__simd128(x, g, xRow, gRow, i0, iEnd, g0, g1, d0, d1, o);
      }
      for (; o < end8; o += 32) gradColumns_f32__simd128(true, x, g, xRow, gRow, i0, iEnd, g0, g1, g2, g3, d0, o, t, 4);
      for (; o < xRow; o += 16) {
        const n = min(4, <i32>(xRow - o) >> 2);
        gradColumns_f32__simd128(false, x, g, xRow, gRow, i0, iEnd, g0, g1, g2, g3, d0, o, t, n);
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeLanes4(p: usize, v: v128, n: i32): void {
  if (n == 4) v128.store(p, v); else storeLanes(p, v, n);
}

export function biasGrad_f32__simd128(g: usize, db: usize, B: i32, K: i32, accumulate: bool): void {
  const gRow = <usize>K << 2;
  for (let k = 0; k < K; k += 4) {
    const o = <usize>k << 2;
    let acc = accumulate ? v128.load(db + o) : f32x4.splat(0);
    for (let i = 0; i < B; i++) acc = f32x4.add(acc, v128.load(g + <usize>i * gRow + o));
    storeLanes4(db + o, acc, min(4, K - k));
  }
}

// ---- scalar twins: same signatures and contracts ----

export function linear_f32__scalar(x: usize, w: usize, b: usize, y: usize, B: i32, D: i32, K: i32): void {
  const xRow = <usize>D << 2;
  for (let i = 0; i < B; i++) {
    const xi = x + <usize>i * xRow;
    for (let k = 0; k < K; k++) {
      const wk = w + <usize>k * xRow;
      let s: f32 = b ? load<f32>(b + (<usize>k << 2)) : 0;
      let acc: f32 = 0;
      for (let o: usize = 0; o < xRow; o += 4) acc += load<f32>(xi + o) * load<f32>(wk + o);
      store<f32>(y + ((<usize>i * <usize>K + <usize>k) << 2), s + acc);
    }
  }
}

export function linearWeightGrad_f32__scalar(g: usize, x: usize, dw: usize, B: i32, D: i32, K: i32, accumulate: bool): void {
  const xRow = <usize>D << 2;
  if (!accumulate) memory.fill(dw, 0, <usize>K * xRow);
  for (let i = 0; i < B; i++) {
    const xi = x + <usize>i * xRow;
    for (let k = 0; k < K; k++) {
      const gik = load<f32>(g + ((<usize>i * <usize>K + <usize>k) << 2));
      const dk = dw + <usize>k * xRow;
      for (let o: usize = 0; o < xRow; o += 4) store<f32>(dk + o, load<f32>(dk + o) + gik * load<f32>(xi + o));
    }
  }
}

export function biasGrad_f32__scalar(g: usize, db: usize, B: i32, K: i32, accumulate: bool): void {
  for (let k = 0; k < K; k++) {
    let s: f32 = accumulate ? load<f32>(db + (<usize>k << 2)) : 0;
    for (let i = 0; i < B; i++) s += load<f32>(g + ((<usize>i * <usize>K + <usize>k) << 2));
    store<f32>(db + (<usize>k << 2), s);
  }
}

// ---- input gradient dX = G·W (both builds: the loop vectorises along D) ----

/**
 * dx = g·w: g B × K, w K × D, dx B × D. Two rows at a time (each w vector loaded once serves both),
 * four classes at a time, along D in vectors with a scalar tail (writes stay inside dx). Every output
 * element sums its terms in the same order as a one-row pass: dx[i] = ((0 + g0·w0) + g1·w1) + …
 */
function linearInputGrad_f32(g: usize, w: usize, dx: usize, B: i32, D: i32, K: i32): void {
  const rowBytes = <usize>D << 2;
  const gRowBytes = <usize>K << 2;
  let i = 0;
  for (; i + 2 <= B; i += 2) inputGradRows(g + <usize>i * gRowBytes, w, dx + <usize>i * rowBytes, D, K, true);
  if (i < B) inputGradRows(g + <usize>i * gRowBytes, w, dx + <usize>i * rowBytes, D, K, false);
}

/** dx rows i (and i + 1 when two) of dX = G·W; ga points at g's row i, outA at dx's row i. */
// @ts-ignore: decorator
@inline function inputGradRows(ga: usize, w: usize, outA: usize, D: i32, K: i32, two: bool): void {
  const rowBytes = <usize>D << 2;
  const gb = ga + (<usize>K << 2);
  const outB = outA + rowBytes;
  const vecEnd = ASC_FEATURE_SIMD ? <usize>(D & ~3) << 2 : 0;
  memory.fill(outA, 0, two ? rowBytes << 1 : rowBytes);
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const kb = <usize>k << 2;
    const a0 = load<f32>(ga + kb), a1 = load<f32>(ga + kb + 4), a2 = load<f32>(ga + kb + 8), a3 = load<f32>(ga + kb + 12);
    const b0 = two ? load<f32>(gb + kb) : 0, b1 = two ? load<f32>(gb + kb + 4) : 0;
    const b2 = two ? load<f32>(gb + kb + 8) : 0, b3 = two ? load<f32>(gb + kb + 12) : 0;
    const w0 = w + <usize>k * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      const va0 = f32x4.splat(a0), va1 = f32x4.splat(a1), va2 = f32x4.splat(a2), va3 = f32x4.splat(a3);
      const vb0 = f32x4.splat(b0), vb1 = f32x4.splat(b1), vb2 = f32x4.splat(b2), vb3 = f32x4.splat(b3);
      for (; o < vecEnd; o += 16) {
        const x0 = v128.load(w0 + o), x1 = v128.load(w1 + o), x2 = v128.load(w2 + o), x3 = v128.load(w3 + o);
        v128.store(outA + o, fma(fma(fma(fma(v128.load(outA + o), va0, x0), va1, x1), va2, x2), va3, x3));
        if (two) v128.store(outB + o, fma(fma(fma(fma(v128.load(outB + o), vb0, x0), vb1, x1), vb2, x2), vb3, x3));
      }
    }
    for (; o < rowBytes; o += 4) {
      const x0 = load<f32>(w0 + o), x1 = load<f32>(w1 + o), x2 = load<f32>(w2 + o), x3 = load<f32>(w3 + o);
      store<f32>(outA + o, load<f32>(outA + o) + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
      if (two) store<f32>(outB + o, load<f32>(outB + o) + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3);
    }
  }
  for (; k < K; k++) {
    const ak = load<f32>(ga + (<usize>k << 2));
    const bk = two ? load<f32>(gb + (<usize>k << 2)) : 0;
    const wk = w + <usize>k * rowBytes;
    let o: usize = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f32x4.splat(ak), vb = f32x4.splat(bk);
      for (; o < vecEnd; o += 16) {
        const x = v128.load(wk + o);
        v128.store(outA + o, fma(v128.load(outA + o), va, x));
        if (two) v128.store(outB + o, fma(v128.load(outB + o), vb, x));
      }
    }
    for (; o < rowBytes; o += 4) {
      const x = load<f32>(wk + o);
      store<f32>(outA + o, load<f32>(outA + o) + ak * x);
      if (two) store<f32>(outB + o, load<f32>(outB + o) + bk * x);
    }
  }
}

// ---- exports: the build picks its twin ----

/** y = x·wᵀ + b: x B × D, w K × D, b K f32 or 0 for none, y B × K. */
export function linear(x: usize, w: usize, b: usize, y: usize, B: i32, D: i32, K: i32): void {
  if (ASC_FEATURE_SIMD) linear_f32__simd128(x, w, b, y, B, D, K);
  else linear_f32__scalar(x, w, b, y, B, D, K);
}

/** dw = gᵀ·x, or dw += gᵀ·x when accumulate: g B × K, x B × D, dw K × D. */
export function linearWeightGrad(g: usize, x: usize, dw: usize, B: i32, D: i32, K: i32, accumulate: bool): void {
  if (ASC_FEATURE_SIMD) linearWeightGrad_f32__simd128(g, x, dw, B, D, K, accumulate);
  else linearWeightGrad_f32__scalar(g, x, dw, B, D, K, accumulate);
}

/** db = column sums of g, or db += them when accumulate: g B × K, db K. */
export function biasGrad(g: usize, db: usize, B: i32, K: i32, accumulate: bool): void {
  if (ASC_FEATURE_SIMD) biasGrad_f32__simd128(g, db, B, K, accumulate);
  else biasGrad_f32__scalar(g, db, B, K, accumulate);
}

/** dx = g·w: g B × K, w K × D (class-major, as linear's w), dx B × D. */
export function linearInputGrad(g: usize, w: usize, dx: usize, B: i32, D: i32, K: i32): void {
  linearInputGrad_f32(g, w, dx, B, D, K);
}
