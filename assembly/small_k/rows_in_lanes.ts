// Small K (2..8): four rows at a time, one row per lane. Column k of the four rows is gathered into
// one vector, so max, exp and sum are plain vertical operations with every lane in use and no
// horizontal reductions or row tails; results are scattered back lane by lane.
// Same contracts as softmax.ts (y may equal x: each column is read before it is written).

import { expNonPositive4, logPositive4 } from "../inline/exp";
import { classWeightTotal } from "../inline/loss";

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

/** [v[l0], v[l1], v[l2], v[l3]]: each lane's own label column, from four label indices. */
// @ts-ignore: decorator
@inline function atLabels(x: usize, rowBytes: usize, l0: i32, l1: i32, l2: i32, l3: i32): v128 {
  let v = v128.load32_zero(x + (<usize>l0 << 2));
  v = v128.load32_lane(x + rowBytes + (<usize>l1 << 2), v, 1);
  v = v128.load32_lane(x + 2 * rowBytes + (<usize>l2 << 2), v, 2);
  return v128.load32_lane(x + 3 * rowBytes + (<usize>l3 << 2), v, 3);
}

/** Σ of the weighted row losses of the last crossEntropyLanes call (no multi-value returns). */
export let lanesLoss: f64 = 0;

/**
 * Fused cross-entropy of rows & ~3 rows of K (2..8) classes, four rows per pass; same definitions
 * and arguments as softmaxCrossEntropy in cross_entropy.ts. Losses are formed in f32 lanes
 * ((max − z_label) + log Σ, relative error ~1e-7) and summed in f64 into `lanesLoss`. Returns the
 * number of rows done.
 */
export function crossEntropyLanes_f32__simd128(
  z: usize, labels: usize, rows: i32, K: i32, classWeights: usize, sampleWeights: usize,
  smoothing: f32, gradScale: f32, lossOut: usize, gradOut: usize,
): i32 {
  const rowBytes = <usize>K << 2;
  const groups = rows >> 2;
  const eps = f32x4.splat(smoothing);
  const keep = f32x4.splat(1 - smoothing);
  const epsPerClass = f32x4.splat(smoothing / <f32>K);
  const cwSum = f32x4.splat(<f32>classWeightTotal(classWeights, K));
  const scale = f32x4.splat(gradScale);
  let total: f64 = 0;
  for (let g = 0; g < groups; g++) {
    const l0 = load<i32>(labels), l1 = load<i32>(labels, 4), l2 = load<i32>(labels, 8), l3 = load<i32>(labels, 12);
    const m = columnMax(z, rowBytes, K);
    const zLabel = atLabels(z, rowBytes, l0, l1, l2, l3);
    const cLabel = classWeights ? atLabels(classWeights, 0, l0, l1, l2, l3) : f32x4.splat(1);
    const w = sampleWeights ? v128.load(sampleWeights) : f32x4.splat(1);
    let gap = f32x4.splat(0);
    let s = f32x4.splat(0);
    for (let k = 0; k < K; k++) {
      const v = gather(z, rowBytes, k);
      if (smoothing > 0) {
        const c = classWeights ? v128.load32_splat(classWeights + (<usize>k << 2)) : f32x4.splat(1);
        gap = f32x4.add(gap, f32x4.mul(c, f32x4.sub(m, v)));
      }
      const e = expNonPositive4(f32x4.sub(v, m));
      if (gradOut) scatter(gradOut, rowBytes, k, e);
      s = f32x4.add(s, e);
    }
    const logS = logPositive4(s);
    let loss = f32x4.mul(f32x4.mul(keep, cLabel), f32x4.add(f32x4.sub(m, zLabel), logS));
    if (smoothing > 0) loss = f32x4.add(loss, f32x4.mul(epsPerClass, f32x4.add(gap, f32x4.mul(logS, cwSum))));
    loss = f32x4.mul(loss, w);
    if (lossOut) v128.store(lossOut, loss);
    total += <f64>f32x4.extract_lane(loss, 0) + <f64>f32x4.extract_lane(loss, 1) +
      <f64>f32x4.extract_lane(loss, 2) + <f64>f32x4.extract_lane(loss, 3);
    if (gradOut) {
      const c = f32x4.mul(w, scale);
      const A = f32x4.add(f32x4.mul(keep, cLabel), f32x4.mul(epsPerClass, cwSum));
      const a = f32x4.div(f32x4.mul(c, A), s);
      const b = f32x4.mul(c, epsPerClass);
      for (let k = 0; k < K; k++) {
        const cw = classWeights ? v128.load32_splat(classWeights + (<usize>k << 2)) : f32x4.splat(1);
        scatter(gradOut, rowBytes, k, f32x4.sub(f32x4.mul(gather(gradOut, rowBytes, k), a), f32x4.mul(cw, b)));
      }
      const share = f32x4.mul(f32x4.mul(c, keep), cLabel);
      const p0 = gradOut + (<usize>l0 << 2), p1 = gradOut + rowBytes + (<usize>l1 << 2);
      const p2 = gradOut + 2 * rowBytes + (<usize>l2 << 2), p3 = gradOut + 3 * rowBytes + (<usize>l3 << 2);
      store<f32>(p0, load<f32>(p0) - f32x4.extract_lane(share, 0));
      store<f32>(p1, load<f32>(p1) - f32x4.extract_lane(share, 1));
      store<f32>(p2, load<f32>(p2) - f32x4.extract_lane(share, 2));
      store<f32>(p3, load<f32>(p3) - f32x4.extract_lane(share, 3));
      gradOut += rowBytes << 2;
    }
    z += rowBytes << 2;
    labels += 16;
    if (sampleWeights) sampleWeights += 16;
    if (lossOut) lossOut += 16;
  }
  lanesLoss = total;
  return groups << 2;
}
