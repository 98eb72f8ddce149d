// The row-wise kernels of sampled softmax against float64: gatheredDots (each row's dot product
// with the weight row its index names) and scatterAddRows (each row's scaled features added to the
// gradient row its index names), for sizes around the SIMD width and repeated indices.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { ready } from "../../build/testing.js";
import { assertClose, rng } from "../reference.js";

const Kernels = suite("ops: sampled softmax kernels");
checkMemory(Kernels);

function blocks(rt, arrays) {
  const ptrs = arrays.map((a) => {
    const p = rt.heap.alloc(a.length * 4);
    (a instanceof Int32Array ? rt.heap.i32 : rt.heap.f32).set(a, p >>> 2);
    return p;
  });
  return {
    ptrs,
    read: (i, n) => Array.from(rt.heap.f32.subarray(ptrs[i] >>> 2, (ptrs[i] >>> 2) + n)),
    free: () => ptrs.forEach((p) => rt.heap.release(p)),
  };
}

for (const D of [1, 3, 4, 5, 8, 13, 128]) {
  Kernels(`gatheredDots and scatterAddRows, D = ${D}`, () => {
    const rt = ready();
    const r = rng(D);
    const B = 7,
      K = 5,
      stride = 3;
    const x = Float32Array.from({ length: B * D }, () => r.normal());
    const w = Float32Array.from({ length: K * D }, () => r.normal());
    const b = Float32Array.from({ length: K }, () => r.normal());
    const index = Int32Array.from({ length: B }, (_, i) => (i * 3) % K); // classes repeat
    const g = Float32Array.from({ length: B * stride }, () => r.normal());
    const dst = Float32Array.from({ length: K * D }, () => r.normal());
    const mem = blocks(rt, [x, w, b, index, new Float32Array(B), g, dst]);
    const [xp, wp, bp, ip, outp, gp, dp] = mem.ptrs;
    try {
      rt.exports.gatheredDots(xp, wp, bp, ip, outp, B, D);
      const dots = Array.from({ length: B }, (_, i) => {
        let s = b[index[i]];
        for (let d = 0; d < D; d++) s += x[i * D + d] * w[index[i] * D + d];
        return s;
      });
      assertClose(mem.read(4, B), dots, { rtol: 1e-5, atol: 1e-5, what: "gatheredDots" });
      rt.exports.scatterAddRows(gp, stride, xp, dp, ip, B, D);
      const want = Array.from(dst);
      for (let i = 0; i < B; i++) for (let d = 0; d < D; d++) want[index[i] * D + d] += g[i * stride] * x[i * D + d];
      assertClose(mem.read(6, K * D), want, { rtol: 1e-5, atol: 1e-5, what: "scatterAddRows" });
    } finally {
      mem.free();
    }
  });
}

Kernels.run();
