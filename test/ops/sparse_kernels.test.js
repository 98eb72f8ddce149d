// The sparse-input kernels against float64: sparseLinear (CSR rows times W in both layouts, with and
// without bias) and sparseWeightGrad (each non-zero's value times its row's gradient, scattered into
// the rows its column names, repeated columns included), for K around the SIMD width, empty rows,
// rows whose entries start past 0 (a slice of a larger CSR), and adversarial values.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { ready } from "../../build/testing.js";
import { assertClose, rng } from "../reference.js";

const Kernels = suite("ops: sparse kernels");
checkMemory(Kernels);

function blocks(rt, arrays) {
  const ptrs = arrays.map((a) => {
    const p = rt.heap.alloc(Math.max(1, a.length) * 4);
    (a instanceof Int32Array ? rt.heap.i32 : rt.heap.f32).set(a, p >>> 2);
    return p;
  });
  return {
    ptrs,
    read: (i, n) => Array.from(rt.heap.f32.subarray(ptrs[i] >>> 2, (ptrs[i] >>> 2) + n)),
    free: () => ptrs.forEach((p) => rt.heap.release(p)),
  };
}

/** A CSR of `rows` rows over D columns with row i holding (i % 4) · 2 entries (row 0 empty), offset by `skip` unused entries. */
function csr(r, rows, D, skip) {
  const indptr = [skip];
  const indices = Array.from({ length: skip }, () => 0);
  const values = Array.from({ length: skip }, () => 99);
  for (let i = 0; i < rows; i++) {
    const count = (i % 4) * 2;
    for (let j = 0; j < count; j++) {
      indices.push(Math.floor(r.uniform() * D));
      values.push(r.normal());
    }
    indptr.push(indices.length);
  }
  return { indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

for (const K of [1, 2, 3, 4, 5, 7, 8, 9, 17]) {
  Kernels(`sparseLinear, both layouts, and sparseWeightGrad, K = ${K}`, () => {
    const rt = ready();
    const r = rng(100 + K);
    const rows = 9,
      D = 13,
      skip = 3;
    const x = csr(r, rows, D, skip);
    const w = Float32Array.from({ length: D * K }, () => r.normal()); // input-major: w[d·K + k]
    const wT = Float32Array.from({ length: K * D }, (_, i) => w[(i % D) * K + Math.floor(i / D)]); // class-major
    const b = Float32Array.from({ length: K }, () => r.normal());
    const g = Float32Array.from({ length: rows * K }, () => r.normal());
    const grad0 = Float32Array.from({ length: D * K }, () => r.normal());
    const mem = blocks(rt, [x.indptr, x.indices, x.values, w, wT, b, new Float32Array(rows * K), g, grad0]);
    const [ip, ix, iv, wp, wTp, bp, yp, gp, gradp] = mem.ptrs;
    try {
      const expected = (bias) =>
        Array.from({ length: rows * K }, (_, o) => {
          const i = Math.floor(o / K);
          const k = o % K;
          let s = bias ? b[k] : 0;
          for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) s += x.values[p] * w[x.indices[p] * K + k];
          return s;
        });
      for (const bias of [true, false]) {
        rt.exports.sparseLinear(ip, ix, iv, rows, wp, K, 1, bias ? bp : 0, yp, K);
        const inputMajor = mem.read(6, rows * K);
        assertClose(inputMajor, expected(bias), { rtol: 1e-5, atol: 1e-5, cols: K, what: `input-major, bias ${bias}` });
        rt.exports.sparseLinear(ip, ix, iv, rows, wTp, 1, D, bias ? bp : 0, yp, K);
        assert.equal(mem.read(6, rows * K), inputMajor, "class-major gives the same bits");
      }
      for (let i = 0; i < K; i++) assert.is(mem.read(6, rows * K)[i], 0, "an empty row's logits are the bias (none here)");
      rt.exports.sparseWeightGrad(ip, ix, iv, rows, gp, gradp, K);
      const want = Array.from(grad0);
      for (let i = 0; i < rows; i++) {
        for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++)
          for (let k = 0; k < K; k++) want[x.indices[p] * K + k] += x.values[p] * g[i * K + k];
      }
      assertClose(mem.read(8, D * K), want, { rtol: 1e-5, atol: 1e-5, cols: K, what: "sparseWeightGrad" });
    } finally {
      mem.free();
    }
  });
}

Kernels("sparseLinear: huge values reach Infinity and NaN propagates, as the dense product does", () => {
  const rt = ready();
  const K = 5;
  const x = { indptr: Int32Array.of(0, 2, 3), indices: Int32Array.of(0, 1, 2), values: Float32Array.of(3e38, 3e38, NaN) };
  const w = Float32Array.from({ length: 3 * K }, () => 2);
  const mem = blocks(rt, [x.indptr, x.indices, x.values, w, new Float32Array(2 * K)]);
  const [ip, ix, iv, wp, yp] = mem.ptrs;
  try {
    rt.exports.sparseLinear(ip, ix, iv, 2, wp, K, 1, 0, yp, K);
    const y = mem.read(4, 2 * K);
    assert.ok(y.slice(0, K).every((v) => v === Infinity));
    assert.ok(y.slice(K).every(Number.isNaN));
  } finally {
    mem.free();
  }
});

Kernels.run();
