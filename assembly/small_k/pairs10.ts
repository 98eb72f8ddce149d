// K = 10, the most common class count, two rows at a time: 20 floats are exactly five vectors, so
// both rows stay in registers and no lane is wasted on a row tail.
//
//   v0 v1 = row a[0..8)   v2 = [a8 a9 b0 b1]   v3 v4 = row b[2..10)
//
// Row maxima and sums are reduced "segmented": lanes 0–1 of every combined vector belong to row a,
// lanes 2–3 to row b, so v2 lines up with them and one more swap finishes both rows at once.
// Sums of 10 terms are carried in f32 (relative error <= 9·2^-24 ≈ 5.4e-7).

import { expNonPositive4, logPositive4 } from "../inline/exp";
import { rowLoss, classWeightTotal, gradScaleExp, gradShift, gradLabel } from "../inline/loss";

/** [max or sum of row a, same, of row b, same] from a's vectors (a0, a1), b's (b0, b1) and v2. */
// @ts-ignore: decorator
@inline function segmentedMax(a: v128, b: v128, mid: v128): v128 {
  let m = f32x4.pmax(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  m = f32x4.pmax(m, mid);
  return f32x4.pmax(m, v128.shuffle<f32>(m, m, 1, 0, 3, 2));
}

// @ts-ignore: decorator
@inline function segmentedSum(a: v128, b: v128, mid: v128): v128 {
  let s = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  s = f32x4.add(s, mid);
  return f32x4.add(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2));
}

/** Lane 0 (row a) and lane 2 (row b) of a segmented result, each broadcast. */
// @ts-ignore: decorator
@inline function rowA(v: v128): v128 {
  return v128.shuffle<f32>(v, v, 0, 0, 0, 0);
}
// @ts-ignore: decorator
@inline function rowB(v: v128): v128 {
  return v128.shuffle<f32>(v, v, 2, 2, 2, 2);
}

/** Segmented maxima [ma, ma, mb, mb] of the pair of rows at x. */
// @ts-ignore: decorator
@inline function pairMax(x: usize): v128 {
  const v0 = v128.load(x), v1 = v128.load(x, 16), v2 = v128.load(x, 32), v3 = v128.load(x, 48), v4 = v128.load(x, 64);
  return segmentedMax(f32x4.pmax(v0, v1), f32x4.pmax(v3, v4), v2);
}

/** Segmented sums of exp(x − m) for the pair at x; the exps are also stored to y unless y is 0. */
// @ts-ignore: decorator
@inline function pairExpSum(x: usize, y: usize, m: v128): v128 {
  const e0 = expNonPositive4(f32x4.sub(v128.load(x), rowA(m)));
  const e1 = expNonPositive4(f32x4.sub(v128.load(x, 16), rowA(m)));
  const e2 = expNonPositive4(f32x4.sub(v128.load(x, 32), m));
  const e3 = expNonPositive4(f32x4.sub(v128.load(x, 48), rowB(m)));
  const e4 = expNonPositive4(f32x4.sub(v128.load(x, 64), rowB(m)));
  if (y) {
    v128.store(y, e0); v128.store(y, e1, 16); v128.store(y, e2, 32); v128.store(y, e3, 48); v128.store(y, e4, 64);
  }
  return segmentedSum(f32x4.add(e0, e1), f32x4.add(e3, e4), e2);
}

/** y = x·a − b·w for the pair, with a and b segmented ([row a, row a, row b, row b]) and w0..w4 the
 * class weights laid out like the pair (or all ones). */
// @ts-ignore: decorator
@inline function pairAffine(
  x: usize, y: usize, a: v128, b: v128, w0: v128, w1: v128, w2: v128, w3: v128, w4: v128,
): void {
  const aa = rowA(a), ab = rowB(a), ba = rowA(b), bb = rowB(b);
  v128.store(y, f32x4.sub(f32x4.mul(v128.load(x), aa), f32x4.mul(w0, ba)));
  v128.store(y, f32x4.sub(f32x4.mul(v128.load(x, 16), aa), f32x4.mul(w1, ba)), 16);
  v128.store(y, f32x4.sub(f32x4.mul(v128.load(x, 32), a), f32x4.mul(w2, b)), 32);
  v128.store(y, f32x4.sub(f32x4.mul(v128.load(x, 48), ab), f32x4.mul(w3, bb)), 48);
  v128.store(y, f32x4.sub(f32x4.mul(v128.load(x, 64), ab), f32x4.mul(w4, bb)), 64);
}

/** Two segmented scalars as a vector: [a, a, b, b]. */
// @ts-ignore: decorator
@inline function pairOf(a: f32, b: f32): v128 {
  return f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(a), 2, b), 3, b);
}

/** softmax of rows & ~1 rows of 10 classes, two at a time (y may equal x); returns the rows done. */
export function softmaxPairs10_f32__simd128(x: usize, y: usize, rows: i32): i32 {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  const pairs = rows >> 1;
  for (let i = 0; i < pairs; i++) {
    const inv = f32x4.div(one, pairExpSum(x, y, pairMax(x)));
    pairAffine(y, y, inv, zero, one, one, one, one, one);
    x += 80;
    y += 80;
  }
  return pairs << 1;
}

/** log-softmax, (x − max) − log Σ, of rows & ~1 rows of 10 classes (y may equal x); returns the rows done. */
export function logSoftmaxPairs10_f32__simd128(x: usize, y: usize, rows: i32): i32 {
  const pairs = rows >> 1;
  for (let i = 0; i < pairs; i++) {
    const m = pairMax(x);
    const s = pairExpSum(x, 0, m);
    const l = logPositive4(s);
    const ma = rowA(m), mb = rowB(m), la = rowA(l), lb = rowB(l);
    v128.store(y, f32x4.sub(f32x4.sub(v128.load(x), ma), la));
    v128.store(y, f32x4.sub(f32x4.sub(v128.load(x, 16), ma), la), 16);
    v128.store(y, f32x4.sub(f32x4.sub(v128.load(x, 32), m), l), 32);
    v128.store(y, f32x4.sub(f32x4.sub(v128.load(x, 48), mb), lb), 48);
    v128.store(y, f32x4.sub(f32x4.sub(v128.load(x, 64), mb), lb), 64);
    x += 80;
    y += 80;
  }
  return pairs << 1;
}

/**
 * Fused cross-entropy for `pairs` pairs of 10-class rows; same contract and numerics as
 * softmaxCrossEntropy in cross_entropy.ts. Returns the sum of the weighted row losses.
 */
export function crossEntropyPairs10_f32__simd128(
  z: usize, labels: usize, pairs: i32, classWeights: usize, sampleWeights: usize,
  smoothing: f32, gradScale: f32, lossOut: usize, gradOut: usize,
): f64 {
  // Class weights laid out like a pair's vectors: [c0..3] [c4..7] [c8 c9 c0 c1] [c2..5] [c6..9].
  const one = f32x4.splat(1);
  const c = classWeights;
  const w0 = c ? v128.load(c) : one;
  const w1 = c ? v128.load(c, 16) : one;
  const w2 = c ? v128.shuffle<f32>(v128.load(c, 32), v128.load(c), 0, 1, 4, 5) : one;
  const w3 = c ? v128.load(c, 8) : one;
  const w4 = c ? v128.load(c, 24) : one;
  const eps = <f64>smoothing;
  const epsPerClass = eps / 10;
  const classWeightSum = classWeightTotal(c, 10);
  let total: f64 = 0;
  for (let i = 0; i < pairs; i++) {
    const m = pairMax(z);
    let gaps = f32x4.splat(0);
    if (smoothing > 0) {
      const g0 = f32x4.mul(f32x4.sub(rowA(m), v128.load(z)), w0);
      const g1 = f32x4.mul(f32x4.sub(rowA(m), v128.load(z, 16)), w1);
      const g2 = f32x4.mul(f32x4.sub(m, v128.load(z, 32)), w2);
      const g3 = f32x4.mul(f32x4.sub(rowB(m), v128.load(z, 48)), w3);
      const g4 = f32x4.mul(f32x4.sub(rowB(m), v128.load(z, 64)), w4);
      gaps = segmentedSum(f32x4.add(g0, g1), f32x4.add(g3, g4), g2);
    }
    const la = load<i32>(labels), lb = load<i32>(labels, 4);
    const za = load<f32>(z + (<usize>la << 2)), zb = load<f32>(z + 40 + (<usize>lb << 2));
    const s = pairExpSum(z, gradOut, m);
    const logS = logPositive4(s);

    const lossA = rowLoss(
      f32x4.extract_lane(s, 0), f32x4.extract_lane(logS, 0), f32x4.extract_lane(m, 0), za, f32x4.extract_lane(gaps, 0),
      c ? load<f32>(c + (<usize>la << 2)) : 1, sampleWeights ? load<f32>(sampleWeights) : 1,
      eps, epsPerClass, classWeightSum, gradScale,
    );
    const scaleA = gradScaleExp, shiftA = gradShift, labelA = gradLabel;
    const lossB = rowLoss(
      f32x4.extract_lane(s, 2), f32x4.extract_lane(logS, 2), f32x4.extract_lane(m, 2), zb, f32x4.extract_lane(gaps, 2),
      c ? load<f32>(c + (<usize>lb << 2)) : 1, sampleWeights ? load<f32>(sampleWeights, 4) : 1,
      eps, epsPerClass, classWeightSum, gradScale,
    );
    if (lossOut) {
      store<f32>(lossOut, <f32>lossA);
      store<f32>(lossOut, <f32>lossB, 4);
      lossOut += 8;
    }
    total += lossA + lossB;
    if (gradOut) {
      pairAffine(gradOut, gradOut, pairOf(scaleA, gradScaleExp), pairOf(shiftA, gradShift), w0, w1, w2, w3, w4);
      const ga = gradOut + (<usize>la << 2), gb = gradOut + 40 + (<usize>lb << 2);
      store<f32>(ga, load<f32>(ga) - labelA);
      store<f32>(gb, load<f32>(gb) - gradLabel);
      gradOut += 80;
    }
    z += 80;
    labels += 8;
    if (sampleWeights) sampleWeights += 8;
  }
  return total;
}
