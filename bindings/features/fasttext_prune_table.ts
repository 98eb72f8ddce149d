// A pruned dictionary's bucket -> row map (fastText's pruneidx, which quantize's cutoff keeps): n-gram
// buckets are looked up per token, so an open-addressing table of int32 pairs, not a Map.

/** pruneidx as an open-addressing table (bucket -> row, -1 when absent): faster than a Map per n-gram. */
export class PruneTable {
  /** Slot s holds bucket keys[s] (-1 when empty) and its row values[s]; probed from imul(key, 0x9e3779b1) >>> shift. */
  readonly keys: Int32Array;
  readonly values: Int32Array;
  readonly shift: number;

  constructor(pairs: Int32Array) {
    const n = pairs.length / 2;
    const bits = Math.max(4, 32 - Math.clz32(2 * n));
    this.shift = 32 - bits;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    for (let i = 0; i < n; i++) {
      let s = Math.imul(pairs[2 * i]!, 0x9e3779b1) >>> this.shift;
      while (this.keys[s] !== -1) s = (s + 1) & mask;
      this.keys[s] = pairs[2 * i]!;
      this.values[s] = pairs[2 * i + 1]!;
    }
  }

  /** The row of a bucket, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & mask) {
      const k = this.keys[s]!;
      if (k === key) return this.values[s]!;
      if (k === -1) return -1;
    }
  }
}
