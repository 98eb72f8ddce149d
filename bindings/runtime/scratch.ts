// Working memory for stateless calls: one block, reused from call to call. Large inputs are cut
// into chunks of rows so the block, and wasm memory, stay bounded whatever the input size.
// configure() sets the limits those calls and the models obey here: the chunk size, the largest
// per-class output, and the most threads a fit uses.

import { runtime, type Runtime } from "./runtime.js";
import { checkOptions, describeValue } from "../core/checks.js";

/** A block up to this size stays allocated between calls; a larger one is freed after its call. */
const KEEP_BYTES = 64 * 1024;

// 1 MiB: measured against 8 MiB, a chunk that stays in cache between its copy in, the kernel and
// its copy out makes a 4096 × 1000 softmax call 20% faster (6.7 → 5.2 ms) and 64 × 32000 10%.
let chunkBytes = 1024 * 1024;
/** Wasm32 memory ends at 4 GiB: a chunk larger than a quarter of it could never be allocated. */
const MAX_CHUNK_BYTES = 2 ** 30;
let maxOutputBytes = 2 ** 30;
/** Most threads a fit uses; 0 for all that init() started. */
let fitThreads = 0;
let owner: Runtime | undefined;
let blockPtr = 0;
let blockBytes = 0;

/** What {@link configure} sets; every field is optional and keeps its current value when left out. */
export interface Config {
  /**
   * Largest working set, in bytes, that one stateless call puts in wasm memory at a time; larger
   * inputs are processed in chunks. From 1 KiB to 1 GiB.
   * @default 1048576 (1 MiB)
   */
  chunkBytes?: number;
  /**
   * Largest array a model's predictProba, predictLogProba or decisionFunction may return (rows ×
   * classes f32), in bytes. Above it they refuse, saying how much they would need; predictTopK streams instead.
   * @default 1073741824 (1 GiB)
   */
  maxOutputBytes?: number;
  /**
   * Most threads one fit uses, the calling thread included: 0 (the default) for all that init()
   * started (see threads()), 1 to train on the calling thread alone.
   * @default 0
   */
  threads?: number;
}

/**
 * Sets how much wasm memory one stateless call may use at a time (default 1 MiB), the largest
 * output a model's per-class predictions may have (default 1 GiB) and the most threads a fit uses
 * (default all); returns the previous settings. Atomic: every value is checked before any is set,
 * so a refused call changes nothing.
 *
 * @example
 * ```ts
 * const previous = configure({ threads: 1 }); // the next fits train on the calling thread alone
 * configure(previous);                         // back to what it was
 * ```
 */
export function configure(config?: Config): Required<Config> {
  const checked = checkOptions("configure", config, ["chunkBytes", "maxOutputBytes", "threads"]);
  const previous = { chunkBytes, maxOutputBytes, threads: fitThreads };
  const next = {
    chunkBytes:
      checked.chunkBytes === undefined ? chunkBytes : integerIn("chunkBytes", checked.chunkBytes, 1024, MAX_CHUNK_BYTES, "1 KiB to 1 GiB"),
    maxOutputBytes:
      checked.maxOutputBytes === undefined ? maxOutputBytes : integerIn("maxOutputBytes", checked.maxOutputBytes, 0, 2 ** 34, "0 to 2^34"),
    threads: checked.threads === undefined ? fitThreads : integerIn("threads", checked.threads, 0, 64, "0: all that init() started"),
  };
  ({ chunkBytes, maxOutputBytes, threads: fitThreads } = next);
  return previous;
}

/** An integer setting in [lo, hi]: TypeError for a non-integer, RangeError outside; `note` explains the range. */
function integerIn(name: string, value: unknown, lo: number, hi: number, note: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw new TypeError(`${name} must be an integer, got ${describeValue(value)}`);
  if (value < lo || value > hi) throw new RangeError(`${name} must be in [${lo}, ${hi}] (${note}), got ${value}`);
  return value;
}

/** Most threads a fit may use now (configure({ threads })), at most `started`. */
export function threadLimit(started: number): number {
  return fitThreads === 0 ? started : Math.min(fitThreads, started);
}

/**
 * Rows per chunk when each row needs `bytesPerRow` bytes: at least one, and even when more than one,
 * so kernels that pair rows (K = 10) pair the same rows whatever the chunk size and chunked results
 * are bit-identical to unchunked ones.
 */
export function rowsPerChunk(bytesPerRow: number): number {
  const rows = Math.floor(chunkBytes / Math.max(1, bytesPerRow));
  return rows < 2 ? 1 : rows - (rows % 2);
}

/** Refuses a rows × classes f32 output above configure({ maxOutputBytes }), saying what it would take. */
export function checkOutputSize(what: string, rows: number, classes: number): void {
  const bytes = rows * classes * 4;
  if (bytes > maxOutputBytes) {
    throw new RangeError(
      `${what} would return ${rows} × ${classes} values (${bytes} bytes), above configure({ maxOutputBytes }) = ${maxOutputBytes}: ` +
        "ask for predictTopK(X, k), which streams the rows, or raise the limit",
    );
  }
}

/** The loaded runtime, with its scratch block in place (so memory use is at its baseline). */
export function ready(): Runtime {
  const rt = runtime();
  if (owner !== rt) {
    owner = rt;
    blockPtr = rt.heap.alloc(KEEP_BYTES);
    blockBytes = KEEP_BYTES;
  }
  return rt;
}

/** The scratch block grown to at least `bytes` bytes (16-byte aligned, padded). Call ready() first. */
export function acquire(rt: Runtime, bytes: number): number {
  if (bytes <= blockBytes) return blockPtr;
  const ptr = rt.heap.alloc(bytes);
  rt.heap.release(blockPtr);
  blockPtr = ptr;
  blockBytes = bytes;
  return ptr;
}

/** Ends a call: a scratch block grown past KEEP_BYTES shrinks back to it. */
export function settle(rt: Runtime): void {
  if (blockBytes <= KEEP_BYTES) return;
  rt.heap.release(blockPtr);
  blockPtr = rt.heap.alloc(KEEP_BYTES);
  blockBytes = KEEP_BYTES;
}

/** What {@link memoryStats} returns. */
export interface MemoryStats {
  /** Bytes of wasm memory held by wasmax's live allocations (a constant baseline between calls). */
  allocatedBytes: number;
  /** Bytes of wasm memory reserved (grows on demand, never shrinks). */
  memoryBytes: number;
}

/** Wasm memory use, for leak checks and sizing. */
export function memoryStats(): MemoryStats {
  const { heap } = ready();
  return { allocatedBytes: heap.allocatedBytes, memoryBytes: heap.memoryBytes };
}
