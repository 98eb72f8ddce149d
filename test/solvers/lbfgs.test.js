// L-BFGS on its own: a model-free solver over Float64Array parameters.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { lbfgs } from "../../build/testing.js";

const Lbfgs = suite("solvers: lbfgs");

Lbfgs("an ill-conditioned quadratic: the minimiser, to the accuracy its stopping rules allow", () => {
  // f(x) = ½ Σ a_i (x_i − c_i)², a_i from 1 to 1000.
  const n = 20;
  const a = Float64Array.from({ length: n }, (_, i) => 10 ** ((3 * i) / (n - 1)));
  const c = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const f = (x, g) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - c[i];
      v += 0.5 * a[i] * d * d;
      g[i] = a[i] * d;
    }
    return v;
  };
  // Tuned for objectives summed in f32 (values of order 1, differences below ~1e-6 of them are
  // noise), it may stop on "no progress" once f is within ~1e-8 of the minimum, before tol.
  const result = lbfgs(f, new Float64Array(n), { maxIter: 300, tol: 1e-6 });
  assert.ok(result.converged, result.reason);
  assert.ok(result.value <= 1e-8, `f = ${result.value}`);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(a[i] * (result.x[i] - c[i])) <= 1e-3, `gradient ${i}: ${a[i] * (result.x[i] - c[i])}`);
  assert.ok(
    result.history.every((v, i) => i === 0 || v <= result.history[i - 1] + 1e-12),
    "the value never increases",
  );
});

Lbfgs("Rosenbrock from (−1.2, 1): reaches (1, 1)", () => {
  const f = (x, g) => {
    const [u, v] = x;
    g[0] = -400 * u * (v - u * u) - 2 * (1 - u);
    g[1] = 200 * (v - u * u);
    return 100 * (v - u * u) ** 2 + (1 - u) ** 2;
  };
  const result = lbfgs(f, Float64Array.from([-1.2, 1]), { maxIter: 500, tol: 1e-8 });
  assert.ok(result.converged, result.reason);
  assert.ok(Math.abs(result.x[0] - 1) < 1e-6 && Math.abs(result.x[1] - 1) < 1e-6, `stopped at ${Array.from(result.x)}`);
  assert.ok(result.iterations < 100, `${result.iterations} iterations`);
});

Lbfgs("stops at maxIter, on a callback's false, and at once when the start is optimal", () => {
  const f = (x, g) => {
    g[0] = 2 * (x[0] - 3);
    return (x[0] - 3) ** 2 + Math.cos(x[0]);
  };
  const capped = lbfgs(f, Float64Array.from([100]), { maxIter: 1, tol: 0 });
  assert.is(capped.iterations, 1);
  const seen = [];
  const stopped = lbfgs(f, Float64Array.from([100]), { maxIter: 50, tol: 0, onIteration: (i) => (seen.push(i), i < 2) });
  assert.is(stopped.reason, "callback");
  assert.equal(seen, [1, 2]);
  const flat = lbfgs((x, g) => ((g[0] = 0), 1), Float64Array.from([5]), { maxIter: 10, tol: 1e-9 });
  assert.equal([flat.iterations, flat.converged, flat.reason], [0, true, "gradient"]);
});

Lbfgs.run();
