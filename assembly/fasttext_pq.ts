// The nearest-centroid search of fastText's product quantizer (productquantizer.cc's assign_centroid,
// which kmeans runs for every training point at every iteration and compute_codes for every row and
// sub-vector): for each point, the first of the 256 centroids at the least distL2, the f32 sum of f32
// squared differences in column order.
//
// Numerics: every build computes each distance with native's f32 operations in native's order (a
// subtraction, a multiplication and an addition per column, never fused, also in the relaxed build),
// so the codes equal native fastText's. The SIMD builds measure four centroids at a time, each lane
// keeping the first least it sees, then take the lanes' least with the smallest index: the first
// least overall, for points and centroids without NaN (quantize refuses matrices that hold NaN).

// @ts-ignore: decorator
@inline const KSUB: i32 = 256;

/**
 * codes[i] = the nearest of the 256 centroids (256 × d f32, row-major) to point i (d f32 at
 * points + i·stride·4 bytes), for i < n. scratch: 256·d f32 from a 16-byte boundary (the SIMD builds
 * copy the centroids there column by column). Allocates nothing.
 */
export function ftNearestCentroids(points: usize, stride: i32, n: i32, d: i32, centroids: usize, scratch: usize, codes: usize): void {
  if (ASC_FEATURE_SIMD) {
    for (let k = 0; k < KSUB; k++) {
      for (let j = 0; j < d; j++) store<f32>(scratch + ((<usize>(j * KSUB + k)) << 2), load<f32>(centroids + ((<usize>(k * d + j)) << 2)));
    }
    for (let i = 0; i < n; i++) {
      const p = points + ((<usize>i * <usize>stride) << 2);
      store<u8>(codes + <usize>i, <u8>(d == 2 ? nearestOfFour2(p, scratch) : nearestOfFour(p, scratch, d)));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const p = points + ((<usize>i * <usize>stride) << 2);
    let best = 0;
    let bestDistance = distance(p, centroids, d);
    for (let k = 1; k < KSUB; k++) {
      const dk = distance(p, centroids + ((<usize>(k * d)) << 2), d);
      if (dk < bestDistance) {
        best = k;
        bestDistance = dk;
      }
    }
    store<u8>(codes + <usize>i, <u8>best);
  }
}

/** distL2 of the point p and the centroid c (d f32 each): the f32 sum of f32 squares, in order. */
// @ts-ignore: decorator
@inline function distance(p: usize, c: usize, d: i32): f32 {
  let sum: f32 = 0;
  for (let j = 0; j < d; j++) {
    const t = load<f32>(p + (<usize>j << 2)) - load<f32>(c + (<usize>j << 2));
    sum += t * t;
  }
  return sum;
}

/** The index of the first nearest centroid to p among the 256 stored column by column at ct. */
// @ts-ignore: decorator
@inline function nearestOfFour(p: usize, ct: usize, d: i32): i32 {
  let best = distances(p, ct, d, 0);
  let bestIndex = i32x4(0, 1, 2, 3);
  let index = bestIndex;
  const four = i32x4.splat(4);
  for (let k = 4; k < KSUB; k += 4) {
    index = i32x4.add(index, four);
    const dk = distances(p, ct, d, k);
    const less = f32x4.lt(dk, best);
    best = v128.bitselect(dk, best, less);
    bestIndex = v128.bitselect(index, bestIndex, less);
  }
  return firstLeast(best, bestIndex);
}

/** The index of the least of four lanes' distances, the smallest index among equals. */
// @ts-ignore: decorator
@inline function firstLeast(best: v128, bestIndex: v128): i32 {
  let b = f32x4.extract_lane(best, 0);
  let bi = i32x4.extract_lane(bestIndex, 0);
  const b1 = f32x4.extract_lane(best, 1);
  const i1 = i32x4.extract_lane(bestIndex, 1);
  if (b1 < b || (b1 == b && i1 < bi)) {
    b = b1;
    bi = i1;
  }
  const b2 = f32x4.extract_lane(best, 2);
  const i2 = i32x4.extract_lane(bestIndex, 2);
  if (b2 < b || (b2 == b && i2 < bi)) {
    b = b2;
    bi = i2;
  }
  const b3 = f32x4.extract_lane(best, 3);
  const i3 = i32x4.extract_lane(bestIndex, 3);
  if (b3 < b || (b3 == b && i3 < bi)) bi = i3;
  return bi;
}

/**
 * nearestOfFour for d = 2 (fastText's default dsub), the point's two values splatted once; t0² + t1² is
 * (0 + t0²) + t1² bit for bit (a square is never −0).
 */
// @ts-ignore: decorator
@inline function nearestOfFour2(p: usize, ct: usize): i32 {
  const x0 = f32x4.splat(load<f32>(p));
  const x1 = f32x4.splat(load<f32>(p, 4));
  let t0 = f32x4.sub(x0, v128.load(ct));
  let t1 = f32x4.sub(x1, v128.load(ct, KSUB << 2));
  let best = f32x4.add(f32x4.mul(t0, t0), f32x4.mul(t1, t1));
  let bestIndex = i32x4(0, 1, 2, 3);
  let index = bestIndex;
  const four = i32x4.splat(4);
  for (let k = 4; k < KSUB; k += 4) {
    index = i32x4.add(index, four);
    const c = ct + (<usize>k << 2);
    t0 = f32x4.sub(x0, v128.load(c));
    t1 = f32x4.sub(x1, v128.load(c, KSUB << 2));
    const dk = f32x4.add(f32x4.mul(t0, t0), f32x4.mul(t1, t1));
    const less = f32x4.lt(dk, best);
    best = v128.bitselect(dk, best, less);
    bestIndex = v128.bitselect(index, bestIndex, less);
  }
  return firstLeast(best, bestIndex);
}

/** distL2 of p to the centroids k..k+3 (column j of centroid k at ct + (j·256 + k)·4), one per lane. */
// @ts-ignore: decorator
@inline function distances(p: usize, ct: usize, d: i32, k: i32): v128 {
  let sum = f32x4.splat(0);
  for (let j = 0; j < d; j++) {
    const t = f32x4.sub(f32x4.splat(load<f32>(p + (<usize>j << 2))), v128.load(ct + ((<usize>(j * KSUB + k)) << 2)));
    sum = f32x4.add(sum, f32x4.mul(t, t));
  }
  return sum;
}
