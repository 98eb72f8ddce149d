// fitStream (models/stream.ts): errors name the chunk and row the caller sent, the buffer grows
// with the rows that arrive, and a buffer too large for wasm memory is refused before anything is
// allocated, with the size it would need.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";

const { fitStream, SoftmaxRegression, MultiLabelLogisticRegression } = wasmax;
const Stream = suite("fitStream");
checkMemory(Stream);

/** `count` chunks of 10 rows × 3 features, labels 0/1; `edit(c, X, y)` may spoil one. */
function* chunks(count, edit = () => {}) {
  for (let c = 0; c < count; c++) {
    const X = Array.from({ length: 10 }, (_, i) => [Math.sin(c * 10 + i), Math.cos(i), i % 2 ? 1 : -1]);
    const y = X.map((_, i) => i % 2);
    edit(c, X, y);
    yield { X, y };
  }
}

/** Runs fitStream on a fresh model and returns the error with the number of buffers trained before it. */
async function failure(model, source, options) {
  let buffers = 0;
  try {
    await fitStream(model, source, { ...options, onProgress: (p) => (buffers = p.buffers) });
  } catch (error) {
    return { error, buffers };
  } finally {
    model.dispose();
  }
  assert.unreachable("fitStream should have failed");
}

Stream("a bad value or label names the caller's chunk and row, not a row of the internal buffer", async () => {
  // bufferRows 30: row 7 of chunk 5 is row 27 of the stream's second buffer.
  const sgd = () => new SoftmaxRegression({ solver: "sgd", randomState: 1 });
  const cases = [
    [(c, X) => c === 5 && (X[7][1] = NaN), RangeError, /^fitStream: chunk 5: X\[7\]\[1\] is NaN/],
    [(c, X) => c === 5 && (X[7][2] = 1e39), RangeError, /^fitStream: chunk 5: X\[7\]\[2\] is 1e\+39/],
    [(c, _X, y) => c === 5 && (y[7] = 3), RangeError, /^fitStream: chunk 5: y\[7\] = 3 is not one of the known classes \[0, 1\]/],
    [(c, _X, y) => c === 5 && (y[7] = "1"), RangeError, /^fitStream: chunk 5: y\[7\] = "1" is not one of the known classes/],
    [(c, _X, y) => c === 5 && (y[7] = null), TypeError, /^fitStream: chunk 5: y\[7\] is null: labels must be/],
  ];
  for (const [edit, type, pattern] of cases) {
    const { error, buffers } = await failure(sgd(), chunks(8, edit), { classes: [0, 1], bufferRows: 30 });
    assert.instance(error, type);
    assert.match(error.message, pattern);
    assert.is(buffers, 1, "the buffer before the bad chunk was trained; the one holding it was not");
  }
  const typed = function* () {
    yield { X: new Float32Array(30).fill(1), y: Int32Array.from({ length: 10 }, (_, i) => i % 2) };
    const X = new Float32Array(30).fill(1);
    X[4 * 3 + 2] = Infinity;
    yield { X, y: Int32Array.from({ length: 10 }, (_, i) => i % 2) };
  };
  const { error } = await failure(sgd(), typed(), { classes: [0, 1], features: 3 });
  assert.match(error.message, /^fitStream: chunk 1: X\[4\]\[2\] is Infinity/);
});

Stream("label sets and indicator rows: a bad target names its chunk, row and cell", async () => {
  const model = () => new MultiLabelLogisticRegression({ solver: "sgd", randomState: 1 });
  const sets = (edit) =>
    [...chunks(6)].map(({ X }, c) => {
      const y = X.map((_, i) => (i % 3 === 0 ? ["a", "b"] : i % 2 ? ["a"] : ["b"]));
      edit(c, y);
      return { X, y };
    });
  let f = await failure(
    model(),
    sets((c, y) => c === 4 && (y[7] = ["a", "zz"])),
    { classes: ["a", "b"], bufferRows: 25 },
  );
  assert.match(f.error.message, /^fitStream: chunk 4: y\[7\]\[1\] = "zz" is not one of the known labels/);
  f = await failure(
    model(),
    sets((c, y) => c === 4 && (y[3] = [2, "a"])),
    { classes: ["a", "b"], bufferRows: 25 },
  );
  assert.match(f.error.message, /^fitStream: chunk 4: y\[3\]\[0\] is 2/);
  const indicator = [...chunks(3)].map(({ X }, c) => ({ X, y: X.map((_, i) => (c === 2 && i === 6 ? [1, 0, 1] : [i % 2, 1])) }));
  f = await failure(model(), indicator, { classes: [0, 1], bufferRows: 25 });
  assert.match(f.error.message, /^fitStream: chunk 2: y must be a 0\/1 indicator matrix with 2 columns/);
});

Stream("a buffer too large for wasm memory: RangeError with the size needed, before the buffer is allocated", async () => {
  let started = false;
  const source = function* () {
    started = true;
    yield* chunks(2);
  };
  let { error } = await failure(new SoftmaxRegression({ solver: "sgd" }), source(), { classes: [0, 1], features: 1e6 });
  assert.instance(error, RangeError);
  assert.match(error.message, /^fitStream: a buffer of 10000 rows × 1000000 features needs 40000000000 bytes .* at most 536$/);
  assert.not.ok(started, "with features given, the size is checked before the first chunk is read");
  ({ error } = await failure(new SoftmaxRegression({ solver: "sgd" }), chunks(2), { classes: [0, 1], bufferRows: 1e9 }));
  assert.instance(error, RangeError);
  assert.match(error.message, /1000000000 rows × 3 features needs 12000000000 bytes .* set bufferRows to at most 178956970$/);
  // Without `features`, the first chunk gives the width, and the size is checked before the buffer exists.
  const wide = [{ X: [new Array(1e6).fill(0)], y: [0] }];
  ({ error } = await failure(new SoftmaxRegression({ solver: "sgd" }), wide, { classes: [0, 1] }));
  assert.match(error.message, /10000 rows × 1000000 features needs 40000000000 bytes .* at most 536$/);
});

Stream("memory follows the rows that arrive: 40 rows with bufferRows 1e8 hold kilobytes, not a 1.2 GB buffer", async () => {
  const before = process.memoryUsage().arrayBuffers;
  let held = Infinity;
  const model = new SoftmaxRegression({ solver: "sgd", randomState: 1 });
  try {
    await fitStream(model, chunks(4), { classes: [0, 1], bufferRows: 1e8, onProgress: () => (held = process.memoryUsage().arrayBuffers) });
    assert.ok(held - before < 16e6, `array buffers grew by ${held - before} bytes during the stream`);
    assert.ok(model.isFitted);
  } finally {
    model.dispose();
  }
});

Stream("the buffers train exactly as partialFit calls on the same rows (the f32 buffer holds the values partialFit would)", async () => {
  const opts = { solver: "adam", batchSize: 8, shuffle: false, randomState: 3 };
  const all = [...chunks(7)];
  const streamed = new SoftmaxRegression(opts);
  const stepped = new SoftmaxRegression(opts);
  try {
    await fitStream(streamed, all, { classes: [0, 1], bufferRows: 25 });
    const X = all.flatMap((c) => c.X);
    const y = all.flatMap((c) => c.y);
    for (let from = 0; from < X.length; from += 25)
      stepped.partialFit(X.slice(from, from + 25), y.slice(from, from + 25), { classes: [0, 1] });
    assert.equal(streamed.coef, stepped.coef);
    assert.equal(streamed.intercept, stepped.intercept);
  } finally {
    streamed.dispose();
    stepped.dispose();
  }
});

Stream.run();
