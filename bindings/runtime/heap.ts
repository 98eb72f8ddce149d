// The heap: every byte of wasm memory that wasmax uses is allocated here, in JS.
//
// Contract for the kernels: each block starts 16-byte aligned and is followed by at least 16 bytes
// that belong to no other live block's data, so a kernel's vector read past a row's end stays
// inside wasm memory. First-fit over a free list kept sorted by address, with coalescing; memory
// grows on demand and never shrinks (wasm cannot), but freed bytes are reused.
//
// Views: `f32`, `i32` are rebuilt whenever memory grows. Only this heap grows the memory (the
// kernels never do), so a view read after the last `alloc` is current; never keep one across an
// `alloc`, and never hand one to user code.

import type { WasmMemory } from "../core/platform.js";

const ALIGN = 16;
const PAGE = 65536;

interface Block {
  ptr: number;
  size: number;
}

export class Heap {
  readonly memory: WasmMemory;
  private readonly base: number;
  private top: number;
  private readonly free: Block[] = [];
  private readonly live = new Map<number, number>();
  private liveBytes = 0;
  /** Float32 view of all of wasm memory; valid until the next alloc. */
  f32: Float32Array;
  /** Int32 view of all of wasm memory; valid until the next alloc. */
  i32: Int32Array;

  constructor(memory: WasmMemory, heapBase: number) {
    this.memory = memory;
    this.base = roundUp(heapBase, ALIGN);
    this.top = this.base;
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }

  /** Bytes held by live blocks (padding included). */
  get allocatedBytes(): number {
    return this.liveBytes;
  }

  /** Bytes of wasm memory reserved so far. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** A block of at least `bytes` bytes (16-byte aligned, 16 bytes of padding after it). */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 0), ALIGN) + ALIGN;
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]!;
      if (block.size < size) continue;
      const ptr = block.ptr;
      if (block.size === size) this.free.splice(i, 1);
      else {
        block.ptr += size;
        block.size -= size;
      }
      return this.track(ptr, size);
    }
    const ptr = this.top;
    this.ensure(ptr + size);
    this.top = ptr + size;
    return this.track(ptr, size);
  }

  /** Returns a block from `alloc` to the heap. Freeing twice or a foreign pointer throws. */
  release(ptr: number): void {
    const size = this.live.get(ptr);
    if (size === undefined) throw new Error(`wasmax heap: ${ptr} is not a live block`);
    this.live.delete(ptr);
    this.liveBytes -= size;
    let i = 0;
    while (i < this.free.length && this.free[i]!.ptr < ptr) i++;
    this.free.splice(i, 0, { ptr, size });
    // Coalesce with the next and the previous block.
    const next = this.free[i + 1];
    if (next && ptr + size === next.ptr) {
      this.free[i]!.size += next.size;
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev && prev.ptr + prev.size === ptr) {
      prev.size += this.free[i]!.size;
      this.free.splice(i, 1);
      i--;
    }
    // A free block at the top goes back to the bump region.
    const last = this.free[this.free.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      this.free.pop();
    }
  }

  private track(ptr: number, size: number): number {
    this.live.set(ptr, size);
    this.liveBytes += size;
    return ptr;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch (cause) {
      // wasm32 addresses end at 4 GiB; below that, the engine (or the memory's maximum) refused to grow.
      const why = end > WASM32_BYTES ? "wasm32 memory ends at 4 GiB" : `the engine refused to grow it past ${mebibytes(have)}`;
      throw new RangeError(
        `wasmax: this call needs ${mebibytes(end)} of wasm memory and ${why}. ` +
          `Dispose models you no longer use, or train on fewer rows or features at once; stateless calls use at most ` +
          `configure({ chunkBytes }) at a time. Memory reserved earlier stays reserved (wasm cannot shrink it): ` +
          `to give it back, run wasmax in a worker and end the worker`,
        { cause },
      );
    }
    this.refreshViews();
  }

  private refreshViews(): void {
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
  }
}

/** 4 GiB: the end of wasm32's address space. */
const WASM32_BYTES = 2 ** 32;

/** Bytes in MiB with one decimal, for messages. */
function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
