// The shared wasm memory through which the calling thread and the worker threads run sharded
// gradient passes. Both sides read and write it through these indices only.
//
// One 256-byte slot per worker, 64-byte aligned so that no two threads' flags share a cache line:
//   i32 [READY]   1 once the worker has instantiated the module, −1 if it could not (message at MESSAGE)
//   bytes MESSAGE…  why the worker could not start, or why its last failed shard threw (UTF-8, NUL-ended)
//
// One job block per pool: the batch of one sharded pass, and the counters through which every
// thread, the caller included, claims its shards. Shard s covers rows [s·share, min(rows, (s+1)·share)).
// Shard 0 is always the caller's (its model objective); shards 1 … shards−1 go to whoever claims
// them first, so a batch never waits for a worker the OS has not scheduled: the caller computes
// every shard no worker has claimed.
//   i32 [JOB]       the job's tag (1 … 2²³−1, wrapping); workers wait for it to change
//   i32 [CLAIM]     tag·256 + the next shard to claim; tag·256 + CLOSED once the caller has claimed
//                   the rest, so a worker that wakes late can claim nothing of this job or the next
//   i32 [FINISHED]  shards the workers finished (or failed) in this job
//   i32 [FAILED]    0, or 1 + the index of the first worker whose shard threw (message in its slot)
//   f64 [JOB_X …]   the batch (byte offsets and rows), the rows per shard, the gradient scale, the shard count
//   f64 [SHARD_TABLE + 3·s + PASS_AT | PASS_LENGTH | LOSS]  shard s's encoded pass (byte offset, f64
//                   values) and the loss its thread computed

export const SLOT_BYTES = 256;
export const SLOT_ALIGN = 64;
export const READY = 0;
export const MESSAGE = 128;
export const MESSAGE_BYTES = SLOT_BYTES - MESSAGE;

export const JOB = 0;
export const CLAIM = 1;
export const FINISHED = 2;
export const FAILED = 3;
export const JOB_X = 2;
export const JOB_TARGETS = 3;
export const JOB_WEIGHTS = 4;
export const JOB_ROWS = 5;
export const JOB_SHARE = 6;
export const JOB_GRAD_SCALE = 7;
export const JOB_SHARDS = 8;
export const SHARD_TABLE = 9;
export const PASS_AT = 0;
export const PASS_LENGTH = 1;
export const LOSS = 2;
/** Most shards a job has: configure({ threads }) allows at most 64 threads. */
export const MAX_SHARDS = 64;
/** A claim index above every shard: the job is closed. */
export const CLOSED = 255;
export const JOB_BYTES = (SHARD_TABLE + 3 * MAX_SHARDS) * 8;

/** A sharded gradient pass over rows of a batch in wasm memory (byte offsets). */
export interface ShardedJob {
  readonly x: number;
  readonly targets: number;
  readonly weights: number;
  readonly rows: number;
  /** Rows per shard (the last may have fewer). */
  readonly share: number;
  readonly gradScale: number;
  /** Each shard's encoded pass, shard 1 first (shard 0 is the caller's own objective). */
  readonly passes: readonly { readonly at: number; readonly length: number }[];
}

/** What a worker thread is started with. */
export interface ThreadStart {
  readonly module: unknown;
  readonly memory: unknown;
  /** Byte offset of this worker's slot. */
  readonly slot: number;
  /** Byte offset of the pool's job block. */
  readonly job: number;
  /** The worker's index (0-based), for FAILED. */
  readonly index: number;
}

/**
 * Claims the next of the `shards` shards of the job tagged `tag`: its index, or −1 when none is
 * left, the job is closed, or a later job has replaced it. `i32` views the job block.
 */
export function claimShard(i32: Int32Array, tag: number, shards: number): number {
  for (;;) {
    const claim = Atomics.load(i32, CLAIM);
    const next = claim & 255;
    if (claim >>> 8 !== tag || next >= shards) return -1;
    if (Atomics.compareExchange(i32, CLAIM, claim, claim + 1) === claim) return next;
  }
}

/**
 * Waits until i32[index] differs from `value` and returns the new value: spins first (a job or an
 * answer usually comes within microseconds during a fit), then sleeps in Atomics.wait where the
 * thread may block, else keeps spinning. `deadline` (performance.now() ms) bounds the whole wait:
 * past it, returns `value` unchanged.
 */
export function awaitChange(i32: Int32Array, index: number, value: number, canBlock: boolean, deadline: number): number {
  const spinUntil = performance.now() + SPIN_MS;
  for (let spins = 0; ; spins++) {
    const now = Atomics.load(i32, index);
    if (now !== value) return now;
    if ((spins & 255) !== 255) continue;
    const time = performance.now();
    if (time > deadline) return value;
    if (canBlock && time > spinUntil) Atomics.wait(i32, index, value, Math.min(100, deadline - time));
  }
}

/**
 * How long a thread spins before it sleeps: long enough to catch the next pass of an L-BFGS
 * evaluation (microseconds apart), short enough not to burn the CPU share the other threads need
 * when the cores are busy. On 2 cores loaded by other sessions (load average 10–15, 2026-12-06),
 * 30 L-BFGS iterations on MNIST 8k took 2 threads 1.25–2.0× as long as 1 with a 2 ms spin, and
 * 0.83–0.96× as long with 50 µs; a sleeping thread wakes in tens of microseconds.
 */
const SPIN_MS = 0.05;
