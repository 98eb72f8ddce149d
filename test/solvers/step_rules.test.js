// SGD (with momentum) and Adam steps against the same updates computed in float64.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { rng } from "../reference.js";
import { ready, StepRule } from "../../build/testing.js";

const Steps = suite("solvers: step rules");
checkMemory(Steps);

/** A stand-in objective: just a parameter and a gradient block of n values. */
function blocks(rt, theta, grad) {
  const n = theta.length;
  const params = rt.heap.alloc(n * 4);
  const grads = rt.heap.alloc(n * 4);
  rt.heap.f32.set(theta, params >>> 2);
  rt.heap.f32.set(grad, grads >>> 2);
  return {
    paramCount: n,
    params,
    grads,
    groups: [{ start: 0, end: n, penalized: true }],
    read: () => Array.from(rt.heap.f32.subarray(params >>> 2, (params >>> 2) + n)),
    setGrad: (g) => rt.heap.f32.set(g, grads >>> 2),
    free: () => (rt.heap.release(params), rt.heap.release(grads)),
  };
}

function close(actual, expected, what) {
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]) <= 1e-5 * (1 + Math.abs(expected[i])), `${what} [${i}]: ${a} vs ${expected[i]}`),
  );
}

for (const n of [1, 3, 4, 5, 8, 13]) {
  Steps(`sgd with momentum, three steps, n = ${n}`, () => {
    const rt = ready();
    const r = rng(n);
    const theta = Array.from({ length: n }, () => Math.fround(r.normal()));
    const o = blocks(rt, theta, new Float32Array(n));
    const step = new StepRule(rt, n, { kind: "sgd", learningRate: 0.1, momentum: 0.9 }, null);
    try {
      const p = theta.slice();
      const v = new Array(n).fill(0);
      for (let s = 0; s < 3; s++) {
        const g = Array.from({ length: n }, () => Math.fround(r.normal()));
        o.setGrad(g);
        step.begin();
        step.apply(o, o.groups[0], 0.01);
        for (let i = 0; i < n; i++) {
          v[i] = 0.9 * v[i] - 0.1 * (g[i] + 0.01 * p[i]);
          p[i] += v[i];
        }
      }
      close(o.read(), p, "θ");
    } finally {
      step.dispose();
      o.free();
    }
  });

  Steps(`adam, three steps, n = ${n}`, () => {
    const rt = ready();
    const r = rng(100 + n);
    const theta = Array.from({ length: n }, () => Math.fround(r.normal()));
    const o = blocks(rt, theta, new Float32Array(n));
    const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.01];
    const step = new StepRule(rt, n, { kind: "adam", learningRate: lr, beta1: b1, beta2: b2, epsilon: eps }, null);
    try {
      const p = theta.slice();
      const m = new Array(n).fill(0);
      const v = new Array(n).fill(0);
      for (let t = 1; t <= 3; t++) {
        const g = Array.from({ length: n }, () => Math.fround(r.normal()));
        o.setGrad(g);
        step.begin();
        step.apply(o, o.groups[0], 0.001);
        for (let i = 0; i < n; i++) {
          const gi = g[i] + 0.001 * p[i];
          m[i] = b1 * m[i] + (1 - b1) * gi;
          v[i] = b2 * v[i] + (1 - b2) * gi * gi;
          const mHat = m[i] / (1 - b1 ** t);
          const vHat = v[i] / (1 - b2 ** t);
          p[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
        }
      }
      close(o.read(), p, "θ");
    } finally {
      step.dispose();
      o.free();
    }
  });
}

Steps("state handed over with take() continues where it stopped, and the giver's copy is untouched", () => {
  const rt = ready();
  const o = blocks(rt, [1, 2, 3, 4, 5], [0.5, -0.5, 1, -1, 2]);
  const first = new StepRule(rt, 5, { kind: "adam", learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, null);
  first.begin();
  first.apply(o, o.groups[0], 0);
  const state = first.take();
  first.dispose();
  try {
    assert.is(state.t, 1);
    const saved = Array.from(rt.heap.f32.subarray(state.first >>> 2, (state.first >>> 2) + 5));
    const second = new StepRule(rt, 5, { kind: "adam", learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, state);
    second.begin();
    second.apply(o, o.groups[0], 0);
    second.dispose();
    assert.equal(Array.from(rt.heap.f32.subarray(state.first >>> 2, (state.first >>> 2) + 5)), saved, "the original state is unchanged");
  } finally {
    rt.heap.release(state.first);
    rt.heap.release(state.second);
    o.free();
  }
});

Steps.run();
