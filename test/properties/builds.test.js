// SIMD = scalar: the SIMD binary this run uses (relaxed SIMD in the Node 22 run, fused
// multiply-add; plain SIMD otherwise) and the scalar one, instantiated side by side, give the same
// answers within f32 tolerance on random finite inputs (kernels and optimizer steps).

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { check } from "./properties.js";
import { BACKEND } from "../setup.js";

const Builds = suite("properties: the SIMD and scalar builds agree");

/** A raw instance with a bump allocator of 16-byte aligned, padded blocks. */
function instance(file) {
  const module = new WebAssembly.Module(readFileSync(new URL(`../../wasm/${file}`, import.meta.url)));
  const e = new WebAssembly.Instance(module, {}).exports;
  e.memory.grow(64);
  const base = Math.ceil(e.heapBase() / 16) * 16;
  let top = base;
  return {
    e,
    reset: () => (top = base),
    put(values) {
      const ptr = top;
      top += Math.ceil((values.length * 4) / 16) * 16 + 16;
      const arr = values instanceof Int32Array ? new Int32Array(e.memory.buffer) : new Float32Array(e.memory.buffer);
      arr.set(values, ptr >>> 2);
      return ptr;
    },
    read: (ptr, n) => Array.from(new Float32Array(e.memory.buffer, ptr, n)),
  };
}

const fastFile = BACKEND === "relaxed-simd" ? "relaxed.wasm" : "simd.wasm";
const simdBytes = readFileSync(new URL(`../../wasm/${fastFile}`, import.meta.url));
const engineHasSimd = WebAssembly.validate(simdBytes);

function close(a, b, what, rtol = 2e-5, atol = 1e-6) {
  assert.is(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const ok = (Number.isNaN(a[i]) && Number.isNaN(b[i])) || a[i] === b[i] || Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]);
    assert.ok(ok, `${what}[${i}]: ${fastFile} ${a[i]} vs scalar ${b[i]}`);
  }
}

if (!engineHasSimd) {
  // The no-SSE4.1 run: there is no SIMD build to compare here; the other runs compare them.
  Builds("this engine refuses the SIMD build, and wasmax runs the scalar one", () => {
    assert.throws(() => new WebAssembly.Module(simdBytes), /SIMD unsupported/);
    assert.is(BACKEND, "scalar");
  });
}
const simd = engineHasSimd ? instance(fastFile) : null;
const scalar = instance("scalar.wasm");
const property = engineHasSimd ? Builds : () => {};

const rowsAndK = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 }));
const values = (n, scale) =>
  fc.array(fc.double({ min: -scale, max: scale, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float32Array.from(v));

property("softmax, logSoftmax and fused cross-entropy", () => {
  check(
    fc.property(
      rowsAndK.chain(([N, K]) =>
        fc.tuple(
          fc.constant([N, K]),
          values(N * K, 60),
          fc.array(fc.integer({ min: 0, max: K - 1 }), { minLength: N, maxLength: N }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
      ),
      ([[N, K], x, labels, smoothing]) => {
        const out = {};
        for (const [name, b] of [
          ["simd", simd],
          ["scalar", scalar],
        ]) {
          b.reset();
          const p = b.put(x);
          const lp = b.put(x);
          const g = b.put(x);
          const y = b.put(Int32Array.from(labels));
          b.e.softmax(p, p, N, K);
          b.e.logSoftmax(lp, lp, N, K);
          const loss = b.e.softmaxCrossEntropy(g, y, N, K, 0, 0, smoothing, 1 / N, 0, g);
          out[name] = { p: b.read(p, N * K), lp: b.read(lp, N * K), g: b.read(g, N * K), loss };
        }
        close(out.simd.p, out.scalar.p, "softmax");
        close(out.simd.lp, out.scalar.lp, "logSoftmax", 2e-5, 2e-5);
        close(out.simd.g, out.scalar.g, "grad");
        close([out.simd.loss], [out.scalar.loss], "loss");
      },
    ),
  );
});

property("linear forward and backward", () => {
  const dims = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 12 }));
  check(
    fc.property(
      dims.chain(([B, D, K]) => fc.tuple(fc.constant([B, D, K]), values(B * D, 3), values(K * D, 3), values(K, 3), values(B * K, 3))),
      ([[B, D, K], x, w, bias, g]) => {
        const out = {};
        for (const [name, b] of [
          ["simd", simd],
          ["scalar", scalar],
        ]) {
          b.reset();
          const xp = b.put(x),
            wp = b.put(w),
            bp = b.put(bias),
            gp = b.put(g);
          const y = b.put(new Float32Array(B * K)),
            dw = b.put(new Float32Array(K * D)),
            db = b.put(new Float32Array(K));
          b.e.linear(xp, wp, bp, y, B, D, K);
          b.e.linearWeightGrad(gp, xp, dw, B, D, K, false);
          b.e.biasGrad(gp, db, B, K, false);
          out[name] = { y: b.read(y, B * K), dw: b.read(dw, K * D), db: b.read(db, K) };
        }
        close(out.simd.y, out.scalar.y, "linear", 1e-4, 1e-4);
        close(out.simd.dw, out.scalar.dw, "weightGrad", 1e-4, 1e-4);
        close(out.simd.db, out.scalar.db, "biasGrad", 1e-4, 1e-4);
      },
    ),
  );
});

property("sgd and adam steps, including gradients near the float32 limit", () => {
  const grads = (n) =>
    fc
      .array(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(1e19, -3e19, 1e30)), { minLength: n, maxLength: n })
      .map((v) => Float32Array.from(v));
  check(
    fc.property(
      fc.integer({ min: 1, max: 13 }).chain((n) => fc.tuple(fc.constant(n), values(n, 2), grads(n))),
      ([n, theta, g]) => {
        const out = {};
        for (const [name, b] of [
          ["simd", simd],
          ["scalar", scalar],
        ]) {
          b.reset();
          const p1 = b.put(theta),
            p2 = b.put(theta),
            gp = b.put(g);
          const v = b.put(new Float32Array(n)),
            m = b.put(new Float32Array(n)),
            s = b.put(new Float32Array(n));
          b.e.sgdUpdate(p1, gp, v, n, 0.1, 0.9, 0.01);
          b.e.adamUpdate(p2, gp, m, s, n, 0.001, 0.9, 0.999, 1e-8, 0.01);
          out[name] = { sgd: b.read(p1, n), adam: b.read(p2, n), m: b.read(m, n), v: b.read(s, n) };
        }
        for (const key of ["sgd", "adam", "m", "v"]) close(out.simd[key], out.scalar[key], key);
      },
    ),
  );
});

Builds.run();
