// Building fastText's dictionary from text, as Dictionary::readFromFile does: count every token (EOS at each
// newline), then threshold: sort entries (words before labels, then by count, descending, with
// libstdc++'s std::sort, whose order of ties native fastText's ids follow) and drop the rare ones.

import { utf8Decoder, utf8Encoder } from "../core/utf8.js";
import { cxxSort } from "./cxx_sort.js";
import { fastTextHash, FNV_BASIS, fnvByte } from "./fasttext_hash.js";
import { eosBytes, EOS_HASH, isSpace, startsWith } from "./fasttext_tokens.js";
import { WordTable } from "./fasttext_word_table.js";
import type { FastTextDictionaryData } from "./fasttext_dictionary_data.js";

const MAX_VOCAB_SIZE = 30_000_000;

/** Counts tokens as fastText's readFromFile does, then thresholds them. */
export class DictionaryBuilder {
  private table = new WordTable();
  private counts = new Float64Array(64);
  private types = new Uint8Array(64);
  private ntokens = 0;
  private minThreshold = 1;
  private bytes = new Uint8Array(256);
  private readonly labelTokens = new Map<string, { bytes: Uint8Array; hash: number }>();

  constructor(private readonly labelPrefix: Uint8Array) {}

  /** Adds the tokens of `text` followed by "\n" (EOS). */
  addLine(text: string): void {
    if (this.bytes.length < 3 * text.length) this.bytes = new Uint8Array(3 * text.length + 16);
    const bytes = this.bytes;
    const length = utf8Encoder().encodeInto(text, bytes).written;
    let i = 0;
    for (;;) {
      while (i < length && isSpace(bytes[i]!)) {
        if (bytes[i] === 0x0a) this.add(eosBytes(), 0, 4, EOS_HASH);
        i++;
      }
      if (i === length) break;
      const start = i;
      let h = FNV_BASIS;
      while (i < length && !isSpace(bytes[i]!)) h = fnvByte(h, bytes[i++]!);
      this.add(bytes, start, i, h);
    }
    this.add(eosBytes(), 0, 4, EOS_HASH);
  }

  /** Adds one token (no whitespace in it). */
  addToken(token: Uint8Array): void {
    this.add(token, 0, token.length, fastTextHash(token) | 0);
  }

  /** Adds one label token given as a string (its bytes and hash are worked out once per distinct label). */
  addLabel(label: string): void {
    let token = this.labelTokens.get(label);
    if (token === undefined) {
      const bytes = utf8Encoder().encode(label);
      token = { bytes, hash: fastTextHash(bytes) | 0 };
      this.labelTokens.set(label, token);
    }
    this.add(token.bytes, 0, token.bytes.length, token.hash);
  }

  finish(minCount: number, minCountLabel: number): FastTextDictionaryData {
    const order = this.threshold(minCount, minCountLabel);
    if (order.length === 0) throw new RangeError("fastText dictionary: empty vocabulary; try a smaller minCount");
    const words = this.strings(order);
    let nwords = 0;
    for (const id of order) if (this.types[id] === 0) nwords++;
    return {
      words,
      counts: orderedCounts(order, this.counts),
      nwords,
      nlabels: order.length - nwords,
      ntokens: this.ntokens,
      pruneidx: null,
    };
  }

  private add(source: Uint8Array, start: number, end: number, hash: number): void {
    this.ntokens++;
    const id = this.table.find(source, start, end, hash);
    if (id >= 0) {
      this.counts[id]!++;
      return;
    }
    const added = this.table.add(source, start, end, hash);
    if (added === this.counts.length) {
      const counts = new Float64Array(2 * added);
      counts.set(this.counts);
      this.counts = counts;
      const types = new Uint8Array(2 * added);
      types.set(this.types);
      this.types = types;
    }
    this.counts[added] = 1;
    this.types[added] = startsWith(source, start, end, this.labelPrefix) ? 1 : 0;
    if (this.table.size > 0.75 * MAX_VOCAB_SIZE) {
      // fastText's guard against a vocabulary that outgrows its table: raise the threshold and drop.
      this.minThreshold++;
      this.rebuild(this.threshold(this.minThreshold, this.minThreshold));
    }
  }

  /** Ids sorted as fastText's threshold() sorts entries, then filtered by count. */
  private threshold(minCount: number, minCountLabel: number): Int32Array {
    const { counts, types } = this;
    const size = this.table.size;
    // One number per entry orders as the comparison (type, then count descending) does: words below
    // labels, −count among words, 2⁵² − count among labels (counts are integers below 2⁵²).
    const key = new Float64Array(size);
    const order = new Int32Array(size);
    for (let id = 0; id < size; id++) {
      key[id] = types[id] === 0 ? -counts[id]! : 2 ** 52 - counts[id]!;
      order[id] = id;
    }
    cxxSort(order, (a, b) => key[a]! < key[b]!);
    let kept = 0;
    for (const id of order) if (counts[id]! >= (types[id] === 0 ? minCount : minCountLabel)) order[kept++] = id;
    return order.subarray(0, kept);
  }

  /**
   * The entries `order` as strings, decoded as one buffer joined by "\n" (no token holds whitespace)
   * and split: per-entry decoding costs a call and a string each (113,000 words: ~50 ms against ~5).
   */
  private strings(order: Int32Array): string[] {
    const { pool, starts } = this.table;
    let bytes = 0;
    for (const id of order) bytes += starts[id + 1]! - starts[id]! + 1;
    const joined = new Uint8Array(Math.max(0, bytes - 1));
    let at = 0;
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      if (i > 0) joined[at++] = 0x0a;
      for (let k = starts[id]!; k < starts[id + 1]!; k++) joined[at++] = pool[k]!;
    }
    return utf8Decoder().decode(joined).split("\n");
  }

  /** Keeps only the entries `order`, in that order. */
  private rebuild(order: Int32Array): void {
    const old = this.table;
    const counts = new Float64Array(Math.max(64, 2 * order.length));
    const types = new Uint8Array(counts.length);
    const table = new WordTable();
    order.forEach((id, i) => {
      const bytes = old.bytesOf(id);
      table.add(bytes, 0, bytes.length, old.hashes[id]!);
      counts[i] = this.counts[id]!;
      types[i] = this.types[id]!;
    });
    this.table = table;
    this.counts = counts;
    this.types = types;
  }
}

/** counts[order[i]] for each i. */
function orderedCounts(order: Int32Array, counts: Float64Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = counts[order[i]!]!;
  return out;
}
