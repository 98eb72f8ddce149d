// fastText's kernels against float64 references written from model.cc and loss.cc: one update
// (ftUpdate) for each loss, the training loop (ftTrain), and predict-prob (ftPredict) for each
// loss with k and threshold; the Huffman tree and the tables as fastText builds them.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import { rng, assertSame } from "../reference.js";
import { ready, fastTextInternals } from "../../build/testing.js";

const {
  buildContext,
  threadState,
  threadLoss,
  tokensDone,
  denseToWasm,
  readMatrix,
  huffmanTree,
  negativesTable,
  lossTables,
  startUniformFill,
} = fastTextInternals;

const FastText = suite("objectives: fastText kernels");
checkMemory(FastText);

const TABLES = lossTables();
const sigmoidT = (x) => (x < -8 ? 0 : x > 8 ? 1 : TABLES.sigmoid[Math.trunc(((x + 8) * 512) / 16)]);
const logT = (x) => (x > 1 ? 0 : TABLES.log[Math.trunc(x * 512)]);
const stdLog = (x) => Math.log(x + 1e-5);
const LOSSES = ["softmax", "ns", "hs", "ova"];

/** minstd_rand and libstdc++'s uniform_int_distribution, as the kernel draws. */
function minstd(seed) {
  let s = seed % 2147483647 || 1;
  return (n) => {
    const scaling = Math.floor(2147483645 / n);
    const past = n * scaling;
    let r;
    do {
      s = (s * 48271) % 2147483647;
      r = s - 1;
    } while (r >= past);
    return Math.floor(r / scaling);
  };
}

/** A model in wasm memory: random matrices, its context (with a one-line corpus for ns's table). */
function setup(rt, { dim, osz, rows, loss, neg = 3, seed = 1 }) {
  const r = rng(seed);
  const wi = Float32Array.from({ length: rows * dim }, () => r.normal() * 0.4);
  const wo = Float32Array.from({ length: osz * dim }, () => r.normal() * 0.4);
  const counts = Array.from({ length: osz }, (_, i) => 50 - 7 * i);
  const input = denseToWasm(rt, rows, dim, (d) => d.set(wi));
  const output = denseToWasm(rt, osz, dim, (d) => d.set(wo));
  const one = Int32Array.of(0, 1);
  const corpus = { words: Int32Array.of(0), wordStart: one, labels: Int32Array.of(0), labelStart: one, lineTokens: Int32Array.of(2) };
  const ctx = buildContext(rt, { dim, loss, neg, input, output, labelCounts: counts, corpus, lr: 0.1, totalTokens: 10 });
  return { wi, wo, counts, input, output, ctx, blocks: [input, output, ctx] };
}

const dot = (a, ai, b, D) => {
  let s = 0;
  for (let j = 0; j < D; j++) s += a[ai + j] * b[j];
  return s;
};

/** Model::update in float64 (tables as native), updating wi and wo in place; returns the loss. */
function updateReference({ loss, dim: D, osz, wi, wo, counts, neg }, words, labels, lr, seed) {
  const wi64 = Float64Array.from(wi);
  const wo64 = Float64Array.from(wo);
  const h = new Float64Array(D);
  for (const w of words) for (let j = 0; j < D; j++) h[j] += wi64[w * D + j];
  for (let j = 0; j < D; j++) h[j] /= words.length;
  const g = new Float64Array(D);
  const draw = minstd(seed);
  const row = (r, alpha) => {
    for (let j = 0; j < D; j++) {
      g[j] += alpha * wo64[r * D + j];
      wo64[r * D + j] += alpha * h[j];
    }
  };
  const binary = (r, positive) => {
    const s = sigmoidT(dot(wo64, r * D, h, D));
    row(r, lr * ((positive ? 1 : 0) - s));
    return -logT(positive ? s : 1 - s);
  };
  let value = 0;
  const target = labels.length > 1 && loss !== "ova" ? labels[draw(labels.length)] : labels[0];
  if (loss === "softmax") {
    const logits = Array.from({ length: osz }, (_, i) => dot(wo64, i * D, h, D));
    const max = Math.max(...logits);
    const e = logits.map((v) => Math.exp(v - max));
    const z = e.reduce((a, b) => a + b, 0);
    const p = e.map((v) => v / z);
    for (let i = 0; i < osz; i++) row(i, lr * ((i === target ? 1 : 0) - p[i]));
    value = -logT(p[target]);
  } else if (loss === "ns") {
    const table = negativesTable(counts);
    value = binary(target, true);
    for (let n = 0; n < neg; n++) {
      let negative;
      do negative = table[draw(table.length)];
      while (negative === target);
      value += binary(negative, false);
    }
  } else if (loss === "hs") {
    const tree = huffmanTree(counts);
    for (let p = tree.pathStart[target]; p < tree.pathStart[target + 1]; p++) value += binary(tree.pathRow[p], tree.pathCode[p] === 1);
  } else for (let i = 0; i < osz; i++) value += binary(i, labels.includes(i));
  for (const w of words) for (let j = 0; j < D; j++) wi64[w * D + j] += g[j] / words.length;
  return { loss: value, wi: wi64, wo: wo64 };
}

function close(got, want, tol, what) {
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i]))))
      throw new Error(`${what}[${i}]: got ${got[i]}, expected ${want[i]}`);
  }
}

FastText("Huffman tree as buildTree: the rarest labels deepest, codes 1 on the second child", () => {
  const tree = huffmanTree([5, 3, 2, 1]);
  // Nodes 4 = (3, 2), 5 = (4, 1) (a leaf must be strictly smaller to go first), 6 = (0, 5): label 0
  // one step from the root, labels 2 and 3 three.
  assertSame(tree.left, Int32Array.of(-1, -1, -1, -1, 3, 4, 0), "left");
  assertSame(tree.right, Int32Array.of(-1, -1, -1, -1, 2, 1, 5), "right");
  assertSame(tree.pathStart, Int32Array.of(0, 1, 3, 6, 9), "pathStart");
  assertSame(tree.pathRow, Int32Array.of(2, 1, 2, 0, 1, 2, 0, 1, 2), "pathRow");
  assertSame(tree.pathCode, Int32Array.of(0, 1, 1, 1, 0, 1, 0, 0, 1), "pathCode");
  const table = negativesTable([9, 4, 1]);
  const share = (i) => table.filter((x) => x === i).length / table.length;
  assert.ok(Math.abs(share(0) - 3 / 6) < 1e-5 && Math.abs(share(2) - 1 / 6) < 1e-5, "negatives drawn ∝ √count");
});

for (const loss of LOSSES) {
  FastText(`ftUpdate, loss ${loss}: the loss and both matrices' updates as model.cc in float64`, () => {
    const rt = ready();
    const spec = { dim: 7, osz: 5, rows: 12, loss, neg: 3 };
    const m = setup(rt, spec);
    const th = threadState(rt, spec.dim, spec.osz, 11, 0);
    const args = rt.heap.alloc(64);
    try {
      const words = [3, 7, 7, 11];
      const labels = loss === "ova" ? [1, 3] : [2];
      rt.heap.i32.set(words, args >>> 2);
      rt.heap.i32.set(labels, (args >>> 2) + 8);
      const lossValue = rt.exports.ftUpdate(m.ctx, th, args, words.length, args + 32, labels.length, 0.25);
      const want = updateReference({ ...spec, ...m }, words, labels, 0.25, 11);
      close([lossValue], [want.loss], 1e-5, "loss");
      close(readMatrix(rt, m.input).data, want.wi, 1e-5, "input");
      close(readMatrix(rt, m.output).data, want.wo, 1e-5, "output");
      const { sum, examples } = threadLoss(rt, th);
      assert.is(examples, 1);
      assert.is(sum, Math.fround(lossValue));
    } finally {
      for (const b of [...m.blocks, th, args]) rt.heap.release(b);
    }
  });
}

FastText("ftTrain: reaches the token count, lr decays to 0, and one thread is deterministic", () => {
  const rt = ready();
  const runOnce = () => {
    const dim = 6;
    const r = rng(4);
    const lines = 40;
    const words = [];
    const wordStart = [0];
    const labels = [];
    for (let i = 0; i < lines; i++) {
      const label = i % 3;
      for (let w = 0; w < 3; w++) words.push(label * 4 + Math.floor(r.uniform() * 4));
      wordStart.push(words.length);
      labels.push(label);
    }
    const lineTokens = new Int32Array(lines).fill(5);
    const input = denseToWasm(rt, 12, dim, (d) => d.forEach((_, i) => (d[i] = (r.uniform() - 0.5) / dim)));
    const output = denseToWasm(rt, 3, dim, (d) => d.fill(0));
    const corpus = {
      words: Int32Array.from(words),
      wordStart: Int32Array.from(wordStart),
      labels: Int32Array.from(labels),
      labelStart: Int32Array.from({ length: lines + 1 }, (_, i) => i),
      lineTokens,
    };
    const total = 5 * lines * 20;
    const ctx = buildContext(rt, {
      dim,
      loss: "softmax",
      neg: 5,
      input,
      output,
      labelCounts: [14, 13, 13],
      corpus,
      lr: 0.5,
      totalTokens: total,
    });
    const th = threadState(rt, dim, 3, 0, 0);
    try {
      rt.exports.ftTrain(ctx, th, total / 2);
      const half = threadLoss(rt, th);
      rt.exports.ftTrain(ctx, th, total);
      assert.ok(tokensDone(rt, ctx) >= total, "the counter reached the total");
      const all = threadLoss(rt, th);
      assert.ok((all.sum - half.sum) / (all.examples - half.examples) < half.sum / half.examples, "the loss fell");
      return [readMatrix(rt, input).data, readMatrix(rt, output).data];
    } finally {
      for (const b of [input, output, ctx, th]) rt.heap.release(b);
    }
  };
  const [a, b] = [runOnce(), runOnce()];
  assertSame(a[0], b[0], "input");
  assertSame(a[1], b[1], "output");
});

FastText("threadState seeds minstd_rand as fastText does: negative seeds as 2^64 + seed, none stuck at 0", () => {
  const rt = ready();
  // The first value of std::minstd_rand rng(seed) for an int seed, from g++ 12 (libstdc++, x86-64):
  //   for (int s : {-2, -1, 0, 1, 2147483647, -2147483648, 12345, -12345}) printf("%lu\n", std::minstd_rand(s)());
  const native = [
    [-2, 96542],
    [-1, 144813],
    [0, 48271],
    [1, 48271],
    [2147483647, 48271],
    [-2147483648, 144813],
    [12345, 595905495],
    [-12345, 1551771236],
  ];
  for (const [seed, first] of native) {
    const th = threadState(rt, 4, 2, seed, 0);
    try {
      const state = BigInt(rt.heap.i32[th >>> 2] >>> 0);
      assert.is(Number((state * 48271n) % 2147483647n), first, `seed ${seed}`);
    } finally {
      rt.heap.release(th);
    }
  }
});

FastText("ftTrain on a thread's own output rows: merged into the shared rows, and alone it trains as on them", () => {
  const rt = ready();
  const dim = 6;
  const lines = 40;
  const r = rng(7);
  const words = Array.from({ length: 3 * lines }, (_, i) => (Math.floor(i / 3) % 3) * 4 + Math.floor(r.uniform() * 4));
  const corpus = {
    words: Int32Array.from(words),
    wordStart: Int32Array.from({ length: lines + 1 }, (_, i) => 3 * i),
    labels: Int32Array.from({ length: lines }, (_, i) => i % 3),
    labelStart: Int32Array.from({ length: lines + 1 }, (_, i) => i),
    lineTokens: new Int32Array(lines).fill(5),
  };
  const start = Float32Array.from({ length: 12 * dim }, () => (r.uniform() - 0.5) / dim);
  const total = 5 * lines * 20;
  /** Trains `own.length` threads in turn, each to the next of `stops`; own[t]: whether thread t has its own rows. */
  const run = (loss, own, stops) => {
    const input = denseToWasm(rt, 12, dim, (d) => d.set(start));
    const output = denseToWasm(rt, 3, dim, (d) => d.fill(0));
    const rows = rt.heap.i32[(output >>> 2) + 3];
    const ctx = buildContext(rt, { dim, loss, neg: 2, input, output, labelCounts: [14, 13, 13], corpus, lr: 0.5, totalTokens: total });
    const states = own.map((mine, t) => threadState(rt, dim, 3, t, t * 20, mine ? rows : 0));
    try {
      stops.forEach((stop, i) => {
        const t = i % states.length;
        rt.exports.ftTrain(ctx, states[t], stop);
        if (own[t]) {
          const copy = rt.heap.i32[(states[t] >>> 2) + 10];
          assertSame(new Float32Array(rt.heap.memory.buffer, copy, 3 * dim), readMatrix(rt, output).data, `${loss}: own rows after return`);
        }
      });
      return { output: readMatrix(rt, output).data, loss: states.map((th) => threadLoss(rt, th)) };
    } finally {
      for (const b of [input, output, ctx, ...states]) rt.heap.release(b);
    }
  };
  for (const loss of ["softmax", "ova"]) {
    const shared = run(loss, [false], [total]);
    const alone = run(loss, [true], [total / 3, total]);
    assert.ok(
      alone.output.some((v) => v !== 0),
      `${loss}: the shared rows were trained`,
    );
    // shared += own − base rounds once more per merge than training on the shared rows does.
    const scale = Math.max(...shared.output.map(Math.abs));
    shared.output.forEach((v, i) =>
      assert.ok(Math.abs(alone.output[i] - v) <= 1e-5 * scale, `${loss}: output ${i}: ${alone.output[i]} vs ${v}`),
    );
    // Two threads in turn, each on its own rows, share the examples of one (and each return merges).
    const two = run(loss, [true, true], [total / 4, total / 2, (3 * total) / 4, total]);
    assert.is(two.loss[0].examples + two.loss[1].examples, shared.loss[0].examples, `${loss}: examples of two threads`);
  }
});

FastText("ftUniformFill: the seeded generator's values, whole, in pieces and on the worker threads", () => {
  const rt = ready();
  // 2²⁰ + 7 values: enough for a pool job where there are threads; the others fill on this thread.
  for (const [count, seed, a] of [
    [1, 0, 0.5],
    [7, -5, 0.01],
    [33, 2 ** 31 - 1, 1 / 3],
    [2 ** 20 + 7, 42, 0.01],
  ]) {
    const r = rng(seed);
    const expected = Float32Array.from({ length: count }, () => a * (2 * r.uniform() - 1));
    const block = denseToWasm(rt, count, 1, () => {});
    try {
      const data = rt.heap.i32[(block >>> 2) + 3];
      const view = () => new Float32Array(rt.heap.memory.buffer, data, count);
      rt.exports.ftUniformFill(data, 0, count, seed, a);
      assertSame(view(), expected, `whole, ${count} values`);
      view().fill(0);
      const cut = Math.floor(count / 3);
      rt.exports.ftUniformFill(data, cut, count, seed, a);
      rt.exports.ftUniformFill(data, 0, cut, seed, a);
      assertSame(view(), expected, `in two pieces, ${count} values`);
      view().fill(0);
      startUniformFill(rt, data, count, seed, a, true)();
      assertSame(view(), expected, `threaded, ${count} values`);
    } finally {
      rt.heap.release(block);
    }
  }
});

/** predict-prob in float64: every label's score log(p + 1e-5), those at or above threshold, the k best. */
function predictReference({ loss, dim: D, osz, wi, wo, counts }, words, k, threshold) {
  const h = new Float64Array(D);
  for (const w of words) for (let j = 0; j < D; j++) h[j] += wi[w * D + j] / words.length;
  let scored;
  if (loss === "hs") {
    const tree = huffmanTree(counts);
    scored = Array.from({ length: osz }, (_, label) => {
      let s = 0;
      for (let p = tree.pathStart[label]; p < tree.pathStart[label + 1]; p++) {
        const q = 1 / (1 + Math.exp(-dot(wo, tree.pathRow[p] * D, h, D)));
        s += stdLog(tree.pathCode[p] ? q : 1 - q);
      }
      return { label, score: s, keep: s >= stdLog(threshold) };
    });
  } else {
    const logits = Array.from({ length: osz }, (_, i) => dot(wo, i * D, h, D));
    let p = logits.map(sigmoidT);
    if (loss === "softmax") {
      const max = Math.max(...logits);
      const z = logits.reduce((a, v) => a + Math.exp(v - max), 0);
      p = logits.map((v) => Math.exp(v - max) / z);
    }
    scored = p.map((q, label) => ({ label, score: stdLog(q), keep: q >= threshold }));
  }
  return scored
    .filter((x) => x.keep)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

for (const loss of LOSSES) {
  FastText(`ftPredict, loss ${loss}: labels and scores as predict-prob, k and threshold, empty lines`, () => {
    const rt = ready();
    const spec = { dim: 9, osz: 7, rows: 20, loss };
    const m = setup(rt, spec);
    const lines = [[1, 2, 3], [4], [], [5, 5, 19, 0, 8], [7, 11]];
    const flat = lines.flat();
    try {
      check();
    } finally {
      for (const b of m.blocks) rt.heap.release(b);
    }
    function check() {
      for (const [k, threshold] of [
        [1, 0],
        [3, 0],
        [7, 0.1],
      ]) {
        const rows = lines.length;
        const block = rt.heap.alloc(4096);
        try {
          const ids = block;
          const offsets = block + 256;
          const labelsAt = block + 512;
          const scoresAt = block + 1024;
          const countsAt = block + 1536;
          const scratch = block + 2048;
          rt.heap.i32.set(flat, ids >>> 2);
          let at = 0;
          rt.heap.i32.set([0, ...lines.map((l) => (at += l.length))], offsets >>> 2);
          rt.exports.ftPredict(m.ctx, scratch, ids, offsets, rows, k, threshold, labelsAt, scoresAt, countsAt);
          lines.forEach((line, r) => {
            const want = line.length ? predictReference({ ...spec, ...m }, line, k, threshold) : [];
            const count = rt.heap.i32[(countsAt >>> 2) + r];
            assert.is(count, want.length, `line ${r}: ${count} labels, expected ${want.length}`);
            // Table σ makes ties (ns, ova): there a label must have the score of its place, in any
            // order (native's order is checked on native's models, test/models/fasttext_native.test.js).
            const all = line.length ? predictReference({ ...spec, ...m }, line, spec.osz, 0) : [];
            for (let j = 0; j < count; j++) {
              const label = rt.heap.i32[(labelsAt >>> 2) + r * k + j];
              close([rt.heap.f32[(scoresAt >>> 2) + r * k + j]], [want[j].score], 2e-5, `line ${r} score ${j}`);
              close([all.find((x) => x.label === label).score], [want[j].score], 2e-5, `line ${r} label ${j} (${label})`);
              if (loss === "softmax" || loss === "hs") assert.is(label, want[j].label, `line ${r} label ${j}`);
            }
          });
        } finally {
          rt.heap.release(block);
        }
      }
    }
  });
}

FastText.run();
