// fastText's supervised training (model.cc, loss.cc, fasttext.cc's trainThread) on a corpus held in
// wasm memory. Layouts: fasttext_layout.ts. Training matrices are dense.
//
// ftUpdate is Model::update for one example: hidden = mean of the input rows, the loss's forward
// pass with its updates of the output rows (and the gradient), grad scaled by 1/n, then grad added
// to every input row of the example. The losses:
//   softmax  output = softmax(W_o·h); for every label i, alpha = lr·([i = target] − output_i)
//   ns       binary logistic on the target (positive) and `neg` labels drawn from the unigram
//            table (negatives; never the target)
//   hs       binary logistic on each node of the target's path in the Huffman tree (its code bit
//            as the label)
//   ova      binary logistic on every label (positive when it is one of the example's labels)
// where binary logistic on row r with label y is: s = σ(W_o[r]·h) (the table), alpha = lr·(y − s),
// g += alpha·W_o[r], W_o[r] += alpha·h; loss −log(s) or −log(1 − s) (the table).
//
// ftTrain is one thread of trainThread: it reads lines from its cursor (wrapping at the end of the
// corpus), with lr = LR·(1 − COUNTER / TOTAL_TOKENS), and adds its tokens to COUNTER every time
// more than LR_UPDATE_RATE have accumulated; it returns once COUNTER has reached `stop`. Threads
// share the input matrix and COUNTER without locks (Hogwild, as fastText); in the threads builds
// COUNTER is read and added to atomically. The output rows are shared too, except where a thread
// has its own copy (OWN_OUTPUT: softmax and ova beside other threads, which write every output row
// for every example, so sharing them makes the cores pass the same cache lines back and forth all
// the time). Such a thread trains on its copy and merges it every MERGE_EXAMPLES examples and when
// it returns: shared += own − base, then own = base = shared, so the shared rows get every
// thread's updates and each thread sees the others' at most MERGE_EXAMPLES examples late.
// Lines without labels or words count their tokens and train nothing. The rng is minstd_rand and
// the label of a multi-label example (not ova) is drawn as libstdc++'s uniform_int_distribution
// draws it.

import * as L from "./fasttext_layout";
import { computeHidden, scale, tableLog, tableSigmoid, updateRow, addTo } from "./fasttext_rows";
import { dot } from "./inline/dot";
import { expNonPositive } from "./inline/exp";

/** The next state of minstd_rand (a = 48271, m = 2³¹ − 1): values 1 … 2³¹ − 2. */
// @ts-ignore: decorator
@inline function nextRandom(th: usize): u32 {
  const next = <u32>((<u64>load<u32>(th + L.RNG) * 48271) % 2147483647);
  store<u32>(th + L.RNG, next);
  return next;
}

/** A uniform integer in [0, n) as libstdc++'s uniform_int_distribution draws it from minstd_rand. */
function uniform(th: usize, n: u32): u32 {
  const range: u32 = 2147483645; // max − min of minstd_rand
  const scaling = range / n;
  const past = n * scaling;
  let r: u32;
  do r = nextRandom(th) - 1;
  while (r >= past);
  return r / scaling;
}

/** Examples between two merges of a thread's own output rows (see above). */
// @ts-ignore: decorator
@inline const MERGE_EXAMPLES: i32 = 64;

/** The output rows thread th trains: its own copy if it has one, else the shared matrix's. */
// @ts-ignore: decorator
@inline function outputRows(ctx: usize, th: usize): usize {
  const own = <usize>load<i32>(th + L.OWN_OUTPUT);
  return own ? own : <usize>load<i32>(<usize>load<i32>(ctx + L.OUTPUT) + L.DATA);
}

/** Merges thread th's own output rows into the shared ones (see above); nothing without a copy. */
function mergeOutput(ctx: usize, th: usize): void {
  const own = <usize>load<i32>(th + L.OWN_OUTPUT);
  if (!own) return;
  const base = <usize>load<i32>(th + L.BASE_OUTPUT);
  const shared = <usize>load<i32>(<usize>load<i32>(ctx + L.OUTPUT) + L.DATA);
  const bytes = <usize>(load<i32>(ctx + L.OSZ) * load<i32>(ctx + L.DIM)) << 2;
  let o: usize = 0;
  if (ASC_FEATURE_SIMD) {
    for (; o + 16 <= bytes; o += 16) {
      const s = f32x4.add(v128.load(shared + o), f32x4.sub(v128.load(own + o), v128.load(base + o)));
      v128.store(shared + o, s);
      v128.store(own + o, s);
      v128.store(base + o, s);
    }
  }
  for (; o < bytes; o += 4) {
    const s = load<f32>(shared + o) + (load<f32>(own + o) - load<f32>(base + o));
    store<f32>(shared + o, s);
    store<f32>(own + o, s);
    store<f32>(base + o, s);
  }
}

/** Binary logistic loss on output row r with label `positive`, updating g and the row (see above). */
function binaryLogistic(ctx: usize, th: usize, r: i32, positive: bool, lr: f32): f32 {
  const D = load<i32>(ctx + L.DIM);
  const w = outputRows(ctx, th) + ((<usize>r * <usize>D) << 2);
  const h = <usize>load<i32>(th + L.HIDDEN);
  const score = tableSigmoid(ctx, dot(w, h, D));
  updateRow(<usize>load<i32>(th + L.GRAD), w, h, lr * ((positive ? <f32>1 : <f32>0) - score), D);
  return -tableLog(ctx, positive ? score : <f32>1 - score);
}

function softmaxLoss(ctx: usize, th: usize, target: i32, lr: f32): f32 {
  const D = load<i32>(ctx + L.DIM);
  const osz = load<i32>(ctx + L.OSZ);
  const wo = outputRows(ctx, th);
  const h = <usize>load<i32>(th + L.HIDDEN);
  const g = <usize>load<i32>(th + L.GRAD);
  const out = <usize>load<i32>(th + L.OUTPUT_ROW);
  const rowBytes = <usize>D << 2;
  let max: f32 = -Infinity;
  for (let i = 0; i < osz; i++) {
    const v = dot(wo + <usize>i * rowBytes, h, D);
    store<f32>(out + (<usize>i << 2), v);
    max = max > v ? max : v;
  }
  let z: f32 = 0;
  for (let i = 0; i < osz; i++) {
    const e = expNonPositive(load<f32>(out + (<usize>i << 2)) - max);
    store<f32>(out + (<usize>i << 2), e);
    z += e;
  }
  for (let i = 0; i < osz; i++) {
    const p = load<f32>(out + (<usize>i << 2)) / z;
    store<f32>(out + (<usize>i << 2), p);
    updateRow(g, wo + <usize>i * rowBytes, h, lr * ((i == target ? <f32>1 : <f32>0) - p), D);
  }
  return -tableLog(ctx, load<f32>(out + (<usize>target << 2)));
}

function negativeSampling(ctx: usize, th: usize, target: i32, lr: f32): f32 {
  let loss = binaryLogistic(ctx, th, target, true, lr);
  const table = <usize>load<i32>(ctx + L.NEGATIVES);
  const size = load<u32>(ctx + L.NEGATIVE_COUNT);
  // One label has no negative to draw (fastText would loop forever).
  if (load<i32>(ctx + L.OSZ) < 2) return loss;
  const neg = load<i32>(ctx + L.NEG);
  for (let n = 0; n < neg; n++) {
    let negative: i32;
    do negative = load<i32>(table + (<usize>uniform(th, size) << 2));
    while (negative == target);
    loss += binaryLogistic(ctx, th, negative, false, lr);
  }
  return loss;
}

function hierarchicalSoftmax(ctx: usize, th: usize, target: i32, lr: f32): f32 {
  const start = <usize>load<i32>(ctx + L.PATH_START);
  const rows = <usize>load<i32>(ctx + L.PATH_ROW);
  const codes = <usize>load<i32>(ctx + L.PATH_CODE);
  const from = load<i32>(start + (<usize>target << 2));
  const to = load<i32>(start + (<usize>(target + 1) << 2));
  let loss: f32 = 0;
  for (let p = from; p < to; p++) {
    const o = <usize>p << 2;
    loss += binaryLogistic(ctx, th, load<i32>(rows + o), load<i32>(codes + o) != 0, lr);
  }
  return loss;
}

function oneVsAll(ctx: usize, th: usize, labels: usize, nlabels: i32, lr: f32): f32 {
  const osz = load<i32>(ctx + L.OSZ);
  let loss: f32 = 0;
  for (let i = 0; i < osz; i++) {
    let match = false;
    for (let j = 0; j < nlabels; j++) if (load<i32>(labels + (<usize>j << 2)) == i) match = true;
    loss += binaryLogistic(ctx, th, i, match, lr);
  }
  return loss;
}

/**
 * One example (Model::update and FastText::supervised): input rows words[0 … nwords), labels
 * labels[0 … nlabels), both ≥ 1. Updates the matrices, adds the loss to the thread's LOSS_SUM and
 * one to its EXAMPLES, and returns the loss.
 */
export function ftUpdate(ctx: usize, th: usize, words: usize, nwords: i32, labels: usize, nlabels: i32, lr: f32): f32 {
  const D = load<i32>(ctx + L.DIM);
  const hidden = <usize>load<i32>(th + L.HIDDEN);
  const g = <usize>load<i32>(th + L.GRAD);
  computeHidden(ctx, words, nwords, hidden);
  memory.fill(g, 0, <usize>D << 2);
  const kind = load<i32>(ctx + L.LOSS);
  let loss: f32;
  if (kind == L.OVA) loss = oneVsAll(ctx, th, labels, nlabels, lr);
  else {
    const target = load<i32>(labels + (nlabels > 1 ? <usize>uniform(th, <u32>nlabels) << 2 : 0));
    if (kind == L.SOFTMAX) loss = softmaxLoss(ctx, th, target, lr);
    else if (kind == L.NS) loss = negativeSampling(ctx, th, target, lr);
    else loss = hierarchicalSoftmax(ctx, th, target, lr);
  }
  store<f64>(th + L.LOSS_SUM, load<f64>(th + L.LOSS_SUM) + <f64>loss);
  store<f64>(th + L.EXAMPLES, load<f64>(th + L.EXAMPLES) + 1);
  scale(g, <f32>(1.0 / <f64>nwords), D);
  const wi = <usize>load<i32>(<usize>load<i32>(ctx + L.INPUT) + L.DATA);
  for (let j = 0; j < nwords; j++) addTo(wi + ((<usize>load<i32>(words + (<usize>j << 2)) * <usize>D) << 2), g, D);
  return loss;
}

// @ts-ignore: decorator
@inline function tokensSoFar(ctx: usize): i64 {
  if (ASC_FEATURE_THREADS) return atomic.load<i64>(ctx + L.COUNTER);
  return load<i64>(ctx + L.COUNTER);
}

// @ts-ignore: decorator
@inline function addTokens(ctx: usize, n: i64): void {
  if (ASC_FEATURE_THREADS) atomic.add<i64>(ctx + L.COUNTER, n);
  else store<i64>(ctx + L.COUNTER, load<i64>(ctx + L.COUNTER) + n);
}

/** One training thread's lines until COUNTER reaches `stop` (see above); the thread's state is at `th`. */
export function ftTrain(ctx: usize, th: usize, stop: f64): void {
  const nlines = load<i32>(ctx + L.NLINES);
  const words = <usize>load<i32>(ctx + L.WORDS);
  const wordStart = <usize>load<i32>(ctx + L.WORD_START);
  const labels = <usize>load<i32>(ctx + L.LABELS);
  const labelStart = <usize>load<i32>(ctx + L.LABEL_START);
  const lineTokens = <usize>load<i32>(ctx + L.LINE_TOKENS);
  const rate = load<i32>(ctx + L.LR_UPDATE_RATE);
  const lr0 = load<f32>(ctx + L.LR);
  const total = load<f64>(ctx + L.TOTAL_TOKENS);
  const limit = <i64>stop;
  let local = load<i32>(th + L.LOCAL_TOKENS);
  let line = load<i32>(th + L.CURSOR);
  let counter = tokensSoFar(ctx);
  const own = load<i32>(th + L.OWN_OUTPUT) != 0;
  let since = 0;
  while (counter < limit) {
    const lr = lr0 * <f32>(1.0 - <f64>counter / total);
    const o = <usize>line << 2;
    local += load<i32>(lineTokens + o);
    const w0 = load<i32>(wordStart + o);
    const nw = load<i32>(wordStart + o + 4) - w0;
    const l0 = load<i32>(labelStart + o);
    const nl = load<i32>(labelStart + o + 4) - l0;
    if (nw > 0 && nl > 0) {
      ftUpdate(ctx, th, words + (<usize>w0 << 2), nw, labels + (<usize>l0 << 2), nl, lr);
      if (own && ++since == MERGE_EXAMPLES) {
        mergeOutput(ctx, th);
        since = 0;
      }
    }
    if (++line == nlines) line = 0;
    if (local > rate) {
      addTokens(ctx, local);
      local = 0;
      counter = tokensSoFar(ctx);
    }
  }
  store<i32>(th + L.LOCAL_TOKENS, local);
  store<i32>(th + L.CURSOR, line);
  mergeOutput(ctx, th);
}

/** The generator's step (core/random.ts): value i is the output after i + 1 steps from `seed`. */
// @ts-ignore: decorator
@inline const STEP: u32 = 0x6d2b79f5;

/** a·(2u − 1) in f64 for the two low u32 lanes of `bits`, u = bits / 2³²: the scalar loop's arithmetic. */
// @ts-ignore: decorator
@inline function centred(bits: v128, a: v128): v128 {
  const u = f64x2.mul(f64x2.convert_low_i32x4_u(bits), f64x2.splat(1.0 / 4294967296.0));
  return f64x2.mul(a, f64x2.sub(f64x2.mul(f64x2.splat(2), u), f64x2.splat(1)));
}

/**
 * data[i] = f32(a·(2·u_i − 1)) for i in [from, to), where u_i ∈ [0, 1) is the (i + 1)-th output of
 * the library's seeded generator (core/random.ts, a counter hash: state seed + (i + 1)·STEP, so any
 * range is computed on its own, by any thread). Every build gives the bits the JS generator gives:
 * the hash is 32-bit integer arithmetic, u_i = hash / 2³², and 2·u_i − 1 is exact in f64, so only
 * a·(…) and the f32 store round, once each, as in JS.
 */
export function ftUniformFill(data: usize, from: i32, to: i32, seed: u32, a: f64): void {
  let i = from;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(a);
    const step4 = i32x4.splat(<i32>(STEP * 4));
    let state = i32x4.add(i32x4.splat(<i32>(seed + <u32>(from + 1) * STEP)), i32x4(0, <i32>STEP, <i32>(STEP * 2), <i32>(STEP * 3)));
    for (; i + 4 <= to; i += 4) {
      let t = state;
      t = i32x4.mul(v128.xor(t, i32x4.shr_u(t, 15)), v128.or(t, i32x4.splat(1)));
      t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, i32x4.splat(61)))));
      t = v128.xor(t, i32x4.shr_u(t, 14));
      const lo = f32x4.demote_f64x2_zero(centred(t, va));
      const hi = f32x4.demote_f64x2_zero(centred(v128.shuffle<i32>(t, t, 2, 3, 2, 3), va));
      v128.store(data + (<usize>i << 2), v128.shuffle<f32>(lo, hi, 0, 1, 4, 5));
      state = i32x4.add(state, step4);
    }
  }
  for (; i < to; i++) {
    let t: u32 = seed + <u32>(i + 1) * STEP;
    t = (t ^ (t >>> 15)) * (t | 1);
    t ^= t + (t ^ (t >>> 7)) * (t | 61);
    const u = <f64>(t ^ (t >>> 14)) / 4294967296.0;
    store<f32>(data + (<usize>i << 2), <f32>(a * (2 * u - 1)));
  }
}
