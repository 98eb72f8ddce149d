// The control slots through which the calling thread hands gradient passes to worker threads: one
// 256-byte slot per worker in the shared wasm memory, 64-byte aligned so that no two threads'
// flags share a cache line. Both sides read and write them through these indices only.
//
//   i32 [SEQ]     job number the caller posted (the worker waits for it to change)
//   i32 [DONE]    job number the worker finished
//   i32 [STATUS]  0 ok, 1 the job threw (its message is at byte MESSAGE, UTF-8, NUL-ended)
//   i32 [READY]   1 once the worker has instantiated the module, −1 if it could not (message at MESSAGE)
//   f64 [...]     the job: where its pass is, the batch, and the loss it returns

export const SLOT_BYTES = 256;
export const SLOT_ALIGN = 64;

export const SEQ = 0;
export const DONE = 1;
export const STATUS = 2;
export const READY = 3;

/** f64 indices, counted from the slot's start (after the four i32 flags). */
export const PASS_AT = 2;
export const PASS_LENGTH = 3;
export const X = 4;
export const TARGETS = 5;
export const WEIGHTS = 6;
export const ROWS = 7;
export const GRAD_SCALE = 8;
export const ACCUMULATE = 9;
export const LOSS = 10;

export const MESSAGE = 128;
export const MESSAGE_BYTES = SLOT_BYTES - MESSAGE;

/** A gradient pass over a batch: the encoded pass (f64 values at byte offset passAt), then the batch. */
export interface PassJob {
  readonly passAt: number;
  readonly passLength: number;
  readonly x: number;
  readonly targets: number;
  readonly weights: number;
  readonly rows: number;
  readonly gradScale: number;
  readonly accumulate: boolean;
}

/** What a worker thread is started with. */
export interface ThreadStart {
  readonly module: unknown;
  readonly memory: unknown;
  /** Byte offset of this worker's slot. */
  readonly slot: number;
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

/** How long a thread spins before it sleeps: longer than the serial work between two steps of a fit. */
const SPIN_MS = 2;
