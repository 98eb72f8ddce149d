// fastText's product quantizer (productquantizer.cc), step for step: the dim columns are cut into
// sub-vectors of dsub columns (the last lastdsub); each gets 256 centroids by k-means (25 iterations,
// seeded with 1234, at most 256 x 256 training rows drawn at random); a row's code is, per sub-vector,
// the nearest centroid. The arithmetic is float32 in fastText's order (distances summed term by term,
// centroids as float32 sums divided by their count) and the random draws are libstdc++'s (cxx_random.ts),
// so the centroids and codes equal native fastText's for the same matrix. The nearest-centroid search,
// nearly all of the work (256 distances per point and sub-vector, 25 times over for the k-means), is
// given by the caller: models/fasttext_quantize.ts runs it in wasm (assembly/fasttext_pq.ts).

import { MinstdRand } from "./cxx_random.js";
import { KSUB, type FastTextProductQuantizer } from "./file_data.js";

/**
 * The nearest-centroid search: `load` holds n points of `stride` values each; their `nearest` writes, for
 * each point i, codes[i] = the index of the first of the 256 centroids (256 × d, row-major) nearest to the
 * point's values [at, at + d), by fastText's distL2 (the float32 sum of float32 squared differences, in
 * column order). `end` frees what `load` holds.
 */
export interface CentroidSearch {
  load(points: Float32Array, n: number, stride: number): LoadedPoints;
}

/** Points held by a CentroidSearch. */
export interface LoadedPoints {
  nearest(at: number, d: number, centroids: Float32Array, codes: Uint8Array): void;
  end(): void;
}

/** Rows per block of computeCodes (the points a search holds at once: 64k rows × dim values). */
const CODE_BLOCK = 1 << 16;

const NITER = 25;
const SEED = 1234;
const MAX_POINTS = 256 * KSUB;
const EPS = 1.0000000116860974e-7; // Math.fround(1e-7), as a literal: no top-level call
const f = Math.fround;

/** The shape of a product quantizer of dim columns in sub-vectors of dsub (centroids zeroed). */
export function emptyQuantizer(dim: number, dsub: number): FastTextProductQuantizer {
  const nsubq = Math.ceil(dim / dsub);
  const lastdsub = dim % dsub === 0 ? dsub : dim % dsub;
  return { dim, nsubq, dsub, lastdsub, centroids: new Float32Array(dim * KSUB) };
}

/**
 * Trains a quantizer on the n rows of x (n x dim, row-major) as ProductQuantizer::train does.
 * RangeError when n < 256 (as fastText: "Matrix too small for quantization").
 */
export function trainQuantizer(search: CentroidSearch, x: Float32Array, n: number, dim: number, dsub: number): FastTextProductQuantizer {
  if (n < KSUB) throw new RangeError(`quantize: a matrix of ${n} rows is too small for product quantization, which needs at least ${KSUB}`);
  const pq = emptyQuantizer(dim, dsub);
  const rng = new MinstdRand(SEED);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const np = Math.min(n, MAX_POINTS);
  const slice = new Float32Array(np * dsub);
  for (let m = 0; m < pq.nsubq; m++) {
    const d = m === pq.nsubq - 1 ? pq.lastdsub : dsub;
    if (np !== n) rng.shuffle(perm);
    for (let j = 0; j < np; j++) slice.set(x.subarray(perm[j]! * dim + m * dsub, perm[j]! * dim + m * dsub + d), j * d);
    const centroids = pq.centroids.subarray(m * KSUB * dsub, m * KSUB * dsub + KSUB * d);
    kmeans(search, slice.subarray(0, np * d), centroids, np, d, rng);
  }
  return pq;
}

/** The codes (n x nsubq bytes) of the rows of x under pq: per sub-vector, the nearest centroid. */
export function computeCodes(search: CentroidSearch, pq: FastTextProductQuantizer, x: Float32Array, n: number): Uint8Array {
  const codes = new Uint8Array(n * pq.nsubq);
  const block = new Uint8Array(Math.min(n, CODE_BLOCK));
  for (let from = 0; from < n; from += CODE_BLOCK) {
    const rows = Math.min(CODE_BLOCK, n - from);
    const points = search.load(x.subarray(from * pq.dim, (from + rows) * pq.dim), rows, pq.dim);
    try {
      for (let m = 0; m < pq.nsubq; m++) {
        const d = m === pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
        points.nearest(m * pq.dsub, d, pq.centroids.subarray(m * KSUB * pq.dsub, m * KSUB * pq.dsub + KSUB * d), block);
        for (let i = 0; i < rows; i++) codes[(from + i) * pq.nsubq + m] = block[i]!;
      }
    } finally {
      points.end();
    }
  }
  return codes;
}

/** ProductQuantizer::kmeans on the n points of x (n x d) into c (256 x d). */
function kmeans(search: CentroidSearch, x: Float32Array, c: Float32Array, n: number, d: number, rng: MinstdRand): void {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(perm);
  for (let k = 0; k < KSUB; k++) c.set(x.subarray(perm[k]! * d, perm[k]! * d + d), k * d);
  const codes = new Uint8Array(n);
  const counts = new Int32Array(KSUB);
  const points = search.load(x, n, d);
  try {
    for (let iter = 0; iter < NITER; iter++) {
      points.nearest(0, d, c, codes);
      mStep(x, c, codes, counts, n, d, rng);
    }
  } finally {
    points.end();
  }
}

/** ProductQuantizer::MStep: centroids as means; an empty one splits a populous one (drawn at random). */
function mStep(x: Float32Array, c: Float32Array, codes: Uint8Array, counts: Int32Array, n: number, d: number, rng: MinstdRand): void {
  c.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const k = codes[i]!;
    for (let j = 0; j < d; j++) c[k * d + j] = f(c[k * d + j]! + x[i * d + j]!);
    counts[k]!++;
  }
  for (let k = 0; k < KSUB; k++) {
    const z = counts[k]!;
    if (z !== 0) for (let j = 0; j < d; j++) c[k * d + j] = f(c[k * d + j]! / z);
  }
  for (let k = 0; k < KSUB; k++) {
    if (counts[k] !== 0) continue;
    let m = 0;
    while (rng.uniformReal() * (n - KSUB) >= counts[m]! - 1) m = (m + 1) % KSUB;
    c.copyWithin(k * d, m * d, m * d + d);
    for (let j = 0; j < d; j++) {
      const sign = (j % 2) * 2 - 1;
      c[k * d + j] = f(c[k * d + j]! + f(sign * EPS));
      c[m * d + j] = f(c[m * d + j]! - f(sign * EPS));
    }
    counts[k] = Math.trunc(counts[m]! / 2);
    counts[m]! -= counts[k]!;
  }
}
