// Seeded pseudo-random numbers for shuffling and splitting: same seed, same sequence, everywhere.

/** mulberry32: a small 32-bit generator with good statistical quality for shuffling. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from `seed`, or a fresh one when it is undefined. */
export function seedOf(seed: number | undefined): number {
  return seed === undefined ? Math.floor(Math.random() * 2 ** 32) : seed >>> 0;
}

/** Fisher–Yates shuffle in place. */
export function shuffle(values: Int32Array, next: () => number): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
  return values;
}
