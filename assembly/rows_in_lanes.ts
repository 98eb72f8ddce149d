// Small K (2..8): four rows at a time, one row per lane. Column k of the four rows is gathered into
// one vector, so max, exp and sum are plain vertical operations with every lane in use and no
// horizontal reductions or row tails; results are scattered back lane by lane.
// Same contracts as softmax.ts (y may equal x: each column is read before it is written).

import { expNonPositive4, logPositive4 } from "./exp";

/** Lanes of column k of rows x, x + rowBytes, … (four rows). */
// @ts-ignore: decorator
@inline function gather(x: usize, rowBytes: usize, k: i32): v128 {
  const p = x + (<usize>k << 2);
  let v = v128.load32_zero(p);
  v = v128.load32_lane(p + rowBytes, v, 1);
  v = v128.load32_lane(p + 2 * rowBytes, v, 2);
  return v128.load32_lane(p + 3 * rowBytes, v, 3);
}

// @ts-ignore: decorator
@inline function scatter(y: usize, rowBytes: usize, k: i32, v: v128): void {
  const p = y + (<usize>k << 2);
  v128.store32_lane(p, v, 0);
  v128.store32_lane(p + rowBytes, v, 1);
  v128.store32_lane(p + 2 * rowBytes, v, 2);
  v128.store32_lane(p + 3 * rowBytes, v, 3);
}

// @ts-ignore: decorator
@inline function columnMax(x: usize, rowBytes: usize, K: i32): v128 {
  let m = gather(x, rowBytes, 0);
  for (let k = 1; k < K; k++) m = f32x4.pmax(m, gather(x, rowBytes, k));
  return m;
}

/** softmax of rows & ~3 rows of K (2..8) classes; returns how many rows it did. */
export function softmaxLanes_f32__simd128(x: usize, y: usize, rows: i32, K: i32): i32 {
  const rowBytes = <usize>K << 2;
  const groups = rows >> 2;
  for (let g = 0; g < groups; g++) {
    const m = columnMax(x, rowBytes, K);
    let s = f32x4.splat(0);
    for (let k = 0; k < K; k++) {
      const e = expNonPositive4(f32x4.sub(gather(x, rowBytes, k), m));
      scatter(y, rowBytes, k, e);
      s = f32x4.add(s, e);
    }
    const inv = f32x4.div(f32x4.splat(1), s);
    for (let k = 0; k < K; k++) scatter(y, rowBytes, k, f32x4.mul(gather(y, rowBytes, k), inv));
    x += rowBytes << 2;
    y += rowBytes << 2;
  }
  return groups << 2;
}

/** log-softmax, (x − max) − log Σ, of rows & ~3 rows of K (2..8) classes; returns the rows done. */
export function logSoftmaxLanes_f32__simd128(x: usize, y: usize, rows: i32, K: i32): i32 {
  const rowBytes = <usize>K << 2;
  const groups = rows >> 2;
  for (let g = 0; g < groups; g++) {
    const m = columnMax(x, rowBytes, K);
    let s = f32x4.splat(0);
    for (let k = 0; k < K; k++) s = f32x4.add(s, expNonPositive4(f32x4.sub(gather(x, rowBytes, k), m)));
    const l = logPositive4(s);
    for (let k = 0; k < K; k++) scatter(y, rowBytes, k, f32x4.sub(f32x4.sub(gather(x, rowBytes, k), m), l));
    x += rowBytes << 2;
    y += rowBytes << 2;
  }
  return groups << 2;
}
