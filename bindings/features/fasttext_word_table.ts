// A set of byte strings (words) with int ids 0, 1, 2, … in insertion order, found by their fastText hash
// without making a string: open addressing (linear probing) over a power-of-two number of slots kept at
// most half full, each slot a word's (hash, id) side by side so a probe reads one cache line; the bytes of
// all words are one growing pool.

import { fastTextHash } from "./fasttext_hash.js";

export class WordTable {
  /** The words' bytes, back to back; word i is pool[starts[i], starts[i + 1]). */
  pool = new Uint8Array(1024);
  starts = new Int32Array(65);
  /** Each word's fastText hash (uint32 stored as int32). */
  hashes = new Int32Array(64);
  size = 0;
  /** Slot s is (slots[2s] hash, slots[2s + 1] id), id -1 when empty; probed from hash & (slots.length / 2 - 1). */
  slots = new Int32Array(256).fill(-1);

  /** The id of bytes[start, end) whose fastText hash is `hash`, or -1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = slots[2 * s + 1]!;
      if (id < 0) return -1;
      if (slots[2 * s] !== (hash | 0)) continue;
      const at = this.starts[id]!;
      if (this.starts[id + 1]! - at !== length) continue;
      let i = 0;
      while (i < length && this.pool[at + i] === bytes[start + i]) i++;
      if (i === length) return id;
    }
  }

  /** Adds bytes[start, end) (not present; its hash is `hash`) and returns its id. */
  add(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.size;
    if (id + 1 >= this.hashes.length) this.growEntries();
    const at = this.starts[id]!;
    const length = end - start;
    if (at + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(2 * this.pool.length, at + length));
      pool.set(this.pool.subarray(0, at));
      this.pool = pool;
    }
    // A loop, not set(subarray): most words are a few bytes, and a view per word costs more than copying them.
    const pool = this.pool;
    for (let k = 0; k < length; k++) pool[at + k] = bytes[start + k]!;
    this.starts[id + 1] = at + length;
    this.hashes[id] = hash;
    this.size = id + 1;
    if (this.size > this.slots.length >> 2) this.rehash(this.slots.length);
    else this.place(id);
    return id;
  }

  /** Adds a word given as bytes (hashing it); returns its id, or the id it already had. */
  intern(bytes: Uint8Array): number {
    const hash = fastTextHash(bytes) | 0;
    const id = this.find(bytes, 0, bytes.length, hash);
    return id >= 0 ? id : this.add(bytes, 0, bytes.length, hash);
  }

  /** The bytes of word `id` (a view into the pool, valid until the next add). */
  bytesOf(id: number): Uint8Array {
    return this.pool.subarray(this.starts[id], this.starts[id + 1]);
  }

  private place(id: number): void {
    const mask = (this.slots.length >> 1) - 1;
    let s = this.hashes[id]! & mask;
    while (this.slots[2 * s + 1]! >= 0) s = (s + 1) & mask;
    this.slots[2 * s] = this.hashes[id]!;
    this.slots[2 * s + 1] = id;
  }

  private growEntries(): void {
    const capacity = 2 * this.hashes.length;
    const starts = new Int32Array(capacity + 1);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Int32Array(capacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Doubles the slots: `length` int32 now, 2 * length after. */
  private rehash(length: number): void {
    this.slots = new Int32Array(2 * length).fill(-1);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}
