// Sampled softmax: the samplers (TensorFlow's definitions), the sampled objective's gradient by
// finite differences for a fixed draw, and its equality with the full softmax when the draw and
// the true class cover every class.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { rng } from "../reference.js";
import {
  ready,
  TrainingData,
  DenseChainObjective,
  softmaxHead,
  writeParams,
  readParams,
  uniformSampler,
  logUniformSampler,
  unigramSampler,
  drawUnique,
  logExpectedCount,
} from "../../build/testing.js";

const Sampled = suite("objectives: sampled softmax");
checkMemory(Sampled);

Sampled("samplers: probabilities as TensorFlow defines them, sums of 1, draws that follow them", () => {
  const counts = Float64Array.from({ length: 50 }, (_, k) => 1000 / (k + 1) ** 1.1 + (k === 7 ? 500 : 0));
  const samplers = { uniform: uniformSampler(50), "log-uniform": logUniformSampler(counts), unigram: unigramSampler(counts, 0.75) };
  const logUniform = samplers["log-uniform"];
  // Class 7 is the second most frequent (rank 1): P = (log 3 − log 2) / log 51.
  assert.ok(Math.abs(logUniform.probability(7) - (Math.log(3) - Math.log(2)) / Math.log(51)) < 1e-15);
  assert.ok(Math.abs(samplers.unigram.probability(3) - counts[3] ** 0.75 / counts.reduce((a, c) => a + c ** 0.75, 0)) < 1e-15);
  const r = rng(3);
  for (const [name, s] of Object.entries(samplers)) {
    let total = 0;
    for (let k = 0; k < 50; k++) total += s.probability(k);
    assert.ok(Math.abs(total - 1) < 1e-12, `${name} sums to ${total}`);
    const hits = new Float64Array(50);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) hits[s.draw(r.uniform())]++;
    for (let k = 0; k < 50; k++) {
      const p = s.probability(k);
      const sd = Math.sqrt(draws * p * (1 - p));
      assert.ok(Math.abs(hits[k] - draws * p) <= 5 * sd + 1, `${name} class ${k}: ${hits[k]} draws, expected ${draws * p}`);
    }
  }
});

Sampled("drawUnique: S distinct classes, tries counted with duplicates; Q = 1 − (1 − p)^tries", () => {
  const s = uniformSampler(10);
  const r = rng(4);
  const out = new Int32Array(9);
  const tries = drawUnique(s, 9, () => r.uniform(), out, new Uint8Array(10));
  assert.is(new Set(out).size, 9);
  assert.ok(tries >= 9);
  assert.ok(Math.abs(Math.exp(logExpectedCount(0.1, 25)) - (1 - 0.9 ** 25)) < 1e-15);
  assert.ok(Math.abs(Math.exp(logExpectedCount(1e-9, 64)) / 64e-9 - 1) < 1e-6, "tiny p: Q ≈ tries·p, no cancellation");
});

/** A linear problem with K classes, and a draw stream that repeats `sequence` from the start on every reset. */
function setup(rt, { N = 6, D = 3, K = 5, S = 3, y = null, fitIntercept = true } = {}) {
  const r = rng(5);
  const X = Float32Array.from({ length: N * D }, () => r.normal());
  const labels = Int32Array.from({ length: N }, (_, i) => (y ?? ((j) => j % K))(i));
  const data = new TrainingData(rt, { data: X, rows: N, cols: D }, labels, null, N);
  let at = 0;
  const stream = { sequence: [], reset: () => (at = 0) };
  const next = () => stream.sequence[at++ % stream.sequence.length];
  const shape = { features: D, hidden: [], outputs: K, activation: "identity", fitIntercept };
  const head = softmaxHead({
    classWeights: null,
    labelSmoothing: 0,
    sampled: { candidates: S, sampler: uniformSampler(K), removeAccidentalHits: true, next },
  });
  const sampled = new DenseChainObjective(rt, shape, head.train(rt), N);
  return { data, sampled, stream, shape, N, D, K };
}

Sampled("the gradient equals finite differences of the sampled objective for a fixed draw", () => {
  const rt = ready();
  const { data, sampled, stream, N, D, K } = setup(rt);
  try {
    stream.sequence = [0.05, 0.45, 0.85]; // classes 0, 2, 4 of 5
    const r = rng(6);
    const theta = Float64Array.from({ length: sampled.paramCount }, () => Math.fround(0.5 * r.normal()));
    const loss = (t) => {
      writeParams(rt, sampled.params, t);
      stream.reset();
      return sampled.lossGrad(data.slice(0, N), 1, false);
    };
    loss(theta);
    const analytic = new Float64Array(theta.length);
    for (const run of sampled.touched()) {
      const g = rt.heap.f32.subarray(run.grad >>> 2, (run.grad >>> 2) + run.length);
      for (let i = 0; i < run.length; i++) analytic[run.param + i] += g[i];
    }
    const touchedRows = new Set(
      sampled
        .touched()
        .filter((run) => run.length === D)
        .map((run) => run.param / D),
    );
    assert.equal([...touchedRows].sort(), [0, 1, 2, 3, 4], "candidates 0, 2, 4 and the true classes 1, 3");
    const h = 1e-2;
    for (let i = 0; i < theta.length; i++) {
      const up = Float64Array.from(theta);
      up[i] = Math.fround(theta[i] + h);
      const down = Float64Array.from(theta);
      down[i] = Math.fround(theta[i] - h);
      const numeric = (loss(up) - loss(down)) / (up[i] - down[i]);
      assert.ok(
        Math.abs(analytic[i] - numeric) <= 2e-3 * (1 + Math.abs(numeric)),
        `parameter ${i}: analytic ${analytic[i]}, finite difference ${numeric}`,
      );
    }
    void K;
  } finally {
    sampled.dispose();
    data.dispose();
  }
});

Sampled("MLP with a sampled output layer: the gradient through the hidden layer equals finite differences for a fixed draw", () => {
  const rt = ready();
  const N = 5,
    D = 3,
    K = 6,
    S = 3;
  const r = rng(8);
  const X = Float32Array.from({ length: N * D }, () => r.normal());
  const labels = Int32Array.from({ length: N }, (_, i) => (i * 2) % K);
  const data = new TrainingData(rt, { data: X, rows: N, cols: D }, labels, null, N);
  let at = 0;
  const sequence = [0.1, 0.55, 0.95];
  const next = () => sequence[at++ % sequence.length];
  const mlp = new DenseChainObjective(
    rt,
    { features: D, hidden: [4], outputs: K, activation: "tanh", fitIntercept: true },
    softmaxHead({
      classWeights: null,
      labelSmoothing: 0,
      sampled: { candidates: S, sampler: uniformSampler(K), removeAccidentalHits: true, next },
    }).train(rt),
    N,
  );
  try {
    const theta = Float64Array.from({ length: mlp.paramCount }, () => Math.fround(0.7 * r.normal()));
    const loss = (t) => {
      writeParams(rt, mlp.params, t);
      at = 0;
      return mlp.lossGrad(data.slice(0, N), 1, false);
    };
    loss(theta);
    const analytic = new Float64Array(theta.length);
    for (const run of mlp.touched()) {
      const g = rt.heap.f32.subarray(run.grad >>> 2, (run.grad >>> 2) + run.length);
      for (let i = 0; i < run.length; i++) analytic[run.param + i] += g[i];
    }
    const h = 1e-2;
    for (let i = 0; i < theta.length; i++) {
      const up = Float64Array.from(theta);
      up[i] = Math.fround(theta[i] + h);
      const down = Float64Array.from(theta);
      down[i] = Math.fround(theta[i] - h);
      const numeric = (loss(up) - loss(down)) / (up[i] - down[i]);
      assert.ok(
        Math.abs(analytic[i] - numeric) <= 3e-3 * (1 + Math.abs(numeric)),
        `parameter ${i}: analytic ${analytic[i]}, finite difference ${numeric}`,
      );
    }
  } finally {
    mlp.dispose();
    data.dispose();
  }
});

Sampled("when the draw and the true class cover every class, loss and gradient are the full softmax's", () => {
  const rt = ready();
  // Every row's class is 1; the draw is the other four classes (uniform: every log Q is the same).
  const { data, sampled, stream, shape, N, D, K } = setup(rt, { S: 4, y: () => 1 });
  const full = new DenseChainObjective(rt, shape, softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt), N);
  try {
    stream.sequence = [0.05, 0.45, 0.65, 0.85]; // 0, 2, 3, 4
    const r = rng(7);
    const theta = Float64Array.from({ length: sampled.paramCount }, () => Math.fround(r.normal()));
    writeParams(rt, sampled.params, theta);
    writeParams(rt, full.params, theta);
    stream.reset();
    const a = sampled.lossGrad(data.slice(0, N), 1 / N, false);
    const b = full.lossGrad(data.slice(0, N), 1 / N, false);
    assert.ok(Math.abs(a - b) < 1e-5 * b, `sampled ${a}, full ${b}`);
    const fullGrad = readParams(rt, full.grads, new Float32Array(full.paramCount));
    for (const run of sampled.touched()) {
      const g = rt.heap.f32.subarray(run.grad >>> 2, (run.grad >>> 2) + run.length);
      for (let i = 0; i < run.length; i++)
        assert.ok(Math.abs(g[i] - fullGrad[run.param + i]) < 1e-6, `parameter ${run.param + i}: ${g[i]} vs ${fullGrad[run.param + i]}`);
    }
    assert.is(sampled.touched().length, 2 * K, "every class's W row and bias");
    void D;
  } finally {
    full.dispose();
    sampled.dispose();
    data.dispose();
  }
});

Sampled.run();
