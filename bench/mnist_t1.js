// The MNIST-8k split in T1's order, shared by the training, MLP and browser benchmarks: training
// rows in one seeded permutation (the split stores the digits in order), the test rows as stored.

import { loadMnist } from "../examples/mnist-data.js";
import { rng } from "../test/reference.js";

/** 0 … n−1 shuffled by Fisher–Yates with the seeded generator. */
export function permutation(n, seed) {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** { train: { X, y, rows }, test, features }: training rows in permutation(rows, 1) order. */
export function mnistInT1Order() {
  const { train, test, features: D } = loadMnist();
  const order = permutation(train.rows, 1);
  const X = new Float32Array(train.X.length);
  order.forEach((from, to) => X.set(train.X.subarray(from * D, (from + 1) * D), to * D));
  return { train: { X, y: Array.from(order, (i) => train.y[i]), rows: train.rows }, test, features: D };
}
