// fastText's getLine for a batch of lines, in wasm: the UTF-8 bytes of the lines joined by "\n" become
// each line's input rows, label ids and token count, exactly as bindings/features/fasttext_dictionary.ts
// (the reference, whose header states the rules) computes them, so prediction never scans text in JS.
//
// Tokens are maximal runs of bytes other than space, \t, \v, \f, \r, \0 and the line's end ("\n" or the
// end of the text); each line ends with EOS ("</s>"), or earlier at a literal "</s>" token, after which
// the rest of the line is skipped. Hashes are fastText's 32-bit FNV-1a over sign-extended bytes; word
// n-grams combine them in u64 arithmetic (h * 116049371 + next); buckets are unsigned remainders.
//
// The dictionary block (i32 words at these byte offsets; written by bindings/models/fasttext_scanner.ts,
// which mirrors them), the JS dictionary's tables rearranged so a token costs one or two cache misses:
//   NWORDS, MINN, MAXN, BUCKET, WORD_NGRAMS;
//   SLOT_MASK, SLOTS: the JS word table's open addressing, slot for slot (probed linearly from
//     hash & SLOT_MASK), each slot 32 bytes: hash, id (−1 when empty), the entry's length in bytes, its
//     record's offset from RECORDS, then its first 16 bytes, zero-padded (a word of up to 16 bytes is
//     found without reading its record);
//   RECORDS: per entry (words, then labels), its bytes padded to 4, then for a word when MAXN > 0 its
//     input rows (its id, then its n-gram rows) as an i32 count and the rows;
//   PRUNE, PRUNE_SHIFT, PRUNE_MASK: a pruned dictionary's bucket → row table, (key, row) pairs probed
//     linearly from (key · 0x9e3779b1) >>> PRUNE_SHIFT, key −1 when empty; PRUNE 0 when not pruned;
//   FILTER, FILTER_SHIFT: a bitmap in front of that table, bit (key · 0x9e3779b1) >>> FILTER_SHIFT set for
//     every kept key, about 8 bits per key (most n-grams of a pruned model are pruned: a cleared bit, in
//     a bitmap that stays in cache, answers them without probing the table);
//   PREFIX, PREFIX_LENGTH: the label prefix's bytes; EOS_BYTES: the 4 bytes of "</s>", inline.

export const NWORDS: usize = 0;
export const MINN: usize = 4;
export const MAXN: usize = 8;
export const BUCKET: usize = 12;
export const WORD_NGRAMS: usize = 16;
export const SLOT_MASK: usize = 20;
export const SLOTS: usize = 24;
export const RECORDS: usize = 28;
export const PRUNE: usize = 32;
export const PRUNE_SHIFT: usize = 36;
export const PRUNE_MASK: usize = 40;
export const PREFIX: usize = 44;
export const PREFIX_LENGTH: usize = 48;
export const EOS_BYTES: usize = 52;
export const FILTER: usize = 56;
export const FILTER_SHIFT: usize = 60;

// The cursor (i32 words): where the kernel stopped. BYTE: the offset of the next line's first byte, or
// the text's length + 1 once a line ended at the end of the text. LINE: lines done.
export const CURSOR_BYTE: usize = 0;
export const CURSOR_LINE: usize = 4;

// @ts-ignore: decorator
@inline const FNV_BASIS: u32 = 2166136261;
// @ts-ignore: decorator
@inline const FNV_PRIME: u32 = 16777619;
// @ts-ignore: decorator
@inline const NGRAM_MULTIPLIER: u64 = 116049371;
// @ts-ignore: decorator
@inline const NEWLINE: u8 = 0x0a;

/** One byte into a fastText hash: the byte sign-extended as a C signed char. */
// @ts-ignore: decorator
@inline function fnv(h: u32, byte: u8): u32 {
  return (h ^ <u32><i32><i8>byte) * FNV_PRIME;
}

/** fastText's readWord separators: space, \t \n \v \f \r and \0. */
// @ts-ignore: decorator
@inline function isSpace(byte: u8): bool {
  // Most bytes are above 0x20: one comparison decides them.
  return byte <= 0x20 && (byte == 0x20 || <u32>(byte - 0x09) <= 4 || byte == 0);
}

/** The low `n` bytes (0 … 8) of a u64 as a mask. */
// @ts-ignore: decorator
@inline function lowBytes(n: i32): u64 {
  return n <= 0 ? 0 : n >= 8 ? <u64>-1 : (<u64>1 << (<u64>n << 3)) - 1;
}

/**
 * The slot of the entry with bytes [start, end) and hash h (its id at +4, its record at +12), or 0.
 * Reads up to 16 bytes from start (the caller's buffers have that much padding).
 */
// @ts-ignore: decorator
@inline function find(dict: usize, start: usize, end: usize, h: u32): usize {
  const slots = <usize>load<i32>(dict + SLOTS);
  const mask = <u32>load<i32>(dict + SLOT_MASK);
  const length = <i32>(end - start);
  const first = load<u64>(start) & lowBytes(length);
  const second = load<u64>(start, 8) & lowBytes(length - 8);
  let s = h & mask;
  while (true) {
    const slot = slots + (<usize>s << 5);
    if (load<i32>(slot, 4) < 0) return 0;
    if (load<u32>(slot) == h && load<i32>(slot, 8) == length && load<u64>(slot, 16) == first && load<u64>(slot, 24) == second) {
      if (length <= 16) return slot;
      const record = <usize>load<i32>(dict + RECORDS) + <usize>load<i32>(slot, 12);
      if (memory.compare(record + 16, start + 16, <usize>(length - 16)) == 0) return slot;
    }
    s = (s + 1) & mask;
  }
}

/** The input row of bucket b: nwords + b, or in a pruned dictionary nwords + its row, −1 when pruned away. */
// @ts-ignore: decorator
@inline function bucketRow(dict: usize, b: i32): i32 {
  const nwords = load<i32>(dict + NWORDS);
  const pairs = <usize>load<i32>(dict + PRUNE);
  if (pairs == 0) return nwords + b;
  const mixed = <u32>b * 0x9e3779b1;
  const bit = mixed >>> <u32>load<i32>(dict + FILTER_SHIFT);
  if (!(load<u8>(<usize>load<i32>(dict + FILTER) + <usize>(bit >>> 3)) & (1 << (bit & 7)))) return -1;
  const mask = <u32>load<i32>(dict + PRUNE_MASK);
  let s = mixed >>> <u32>load<i32>(dict + PRUNE_SHIFT);
  while (true) {
    const k = load<i32>(pairs + (<usize>s << 3));
    if (k == b) return nwords + load<i32>(pairs + (<usize>s << 3), 4);
    if (k == -1) return -1;
    s = (s + 1) & mask;
  }
}

/**
 * Writes the rows of the character n-grams of w[0, length) (a word with its "<" and ">") to rows from
 * `at`, in fastText's order (by start, then length; n counted in UTF-8 characters, a byte 10xxxxxx
 * continuing one; the 1-grams "<" and ">" skipped). Returns the new end; the caller has checked room
 * for length · min(maxn, length) rows.
 */
function charNgrams(dict: usize, w: usize, length: i32, rows: usize, at: i32): i32 {
  const minn = load<i32>(dict + MINN);
  const maxn = load<i32>(dict + MAXN);
  const bucket = <u32>load<i32>(dict + BUCKET);
  for (let i = 0; i < length; i++) {
    if ((load<u8>(w + <usize>i) & 0xc0) == 0x80) continue;
    let h = FNV_BASIS;
    let j = i;
    for (let n = 1; j < length && n <= maxn; n++) {
      h = fnv(h, load<u8>(w + <usize>(j++)));
      while (j < length && (load<u8>(w + <usize>j) & 0xc0) == 0x80) h = fnv(h, load<u8>(w + <usize>(j++)));
      if (n >= minn && !(n == 1 && (i == 0 || j == length))) {
        const row = bucketRow(dict, <i32>(h % bucket));
        if (row >= 0) store<i32>(rows + (<usize>(at++) << 2), row);
      }
    }
  }
  return at;
}

/**
 * Writes the rows of the word n-grams of hashes[0, count) (2 … n consecutive tokens: for each i, then
 * j > i, the bucket of ((h_i · M + h_i+1) · M + … + h_j) mod 2^64, each h sign-extended) to rows from
 * `at`; returns the new end. The caller has checked room for count · (min(n, count) − 1) rows.
 */
function wordNgramRows(dict: usize, hashes: usize, count: i32, n: i32, rows: usize, at: i32): i32 {
  const bucket = <u64>load<i32>(dict + BUCKET);
  for (let i = 0; i < count; i++) {
    let h = <u64><i64>load<i32>(hashes + (<usize>i << 2));
    for (let j = i + 1; j < count && j - i < n; j++) {
      h = h * NGRAM_MULTIPLIER + <u64><i64>load<i32>(hashes + (<usize>j << 2));
      const row = bucketRow(dict, <i32>(h % bucket));
      if (row >= 0) store<i32>(rows + (<usize>(at++) << 2), row);
    }
  }
  return at;
}

/**
 * Scans lines of `text` (its bytes [text, text + length), lines joined by "\n"; the bytes at text − 1
 * and text + length are scratch the kernel writes: it leaves "\n" at text + length) from the cursor's
 * byte and line until `lines` are done. Line r's rows go to rows[rowStarts[r] … rowStarts[r+1]), its label ids to
 * labels[labelStarts[r] … labelStarts[r+1]), its token count to tokens[r]; rowStarts[cursor line] and
 * labelStarts[cursor line] must hold where to start (0 at line 0). With WORD_NGRAMS > 1, `hashes`
 * holds one i32 per token of the longest line (length / 2 + 2 is enough); otherwise it is not touched.
 * Stops before a line whose rows or labels would pass rowCapacity or labelCapacity, or when the text
 * ends before `lines` lines; the cursor says where. Returns the lines done.
 */
export function ftScan(
  dict: usize,
  text: usize,
  length: i32,
  lines: i32,
  cursor: usize,
  rows: usize,
  rowCapacity: i32,
  rowStarts: usize,
  labels: usize,
  labelCapacity: i32,
  labelStarts: usize,
  tokens: usize,
  hashes: usize,
): i32 {
  const end = text + <usize>length;
  // The text ends with a "\n" too (a sentinel in its scratch byte): the byte loops need no bounds test.
  store<u8>(end, NEWLINE);
  const nwords = load<i32>(dict + NWORDS);
  const maxn = load<i32>(dict + MAXN);
  const wordNgrams = load<i32>(dict + WORD_NGRAMS);
  const prefix = <usize>load<i32>(dict + PREFIX);
  const prefixLength = <usize>load<i32>(dict + PREFIX_LENGTH);
  const records = <usize>load<i32>(dict + RECORDS);
  const eos = dict + EOS_BYTES;
  let p = text + <usize>load<i32>(cursor + CURSOR_BYTE);
  let line = load<i32>(cursor + CURSOR_LINE);
  for (; line < lines; line++) {
    if (p > end) break;
    let rowCount = load<i32>(rowStarts + (<usize>line << 2));
    let labelCount = load<i32>(labelStarts + (<usize>line << 2));
    let nhashes = 0;
    let ntokens = 0;
    let full = false;
    while (true) {
      while (isSpace(load<u8>(p)) && load<u8>(p) != NEWLINE) p++;
      let start = p;
      let stop = p;
      let h = FNV_BASIS;
      const lineEnd = load<u8>(p) == NEWLINE;
      if (lineEnd) {
        start = eos;
        stop = eos + 4;
        for (let q = eos; q < stop; q++) h = fnv(h, load<u8>(q));
      } else {
        while (!isSpace(load<u8>(p))) h = fnv(h, load<u8>(p++));
        stop = p;
      }
      const size = stop - start;
      ntokens++;
      const isEos = lineEnd || (size == 4 && load<u32>(start) == load<u32>(eos));
      const slot = find(dict, start, stop, h);
      const id = slot ? load<i32>(slot, 4) : -1;
      if (id >= nwords) {
        if (labelCount == labelCapacity) {
          full = true;
          break;
        }
        store<i32>(labels + (<usize>(labelCount++) << 2), id - nwords);
      } else if (id >= 0 || size < prefixLength || memory.compare(start, prefix, prefixLength) != 0) {
        if (id >= 0 && maxn <= 0) {
          if (rowCount == rowCapacity) {
            full = true;
            break;
          }
          store<i32>(rows + (<usize>(rowCount++) << 2), id);
        } else if (id >= 0) {
          // The word's rows follow its bytes in its record.
          const record = records + <usize>load<i32>(slot, 12) + ((size + 3) & ~3);
          const count = load<i32>(record);
          if (count > rowCapacity - rowCount) {
            full = true;
            break;
          }
          memory.copy(rows + (<usize>rowCount << 2), record + 4, <usize>count << 2);
          rowCount += count;
        } else if (!isEos && maxn > 0) {
          // "<" + word + ">" written around the word in place (the separators on both sides are put back).
          const w = start - 1;
          const n = <i32>size + 2;
          if (<i64>n * <i64>min(maxn, n) > <i64>(rowCapacity - rowCount)) {
            full = true;
            break;
          }
          const before = load<u8>(w);
          const after = load<u8>(stop);
          store<u8>(w, 0x3c);
          store<u8>(stop, 0x3e);
          rowCount = charNgrams(dict, w, n, rows, rowCount);
          store<u8>(w, before);
          store<u8>(stop, after);
        }
        if (wordNgrams > 1) store<u32>(hashes + (<usize>(nhashes++) << 2), h);
      }
      if (isEos) break;
    }
    if (!full && wordNgrams > 1 && nhashes > 1) {
      if (<i64>nhashes * <i64>(min(wordNgrams, nhashes) - 1) > <i64>(rowCapacity - rowCount)) full = true;
      else rowCount = wordNgramRows(dict, hashes, nhashes, wordNgrams, rows, rowCount);
    }
    if (full) {
      // Not enough room for this line: the cursor stays at its start.
      break;
    }
    // The rest of a line ended by a literal "</s>" is skipped.
    while (p < end && load<u8>(p) != NEWLINE) p++;
    p = p < end ? p + 1 : end + 1;
    store<i32>(tokens + (<usize>line << 2), ntokens);
    store<i32>(rowStarts + (<usize>(line + 1) << 2), rowCount);
    store<i32>(labelStarts + (<usize>(line + 1) << 2), labelCount);
    store<i32>(cursor + CURSOR_BYTE, <i32>(p - text));
  }
  store<i32>(cursor + CURSOR_LINE, line);
  return line;
}
