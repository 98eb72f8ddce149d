// Building fastText's dictionary from text, as Dictionary::readFromFile does: count every token (EOS at each
// newline), then threshold: sort entries (words before labels, then by count, descending, with
// libstdc++'s std::sort, whose order of ties native fastText's ids follow) and drop the rare ones.
//
// Asked to, the builder also records the lines addLine read as the ids of its entries (TokenRecord), so a
// fit's encode becomes a remap of those ids (fasttext_recorded_corpus.ts) instead of a second read of the
// texts. The ids stop being valid if the vocabulary outgrows its table (fastText then drops entries and
// the survivors get new ids): the record is then dropped (tokenRecord() gives null).

import { utf8Decoder, utf8Encoder } from "../core/utf8.js";
import { cxxSort } from "./cxx_sort.js";
import { fastTextHash, FNV_BASIS, fnvByte } from "./fasttext_hash.js";
import { eosBytes, EOS_HASH, isSpace, startsWith } from "./fasttext_tokens.js";
import { WordTable } from "./fasttext_word_table.js";
import type { FastTextDictionaryData } from "./fasttext_dictionary_data.js";

const MAX_VOCAB_SIZE = 30_000_000;

/** The lines addLine read, as entry ids of the builder (see the header). */
export interface TokenRecord {
  /**
   * Every token of every line, EOS included, as entry ids; line i's are ids[lineEnds[i − 1] (0 for i = 0),
   * lineEnds[i]). The EOS of a newline inside a text (fit refuses such texts) is −1 − its UTF-8 byte instead.
   */
  ids: Int32Array;
  lineEnds: Int32Array;
  /** Each entry's id in the dictionary finish() made (words, then nwords + label), or −1 if dropped. */
  kept: Int32Array;
  /** Whether each entry starts with the label prefix. */
  labelled: Uint8Array;
  /** Each entry's fastText hash (int32). */
  hashes: Int32Array;
  /** The entry id of EOS (−1 if no line was read). */
  eos: number;
  /** The bytes of entry `id` (a view). */
  bytesOf(id: number): Uint8Array;
}

/** Counts tokens as fastText's readFromFile does, then thresholds them. */
export class DictionaryBuilder {
  private table = new WordTable();
  private counts = new Float64Array(64);
  private types = new Uint8Array(64);
  private ntokens = 0;
  private minThreshold = 1;
  private bytes = new Uint8Array(256);
  private readonly labelTokens = new Map<string, { bytes: Uint8Array; hash: number }>();
  /** The record (see the header): ids[0, recorded), one end per line; null when not asked or dropped. */
  private ids: Int32Array | null;
  private recorded = 0;
  private lineEnds: number[] = [];
  private kept: Int32Array | null = null;

  /** `record`: keep the record of the lines read (see the header); `maxVocabSize`: fastText's MAX_VOCAB_SIZE (tests lower it). */
  constructor(
    private readonly labelPrefix: Uint8Array,
    record = false,
    private readonly maxVocabSize = MAX_VOCAB_SIZE,
  ) {
    this.ids = record ? new Int32Array(1024) : null;
  }

  /** Adds the tokens of `text` followed by "\n" (EOS). */
  addLine(text: string): void {
    if (this.bytes.length < 3 * text.length) this.bytes = new Uint8Array(3 * text.length + 16);
    const bytes = this.bytes;
    const length = utf8Encoder().encodeInto(text, bytes).written;
    let i = 0;
    for (;;) {
      while (i < length && isSpace(bytes[i]!)) {
        if (bytes[i] === 0x0a) {
          this.add(eosBytes(), 0, 4, EOS_HASH);
          this.remember(-1 - i);
        }
        i++;
      }
      if (i === length) break;
      const start = i;
      let h = FNV_BASIS;
      while (i < length && !isSpace(bytes[i]!)) h = fnvByte(h, bytes[i++]!);
      this.remember(this.add(bytes, start, i, h));
    }
    this.remember(this.add(eosBytes(), 0, 4, EOS_HASH));
    if (this.ids) this.lineEnds.push(this.recorded);
  }

  private remember(id: number): void {
    if (!this.ids) return;
    if (this.recorded === this.ids.length) {
      const ids = new Int32Array(2 * this.recorded);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.recorded++] = id;
  }

  /** The record of the lines read, once finish() has run; null when not asked for or dropped (see the header). */
  tokenRecord(): TokenRecord | null {
    const { ids, kept, table } = this;
    if (!ids || !kept) return null;
    return {
      ids: ids.subarray(0, this.recorded),
      lineEnds: Int32Array.from(this.lineEnds),
      kept,
      labelled: this.types,
      hashes: table.hashes,
      eos: table.find(eosBytes(), 0, 4, EOS_HASH),
      bytesOf: (id) => table.bytesOf(id),
    };
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
    if (this.ids) {
      // Words come first in `order`, so an entry's place in it is its dictionary id.
      const kept = new Int32Array(this.table.size).fill(-1);
      order.forEach((id, i) => (kept[id] = i));
      this.kept = kept;
    }
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

  /** Counts one token; returns its entry id (−1 if the threshold growth it caused dropped it). */
  private add(source: Uint8Array, start: number, end: number, hash: number): number {
    this.ntokens++;
    const id = this.table.find(source, start, end, hash);
    if (id >= 0) {
      this.counts[id]!++;
      return id;
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
    if (this.table.size > 0.75 * this.maxVocabSize) {
      // fastText's guard against a vocabulary that outgrows its table: raise the threshold and drop.
      this.minThreshold++;
      this.rebuild(this.threshold(this.minThreshold, this.minThreshold));
      // The entries have new ids now: the record is no longer valid.
      this.ids = null;
      return -1;
    }
    return added;
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
