// A fastText fit's training run over a context with its corpus (fasttext_context.ts): one thread,
// deterministic, or Hogwild on the library's worker threads (fasttext_shard.ts), all in wasm; JS
// is called once per epoch's worth of tokens (for onEpoch and the loss curve), not per line.
//
// Threads. fastText's threads share the matrices without locks and one token counter that decides
// lr and the end. Here each thread is a shard of one pool job per epoch: whichever threads run
// train until the counter reaches the epoch's end, so the work is fixed and a worker the OS does not
// schedule only leaves more of it to the others (the calling thread claims any shard no worker
// started, which then finds the counter already at the end). A fit too small to amortize a job per
// epoch (MIN_TOKENS_PER_THREAD) trains on one thread. With thread: 1 a fit is deterministic: the
// same corpus, options and seed give the same bits.

import type { Runtime } from "../runtime/runtime.js";
import { threadLimit } from "../runtime/scratch.js";
import { regionBytes } from "../runtime/layout.js";
import { threadLoss, threadState, tokensDone } from "./fasttext_context.js";
import { encodeFastTextShard } from "./fasttext_shard.js";

/** Tokens of training each extra thread must get at least (all epochs). */
export const MIN_TOKENS_PER_THREAD = 100_000;

export interface TrainingRun {
  dim: number;
  osz: number;
  nlines: number;
  /** Tokens of one pass over the corpus. */
  ntokens: number;
  epoch: number;
  /** Threads asked for (the pool and configure({ threads }) may give fewer). */
  threads: number;
  seed: number;
  /** After each epoch's worth of tokens: the mean loss of that epoch's examples. False stops the fit. */
  onEpoch?: (epoch: number, loss: number) => boolean | void;
}

export interface TrainingResult {
  /** Mean loss of each epoch's examples. */
  lossCurve: number[];
  /** Epochs run (fewer than asked when onEpoch stopped the fit). */
  epochs: number;
  /** Threads that trained. */
  threads: number;
}

/** Threads a fit of `run` uses: what was asked, what the pool has, and enough tokens for each. */
export function trainingThreads(rt: Runtime, run: TrainingRun): number {
  const pool = rt.pool;
  if (!pool || run.threads <= 1) return 1;
  const byWork = Math.floor((run.ntokens * run.epoch) / MIN_TOKENS_PER_THREAD);
  const wanted = Math.max(1, Math.min(run.threads, threadLimit(pool.size), byWork, run.nlines));
  return wanted > 1 && pool.ready() ? Math.min(wanted, pool.threads) : 1;
}

/** Trains the context's matrices in place (see above). */
export function trainContext(rt: Runtime, ctx: number, run: TrainingRun): TrainingResult {
  const threads = trainingThreads(rt, run);
  const states: number[] = [];
  let jobs = 0;
  try {
    for (let t = 0; t < threads; t++) states.push(threadState(rt, run.dim, run.osz, run.seed + t, Math.floor((t * run.nlines) / threads)));
    if (threads > 1) jobs = rt.heap.alloc((threads - 1) * regionBytes(4 * 8));
    const lossCurve: number[] = [];
    let before = { sum: 0, examples: 0 };
    const total = run.ntokens * run.epoch;
    for (let e = 1; e <= run.epoch; e++) {
      const stop = e === run.epoch ? total : run.ntokens * e;
      if (threads === 1) rt.exports.ftTrain(ctx, states[0]!, stop);
      else hogwild(rt, ctx, states, jobs, stop);
      const now = states.map((th) => threadLoss(rt, th)).reduce((a, b) => ({ sum: a.sum + b.sum, examples: a.examples + b.examples }));
      const examples = now.examples - before.examples;
      lossCurve.push(examples > 0 ? (now.sum - before.sum) / examples : 0);
      before = now;
      if (run.onEpoch?.(e, lossCurve[e - 1]!) === false) return { lossCurve, epochs: e, threads };
      if (tokensDone(rt, ctx) >= total) return { lossCurve, epochs: run.epoch, threads };
    }
    return { lossCurve, epochs: run.epoch, threads };
  } finally {
    for (const th of states) rt.heap.release(th);
    if (jobs) rt.heap.release(jobs);
  }
}

/** One pool job: every thread trains until the counter reaches `stop`. */
function hogwild(rt: Runtime, ctx: number, states: readonly number[], jobs: number, stop: number): void {
  const pool = rt.pool!;
  const E = rt.exports;
  const passes = states.slice(1).map((th, i) => {
    const at = jobs + i * regionBytes(4 * 8);
    const values = encodeFastTextShard(ctx, th, stop);
    new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
    return { at, length: values.length };
  });
  pool.begin({ x: 0, targets: 0, weights: 0, rows: 0, share: 0, gradScale: 0, passes });
  let failure: unknown;
  try {
    E.ftTrain(ctx, states[0]!, stop);
  } catch (error) {
    failure = error;
  }
  let mine = 0;
  for (let s; (s = pool.claim()) >= 0; mine++) {
    // A shard no worker started: the counter is at stop already unless the calling thread failed.
    if (failure === undefined) E.ftTrain(ctx, states[s]!, stop);
  }
  try {
    pool.finish(mine);
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) throw failure;
}
