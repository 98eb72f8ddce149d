// Property suite over the stateless kernels, configure and memoryStats (see properties.js).

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { anyNumber, junk, logitsInput, options } from "./arbitraries.js";
import { atBaseline, check, outcome } from "./properties.js";

const {
  softmax,
  logSoftmax,
  softmaxCrossEntropy,
  argmax,
  topK,
  linear,
  linearBackward,
  configure,
  memoryStats,
  sigmoid,
  sigmoidCrossEntropy,
} = wasmax;
const Ops = suite("properties: stateless kernels");
checkMemory(Ops);

const finite = (values) => Array.from(values).every((v) => Number.isFinite(Math.fround(v)));
const flat = (logits) =>
  Array.isArray(logits) && Array.isArray(logits[0]) ? logits.flat() : ArrayBuffer.isView(logits) ? Array.from(logits) : [NaN];

Ops("softmax and logSoftmax: typed errors only; finite logits give finite rows (softmax sums to 1)", () => {
  const base = memoryStats().allocatedBytes;
  check(
    fc.property(logitsInput, fc.boolean(), ({ logits, classes }, inPlace) => {
      for (const [name, fn] of [
        ["softmax", softmax],
        ["logSoftmax", logSoftmax],
      ]) {
        const input = inPlace && logits instanceof Float32Array ? Float32Array.from(logits) : logits;
        const { value } = outcome(() => fn(input, classes, inPlace && input instanceof Float32Array ? input : undefined), name);
        atBaseline(base, name);
        if (!value || !finite(flat(logits))) continue;
        assert.ok(value.every(Number.isFinite), `${name}: NaN or Infinity out of finite logits ${JSON.stringify(flat(logits))}`);
        if (name === "softmax") {
          const K = value.length / Math.max(1, flat(logits).length / (classes ?? logits[0].length)) || 1;
          for (let i = 0; i + K <= value.length; i += K) {
            const s = value.subarray(i, i + K).reduce((a, b) => a + b, 0);
            assert.ok(Math.abs(s - 1) < 1e-5, `softmax row sums to ${s}`);
          }
        }
      }
    }),
  );
});

Ops("softmaxCrossEntropy: typed errors only; finite logits and weights give a finite loss and gradient", () => {
  const base = memoryStats().allocatedBytes;
  const valid = {
    reduction: fc.constantFrom("mean", "sum", "none"),
    labelSmoothing: fc.double({ min: 0, max: 1, noNaN: true }),
    classWeight: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 13 }),
    sampleWeight: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { maxLength: 9 }),
    grad: fc.boolean(),
  };
  check(
    fc.property(
      logitsInput,
      fc.array(fc.oneof(fc.integer({ min: -1, max: 13 }), junk), { maxLength: 9 }),
      options(valid),
      ({ logits, classes }, labels, opts) => {
        const { value } = outcome(() => softmaxCrossEntropy(logits, labels, classes, opts), "softmaxCrossEntropy");
        atBaseline(base, "softmaxCrossEntropy");
        if (!value || !finite(flat(logits))) return;
        const losses = typeof value.loss === "number" ? [value.loss] : Array.from(value.loss);
        assert.ok(losses.every(Number.isFinite), `loss ${losses} from finite logits`);
        if (value.grad) assert.ok(value.grad.every(Number.isFinite), "gradient from finite logits");
      },
    ),
  );
});

Ops("sigmoid and sigmoidCrossEntropy: typed errors only; finite logits give probabilities in [0, 1] and a finite loss", () => {
  const base = memoryStats().allocatedBytes;
  const valid = {
    reduction: fc.constantFrom("mean", "sum", "none"),
    posWeight: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 1, maxLength: 13 }),
    sampleWeight: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { maxLength: 9 }),
    grad: fc.boolean(),
  };
  const targets = fc.oneof(
    fc.array(fc.array(fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 13 }), {
      maxLength: 9,
    }),
    fc.array(fc.array(anyNumber, { maxLength: 4 }), { maxLength: 4 }),
    junk,
  );
  check(
    fc.property(logitsInput, targets, options(valid), ({ logits, classes }, z, opts) => {
      const p = outcome(() => sigmoid(logits, classes), "sigmoid").value;
      const ce = outcome(() => sigmoidCrossEntropy(logits, z, classes, opts), "sigmoidCrossEntropy").value;
      atBaseline(base, "sigmoid");
      if ((!p && !ce) || !finite(flat(logits))) return;
      if (p)
        assert.ok(
          p.every((v) => v >= 0 && v <= 1),
          "probabilities in [0, 1]",
        );
      if (ce) {
        const losses = typeof ce.loss === "number" ? [ce.loss] : Array.from(ce.loss);
        assert.ok(losses.every(Number.isFinite), `loss ${losses}`);
        if (ce.grad) assert.ok(ce.grad.every(Number.isFinite), "gradient");
      }
    }),
  );
});

Ops("argmax and topK: typed errors only; indices in range", () => {
  const base = memoryStats().allocatedBytes;
  check(
    fc.property(logitsInput, fc.oneof(fc.integer({ min: 0, max: 14 }), junk), ({ logits, classes }, k) => {
      const best = outcome(() => argmax(logits, classes), "argmax").value;
      const top = outcome(() => topK(logits, k, classes), "topK").value;
      atBaseline(base, "argmax/topK");
      const K = classes ?? (Array.isArray(logits) ? logits[0]?.length : undefined);
      if (best)
        assert.ok(
          best.every((i) => i >= 0 && i < K),
          "argmax indices in [0, classes)",
        );
      if (top)
        assert.ok(
          top.indices.every((i) => i >= 0 && i < K),
          "topK indices in [0, classes)",
        );
    }),
  );
});

Ops("linear and linearBackward: typed errors only; finite in, finite out; no stale results", () => {
  const base = memoryStats().allocatedBytes;
  const matrix = (rows, cols) =>
    fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    });
  const dims = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }));
  check(
    fc.property(
      dims.chain(([B, D, K]) => fc.tuple(matrix(B, D), matrix(K, D), matrix(B, K), fc.constant([B, D, K]))),
      fc.oneof(
        fc.constant(null),
        junk,
        anyNumber.map((v) => [v]),
      ),
      ([x, w, g, [B, D, K]], bias) => {
        const X = Float32Array.from(x.flat());
        const out = outcome(() => linear(X, w, bias, D), "linear").value;
        const grads = outcome(() => linearBackward(Float32Array.from(g.flat()), X, K, D), "linearBackward").value;
        atBaseline(base, "linear");
        if (out && (bias == null || (Array.isArray(bias) && finite(bias))))
          assert.ok(out.every(Number.isFinite), "linear: finite in, finite out");
        assert.ok(grads, "well-formed gradients are accepted");
        assert.ok(grads.weightGrad.every(Number.isFinite) && grads.biasGrad.every(Number.isFinite));
        if (B === 0)
          assert.ok(
            grads.weightGrad.every((v) => v === 0),
            "an empty batch has zero gradients",
          );
      },
    ),
  );
});

Ops("configure: typed errors only, and any accepted chunk size still gives the same answer", () => {
  const x = Float32Array.from({ length: 70 }, (_, i) => Math.sin(i));
  const expected = Array.from(softmax(x, 7));
  check(
    fc.property(
      fc.oneof(
        fc.record({ chunkBytes: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(2 ** 33, 1.5, 1024, 2 ** 30), junk) }),
        junk,
      ),
      (config) => {
        const previous = configure();
        try {
          outcome(() => configure(config), "configure");
          assert.equal(Array.from(softmax(x, 7)), expected);
        } finally {
          configure(previous);
        }
      },
    ),
    { runs: 60, fresh: 40 },
  );
});

Ops.run();
