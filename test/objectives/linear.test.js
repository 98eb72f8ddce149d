// The linear objective with a softmax head: its gradient against a float64 objective, and the
// objective contract (finite differences of the full objective, penalty included).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { crossEntropy64, rng } from "../reference.js";
import { ready, TrainingData, DenseChainObjective, softmaxHead, writeParams, fullObjective, FULL_BATCH_ROWS } from "../../build/testing.js";
import { checkGradient } from "./contract.js";

const Linear = suite("objectives: linear + softmax head");
checkMemory(Linear);

function blobs(n, D, K, seed) {
  const r = rng(seed);
  const X = new Float32Array(n * D);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % K;
    for (let d = 0; d < D; d++) X[i * D + d] = (d % K === y[i] ? 1.5 : 0) + r.normal();
  }
  return { X, y };
}

function make(rt, { N = 40, D = 5, K = 3, fitIntercept = true, sampleWeights = null, classWeights = null, labelSmoothing = 0 } = {}) {
  const { X, y } = blobs(N, D, K, 1);
  const data = new TrainingData(rt, { data: X, rows: N, cols: D }, y, sampleWeights, FULL_BATCH_ROWS);
  const objective = new DenseChainObjective(
    rt,
    { features: D, hidden: [], outputs: K, activation: "identity", fitIntercept },
    softmaxHead({ classWeights, labelSmoothing }).train(rt),
    data.batchRows,
  );
  return { objective, data, X, y };
}

Linear("gradient of the full objective equals the float64 reference's finite differences", () => {
  const N = 40,
    D = 5,
    K = 3;
  const sampleWeights = Float32Array.from({ length: N }, (_, i) => 0.5 + (i % 4) * 0.5);
  const classWeights = new Float32Array([1, 2, 0.5]);
  const rt = ready();
  const { objective, data, X, y } = make(rt, { sampleWeights, classWeights, labelSmoothing: 0.1 });
  try {
    const penalty = 0.25;
    const weightSum = 37;
    const f = fullObjective(rt, objective, data, penalty, weightSum);
    const r = rng(2);
    const theta = Float64Array.from({ length: K * D + K }, () => Math.fround(0.3 * r.normal()));
    const grad = new Float64Array(theta.length);
    f(theta, grad);
    const objective64 = (t) => {
      const z = new Float64Array(N * K);
      for (let i = 0; i < N; i++)
        for (let k = 0; k < K; k++) {
          let s = t[K * D + k];
          for (let d = 0; d < D; d++) s += X[i * D + d] * t[k * D + d];
          z[i * K + k] = s;
        }
      let value = crossEntropy64(z, Array.from(y), K, {
        classWeight: classWeights,
        sampleWeight: sampleWeights,
        labelSmoothing: 0.1,
      }).losses.reduce((a, b) => a + b, 0);
      for (let j = 0; j < K * D; j++) value += 0.5 * penalty * t[j] * t[j];
      return value / weightSum;
    };
    const h = 1e-5;
    for (let i = 0; i < theta.length; i++) {
      const up = Float64Array.from(theta);
      up[i] += h;
      const down = Float64Array.from(theta);
      down[i] -= h;
      const numeric = (objective64(up) - objective64(down)) / (2 * h);
      assert.ok(
        Math.abs(grad[i] - numeric) <= 2e-5 * (1 + Math.abs(numeric)),
        `parameter ${i}: analytic ${grad[i]}, finite difference ${numeric}`,
      );
    }
  } finally {
    objective.dispose();
    data.dispose();
  }
});

Linear("contract: finite differences, with and without an intercept, weights and smoothing", () => {
  checkGradient((rt) => make(rt));
  checkGradient((rt) => make(rt, { fitIntercept: false }));
  checkGradient(
    (rt) => make(rt, { K: 10, D: 9, N: 2100, labelSmoothing: 0.2, classWeights: Float32Array.from({ length: 10 }, (_, k) => 1 + k / 10) }),
    { weightSum: 2100 },
  );
});

Linear("without an intercept the bias is held: groups cover W only and lossGrad ignores b", () => {
  const rt = ready();
  const { objective, data } = make(rt, { fitIntercept: false });
  try {
    assert.equal(
      objective.groups.map((g) => [g.start, g.end, g.penalized]),
      [[0, 15, true]],
    );
    const theta = new Float64Array(objective.paramCount);
    theta.fill(0.5, 15);
    writeParams(rt, objective.params, theta);
    const withBias = objective.lossGrad(data.slice(0, 40), 1, false);
    writeParams(rt, objective.params, new Float64Array(objective.paramCount));
    assert.is(objective.lossGrad(data.slice(0, 40), 1, false), withBias);
  } finally {
    objective.dispose();
    data.dispose();
  }
});

Linear.run();
