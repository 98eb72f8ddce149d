// The contract every objective passes (scikit-learn's check_estimator habit, for objectives): the
// gradient the full-batch solver feeds L-BFGS, penalty included, matches central finite differences
// of the same objective. Each objective's test file calls checkGradient with a factory.

import * as assert from "uvu/assert";
import { ready, readParams, writeParams, fullObjective } from "../../build/testing.js";
import { rng } from "../reference.js";

/**
 * make(rt) → { objective, data } (both disposed here). Checks every parameter of the trained groups
 * at a random point, with the L2 penalty λ and total weight given.
 */
export function checkGradient(make, { penalty = 0.3, weightSum = 1, scale = 0.3, h = 1e-2, tolerance = 2e-3 } = {}) {
  const rt = ready();
  const { objective, data } = make(rt);
  try {
    const f = fullObjective(rt, objective, data, penalty, weightSum);
    const r = rng(7);
    const theta = Float64Array.from({ length: objective.paramCount }, () => Math.fround(scale * r.normal()));
    const trained = new Set();
    for (const g of objective.groups) for (let i = g.start; i < g.end; i++) trained.add(i);
    const grad = new Float64Array(theta.length);
    f(theta, grad);
    const scratch = new Float64Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      if (!trained.has(i)) {
        assert.is(grad[i], 0, `parameter ${i} is outside every group: its gradient must be 0`);
        continue;
      }
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i] = Math.fround(theta[i] + h);
      down[i] = Math.fround(theta[i] - h);
      const numeric = (f(up, scratch) - f(down, scratch)) / (up[i] - down[i]);
      assert.ok(
        Math.abs(grad[i] - numeric) <= tolerance * (1 + Math.abs(numeric)),
        `parameter ${i}: analytic ${grad[i]}, finite difference ${numeric}`,
      );
    }
    // The objective leaves the parameters it was last given in wasm memory.
    writeParams(rt, objective.params, theta);
    assert.equal(Array.from(readParams(rt, objective.params, new Float32Array(theta.length))), Array.from(theta, Math.fround));
  } finally {
    objective.dispose();
    data.dispose();
  }
}
