// A fastText fit's training run over a context with its corpus (fasttext_context.ts): one thread,
// deterministic, or Hogwild on the library's worker threads (fasttext_shard.ts), all in wasm; JS
// is called once per epoch's worth of tokens (for onEpoch and the loss curve), not per line.
//
// Threads. fastText's threads share the matrices without locks and one token counter that decides
// lr and the end. Here each thread is a shard of a pool job: whichever threads run train until the
// counter reaches the job's end, so the work is fixed and a worker the OS does not schedule only
// leaves more of it to the others (the calling thread claims any shard no worker started, which
// then finds the counter already at the end; nor does a fit wait for workers still starting).
// Without onEpoch the whole fit is one job, so no thread waits for another before the end; with it,
// one job per epoch, so the callback runs while no worker writes. With softmax and ova, which write
// every output row for every example, each thread trains its own copy of the output rows and merges
// it into the shared ones every few dozen examples (assembly/fasttext_train.ts), so two cores do not
// pass the same cache lines back and forth all the time; the input rows are shared as in fastText.
// A fit of fewer than MIN_TOKENS_PER_THREAD tokens per thread trains on one thread. With thread: 1
// a fit is deterministic: the same corpus, options and seed give the same bits.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { threadLimit } from "../runtime/scratch.js";
import { regionBytes } from "../runtime/layout.js";
import { stopTraining, threadLoss, threadState, tokensDone } from "./fasttext_context.js";
import { encodeFastTextShard } from "./fasttext_shard.js";
import type { LossName } from "./fasttext_tables.js";

/** Tokens of training each extra thread must get at least (all epochs). */
export const MIN_TOKENS_PER_THREAD = 100_000;
/** Most output values (labels × dim) for which threads train their own copies (two blocks each per thread). */
export const OWN_OUTPUT_MAX = 1 << 20;

export interface TrainingRun {
  dim: number;
  osz: number;
  loss: LossName;
  /** Byte offset of the shared output rows (threads may train copies of them: see the header). */
  outputRows: number;
  nlines: number;
  /** Tokens of one pass over the corpus. */
  ntokens: number;
  epoch: number;
  /** Threads asked for (the pool and configure({ threads }) may give fewer). */
  threads: number;
  seed: number;
  /** After each epoch's worth of tokens: its loss (TrainingResult.lossCurve's). False stops the fit. */
  onEpoch?: (epoch: number, loss: number) => boolean | void;
  /**
   * About every PROGRESS_STEP of the fit's tokens, from the calling thread while the workers train
   * on: the fraction done, the calling thread's running mean loss and lr. It must not train or
   * predict (the workers may be running); a throw stops the fit.
   */
  onProgress?: (progress: number, loss: number, lr: number) => void;
  /** The initial learning rate (for onProgress). */
  lr?: number;
}

/** Fraction of a fit's tokens between two onProgress calls. */
export const PROGRESS_STEP = 0.01;

export interface TrainingResult {
  /**
   * Mean loss of each epoch's examples. The token counter moves every lrUpdateRate tokens (as
   * fastText's), so on a corpus of fewer tokens one move passes several epochs: those it passed with
   * no example of their own repeat the loss of the examples that moved it (not 0, which reads as a
   * perfect fit).
   */
  lossCurve: number[];
  /** Epochs run (fewer than asked when onEpoch stopped the fit). */
  epochs: number;
  /** Threads that trained. */
  threads: number;
}

/** Threads a fit of `run` uses: what was asked, what the pool has, and enough tokens for each. */
export function trainingThreads(rt: Runtime, run: Pick<TrainingRun, "threads" | "ntokens" | "epoch" | "nlines">): number {
  const pool = rt.pool;
  if (!pool || run.threads <= 1) return 1;
  const byWork = Math.floor((run.ntokens * run.epoch) / MIN_TOKENS_PER_THREAD);
  // pool.threads does not wait for workers still starting (ready() would): one that has not started
  // by the end of the job leaves its shard to the calling thread, which then trains alone.
  return Math.max(1, Math.min(run.threads, threadLimit(pool.threads), byWork, run.nlines));
}

/** Trains the context's matrices in place (see above). */
export function trainContext(rt: Runtime, ctx: number, run: TrainingRun): TrainingResult {
  fastTextKernels(rt.exports);
  const threads = trainingThreads(rt, run);
  const states: number[] = [];
  let jobs = 0;
  try {
    const own = threads > 1 && (run.loss === "softmax" || run.loss === "ova") && run.osz * run.dim <= OWN_OUTPUT_MAX;
    for (let t = 0; t < threads; t++) {
      const cursor = Math.floor((t * run.nlines) / threads);
      states.push(threadState(rt, run.dim, run.osz, run.seed + t, cursor, own ? run.outputRows : 0));
    }
    if (threads > 1) jobs = rt.heap.alloc((threads - 1) * regionBytes(4 * 8));
    const total = run.ntokens * run.epoch;
    const end = (e: number) => (e === run.epoch ? total : run.ntokens * e);
    const lossCurve: number[] = [];
    let before = { sum: 0, examples: 0 };
    // The loss of epoch e, once the calling thread has reached its end (the workers' sums as they stand).
    const record = () => {
      const now = states.map((th) => threadLoss(rt, th)).reduce((a, b) => ({ sum: a.sum + b.sum, examples: a.examples + b.examples }));
      const examples = now.examples - before.examples;
      lossCurve.push(examples > 0 ? (now.sum - before.sum) / examples : (lossCurve.at(-1) ?? 0));
      before = now;
    };
    // Without onEpoch, the workers run through to the end in one job: no thread waits for another
    // before then. With it, each epoch is a job, so the callback runs with no worker writing.
    const perEpoch = threads === 1 || run.onEpoch !== undefined;
    for (let e = 1; e <= run.epoch;) {
      const stop = perEpoch ? end(e) : total;
      const mine = (): void => {
        for (; e <= run.epoch && end(e) <= stop; e++) {
          if (run.onProgress) trainReporting(rt, ctx, states[0]!, end(e), total, run.lr ?? 0, run.onProgress);
          else fastTextKernels(rt.exports).ftTrain(ctx, states[0]!, end(e));
          record();
        }
      };
      if (threads === 1) mine();
      else hogwild(rt, ctx, states, jobs, stop, mine);
      if (run.onEpoch?.(e - 1, lossCurve[e - 2]!) === false) return { lossCurve, epochs: e - 1, threads };
    }
    return { lossCurve, epochs: run.epoch, threads };
  } finally {
    for (const th of states) rt.heap.release(th);
    if (jobs) rt.heap.release(jobs);
  }
}

/** The calling thread's training to `stop` in steps of PROGRESS_STEP of `total`, reporting after each. */
function trainReporting(
  rt: Runtime,
  ctx: number,
  th: number,
  stop: number,
  total: number,
  lr: number,
  report: NonNullable<TrainingRun["onProgress"]>,
): void {
  const step = Math.max(1, Math.ceil(total * PROGRESS_STEP));
  for (let at = tokensDone(rt, ctx); at < stop; at = tokensDone(rt, ctx)) {
    fastTextKernels(rt.exports).ftTrain(ctx, th, Math.min(stop, at + step));
    const { sum, examples } = threadLoss(rt, th);
    const done = Math.min(1, tokensDone(rt, ctx) / total);
    report(done, examples > 0 ? sum / examples : 0, lr * (1 - done));
  }
}

/**
 * One pool job: the workers train until the counter reaches `stop` while the calling thread runs
 * `mine` (which trains to stop too); then the caller claims any shard no worker started.
 */
function hogwild(rt: Runtime, ctx: number, states: readonly number[], jobs: number, stop: number, mine: () => void): void {
  const pool = rt.pool!;
  const E = fastTextKernels(rt.exports);
  const passes = states.slice(1).map((th, i) => {
    const at = jobs + i * regionBytes(4 * 8);
    const values = encodeFastTextShard(ctx, th, stop);
    new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
    return { at, length: values.length };
  });
  pool.begin({ x: 0, targets: 0, weights: 0, rows: 0, share: 0, gradScale: 0, passes });
  let failure: unknown;
  try {
    mine();
  } catch (error) {
    failure = error;
    // The workers stop at their next token count instead of training on to `stop`.
    stopTraining(rt, ctx);
  }
  let claimed = 0;
  for (let s; (s = pool.claim()) >= 0; claimed++) {
    // A shard no worker started: the counter is at stop already unless the calling thread failed.
    if (failure === undefined) E.ftTrain(ctx, states[s]!, stop);
  }
  try {
    pool.finish(claimed);
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) throw failure;
}
