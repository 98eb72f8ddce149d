// MurmurHash3 x86_32 (Austin Appleby's public-domain MurmurHash3_x86_32) over UTF-8 bytes, the hash
// scikit-learn's HashingVectorizer and FeatureHasher use: sklearn.utils.murmurhash3_32(s, seed=0)
// returns the same signed 32-bit value for the same string. Integer arithmetic only (Math.imul and
// 32-bit shifts), so every runtime and thread gives the same bits. Blocks are read little-endian
// whatever the platform, as the reference does on x86.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3 x86_32 of bytes[from .. to) with `seed` (treated as uint32), as a signed int32. */
export function murmurHash3Bytes(bytes: Uint8Array, from: number, to: number, seed: number): number {
  let h = seed | 0;
  const tail = to - ((to - from) & 3);
  let i = from;
  for (; i < tail; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = to - tail;
  if (rest > 0) {
    let k = bytes[i]!;
    if (rest > 1) k |= bytes[i + 1]! << 8;
    if (rest > 2) k |= bytes[i + 2]! << 16;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= to - from;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * MurmurHash3 x86_32 of a string's UTF-8 bytes (lone surrogates as U+FFFD, as TextEncoder) or of
 * bytes, as a signed 32-bit integer: sklearn.utils.murmurhash3_32(key, seed) gives the same value.
 * `seed` is an integer in [-2^31, 2^32), used as its low 32 bits.
 */
export function murmurHash3(key: string | Uint8Array, seed = 0): number {
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw new TypeError(`murmurHash3: seed must be an integer, got ${String(seed)}`);
  if (seed < -(2 ** 31) || seed >= 2 ** 32) throw new RangeError(`murmurHash3: seed must be in [-2^31, 2^32), got ${seed}`);
  if (key instanceof Uint8Array) return murmurHash3Bytes(key, 0, key.length, seed);
  if (typeof key !== "string")
    throw new TypeError(`murmurHash3: key must be a string or a Uint8Array, got ${key === null ? "null" : typeof key}`);
  const bytes = new TextEncoder().encode(key);
  return murmurHash3Bytes(bytes, 0, bytes.length, seed);
}
