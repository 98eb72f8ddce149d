// A fastText dictionary in wasm memory, and batches of texts turned into input rows there by ftScan
// (assembly/fasttext_scan.ts, whose header gives the block's layout; D below mirrors it): prediction
// then neither tokenizes nor hashes in JS; a batch's texts are encoded by TextEncoder.encodeInto straight
// into wasm memory, joined by "\n".
//
// ftScan computes exactly what FastTextDictionary.encode does (features/fasttext_dictionary.ts, the
// reference). A batch it cannot scan as a whole, because a text holds "\n" (the joined lines then do not
// line up with the texts), goes through encode instead, which gives the same rows or the same RangeError.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { allocRegions } from "../runtime/layout.js";
import { describeValue } from "../core/checks.js";
import { utf8Encoder } from "../core/utf8.js";
import type { FastTextDictionary } from "../features/fasttext_dictionary.js";

/** The dictionary block's header: byte offsets of its i32 fields. */
const enum D {
  NWORDS = 0,
  MINN = 4,
  MAXN = 8,
  BUCKET = 12,
  WORD_NGRAMS = 16,
  SLOT_MASK = 20,
  SLOTS = 24,
  RECORDS = 28,
  PRUNE = 32,
  PRUNE_SHIFT = 36,
  PRUNE_MASK = 40,
  PREFIX = 44,
  PREFIX_LENGTH = 48,
  EOS_BYTES = 52,
  FILTER = 56,
  FILTER_SHIFT = 60,
}
const HEADER_BYTES = 64;
/** A word slot: hash, id, length, record offset, the first 16 bytes. */
const SLOT_BYTES = 32;
/** The cursor's words: the next line's byte offset, lines done. */
const CURSOR_BYTES = 8;

/** Copies `dictionary` into a new heap block for ftScan, laid out as its header says, and returns it (the caller frees it). */
export function scannerBlock(rt: Runtime, dictionary: FastTextDictionary): number {
  const t = dictionary.scanTables();
  const { nwords } = dictionary;
  const { minn, maxn, bucket, wordNgrams } = dictionary.args;
  const entries = t.starts.length - 1;
  // Records: each entry's bytes padded to 4, then (words, maxn > 0) the count and its rows.
  const recordAt = new Int32Array(entries);
  let recordBytes = 0;
  for (let i = 0; i < entries; i++) {
    recordAt[i] = recordBytes;
    recordBytes += (t.starts[i + 1]! - t.starts[i]! + 3) & ~3;
    if (maxn > 0 && i < nwords) recordBytes += 4 * (1 + t.subwordStarts[i + 1]! - t.subwordStarts[i]!);
  }
  const slotCount = t.slots.length / 2;
  const pruneBytes = t.prune ? t.prune.keys.length * 8 : 0;
  // The filter: 2^filterBits bits, at least 8 per kept bucket.
  const kept = t.prune ? t.prune.keys.reduce((n, key) => n + (key === -1 ? 0 : 1), 0) : 0;
  const filterBits = Math.min(32, Math.max(10, Math.ceil(Math.log2(8 * Math.max(1, kept)))));
  const filterBytes = t.prune ? 2 ** filterBits / 8 : 0;
  // Slots from a 64-byte boundary, two per cache line.
  const sizes = [HEADER_BYTES, slotCount * SLOT_BYTES + 48, recordBytes, pruneBytes, filterBytes, t.labelPrefix.length] as const;
  const [block, slotRegion, records, prune, filter, prefix] = allocRegions(rt.heap, sizes);
  const slots = Math.ceil(slotRegion / 64) * 64;
  const i32 = rt.heap.i32;
  const bytes = new Uint8Array(rt.heap.memory.buffer);
  bytes.fill(0, slots, slots + slotCount * SLOT_BYTES);
  for (let s = 0; s < slotCount; s++) {
    const id = t.slots[2 * s + 1]!;
    const o = slots + SLOT_BYTES * s;
    i32[o >>> 2] = t.slots[2 * s]!;
    i32[(o >>> 2) + 1] = id;
    if (id < 0) continue;
    const length = t.starts[id + 1]! - t.starts[id]!;
    i32[(o >>> 2) + 2] = length;
    i32[(o >>> 2) + 3] = recordAt[id]!;
    // Byte loops, not subarray + set: words are short, and a view per word costs more than its bytes.
    for (let j = 0, from = t.starts[id]!; j < Math.min(16, length); j++) bytes[o + 16 + j] = t.pool[from + j]!;
  }
  for (let i = 0; i < entries; i++) {
    const length = t.starts[i + 1]! - t.starts[i]!;
    for (let j = 0, from = t.starts[i]!, to = records + recordAt[i]!; j < length; j++) bytes[to + j] = t.pool[from + j]!;
    if (!(maxn > 0 && i < nwords)) continue;
    const o = (records + recordAt[i]! + ((length + 3) & ~3)) >>> 2;
    i32[o] = t.subwordStarts[i + 1]! - t.subwordStarts[i]!;
    i32.set(t.subwords.subarray(t.subwordStarts[i], t.subwordStarts[i + 1]), o + 1);
  }
  if (t.prune) {
    bytes.fill(0, filter, filter + filterBytes);
    for (let s = 0; s < t.prune.keys.length; s++) {
      const key = t.prune.keys[s]!;
      i32[(prune >>> 2) + 2 * s] = key;
      i32[(prune >>> 2) + 2 * s + 1] = t.prune.values[s]!;
      if (key === -1) continue;
      const bit = Math.imul(key, 0x9e3779b1) >>> (32 - filterBits);
      bytes[filter + (bit >>> 3)]! |= 1 << (bit & 7);
    }
  }
  bytes.set(t.labelPrefix, prefix);
  const header: [number, number][] = [
    [D.NWORDS, nwords],
    [D.MINN, minn],
    [D.MAXN, maxn],
    [D.BUCKET, bucket],
    [D.WORD_NGRAMS, wordNgrams],
    [D.SLOT_MASK, slotCount - 1],
    [D.SLOTS, slots],
    [D.RECORDS, records],
    [D.PRUNE, t.prune ? prune : 0],
    [D.PRUNE_SHIFT, t.prune?.shift ?? 0],
    [D.PRUNE_MASK, t.prune ? t.prune.keys.length - 1 : 0],
    [D.PREFIX, prefix],
    [D.PREFIX_LENGTH, t.labelPrefix.length],
    [D.FILTER, t.prune ? filter : 0],
    [D.FILTER_SHIFT, 32 - filterBits],
  ];
  for (const [offset, value] of header) i32[(block + offset) >>> 2] = value;
  bytes.set([0x3c, 0x2f, 0x73, 0x3e], block + D.EOS_BYTES); // "</s>"
  return block;
}

/**
 * A batch as FastTextDictionary.encode gives it, in wasm memory (byte offsets of i32 arrays): line r's
 * input rows are rows[rowStarts[r] … rowStarts[r+1]), its label ids labels[labelStarts[r] …
 * labelStarts[r+1]), its token count tokens[r].
 */
export interface ScannedBatch {
  /** The heap block holding them all (the caller frees it). */
  block: number;
  rows: number;
  /** lines + 1 offsets. */
  rowStarts: number;
  labels: number;
  /** lines + 1 offsets. */
  labelStarts: number;
  tokens: number;
}

/**
 * The input rows of texts[from, to) in a new heap block: ftScan over the dictionary block `scanner` of
 * `dictionary`, or the dictionary's encode for a batch holding "\n" (see the header). TypeError naming
 * the text when one is not a string.
 */
export function scanBatch(
  rt: Runtime,
  scanner: number,
  dictionary: FastTextDictionary,
  texts: readonly string[],
  from: number,
  to: number,
): ScannedBatch {
  const lines = to - from;
  let chars = 0;
  for (let i = from; i < to; i++) {
    const text = texts[i];
    if (typeof text !== "string") throw new TypeError(`fastText dictionary: text ${i} is ${describeValue(text)}, expected a string`);
    chars += text.length + 1;
  }
  const E = fastTextKernels(rt.exports);
  const { maxn, wordNgrams } = dictionary.args;
  // The joined texts' UTF-8 (at most 3 bytes per UTF-16 unit) with a scratch byte before and after.
  const textBlock = rt.heap.alloc(3 * chars + 2);
  try {
    // Each text encoded in place, then "\n" (no joined string: ~30% faster, and no garbage).
    const bytes = new Uint8Array(rt.heap.memory.buffer, textBlock + 1, 3 * chars);
    const encoder = utf8Encoder();
    let length = encoder.encodeInto(texts[from]!, bytes).written;
    for (let i = from + 1; i < to; i++) {
      bytes[length++] = 0x0a;
      length += encoder.encodeInto(texts[i]!, bytes.subarray(length)).written;
    }
    // A first guess at the room for rows (grown and scanned again when short): one row per byte, more
    // with character n-grams; labels are at most one per token.
    let rowCapacity = (length + lines) * (maxn > 0 ? 3 : 1) + lines * wordNgrams;
    let labelCapacity = (length >>> 2) + lines;
    for (;;) {
      const sizes = [
        CURSOR_BYTES,
        (lines + 1) * 4,
        (lines + 1) * 4,
        lines * 4,
        wordNgrams > 1 ? ((length >>> 1) + 2) * 4 : 0,
        labelCapacity * 4,
        rowCapacity * 4,
      ] as const;
      const [cursor, rowStarts, labelStarts, tokens, hashes, labels, rows] = allocRegions(rt.heap, sizes);
      const i32 = rt.heap.i32;
      i32.fill(0, cursor >>> 2, (cursor >>> 2) + 2);
      i32[rowStarts >>> 2] = 0;
      i32[labelStarts >>> 2] = 0;
      const done = E.ftScan(
        scanner,
        textBlock + 1,
        length,
        lines,
        cursor,
        rows,
        rowCapacity,
        rowStarts,
        labels,
        labelCapacity,
        labelStarts,
        tokens,
        hashes,
      );
      const byte = rt.heap.i32[cursor >>> 2]!;
      // The cursor's region is the block's start.
      if (done === lines && byte === length + 1) return { block: cursor, rows, rowStarts, labels, labelStarts, tokens };
      rt.heap.release(cursor);
      if (done === lines || byte > length) return encoded(rt, dictionary, texts.slice(from, to), from);
      rowCapacity *= 2;
      labelCapacity *= 2;
    }
  } finally {
    rt.heap.release(textBlock);
  }
}

/** Lines per batch at most. */
const BATCH_LINES = 4096;
/** UTF-16 units per batch at most (a longer text is a batch of its own): wasm memory stays proportional to this. */
const BATCH_UNITS = 1 << 18;

/** The end of the batch of texts that starts at `from` (< texts.length), bounded as above; a non-string counts as empty. */
export function batchEnd(texts: readonly unknown[], from: number): number {
  let to = from + 1;
  let units = typeof texts[from] === "string" ? (texts[from] as string).length : 0;
  for (; to < texts.length && to - from < BATCH_LINES; to++) {
    const text = texts[to];
    units += typeof text === "string" ? text.length : 0;
    if (units > BATCH_UNITS) break;
  }
  return to;
}

/**
 * The dictionary's encode of `texts` (which throws for a text holding "\n", naming it by its index in the
 * caller's list: texts[0] is text `from`), copied into a new heap block.
 */
function encoded(rt: Runtime, dictionary: FastTextDictionary, texts: readonly string[], from: number): ScannedBatch {
  const c = dictionary.encode(texts, undefined, from);
  const arrays = [c.wordStarts, c.words, c.labelStarts, c.labels, c.tokens];
  const sizes = arrays.map((a) => a.byteLength);
  const at = allocRegions(rt.heap, sizes);
  arrays.forEach((a, i) => rt.heap.i32.set(a, at[i]! >>> 2));
  const [rowStarts, rows, labelStarts, labels, tokens] = at as [number, number, number, number, number];
  return { block: rowStarts, rows, rowStarts, labels, labelStarts, tokens };
}
