import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { softmax64, logSoftmax64, shiftRounding, assertClose, rng, f32 } from "../reference.js";

const { softmax, logSoftmax } = wasmax;

// Tolerances. softmax: 2e-6 relative per element, plus 2^-24·|x − max| relative where the shifted
// logit x − max is not exact in f32 (logits more than a factor 2 from the row max); values below
// f32's smallest normal (1.2e-38) may be flushed to 0. log-softmax: 5e-6 absolute plus one f32
// rounding of the result (2^-23 relative).
const SOFTMAX_STRICT = { rtol: 2e-6, atol: 1.2e-38 };
const softmaxTolerance = (x, K) => ({ ...SOFTMAX_STRICT, size: shiftRounding(x, K), sizeTol: 2 ** -24 });
const LOG_SOFTMAX = { rtol: 2 ** -23, atol: 5e-6 };

const CLASSES = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 31, 1000];
const ROWS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 33];

/** Value generators, each a function (random source, index) → logit. */
const RANGES = {
  "normal ×3": (r) => 3 * r.normal(),
  "±1000": (r) => (r.uniform() - 0.5) * 2000,
  "90..100": (r) => 90 + 10 * r.uniform(),
  "±3e38": (r) => (r.uniform() - 0.5) * 6e38,
  "−Infinity mixed in": (r) => (r.uniform() < 0.3 ? -Infinity : 10 * r.normal()),
};

const Softmax = suite("softmax");
checkMemory(Softmax);

for (const [name, make] of Object.entries(RANGES)) {
  Softmax(`matches the float64 reference for every K and row count, logits ${name}`, () => {
    const r = rng(1);
    for (const K of CLASSES) {
      for (const rows of ROWS) {
        const x = f32(rows * K, () => make(r));
        assertClose(softmax(x, K), softmax64(x, K), { ...softmaxTolerance(x, K), cols: K, what: `softmax K=${K} rows=${rows}` });
      }
    }
  });
}

Softmax("stays within 2e-6 relative at K = 32000 for standard normal logits (sums are not carried in f32)", () => {
  const r = rng(2);
  const x = f32(3 * 32000, () => r.normal());
  assertClose(softmax(x, 32000), softmax64(x, 32000), { ...SOFTMAX_STRICT, cols: 32000, what: "softmax K=32000" });
});

Softmax("at K = 32000 with logits ×10, the only extra error is the f32 rounding of x − max", () => {
  const r = rng(7);
  const x = f32(3 * 32000, () => 10 * r.normal());
  assertClose(softmax(x, 32000), softmax64(x, 32000), { ...softmaxTolerance(x, 32000), cols: 32000, what: "softmax K=32000 ×10" });
});

Softmax("a large batch with K = 10 (the small-K path) matches the reference", () => {
  const r = rng(3);
  const x = f32(4097 * 10, () => 5 * r.normal());
  assertClose(softmax(x, 10), softmax64(x, 10), { ...softmaxTolerance(x, 10), cols: 10, what: "softmax 4097×10" });
});

Softmax("non-finite contract: NaN or +Infinity make the row NaN, all −Infinity is NaN, some −Infinity are 0", () => {
  const rows = [
    [1, NaN, 2, 3, 4],
    [1, Infinity, 2, 3, 4],
    [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
    [0, -Infinity, Math.log(3), -Infinity, -Infinity],
    [NaN, NaN, NaN, NaN, NaN],
  ];
  const p = softmax(rows);
  for (let k = 0; k < 5; k++) {
    assert.ok(Number.isNaN(p[k]), `row with NaN, col ${k}: ${p[k]}`);
    assert.ok(Number.isNaN(p[5 + k]), `row with +Infinity, col ${k}: ${p[5 + k]}`);
    assert.ok(Number.isNaN(p[10 + k]), `row of −Infinity, col ${k}: ${p[10 + k]}`);
    assert.ok(Number.isNaN(p[20 + k]), `row of NaN, col ${k}: ${p[20 + k]}`);
  }
  assertClose(p.subarray(15, 20), [0.25, 0, 0.75, 0, 0], { rtol: 1e-6, what: "row with −Infinity entries" });
});

Softmax("K = 1 gives probability 1 for every finite logit", () => {
  const x = new Float32Array([-1e30, -5, 0, 7, 3e38]);
  assert.equal(Array.from(softmax(x, 1)), [1, 1, 1, 1, 1]);
});

Softmax("accepts Float64Array and number[][] and writes into out, even in place", () => {
  const r = rng(4);
  const x64 = Float64Array.from({ length: 6 * 7 }, () => r.normal());
  const want = softmax64(Float32Array.from(x64), 7);
  const tolerance = softmaxTolerance(Float32Array.from(x64), 7);
  assertClose(softmax(x64, 7), want, { ...tolerance, what: "Float64Array input" });
  const rows = Array.from({ length: 6 }, (_, i) => Array.from(x64.subarray(i * 7, i * 7 + 7)));
  assertClose(softmax(rows), want, { ...tolerance, what: "number[][] input" });
  const inPlace = Float32Array.from(x64);
  const result = softmax(inPlace, 7, inPlace);
  assert.is(result, inPlace, "returns out");
  assertClose(inPlace, want, { ...tolerance, what: "in place" });
});

Softmax("empty input gives empty output", () => {
  assert.is(softmax(new Float32Array(0), 4).length, 0);
  assert.is(softmax([], 3).length, 0);
});

const LogSoftmax = suite("logSoftmax");
checkMemory(LogSoftmax);

for (const [name, make] of Object.entries(RANGES)) {
  LogSoftmax(`matches the float64 reference for every K and row count, logits ${name}`, () => {
    const r = rng(5);
    for (const K of CLASSES) {
      for (const rows of ROWS) {
        const x = f32(rows * K, () => make(r));
        assertClose(logSoftmax(x, K), logSoftmax64(x, K), { ...LOG_SOFTMAX, cols: K, what: `logSoftmax K=${K} rows=${rows}` });
      }
    }
  });
}

LogSoftmax("stays within 5e-6 absolute at K = 32000", () => {
  const r = rng(6);
  const x = f32(2 * 32000, () => 4 * r.normal());
  assertClose(logSoftmax(x, 32000), logSoftmax64(x, 32000), { ...LOG_SOFTMAX, cols: 32000, what: "logSoftmax K=32000" });
});

LogSoftmax("is finite and exact where the probability underflows (never log of softmax)", () => {
  const out = logSoftmax(new Float32Array([0, -1000, -200, 3]), 4);
  assertClose(out, logSoftmax64(new Float32Array([0, -1000, -200, 3]), 4), { ...LOG_SOFTMAX, what: "underflow" });
  assert.ok(Number.isFinite(out[1]) && out[1] < -1000, `log p of a logit 1003 below the max: ${out[1]}`);
});

LogSoftmax("non-finite contract matches softmax's; −Infinity entries give −Infinity", () => {
  const out = logSoftmax([
    [1, NaN, 2],
    [1, Infinity, 2],
    [-Infinity, -Infinity, -Infinity],
    [0, -Infinity, 0],
  ]);
  for (let k = 0; k < 9; k++) assert.ok(Number.isNaN(out[k]), `index ${k}: ${out[k]}`);
  assertClose(out.subarray(9), [-Math.LN2, -Infinity, -Math.LN2], { ...LOG_SOFTMAX, what: "row with −Infinity" });
});

Softmax.run();
LogSoftmax.run();
