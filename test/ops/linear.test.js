import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { linear64, linearBackward64, assertClose, assertSame, rng, f32 } from "../reference.js";

const { linear, linearBackward, configure } = wasmax;
const Linear = suite("linear products");
checkMemory(Linear);

// f32 dot products of n terms: |error| <= n·2^-24·Σ|terms| (recursive summation bound; the blocked
// SIMD sums do better). `size` from the reference is Σ|terms|.
const bound = (n) => ({ rtol: 0, atol: 0, sizeTol: (n + 2) * 2 ** -24 });

function checkShapes(B, D, K, r, what) {
  const x = f32(B * D, () => r.normal());
  const w = f32(K * D, () => r.normal());
  const b = f32(K, () => r.normal());
  const fwd = linear64(x, w, b, B, D, K);
  assertClose(linear(x, w, b, D), fwd.y, { ...bound(D + 1), size: fwd.size, cols: K, what: `${what} forward` });
  const noBias = linear64(x, w, null, B, D, K);
  assertClose(linear(x, w, null, D), noBias.y, { ...bound(D), size: noBias.size, cols: K, what: `${what} forward, no bias` });
  const g = f32(B * K, () => r.normal());
  const back = linearBackward64(g, x, B, D, K);
  const got = linearBackward(g, x, K, D);
  assertClose(got.weightGrad, back.dw, { ...bound(B), size: back.dwSize, cols: D, what: `${what} weightGrad` });
  assertClose(got.biasGrad, back.db, { ...bound(B), size: back.dbSize, what: `${what} biasGrad` });
}

Linear("forward and backward match the float64 reference around every tile edge", () => {
  const r = rng(21);
  for (const B of [1, 2, 3, 5, 8, 17]) {
    for (const D of [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 33]) {
      for (const K of [1, 2, 3, 4, 5, 7, 10, 17]) checkShapes(B, D, K, r, `B=${B} D=${D} K=${K}`);
    }
  }
});

Linear("training shapes: B = 64, D = 784, K = 10 and B = 67, D = 256, K = 1000", () => {
  const r = rng(22);
  checkShapes(64, 784, 10, r, "784→10");
  checkShapes(67, 256, 1000, r, "256→1000");
});

Linear("row blocks: batches larger than one block (D = 20, B = 1000)", () => {
  checkShapes(1000, 20, 6, rng(23), "many rows");
});

Linear("inputs larger than the chunk size give the same result", () => {
  const r = rng(24);
  const [B, D, K] = [300, 50, 7];
  const x = f32(B * D, () => r.normal());
  const w = f32(K * D, () => r.normal());
  const g = f32(B * K, () => r.normal());
  const whole = linear(x, w, null, D);
  const grads = linearBackward(g, x, K, D);
  const previous = configure({ chunkBytes: 4096 });
  try {
    assertSame(linear(x, w, null, D), whole);
    const chunked = linearBackward(g, x, K, D);
    const back = linearBackward64(g, x, B, D, K);
    assertClose(chunked.weightGrad, back.dw, { ...bound(B), size: back.dwSize, cols: D, what: "chunked weightGrad" });
    assertClose(chunked.biasGrad, grads.biasGrad, { rtol: 1e-5, atol: 1e-5, what: "chunked biasGrad" });
  } finally {
    configure(previous);
  }
});

Linear("non-finite values past a row's end never leak into results", () => {
  // D = 3: the SIMD tail reads a fourth lane from the next row, which here is Infinity or NaN.
  const x = new Float32Array([1, 2, 3, Infinity, NaN, Infinity]);
  const w = new Float32Array([1, 1, 1, NaN, Infinity, NaN]);
  const y = linear(x.subarray(0, 3), w.subarray(0, 3), null, 3);
  assert.equal(Array.from(y), [6]);
});

Linear.run();
