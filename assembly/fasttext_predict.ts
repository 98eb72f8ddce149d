// fastText's predict-prob (Model::predict, Loss::predict / findKBest, HierarchicalSoftmaxLoss's dfs)
// for a batch of lines. Layouts: fasttext_layout.ts.
//
// Each line's hidden vector is the mean of its input rows; then, by the context's loss:
//   softmax  output = softmax(W_o·h) (the max subtracted; exp as the other kernels, 1.7e-7 relative)
//   ns, ova  output_i = σ(W_o[i]·h) through loss.cc's table, as native computes it
//   hs       a depth-first search of the Huffman tree from the root, the score of a node being the
//            sum of log(p + 1e-5) along its path, p = σ(W_o[node]·h) to the right and 1 − p to the
//            left (σ with expf, as native), pruning below log(threshold + 1e-5) and below the k-th best found.
// Labels with output below `threshold` are dropped; the k best are kept in a binary heap that runs
// the same steps as libstdc++'s push_heap / pop_heap / sort_heap with fastText's comparator, so
// ties come out in native's order. Scores are log(p + 1e-5) in f32 (what fastText keeps: its
// predict-prob prints exp(score)). A line with no input rows gives no labels.

import * as L from "./fasttext_layout";
import { computeHidden, dotRow, tableSigmoid } from "./fasttext_rows";
import { expNonPositive } from "./inline/exp";

// The heap: (score f32, label i32) pairs of 8 bytes; "a before b" is fastText's comparePairs, a.score > b.score.

// @ts-ignore: decorator
@inline function scoreAt(heap: usize, i: i32): f32 {
  return load<f32>(heap + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function put(heap: usize, i: i32, score: f32, label: i32): void {
  store<f32>(heap + (<usize>i << 3), score);
  store<i32>(heap + (<usize>i << 3) + 4, label);
}

// @ts-ignore: decorator
@inline function move(heap: usize, to: i32, from: i32): void {
  store<u64>(heap + (<usize>to << 3), load<u64>(heap + (<usize>from << 3)));
}

/** libstdc++'s __push_heap: the value moves up from `hole` while its parent compares before it. */
function siftUp(heap: usize, hole: i32, top: i32, score: f32, label: i32): void {
  let parent = (hole - 1) / 2;
  while (hole > top && scoreAt(heap, parent) > score) {
    move(heap, hole, parent);
    hole = parent;
    parent = (hole - 1) / 2;
  }
  put(heap, hole, score, label);
}

/** libstdc++'s __adjust_heap from hole 0 over `len` entries, then the value sifted up. */
function adjust(heap: usize, len: i32, score: f32, label: i32): void {
  let hole = 0;
  let child = 0;
  while (child < (len - 1) / 2) {
    child = 2 * (child + 1);
    if (scoreAt(heap, child) > scoreAt(heap, child - 1)) child--;
    move(heap, hole, child);
    hole = child;
  }
  if ((len & 1) == 0 && child == (len - 2) / 2) {
    child = 2 * (child + 1);
    move(heap, hole, child - 1);
    hole = child - 1;
  }
  siftUp(heap, hole, 0, score, label);
}

/** pop_heap over [0, len): the first entry moves to len − 1. */
function popHeap(heap: usize, len: i32): void {
  if (len < 2) return;
  const last = len - 1;
  const score = scoreAt(heap, last);
  const label = load<i32>(heap + (<usize>last << 3) + 4);
  move(heap, last, 0);
  adjust(heap, last, score, label);
}

/** Pushes (score, label) onto a heap of `size` entries keeping the k best; returns the new size. */
function offer(heap: usize, size: i32, k: i32, score: f32, label: i32): i32 {
  siftUp(heap, size, 0, score, label);
  size++;
  if (size > k) {
    popHeap(heap, size);
    size--;
  }
  return size;
}

/**
 * fastText's std_log, log(x + 1e-5): native sums and takes the log in f64, then rounds to f32; here
 * the sum is rounded to f32 first and logf taken (f64's log would bring 4 KB of tables into the
 * binary), which moves the score by at most about one f32 rounding.
 */
// @ts-ignore: decorator
@inline function stdLog(x: f32): f32 {
  return Mathf.log(<f32>(<f64>x + 1e-5));
}

function dfs(ctx: usize, hidden: usize, heap: usize, size: i32, k: i32, logThreshold: f32, node: i32, score: f32): i32 {
  if (score < logThreshold) return size;
  if (size == k && score < scoreAt(heap, 0)) return size;
  const osz = load<i32>(ctx + L.OSZ);
  const left = load<i32>(<usize>load<i32>(ctx + L.LEFT) + (<usize>node << 2));
  const right = load<i32>(<usize>load<i32>(ctx + L.RIGHT) + (<usize>node << 2));
  if (left == -1 && right == -1) return offer(heap, size, k, score, node);
  const f = dotRow(<usize>load<i32>(ctx + L.OUTPUT), hidden, node - osz);
  // As native: expf, 1 + that in f32, the quotient in f64 rounded to f32.
  const p = <f32>(1.0 / <f64>(<f32>1 + Mathf.exp(-f)));
  size = dfs(ctx, hidden, heap, size, k, logThreshold, left, score + stdLog(<f32>1 - p));
  return dfs(ctx, hidden, heap, size, k, logThreshold, right, score + stdLog(p));
}

/** The k best labels of the output row `out` (osz probabilities) at or above threshold. */
function findKBest(out: usize, osz: i32, heap: usize, k: i32, threshold: f32): i32 {
  let size = 0;
  for (let i = 0; i < osz; i++) {
    const p = load<f32>(out + (<usize>i << 2));
    if (p < threshold) continue;
    const score = stdLog(p);
    if (size == k && score < scoreAt(heap, 0)) continue;
    size = offer(heap, size, k, score, i);
  }
  return size;
}

/** output = the loss's probabilities for `hidden` (softmax, or the table σ for ns and ova). */
function computeOutput(ctx: usize, hidden: usize, out: usize): void {
  const osz = load<i32>(ctx + L.OSZ);
  const wo = <usize>load<i32>(ctx + L.OUTPUT);
  const softmax = load<i32>(ctx + L.LOSS) == L.SOFTMAX;
  let max: f32 = -Infinity;
  for (let i = 0; i < osz; i++) {
    const v = dotRow(wo, hidden, i);
    store<f32>(out + (<usize>i << 2), softmax ? v : tableSigmoid(ctx, v));
    max = max > v ? max : v;
  }
  if (!softmax) return;
  let z: f32 = 0;
  for (let i = 0; i < osz; i++) {
    const e = expNonPositive(load<f32>(out + (<usize>i << 2)) - max);
    store<f32>(out + (<usize>i << 2), e);
    z += e;
  }
  for (let i = 0; i < osz; i++) store<f32>(out + (<usize>i << 2), load<f32>(out + (<usize>i << 2)) / z);
}

/**
 * Predicts `rows` lines: line r's input rows are ids[offsets[r] … offsets[r+1]). Writes each line's
 * number of labels (0 … k) to counts[r], its labels best first to labels[r·k …] and their scores
 * (log(p + 1e-5)) to scores[r·k …]. Scratch: hidden (DIM f32), output (OSZ f32), heap (k + 1 pairs).
 */
export function ftPredict(
  ctx: usize,
  scratch: usize,
  ids: usize,
  offsets: usize,
  rows: i32,
  k: i32,
  threshold: f32,
  labels: usize,
  scores: usize,
  counts: usize,
): void {
  const D = load<i32>(ctx + L.DIM);
  const osz = load<i32>(ctx + L.OSZ);
  const hidden = scratch;
  const out = hidden + ((((<usize>D + 3) & ~3) << 2));
  const heap = out + ((((<usize>osz + 3) & ~3) << 2));
  const hs = load<i32>(ctx + L.LOSS) == L.HS;
  for (let r = 0; r < rows; r++) {
    const from = load<i32>(offsets + (<usize>r << 2));
    const n = load<i32>(offsets + (<usize>(r + 1) << 2)) - from;
    let size = 0;
    if (n > 0) {
      computeHidden(ctx, ids + (<usize>from << 2), n, hidden);
      if (hs) size = dfs(ctx, hidden, heap, 0, k, stdLog(threshold), 2 * osz - 2, 0);
      else {
        computeOutput(ctx, hidden, out);
        size = findKBest(out, osz, heap, k, threshold);
      }
      // sort_heap: the best score ends first.
      for (let len = size; len > 1; len--) popHeap(heap, len);
    }
    store<i32>(counts + (<usize>r << 2), size);
    const at = <usize>r * <usize>k;
    for (let j = 0; j < size; j++) {
      store<f32>(scores + ((at + <usize>j) << 2), scoreAt(heap, j));
      store<i32>(labels + ((at + <usize>j) << 2), load<i32>(heap + (<usize>j << 3) + 4));
    }
  }
}
