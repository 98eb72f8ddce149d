// A fastText fit's initial input weights, uniform in [−a, a) (fastText's ±1/dim), written in wasm
// (ftUniformFill: the library's seeded generator, the same bits in every build and on any thread, and
// the bits the JS generator gave before, so one-thread fits are unchanged). fastText's initial rows
// have this distribution; its own minstd_rand stream is not reproduced.
//
// With worker threads, the fill is a pool job of FILL_PIECES pieces that the workers write while the
// calling thread does its own work (the fit encodes the corpus meanwhile); then the calling thread
// writes every piece no worker has started and waits only for pieces a worker is writing (each a few
// milliseconds), so a worker the OS does not schedule delays the fit by one piece at most. On 113,000
// words × 100 the fill takes ~40 ms in the SIMD build (~80 ms scalar), the JS generator ~130 ms.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { regionBytes } from "../runtime/layout.js";
import { threadLimit } from "../runtime/scratch.js";
import { encodeFastTextFill } from "./fasttext_shard.js";

/** Pieces a threaded fill is cut into: enough that the last one a worker holds is short. */
const FILL_PIECES = 16;
/** Values below which the fill is not worth a pool job. */
const MIN_THREADED_FILL = 1 << 20;

/**
 * Starts filling data[0, count) (f32 at byte offset `data`) with a·(2u − 1), u from the generator
 * seeded with `seed`: on the workers when `threaded` and the pool runs (and configure({ threads })
 * allows more than one), else at once on this thread.
 * Returns the function that completes it (the caller must call it once, before reading the data or
 * starting another pool job); `skip` leaves unstarted pieces unwritten (after a failure).
 */
export function startUniformFill(
  rt: Runtime,
  data: number,
  count: number,
  seed: number,
  a: number,
  threaded: boolean,
): (skip?: boolean) => void {
  const E = fastTextKernels(rt.exports);
  const pool = rt.pool;
  // pool.threads does not wait for workers still starting: a piece no worker takes is written below.
  if (!threaded || !pool || count < MIN_THREADED_FILL || threadLimit(pool.threads) < 2) {
    E.ftUniformFill(data, 0, count, seed, a);
    return () => {};
  }
  const pieceBytes = regionBytes(6 * 8);
  const jobs = rt.heap.alloc(FILL_PIECES * pieceBytes);
  const bounds = (p: number) => Math.floor((p * count) / FILL_PIECES);
  const passes = Array.from({ length: FILL_PIECES }, (_, p) => {
    const values = encodeFastTextFill(data, bounds(p), bounds(p + 1), seed, a);
    const at = jobs + p * pieceBytes;
    new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
    return { at, length: values.length };
  });
  try {
    // Shard 0 is the calling thread's own work; the pieces are shards 1 … FILL_PIECES.
    pool.begin({ x: 0, targets: 0, weights: 0, rows: 0, share: 0, gradScale: 0, passes });
  } catch (error) {
    rt.heap.release(jobs);
    throw error;
  }
  return (skip = false) => {
    let mine = 0;
    // A piece is a wasm loop over memory the fit owns: it does not throw, so every claim is counted.
    for (let s; (s = pool.claim()) >= 0; mine++) if (!skip) E.ftUniformFill(data, bounds(s - 1), bounds(s), seed, a);
    try {
      pool.finish(mine);
    } finally {
      rt.heap.release(jobs);
    }
  };
}
