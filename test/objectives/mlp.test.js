// The MLP objective: its gradient against finite differences of a float64 MLP, for every
// activation and two hidden layers, and the generic objective contract.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { mlpLoss64, rng } from "../reference.js";
import { ready, TrainingData, DenseChainObjective, softmaxHead, fullObjective, FULL_BATCH_ROWS } from "../../build/testing.js";
import { checkGradient } from "./contract.js";

const Mlp = suite("objectives: MLP + softmax head");
checkMemory(Mlp);

function make(rt, { N = 12, D = 5, hidden = [4, 3], K = 3, activation = "tanh", seed = 1 } = {}) {
  const r = rng(seed);
  const X = Float32Array.from({ length: N * D }, () => r.normal());
  const y = Int32Array.from({ length: N }, (_, i) => i % K);
  const data = new TrainingData(rt, { data: X, rows: N, cols: D }, y, null, FULL_BATCH_ROWS);
  const objective = new DenseChainObjective(
    rt,
    { features: D, hidden, outputs: K, activation, fitIntercept: true },
    softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt),
    data.batchRows,
  );
  return { objective, data, X, y, widths: [D, ...hidden, K] };
}

for (const activation of ["identity", "relu", "tanh", "logistic"]) {
  Mlp(`${activation}: the gradient through every layer equals finite differences of a float64 MLP`, () => {
    const rt = ready();
    const { objective, data, X, y, widths } = make(rt, { activation });
    try {
      const f = fullObjective(rt, objective, data, 0, 1);
      const r = rng(3);
      const theta = Float64Array.from({ length: objective.paramCount }, () => Math.fround(0.6 * r.normal()));
      const grad = new Float64Array(theta.length);
      f(theta, grad);
      const X64 = Float64Array.from(X);
      const h = 1e-6;
      for (let i = 0; i < theta.length; i++) {
        const up = Float64Array.from(theta);
        up[i] += h;
        const down = Float64Array.from(theta);
        down[i] -= h;
        const numeric =
          (mlpLoss64(up, X64, Array.from(y), widths, activation) - mlpLoss64(down, X64, Array.from(y), widths, activation)) / (2 * h);
        assert.ok(
          Math.abs(grad[i] - numeric) <= 1e-4 * (1 + Math.abs(numeric)),
          `parameter ${i}: analytic ${grad[i]}, finite difference ${numeric}`,
        );
      }
    } finally {
      objective.dispose();
      data.dispose();
    }
  });
}

Mlp("contract: finite differences of the full objective, penalty included, across the chunk boundary", () => {
  checkGradient((rt) => make(rt, { activation: "tanh", hidden: [6] }));
  checkGradient((rt) => make(rt, { activation: "logistic", N: 1100, D: 3, hidden: [5, 4], K: 4 }), { weightSum: 1100 });
});

Mlp.run();
