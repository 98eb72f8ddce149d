// fastText's hashes, bit for bit (dictionary.cc of fastText 0.9.2).
//
// Words and character n-grams: 32-bit FNV-1a over the UTF-8 bytes, where each byte is first sign-extended
// as a C `signed char` (fastText's released models were trained that way): h ^= int8(byte); h *= 16777619.
// A byte >= 0x80 therefore XORs 0xffffff00 | byte, not the byte. Char n-gram row = nwords + (h mod bucket).
//
// Word n-grams: the words' hashes as int32, widened to uint64 with sign extension, combined left to right
// as h = h * 116049371 + next (mod 2^64), then h mod bucket in 64-bit unsigned arithmetic. Here the 64-bit
// value is two uint32 halves (hi, lo) and every product stays below 2^53, so no BigInt is made per n-gram.

/** FNV-1a's offset basis (2166136261) as int32. */
export const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** fastText's word n-gram multiplier. */
export const NGRAM_MULTIPLIER = 116049371;
const TWO_32 = 4294967296;

/** One byte into a running fastText hash (int32 in, int32 out). */
export function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ ((byte << 24) >> 24), FNV_PRIME);
}

/** fastText's hash of bytes[start, end) as uint32. */
export function fastTextHash(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ ((bytes[i]! << 24) >> 24), FNV_PRIME);
  return h >>> 0;
}

/**
 * fastText's addWordNgrams: for each i and i < j < min(count, i + n), the bucket of the n-gram
 * hashes[i..j]: ((((h_i * M + h_i+1) * M + ...) * M + h_j) mod 2^64) mod bucket, the h sign-extended
 * int32s. Writes them to out from `at` in fastText's order (i outer, j inner); returns the new end.
 * `out` must hold at + count * (min(n, count) - 1) values; bucket is 1 to 2^31 - 1.
 */
export function wordNgramBuckets(hashes: Int32Array, count: number, n: number, bucket: number, out: Int32Array, at: number): number {
  for (let i = 0; i < count; i++) {
    let hi = hashes[i]! < 0 ? 0xffffffff : 0;
    let lo = hashes[i]! >>> 0;
    for (let j = i + 1; j < count && j < i + n; j++) {
      // (hi, lo) * M: lo * M split at 16 bits so each partial product is below 2^44.
      const p0 = (lo & 0xffff) * NGRAM_MULTIPLIER;
      const p1 = (lo >>> 16) * NGRAM_MULTIPLIER;
      const mid = (p1 % 65536) * 65536 + p0;
      const carry = Math.floor(p1 / 65536) + Math.floor(mid / TWO_32);
      const productHi = Math.imul(hi, NGRAM_MULTIPLIER) + carry;
      // + next, sign-extended to 64 bits.
      const x = hashes[j]!;
      const sum = (mid % TWO_32) + (x >>> 0);
      lo = sum >>> 0;
      hi = (productHi + (x < 0 ? 0xffffffff : 0) + (sum >= TWO_32 ? 1 : 0)) >>> 0;
      out[at++] = uint64Mod(hi, lo, bucket);
    }
  }
  return at;
}

/**
 * x mod m for uint32 x and 1 <= m < 2^31, without the float modulo V8 falls back to above 2^31:
 * floor(x / m) is exact in float64 here (x / m is at least 1/m from the next integer, more than its ulp).
 */
export function uint32Mod(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}

/** (hi * 2^32 + lo) mod m for uint32 hi, lo and 1 <= m < 2^31, exactly. */
export function uint64Mod(hi: number, lo: number, m: number): number {
  let r = hi % m;
  r = (r * 65536 + (lo >>> 16)) % m;
  return (r * 65536 + (lo & 0xffff)) % m;
}

/**
 * fastText's computeSubwords without the pruning step: the buckets (h mod bucket) of the character
 * n-grams of word[0, length) (the word with its "<" and ">"), n counted in UTF-8 characters (a byte
 * 10xxxxxx continues a character), minn <= n <= maxn, skipping the 1-grams "<" and ">" themselves.
 * Order: by start, then by length. Writes to out from `at` (room for length * min(maxn, length)); returns
 * the new end.
 */
export function charNgramBuckets(
  word: Uint8Array,
  length: number,
  minn: number,
  maxn: number,
  bucket: number,
  out: Int32Array,
  at: number,
): number {
  for (let i = 0; i < length; i++) {
    if ((word[i]! & 0xc0) === 0x80) continue;
    let h = FNV_BASIS;
    for (let j = i, n = 1; j < length && n <= maxn; n++) {
      h = fnvByte(h, word[j++]!);
      while (j < length && (word[j]! & 0xc0) === 0x80) h = fnvByte(h, word[j++]!);
      if (n >= minn && !(n === 1 && (i === 0 || j === length))) out[at++] = uint32Mod(h >>> 0, bucket);
    }
  }
  return at;
}
