// T2's synthetic data (bench/training.js, bench/threads.js): K Gaussian class centres in D
// dimensions, each row its class's centre × 0.3 plus unit noise, classes uniform; seeded by N.

import { rng } from "../test/reference.js";

/** { X (N × D f32), y (N class indices) }. */
export function centroidData(N, D, K) {
  const r = rng(N);
  const centers = Float32Array.from({ length: K * D }, () => r.normal());
  const y = Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
  const X = new Float32Array(N * D);
  for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) X[i * D + d] = 0.3 * centers[y[i] * D + d] + r.normal();
  return { X, y };
}
