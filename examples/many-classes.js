// Very many classes (docs/many-classes.md): 5,000 classes with Zipf frequencies (class k is drawn
// with probability ∝ 1/(k+1), as words or products are), each a cluster around its own centroid.
// Trains a SoftmaxRegression with sampled softmax (64 classes per batch) and the same model with the
// full softmax, for the same epochs, then prints each one's time per epoch and held-out top-1 / top-5
// accuracy (predictTopK streams the rows, so no rows × 5,000 array is made).
//
//   node examples/many-classes.js

import { init, SoftmaxRegression } from "wasmax";

const [K, N, D, EPOCHS] = [5000, 20000, 64, 8];

/** mulberry32 uniforms and Box–Muller normals: the same data on every run. */
function generator(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

const r = generator(3);
const centroids = Float32Array.from({ length: K * D }, r.normal);
const cdf = [];
for (let k = 0, total = 0; k < K; k++) cdf.push((total += 1 / (k + 1)));
function rows(count) {
  const X = new Float32Array(count * D);
  const y = [];
  for (let i = 0; i < count; i++) {
    const u = r.uniform() * cdf[K - 1];
    const k = cdf.findIndex((c) => c > u);
    y.push(`class-${k}`);
    for (let d = 0; d < D; d++) X[i * D + d] = centroids[k * D + d] + 0.8 * r.normal();
  }
  return { X, y };
}
const train = rows(N);
const test = rows(Math.round(N / 5));
const classes = Array.from({ length: K }, (_, k) => `class-${k}`);

function topAccuracy(model) {
  const { labels } = model.predictTopK(test.X, 5);
  const hits = (n) => labels.filter((best, i) => best.slice(0, n).includes(test.y[i])).length / test.y.length;
  return `top-1 ${hits(1).toFixed(3)}, top-5 ${hits(5).toFixed(3)}`;
}

await init();
console.log(`${K} classes (Zipf), ${N} training rows, ${D} features, ${EPOCHS} epochs of Adam (lr 3e-3, batch 256)`);
const results = {};
for (const [name, sampled] of [
  ["sampled softmax, S = 64", { classes: 64 }],
  ["full softmax", undefined],
]) {
  const model = new SoftmaxRegression({
    solver: "adam",
    learningRate: 3e-3,
    batchSize: 256,
    maxIter: EPOCHS,
    tol: 0,
    C: Infinity,
    randomState: 1,
    ...(sampled ? { sampledSoftmax: sampled } : {}),
  });
  const started = performance.now();
  model.partialFit(train.X, train.y, { classes, features: D });
  for (let epoch = 1; epoch < EPOCHS; epoch++) model.partialFit(train.X, train.y, { features: D });
  const seconds = (performance.now() - started) / 1000 / EPOCHS;
  results[name] = seconds;
  console.log(`${name.padEnd(24)} ${(seconds * 1000).toFixed(0).padStart(6)} ms per epoch; held out: ${topAccuracy(model)}`);
  model.dispose();
}
const ratio = results["full softmax"] / results["sampled softmax, S = 64"];
console.log(`a sampled epoch costs 1/${ratio.toFixed(1)} of a full one here`);
