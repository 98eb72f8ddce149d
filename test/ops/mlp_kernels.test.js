// The MLP's kernels against float64 references: fused bias + activation and its backward,
// dX = G·W, sigmoid and the fused sigmoid cross-entropy (PyTorch's documented values included).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { ready } from "../../build/testing.js";
import { ACTIVATIONS, assertClose, rng, sigmoidCrossEntropy64 } from "../reference.js";
import { rejects } from "../assertions.js";

const { sigmoid, sigmoidCrossEntropy } = wasmax;
const Kernels = suite("ops: MLP and multi-label kernels");
checkMemory(Kernels);

/** Runs fn with f32 blocks holding `arrays` in wasm memory; returns the blocks' contents after. */
function inWasm(arrays, fn) {
  const rt = ready();
  const ptrs = arrays.map((a) => {
    const p = rt.heap.alloc(a.length * 4);
    (a instanceof Int32Array ? rt.heap.i32 : rt.heap.f32).set(a, p >>> 2);
    return p;
  });
  try {
    const result = fn(rt.exports, ...ptrs);
    return { result, out: ptrs.map((p, i) => Array.from(rt.heap.f32.subarray(p >>> 2, (p >>> 2) + arrays[i].length))) };
  } finally {
    for (const p of ptrs) rt.heap.release(p);
  }
}

for (const [name, act] of Object.entries(ACTIVATIONS)) {
  Kernels(`biasActivation and activationGrad (${name}): every size around the SIMD width, adversarial values`, () => {
    const r = rng(act.kind + 1);
    for (const cols of [1, 3, 4, 5, 8, 13]) {
      const rows = 3;
      const x = Float32Array.from({ length: rows * cols }, (_, i) => (i % 7 === 0 ? [90, -90, 1e-5, -1e-3, 0.05][i % 5] : 4 * r.normal()));
      const b = Float32Array.from({ length: cols }, () => r.normal());
      const g = Float32Array.from({ length: rows * cols }, () => r.normal());
      const {
        out: [y],
      } = inWasm([x, b], (E, xp, bp) => E.biasActivation(xp, bp, rows, cols, act.kind));
      const want = Array.from(x, (v, i) => act.f(Math.fround(v + b[i % cols])));
      assertClose(y, want, { rtol: 4e-7, atol: 4e-8, what: `${name} forward, cols ${cols}` });
      const {
        out: [dg],
      } = inWasm([g, Float32Array.from(y)], (E, gp, yp) => E.activationGrad(gp, yp, rows * cols, act.kind));
      assertClose(
        dg,
        Array.from(g, (v, i) => v * act.slope(Math.fround(y[i]))),
        { rtol: 1e-6, atol: 1e-7, what: `${name} backward, cols ${cols}` },
      );
    }
  });
}

Kernels("activations: NaN propagates; relu's slope at 0 is 0; no bias pointer means none", () => {
  const x = Float32Array.from([NaN, 0, -1, 2]);
  for (const act of Object.values(ACTIVATIONS)) {
    const {
      out: [y],
    } = inWasm([x], (E, xp) => E.biasActivation(xp, 0, 1, 4, act.kind));
    assert.ok(Number.isNaN(y[0]), `kind ${act.kind}: NaN in, NaN out`);
    assert.ok(Math.abs(y[3] - act.f(2)) < 1e-6);
  }
  const {
    out: [g],
  } = inWasm([Float32Array.from([1, 1]), Float32Array.from([0, 3])], (E, gp, yp) => E.activationGrad(gp, yp, 2, 1));
  assert.equal(g, [0, 1]);
});

Kernels("linearInputGrad: dX = G·W for sizes around the vector width and the 4-class unroll", () => {
  const r = rng(9);
  for (const [B, D, K] of [
    [1, 1, 1],
    [2, 3, 4],
    [3, 4, 5],
    [5, 9, 7],
    [4, 16, 10],
    [2, 130, 3],
  ]) {
    const g = Float32Array.from({ length: B * K }, () => r.normal());
    const w = Float32Array.from({ length: K * D }, () => r.normal());
    const {
      out: [, , dx],
    } = inWasm([g, w, new Float32Array(B * D).fill(NaN)], (E, gp, wp, dxp) => E.linearInputGrad(gp, wp, dxp, B, D, K));
    const want = [];
    for (let i = 0; i < B; i++)
      for (let d = 0; d < D; d++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += g[i * K + k] * w[k * D + d];
        want.push(s);
      }
    assertClose(dx, want, { rtol: 1e-5, atol: 1e-5, what: `dX ${B}×${D}×${K}` });
  }
});

Kernels("sigmoid: float64 reference, saturation, NaN", () => {
  const x = [-100, -20, -1.5, -1e-8, 0, 1e-8, 1.5, 20, 100, NaN];
  const y = sigmoid([x]);
  x.slice(0, -1).forEach((v, i) => {
    const want = 1 / (1 + Math.exp(-v));
    assert.ok(Math.abs(y[i] - want) <= 2e-7 * want + 1e-38, `σ(${v}) = ${y[i]}, want ${want}`);
  });
  assert.ok(Number.isNaN(y[9]));
});

Kernels("sigmoidCrossEntropy: PyTorch's values, log1p precision, posWeight, sample weights, reductions", () => {
  // −log σ(1.5) = 0.201413 (PyTorch docs); −log σ(20) = 2.06e-9, which log(1 + e^−20) loses in f32.
  assert.ok(Math.abs(sigmoidCrossEntropy([[1.5]], [[1]], 1).loss - 0.201413) < 1e-6);
  const tiny = sigmoidCrossEntropy([[20]], [[1]], 1).loss;
  assert.ok(Math.abs(tiny - 2.0611536e-9) < 1e-15, `−log σ(20) = ${tiny}`);
  assert.ok(Math.abs(sigmoidCrossEntropy([[-1000]], [[0]], 1).loss) < 1e-30, "a confident right answer costs nothing");
  assert.is(sigmoidCrossEntropy([[-1000]], [[1]], 1).loss, 1000, "a confident wrong answer costs its logit, not Infinity");
  const r = rng(5);
  for (const K of [1, 3, 4, 5, 14, 16]) {
    const N = 7;
    const x = Float32Array.from({ length: N * K }, (_, i) => (i % 5 === 0 ? 30 * r.normal() : 2 * r.normal()));
    const z = Float32Array.from({ length: N * K }, () => (r.uniform() < 0.3 ? 1 : r.uniform() < 0.5 ? 0 : r.uniform()));
    const posWeight = Array.from({ length: K }, () => 0.5 + 2 * r.uniform());
    const sampleWeight = Array.from({ length: N }, () => 2 * r.uniform());
    for (const reduction of ["mean", "sum", "none"]) {
      const gradScale = reduction === "mean" ? 1 / (N * K) : 1;
      const ref = sigmoidCrossEntropy64(x, z, K, { posWeight, sampleWeight, gradScale });
      const got = sigmoidCrossEntropy(x, z, K, { posWeight, sampleWeight, reduction });
      const total = ref.losses.reduce((a, b) => a + b, 0);
      if (reduction === "none") assertClose(got.loss, ref.losses, { rtol: 2e-6, atol: 1e-6, what: `K=${K} row losses` });
      else
        assertClose([got.loss], [reduction === "mean" ? total / (N * K) : total], {
          rtol: 2e-6,
          atol: 1e-7,
          what: `K=${K} ${reduction} loss`,
        });
      assertClose(got.grad, ref.grad, { rtol: 2e-6, atol: 1e-7, what: `K=${K} ${reduction} grad` });
    }
  }
});

Kernels("sigmoidCrossEntropy: targets outside [0, 1], shapes and options are refused", () => {
  rejects(() => sigmoidCrossEntropy([[1, 2]], [[1, 2]]), RangeError, /targets\[0\]\[1\] is 2/);
  rejects(() => sigmoidCrossEntropy([[1, 2]], [[1, NaN]]), RangeError, /targets\[0\]\[1\] is NaN/);
  rejects(
    () =>
      sigmoidCrossEntropy(
        [[1, 2]],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    RangeError,
    /targets is 2 × 2, logits 1 × 2/,
  );
  rejects(() => sigmoidCrossEntropy([[1, 2]], [[1, 0]], 2, { pos_weight: [1, 1] }), TypeError, /did you mean posWeight\?/);
  rejects(() => sigmoidCrossEntropy([[1, 2]], [[1, 0]], 2, { posWeight: [1] }), RangeError, /posWeight/, /one per label/);
});

Kernels.run();
