// The calling thread's side of the worker threads: starts them on the shared memory, posts a
// gradient pass to each through its slot (thread_slots.ts) and waits for the answers. Used by
// ThreadedObjective (objectives/threaded.ts); one pool per loaded runtime, for the page's or
// process's lifetime (Node's workers are unref'd, so they never keep a process alive).

import type { Heap } from "./heap.js";
import * as S from "./thread_slots.js";
import { ThreadError } from "../core/errors.js";

/** Where an entry point can start worker threads (Node's worker_threads, a browser's Web Workers). */
export interface ThreadHost {
  /** Threads that can run at once here: 1 where shared memory or workers are unavailable. */
  parallelism(): number;
  /**
   * Whether a worker starts while the thread that spawned it blocks (Node: yes; a browser page's
   * workers need its event loop, so init() waits for them there).
   */
  readonly startsWhileBlocked: boolean;
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
  return hasThreadHost() ? Math.max(1, Math.min(8, host!.parallelism())) : 1;
}

/** Whether this runtime can start worker threads at all. */
export function hasThreadHost(): boolean {
  return host !== undefined && typeof SharedArrayBuffer === "function";
}

/** Whether workers start while the spawning thread blocks, so the first fit can wait for them. */
export function workersStartWhileBlocked(): boolean {
  return host?.startsWhileBlocked ?? false;
}

/** How long a job may take before its worker counts as lost. */
const JOB_TIMEOUT_MS = 10 * 60 * 1000;
/** How long workers may take to start (Node's take ~30 ms; a missing script never starts). */
const START_TIMEOUT_MS = 10 * 1000;

export class ThreadPool {
  /** Threads in all: the workers and the calling thread. */
  readonly size: number;
  private state: "starting" | "running" | "closed" = "starting";
  /** Why a worker could not start, once one reports it. */
  private failure: Error | undefined;
  private readonly seq: number[];
  private readonly workers: { terminate(): void }[] = [];
  private readonly canBlock: boolean;
  private readonly slots: number;

  /**
   * Spawns `workers` threads on the heap's shared memory with the compiled threaded module; they
   * start in the background. Before the first job, `started()` (async) or `ready()` (blocking, where
   * the thread may block) waits for them.
   */
  constructor(
    module: unknown,
    private readonly heap: Heap,
    workers: number,
  ) {
    if (!host) throw new Error("wasmax: this runtime cannot start worker threads");
    this.size = workers + 1;
    this.seq = Array.from({ length: workers }, () => 0);
    // The slots live as long as the runtime: never released.
    this.slots = Math.ceil(heap.alloc(workers * S.SLOT_BYTES + S.SLOT_ALIGN) / S.SLOT_ALIGN) * S.SLOT_ALIGN;
    new Uint8Array(heap.memory.buffer, this.slots, workers * S.SLOT_BYTES).fill(0);
    this.canBlock = blockingAllowed(new Int32Array(heap.memory.buffer), this.slots / 4);
    try {
      for (let w = 0; w < workers; w++) {
        this.workers.push(
          host.spawn({ module, memory: heap.memory, slot: this.slots + w * S.SLOT_BYTES }, (error) => (this.failure ??= error)),
        );
      }
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Resolves once every worker has instantiated the module; rejects (and closes) if one fails or takes too long. */
  async started(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (this.state === "starting") {
      this.checkStart(deadline);
      if (this.state === "starting") await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (this.state === "closed") throw this.failure ?? new Error("wasmax: the worker threads were closed");
  }

  /**
   * Whether the workers run, waiting for them to start if need be (blocking in Atomics.wait, where
   * this thread may). A worker that fails to start closes the pool: false, now and from then on.
   */
  ready(): boolean {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (this.state === "starting") {
      const waiting = this.checkStart(deadline);
      if (waiting < 0) break;
      if (this.canBlock) Atomics.wait(new Int32Array(this.heap.memory.buffer), waiting, 0, 50);
    }
    return this.state === "running";
  }

  /** Threads a fit uses now: the pool's size while it starts or runs, 1 once closed. */
  get threads(): number {
    return this.state === "closed" ? 1 : this.size;
  }

  /**
   * One look at the workers' READY flags: marks the pool running when all are up, closes it on a
   * failure or past `deadline`. Returns the i32 index of a flag still 0, or −1.
   */
  private checkStart(deadline: number): number {
    const i32 = new Int32Array(this.heap.memory.buffer);
    for (let w = 0; w < this.seq.length; w++) {
      const at = (this.slots + w * S.SLOT_BYTES) / 4 + S.READY;
      const flag = Atomics.load(i32, at);
      if (flag === 1) continue;
      if (flag < 0) this.failure ??= new Error(`wasmax: worker thread ${w + 1} failed to start: ${this.message(w)}`);
      else if (!this.failure && Date.now() <= deadline) return at;
      this.failure ??= new Error(`wasmax: worker thread ${w + 1} did not start within ${START_TIMEOUT_MS / 1000} s`);
      this.close();
      // Said once: a bundle that left out the thread script or binaries trains, slower, on one thread.
      console.warn(`${this.failure.message}; training runs on one thread`);
      return -1;
    }
    this.state = "running";
    return -1;
  }

  /** Posts a job to worker w (0-based). */
  post(w: number, job: S.PassJob): void {
    const slot = this.slots + w * S.SLOT_BYTES;
    const f64 = new Float64Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 8);
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
      if (done !== this.seq[w] && performance.now() > deadline)
        this.fail(`worker thread ${w + 1} gave no answer within ${JOB_TIMEOUT_MS / 60000} minutes`);
    }
    if (i32[S.STATUS] !== 0) this.fail(`worker thread ${w + 1} failed: ${this.message(w)}`);
    return new Float64Array(this.heap.memory.buffer, slot, S.SLOT_BYTES / 8)[S.LOSS]!;
  }

  /** Ends the workers; later fits run on the calling thread alone. */
  close(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    for (const worker of this.workers) worker.terminate();
  }

  /** The message a worker left in its slot. */
  private message(w: number): string {
    const bytes = new Uint8Array(this.heap.memory.buffer, this.slots + w * S.SLOT_BYTES + S.MESSAGE, S.MESSAGE_BYTES);
    const end = bytes.indexOf(0);
    return new TextDecoder().decode(bytes.slice(0, end < 0 ? bytes.length : end));
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
