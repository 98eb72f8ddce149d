// The worker thread's side of the pool (runtime/thread_pool.ts): instantiates the threaded binary
// on the shared memory, then, for every job the calling thread posts in the job block
// (runtime/thread_slots.ts), claims shards until none is left and runs their gradient passes,
// until the pool terminates the worker. It allocates nothing in wasm memory: every byte it touches
// was allocated by the caller. runShard is the one code that computes a shard, whichever thread
// claimed it, so a result does not depend on which thread computed which shard.

import { checkExports, type KernelExports } from "../runtime/abi.js";
import { decodePass, runPass, targetWidth } from "./passes.js";
import * as S from "../runtime/thread_slots.js";
import { runFastTextShard } from "./fasttext_shard.js";

/** Runs the worker loop for the worker's lifetime. Throws if the module does not instantiate. */
export function serve(start: S.ThreadStart): void {
  const memory = start.memory as WebAssembly.Memory;
  // The slot and the job block lie below the memory's size when the worker starts, so these views stay valid.
  const ready = new Int32Array(memory.buffer, start.slot, S.SLOT_BYTES / 4);
  const text = new Uint8Array(memory.buffer, start.slot + S.MESSAGE, S.MESSAGE_BYTES);
  const job = new Int32Array(memory.buffer, start.job, S.JOB_BYTES / 4);
  const f64 = new Float64Array(memory.buffer, start.job, S.JOB_BYTES / 8);
  const report = (error: unknown) => {
    const message = new TextEncoder().encode(String((error as Error)?.message ?? error)).subarray(0, S.MESSAGE_BYTES - 1);
    text.set(message);
    text[message.length] = 0;
  };
  let E: KernelExports;
  try {
    const instance = new WebAssembly.Instance(start.module as WebAssembly.Module, { env: { memory } });
    E = checkExports(instance.exports as Record<string, unknown>);
  } catch (error) {
    report(error);
    Atomics.store(ready, S.READY, -1);
    Atomics.notify(ready, S.READY);
    throw error;
  }
  Atomics.store(ready, S.READY, 1);
  Atomics.notify(ready, S.READY);
  // Tags count from 1 in a zeroed block: a job posted before this worker started is joined at once.
  let tag = 0;
  for (;;) {
    tag = S.awaitChange(job, S.JOB, tag, true, Infinity);
    for (let s; (s = S.claimShard(job, tag, f64[S.JOB_SHARDS]!)) >= 0;) {
      try {
        runShard(E, memory.buffer, start.job, s);
      } catch (error) {
        // The first failure of the job is reported; the shard still counts as finished, so the caller stops waiting.
        if (Atomics.compareExchange(job, S.FAILED, 0, start.index + 1) === 0) report(error);
      }
      Atomics.add(job, S.FINISHED, 1);
      Atomics.notify(job, S.FINISHED);
    }
  }
}

/**
 * Computes shard s (≥ 1) of the job in the job block at byte offset `jobAt`: a fastText training
 * thread (fasttext_shard.ts), or its pass over rows
 * [s·share, min(rows, (s+1)·share)), writing gradScale · its gradient into the pass's gradient block
 * (not accumulated) and its loss into the shard table.
 */
export function runShard(E: KernelExports, buffer: ArrayBufferLike, jobAt: number, s: number): void {
  // A fresh view: the caller may have grown the memory since the last job.
  const f64 = new Float64Array(buffer, jobAt, S.JOB_BYTES / 8);
  const entry = S.SHARD_TABLE + 3 * s;
  const encoded = new Float64Array(buffer, f64[entry + S.PASS_AT]!, f64[entry + S.PASS_LENGTH]!);
  if (runFastTextShard(E, encoded)) {
    f64[entry + S.LOSS] = 0;
    return;
  }
  const pass = decodePass(encoded, 0);
  const share = f64[S.JOB_SHARE]!;
  const from = s * share;
  const rows = Math.min(f64[S.JOB_ROWS]!, from + share) - from;
  const features = pass.widths[0]!;
  const weights = f64[S.JOB_WEIGHTS]!;
  const batch = {
    x: f64[S.JOB_X]! + from * features * 4,
    targets: f64[S.JOB_TARGETS]! + from * targetWidth(pass) * 4,
    weights: weights ? weights + from * 4 : 0,
    rows,
  };
  f64[entry + S.LOSS] = runPass(E, pass, batch, f64[S.JOB_GRAD_SCALE]!, false);
}
