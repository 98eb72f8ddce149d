// Wasm memory blocks that an object allocates one by one and frees together (an objective, the
// training data): on a failed construction or at dispose, every block goes back to the heap; one
// block can be handed over to a new owner first (a trained parameter block to its model).

import type { Heap } from "./heap.js";

export class Blocks {
  private readonly live: number[] = [];

  constructor(private readonly heap: Heap) {}

  alloc(bytes: number): number {
    const ptr = this.heap.alloc(bytes);
    this.live.push(ptr);
    return ptr;
  }

  /** Stops owning `ptr`: the caller frees it. */
  handOver(ptr: number): number {
    this.live.splice(this.live.indexOf(ptr), 1);
    return ptr;
  }

  freeAll(): void {
    for (const ptr of this.live.splice(0)) this.heap.release(ptr);
  }
}
