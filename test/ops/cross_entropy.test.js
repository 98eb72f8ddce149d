import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { crossEntropy64, assertClose, rng, f32 } from "../reference.js";

const { softmaxCrossEntropy } = wasmax;
const CE = suite("softmaxCrossEntropy");
checkMemory(CE);

// Gradient elements are p·A − a; where p·A ≈ a the difference cancels, so the tolerance is relative
// to the size of the terms (reference.js `size`), plus the f32 rounding of x − max (see softmax).
const GRAD = { rtol: 0, atol: 1e-30, sizeTol: 4e-6 };

function labelsFor(r, N, K) {
  return Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
}

function check(x, labels, K, options, what) {
  const N = labels.length;
  const cw = options.classWeight;
  const sw = options.sampleWeight;
  let weightSum = 0;
  for (let i = 0; i < N; i++) weightSum += (sw ? sw[i] : 1) * (cw ? cw[labels[i]] : 1);
  const reduction = options.reduction ?? "mean";
  const gradScale = reduction === "mean" ? 1 / weightSum : 1;
  const ref = crossEntropy64(x, labels, K, { ...options, gradScale });
  const total = ref.losses.reduce((a, b) => a + b, 0);
  const got = softmaxCrossEntropy(x, labels, K, options);
  if (reduction === "none") {
    assertClose(got.loss, ref.losses, { rtol: 2e-6, atol: 1e-6, what: `${what} row losses` });
  } else {
    const want = reduction === "mean" ? total / weightSum : total;
    assertClose([got.loss], [want], { rtol: 2e-6, atol: 1e-6, what: `${what} loss` });
  }
  assertClose(got.grad, ref.grad, { ...GRAD, size: ref.size, cols: K, what: `${what} grad` });
}

CE("loss and gradient match the float64 reference for every K and row count", () => {
  const r = rng(11);
  for (const K of [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 31, 1000]) {
    for (const N of [1, 2, 3, 4, 5, 6, 7, 8, 9, 64]) {
      const x = f32(N * K, () => 3 * r.normal());
      check(x, labelsFor(r, N, K), K, {}, `K=${K} N=${N}`);
    }
  }
});

CE("class weights, sample weights and label smoothing, alone and together, for each reduction", () => {
  const r = rng(12);
  for (const K of [2, 5, 10, 33]) {
    const N = 13;
    const x = f32(N * K, () => 4 * r.normal());
    const labels = labelsFor(r, N, K);
    const classWeight = Array.from({ length: K }, () => 0.25 + 2 * r.uniform());
    const sampleWeight = Float64Array.from({ length: N }, () => 3 * r.uniform());
    for (const reduction of ["mean", "sum", "none"]) {
      check(x, labels, K, { reduction, classWeight }, `K=${K} ${reduction} classWeight`);
      check(x, labels, K, { reduction, sampleWeight }, `K=${K} ${reduction} sampleWeight`);
      check(x, labels, K, { reduction, labelSmoothing: 0.1 }, `K=${K} ${reduction} smoothing`);
      check(x, labels, K, { reduction, classWeight, sampleWeight, labelSmoothing: 0.2 }, `K=${K} ${reduction} all`);
    }
  }
});

CE("gradient agrees with central finite differences of the float64 loss", () => {
  const r = rng(13);
  for (const [K, options] of [
    [10, {}],
    [7, { labelSmoothing: 0.15, classWeight: [1, 2, 0.5, 1, 3, 1, 0.25] }],
    [1000, {}],
  ]) {
    const N = 3;
    const x = f32(N * K, () => 2 * r.normal());
    const labels = labelsFor(r, N, K);
    const { grad } = softmaxCrossEntropy(x, labels, K, { ...options, reduction: "sum" });
    const x64 = Float64Array.from(x);
    const lossAt = (v) => crossEntropy64(v, labels, K, options).losses.reduce((a, b) => a + b, 0);
    const h = 1e-6;
    for (let t = 0; t < 40; t++) {
      const i = Math.floor(r.uniform() * N * K);
      const save = x64[i];
      x64[i] = save + h;
      const up = lossAt(x64);
      x64[i] = save - h;
      const down = lossAt(x64);
      x64[i] = save;
      const numeric = (up - down) / (2 * h);
      assert.ok(
        Math.abs(grad[i] - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric),
        `K=${K} index ${i}: analytic ${grad[i]}, finite difference ${numeric}`,
      );
    }
  }
});

CE("loss stays finite and exact where the label's probability underflows", () => {
  const { loss, grad } = softmaxCrossEntropy(
    [
      [1000, 0],
      [0, -1000],
    ],
    [1, 1],
    undefined,
    { reduction: "none" },
  );
  assertClose(loss, [1000, 1000], { rtol: 1e-6, what: "losses" });
  assertClose(grad, [1, -1, 1, -1], { rtol: 0, atol: 1e-7, what: "grad" });
  const big = softmaxCrossEntropy(new Float32Array([0, -1000, 5, 3e38, -3e38, 90]), [1, 0], 3, { reduction: "sum" });
  assert.ok(Number.isFinite(big.loss), `loss ${big.loss}`);
});

CE("adversarial logits: ±1000, 90..100 and −Infinity for a wrong class", () => {
  const r = rng(14);
  for (const make of [() => (r.uniform() - 0.5) * 2000, () => 90 + 10 * r.uniform()]) {
    const K = 17;
    const x = f32(9 * K, make);
    check(x, labelsFor(r, 9, K), K, { reduction: "sum" }, "adversarial");
  }
  const { loss, grad } = softmaxCrossEntropy([[0, -Infinity, 0]], [0], undefined, { reduction: "sum" });
  assertClose([loss], [Math.LN2], { rtol: 1e-6, what: "loss" });
  assertClose(grad, [-0.5, 0, 0.5], { rtol: 1e-6, what: "grad" });
});

CE("a NaN logit makes that row's loss and gradient NaN (K = 10 pair path and the row path)", () => {
  for (const K of [10, 3]) {
    const x = new Float32Array(4 * K).fill(0.5);
    x[K + 1] = NaN;
    const { loss, grad } = softmaxCrossEntropy(x, [0, 0, 1, 2], K, { reduction: "none" });
    assert.ok(Number.isNaN(loss[1]), `K=${K} row 1 loss ${loss[1]}`);
    assert.ok(
      [0, 2, 3].every((i) => Number.isFinite(loss[i])),
      `K=${K} other rows stay finite: ${Array.from(loss)}`,
    );
    for (let k = 0; k < K; k++) assert.ok(Number.isNaN(grad[K + k]), `K=${K} grad row 1 col ${k}`);
  }
});

CE("grad: false skips the gradient; Uint32Array and number[] labels give the same answer", () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  const a = softmaxCrossEntropy(x, new Int32Array([2, 0]), 3);
  const b = softmaxCrossEntropy(x, new Uint32Array([2, 0]), 3, { grad: false });
  const c = softmaxCrossEntropy(x, [2, 0], 3);
  assert.is(b.grad, null);
  assert.is(a.loss, b.loss);
  assert.equal(Array.from(a.grad), Array.from(c.grad));
});

CE("options.out receives the gradient, even when it is the logits array", () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  const want = softmaxCrossEntropy(x, [0, 1], 3).grad;
  const out = new Float32Array(6);
  assert.is(softmaxCrossEntropy(x, [0, 1], 3, { out }).grad, out);
  assert.equal(Array.from(out), Array.from(want));
  softmaxCrossEntropy(x, [0, 1], 3, { out: x });
  assert.equal(Array.from(x), Array.from(want));
  assert.throws(() => softmaxCrossEntropy(x, [0, 1], 3, { out: new Float32Array(5) }), /out has length 5, expected 6/);
});

CE("does not modify the caller's logits", () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  softmaxCrossEntropy(x, [0, 1], 3);
  assert.equal(Array.from(x), [1, 2, 3, 4, 5, 6]);
});

CE.run();
