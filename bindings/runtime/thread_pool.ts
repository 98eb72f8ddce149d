// The calling thread's side of the worker threads: starts them on the shared memory, posts a
// gradient pass to each through its slot (thread_slots.ts) and waits for the answers. Used by
// ThreadedObjective (objectives/threaded.ts); one pool per loaded runtime, for the page's or
// process's lifetime (Node's workers are unref'd, so they never keep a process alive).

import type { Heap } from "./heap.js";
import * as S from "./thread_slots.js";

/** Where an entry point can start worker threads (Node's worker_threads, a browser's Web Workers). */
export interface ThreadHost {
  /** Threads that can run at once here: 1 where shared memory or workers are unavailable. */
  parallelism(): number;
  /** Starts a worker running serve(start) (objectives/thread_loop.ts); `failed` is called if it dies. */
  spawn(start: S.ThreadStart, failed: (error: Error) => void): { terminate(): void };
}

let host: ThreadHost | undefined;

/** Set by the entry points whose runtime has workers and shared memory. */
export function setThreadHost(value: ThreadHost): void {
  host = value;
}

/** Threads init() uses by default: the runtime's parallelism (capped at 8), 1 without a host. */
export function defaultThreads(): number {
  if (!host || typeof SharedArrayBuffer !== "function") return 1;
  return Math.max(1, Math.min(8, host.parallelism()));
}

export function hasThreadHost(): boolean {
  return host !== undefined && typeof SharedArrayBuffer === "function";
}

/** A worker thread's job failed or it stopped answering; the pool is then closed. */
export class ThreadError extends Error {
  override name = "ThreadError";
}

/** How long a job may take before its worker counts as lost. */
const JOB_TIMEOUT_MS = 10 * 60 * 1000;
/** How long workers may take to start. */
const START_TIMEOUT_MS = 30 * 1000;

export class ThreadPool {
  /** Threads in all: the workers and the calling thread. */
  readonly size: number;
  private closed = false;
  private readonly seq: number[];

  private constructor(
    private readonly heap: Heap,
    private readonly slots: number,
    private readonly workers: { terminate(): void }[],
    private readonly canBlock: boolean,
  ) {
    this.size = workers.length + 1;
    this.seq = workers.map(() => 0);
  }

  /**
   * Starts `workers` threads on the heap's shared memory with the compiled threaded module; resolves
   * once each has instantiated it, rejects (and ends those started) if one fails or takes too long.
   */
  static async start(module: unknown, heap: Heap, workers: number): Promise<ThreadPool> {
    if (!host) throw new Error("wasmax: this runtime cannot start worker threads");
    const raw = heap.alloc(workers * S.SLOT_BYTES + S.SLOT_ALIGN);
    const slots = Math.ceil(raw / S.SLOT_ALIGN) * S.SLOT_ALIGN;
    new Uint8Array(heap.memory.buffer, slots, workers * S.SLOT_BYTES).fill(0);
    let failure: Error | undefined;
    const started: { terminate(): void }[] = [];
    try {
      for (let w = 0; w < workers; w++) {
        started.push(host.spawn({ module, memory: heap.memory, slot: slots + w * S.SLOT_BYTES }, (error) => (failure ??= error)));
      }
      const i32 = new Int32Array(heap.memory.buffer);
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (let w = 0; w < workers; w++) {
        const at = (slots + w * S.SLOT_BYTES) / 4 + S.READY;
        while (Atomics.load(i32, at) === 0) {
          if (failure) throw failure;
          if (Date.now() > deadline) throw new Error(`wasmax: worker thread ${w + 1} did not start within ${START_TIMEOUT_MS / 1000} s`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
    } catch (error) {
      for (const worker of started) worker.terminate();
      heap.release(raw);
      throw error;
    }
    return new ThreadPool(heap, slots, started, blockingAllowed(new Int32Array(heap.memory.buffer), slots / 4));
  }

  get usable(): boolean {
    return !this.closed;
  }

  /** Posts a job to worker w (0-based). */
  post(w: number, job: S.PassJob): void {
    const slot = this.slots + w * S.SLOT_BYTES;
    const f64 = new Float64Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 8);
    f64[S.OP] = S.RUN_PASS;
    f64[S.PASS_AT] = job.passAt;
    f64[S.PASS_LENGTH] = job.passLength;
    f64[S.X] = job.x;
    f64[S.TARGETS] = job.targets;
    f64[S.WEIGHTS] = job.weights;
    f64[S.ROWS] = job.rows;
    f64[S.GRAD_SCALE] = job.gradScale;
    f64[S.ACCUMULATE] = job.accumulate ? 1 : 0;
    const i32 = new Int32Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 4);
    this.seq[w] = (this.seq[w]! + 1) | 0;
    Atomics.store(i32, S.SEQ, this.seq[w]!);
    Atomics.notify(i32, S.SEQ);
  }

  /** Waits for worker w's answer to its last post: the loss, or a ThreadError (which closes the pool). */
  wait(w: number): number {
    const slot = this.slots + w * S.SLOT_BYTES;
    const i32 = new Int32Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 4);
    let done = Atomics.load(i32, S.DONE);
    const deadline = performance.now() + JOB_TIMEOUT_MS;
    while (done !== this.seq[w]) {
      done = S.awaitChange(i32, S.DONE, done, this.canBlock, deadline);
      if (done !== this.seq[w] && performance.now() > deadline) this.fail(`worker thread ${w + 1} gave no answer within ${JOB_TIMEOUT_MS / 60000} minutes`);
    }
    if (i32[S.STATUS] !== 0) {
      const bytes = new Uint8Array(this.heap.memory.buffer, slot + S.MESSAGE, S.MESSAGE_BYTES);
      const end = bytes.indexOf(0);
      this.fail(`worker thread ${w + 1} failed: ${new TextDecoder().decode(bytes.slice(0, end < 0 ? bytes.length : end))}`);
    }
    return new Float64Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 8)[S.LOSS]!;
  }

  /** Ends the workers; later fits run on the calling thread alone. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const worker of this.workers) worker.terminate();
  }

  private fail(message: string): never {
    this.close();
    throw new ThreadError(`wasmax: ${message}; training continues on one thread from the next fit`);
  }
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
function blockingAllowed(i32: Int32Array, index: number): boolean {
  try {
    Atomics.wait(i32, index, -1, 0);
    return true;
  } catch {
    return false;
  }
}
