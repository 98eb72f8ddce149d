// The calling thread's side of the worker threads: starts them on the shared memory, posts sharded
// gradient passes in the job block (thread_slots.ts), hands the caller the shards no worker has
// claimed, and waits only for shards a worker has started. Used by ThreadedObjective
// (objectives/threaded.ts); one pool per loaded runtime, for the page's or process's lifetime
// (Node's workers are unref'd, so they never keep a process alive).

import type { Heap } from "./heap.js";
import * as S from "./thread_slots.js";
import { linked } from "./thread_links.js";

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

/** Job tags run 1 … TAGS (2²³ − 1), so that tag·256 + shard stays a positive i32. */
const TAGS = 2 ** 23 - 1;
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
  private readonly workers: { terminate(): void }[] = [];
  private readonly canBlock: boolean;
  private readonly slots: number;
  /** Byte offset of the job block. */
  private readonly job: number;
  /** The last job's tag (thread_slots.ts: JOB). */
  private tag = 0;
  /** Shards in the job begun last. */
  private shards = 0;

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
    // The slots and the job block (after them, on its own cache lines) live as long as the runtime:
    // never released.
    const bytes = workers * S.SLOT_BYTES + S.JOB_BYTES;
    this.slots = Math.ceil(heap.alloc(bytes + S.SLOT_ALIGN) / S.SLOT_ALIGN) * S.SLOT_ALIGN;
    this.job = this.slots + workers * S.SLOT_BYTES;
    new Uint8Array(heap.memory.buffer, this.slots, bytes).fill(0);
    this.canBlock = blockingAllowed(new Int32Array(heap.memory.buffer), this.slots / 4);
    try {
      for (let w = 0; w < workers; w++) {
        const start = { module, memory: heap.memory, slot: this.slots + w * S.SLOT_BYTES, job: this.job, index: w };
        this.workers.push(host.spawn(start, (error) => (this.failure ??= error)));
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
    for (let w = 0; w < this.workers.length; w++) {
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

  /**
   * Posts a sharded pass (shards 1 … passes.length, after the caller's shard 0) and wakes the
   * workers. Then the caller computes shard 0, claims shards with claim() until it gives −1, and
   * ends the job with finish(), which every begin() must be paired with.
   */
  begin(job: S.ShardedJob): void {
    const shards = job.passes.length + 1;
    if (shards > S.MAX_SHARDS) throw new RangeError(`wasmax: a job has at most ${S.MAX_SHARDS} shards, got ${shards}`);
    const { i32, f64 } = this.jobViews();
    // Closed first: a worker that wakes late for the last job, and reads this job's shard count,
    // can then claim nothing before the new tag is in place.
    Atomics.store(i32, S.CLAIM, this.tag * 256 + S.CLOSED);
    f64[S.JOB_X] = job.x;
    f64[S.JOB_TARGETS] = job.targets;
    f64[S.JOB_WEIGHTS] = job.weights;
    f64[S.JOB_ROWS] = job.rows;
    f64[S.JOB_SHARE] = job.share;
    f64[S.JOB_GRAD_SCALE] = job.gradScale;
    f64[S.JOB_SHARDS] = shards;
    job.passes.forEach((pass, i) => {
      f64[S.SHARD_TABLE + 3 * (i + 1) + S.PASS_AT] = pass.at;
      f64[S.SHARD_TABLE + 3 * (i + 1) + S.PASS_LENGTH] = pass.length;
    });
    this.tag = (this.tag % TAGS) + 1;
    this.shards = shards;
    Atomics.store(i32, S.FINISHED, 0);
    Atomics.store(i32, S.FAILED, 0);
    Atomics.store(i32, S.CLAIM, this.tag * 256 + 1);
    Atomics.store(i32, S.JOB, this.tag);
    Atomics.notify(i32, S.JOB);
  }

  /** The next shard of the current job no thread has claimed, for the caller to compute; −1 when none is left. */
  claim(): number {
    return S.claimShard(this.jobViews().i32, this.tag, this.shards);
  }

  /**
   * Ends the current job: waits for the shards the caller did not claim (all but its shard 0 and
   * the `mine` shards it claimed), which workers have claimed once the caller's claim() returned
   * −1. A shard that threw in a worker, or a worker that stops answering, is a ThreadError, which
   * closes the pool.
   */
  finish(mine: number): void {
    const { i32 } = this.jobViews();
    const theirs = this.shards - 1 - mine;
    const deadline = performance.now() + JOB_TIMEOUT_MS;
    let finished = Atomics.load(i32, S.FINISHED);
    while (finished < theirs) {
      finished = S.awaitChange(i32, S.FINISHED, finished, this.canBlock, deadline);
      if (finished < theirs && performance.now() > deadline)
        this.fail(`a worker thread gave no answer within ${JOB_TIMEOUT_MS / 60000} minutes`);
    }
    const failed = Atomics.load(i32, S.FAILED);
    if (failed !== 0) this.fail(`worker thread ${failed} failed: ${this.message(failed - 1)}`);
  }

  /** The loss shard s (≥ 1) of the current job computed. */
  loss(s: number): number {
    return this.jobViews().f64[S.SHARD_TABLE + 3 * s + S.LOSS]!;
  }

  /** Byte offset of the job block (the shards' runner reads the job from it). */
  get jobBlock(): number {
    return this.job;
  }

  /** Views of the job block (fresh: memory may have grown since the last call). */
  private jobViews(): { i32: Int32Array; f64: Float64Array } {
    const buffer = this.heap.memory.buffer;
    return { i32: new Int32Array(buffer, this.job, S.JOB_BYTES / 4), f64: new Float64Array(buffer, this.job, S.JOB_BYTES / 8) };
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
    throw new (linked().ThreadError)(`wasmax: ${message}; training continues on one thread from the next fit`);
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
