// fastText's dictionary (dictionary.cc of fastText 0.9.2), for supervised models: the vocabulary of words
// and labels with their counts, and the mapping of a line of text to rows of the input matrix.
//
// Tokens, as fastText's readWord: maximal runs of bytes other than space, \n, \r, \t, \v, \f and \0 in the
// line's UTF-8, and "</s>" (EOS) at the end of each line. A token that starts with the label prefix
// (args.label, "__label__") is a label. Building (build / buildLabelled) counts every token, keeps words
// seen >= minCount times and labels seen >= minCountLabel times, and orders them as fastText does: words
// before labels, then by count, descending, ties left where libstdc++'s std::sort leaves them
// (cxx_sort.ts), so ids equal native fastText's for the same text.
//
// A line's input rows (getLine / encode), in fastText's order:
// - per word token: its id if in the vocabulary, then (maxn > 0) the buckets of the character n-grams of
//   "<word>" (minn..maxn UTF-8 characters); an unknown word gives only its n-grams; EOS has none;
// - then the word n-grams (2..wordNgrams consecutive word tokens, EOS included), hashed (fasttext_hash.ts);
// - each bucket b becomes row nwords + b, or, in a pruned dictionary (quantize's cutoff), row
//   nwords + pruneidx[b] when b was kept and nothing when it was not.
// Labels give ids 0..nlabels-1; labels and unknown label-prefixed tokens are not words. The line ends at
// the first EOS: a literal "</s>" token ends it early, as in native fastText's predict. Texts are encoded
// as TextEncoder does (a lone surrogate becomes U+FFFD).
//
// Speed: a line is encoded once into a reused UTF-8 buffer; tokens are hashed and looked up over its bytes
// (fasttext_word_table.ts); a word's rows were computed once when the dictionary was made. No string or
// array is made per token. Prediction reads lines in wasm instead (models/fasttext_scanner.ts), over a copy
// of these tables (scanTables), and must give what encode gives (its tests compare them).

import { utf8Decoder, utf8Encoder } from "../core/utf8.js";
import { describeValue } from "../core/checks.js";
import { DictionaryBuilder } from "./fasttext_dictionary_builder.js";
import { checkDictionaryData, type FastTextDictionaryData } from "./fasttext_dictionary_data.js";
import { charNgramBuckets, fastTextHash, FNV_BASIS, fnvByte, wordNgramBuckets } from "./fasttext_hash.js";
import { EOS, eosBytes, EOS_HASH, isEosBytes, isSpace, startsWith } from "./fasttext_tokens.js";
import { WordTable } from "./fasttext_word_table.js";
import { PruneTable } from "./fasttext_prune_table.js";
import { CorpusBuilder, grow, type FastTextCorpus, type FastTextLabels } from "./fasttext_corpus.js";

export type { FastTextCorpus, FastTextLabels };
import { MAX_NGRAM, type FastTextArgs } from "./fasttext_args.js";

export type { FastTextDictionaryData };

/** The arguments the dictionary uses. */
export type FastTextDictionaryArgs = Pick<FastTextArgs, "minn" | "maxn" | "bucket" | "wordNgrams" | "label" | "minCount" | "minCountLabel">;

/** One line's input rows and label ids (see the file header). */
export interface FastTextLine {
  /** Rows of the input matrix: words, character n-grams, word n-grams. */
  words: Int32Array;
  /** Label ids, 0..nlabels-1. */
  labels: Int32Array;
  /** Tokens read, EOS and labels included (fastText's training counts these for the learning rate). */
  ntokens: number;
}

/**
 * @internal What a scanner outside JS (assembly/fasttext_scan.ts) needs to compute getLine's rows as the dictionary
 * does: views of the dictionary's own arrays, to copy, never to change.
 */
export interface FastTextScanTables {
  /** The word table's slots: (hash, id) pairs, id -1 when empty, probed linearly from hash & (pairs - 1). */
  slots: Int32Array;
  /** Entry i (words, then labels) is pool[starts[i], starts[i + 1]). */
  starts: Int32Array;
  pool: Uint8Array;
  /** Word i's rows (its id, then its n-gram rows): subwords[subwordStarts[i], subwordStarts[i + 1]). */
  subwords: Int32Array;
  subwordStarts: Int32Array;
  /** A pruned dictionary's bucket -> row table (null when not pruned): see PruneTable. */
  prune: { keys: Int32Array; values: Int32Array; shift: number } | null;
  /** The label prefix's UTF-8 bytes. */
  labelPrefix: Uint8Array;
}

/** fastText's dictionary of a supervised model (see the file header). Immutable. */
export class FastTextDictionary {
  /** Number of words. */
  readonly nwords: number;
  /** Number of labels. */
  readonly nlabels: number;
  /** Number of tokens in the training data. */
  readonly ntokens: number;
  /** The arguments it hashes with. */
  readonly args: Readonly<FastTextDictionaryArgs>;

  readonly #table = new WordTable();
  readonly #counts: Float64Array;
  readonly #pruneidx: Int32Array | null;
  readonly #pruneTable: PruneTable | null;
  readonly #labelPrefix: Uint8Array;
  readonly #eosId: number;
  /** Rows of word i (its id and its n-grams): subwords[subwordStarts[i], subwordStarts[i + 1]). */
  readonly #subwords: Int32Array;
  readonly #subwordStarts: Int32Array;

  // Buffers reused by every line.
  #bytes = new Uint8Array(256);
  #gram = new Uint8Array(64);
  #hashes = new Int32Array(64);
  #rows = new Int32Array(256);
  #rowCount = 0;
  #labelIds = new Int32Array(8);
  #labelCount = 0;

  /**
   * The dictionary of `data` (e.g. read from a .bin) hashing with `args`; TypeError / RangeError for
   * inconsistent data, a repeated word, or args it cannot hash with.
   */
  constructor(data: FastTextDictionaryData, args: FastTextDictionaryArgs) {
    checkDictionaryArgs(args);
    checkDictionaryData(data);
    this.args = Object.freeze({ ...args });
    this.nwords = data.nwords;
    this.nlabels = data.nlabels;
    this.ntokens = data.ntokens;
    this.#counts = Float64Array.from(data.counts);
    this.#labelPrefix = utf8Encoder().encode(args.label);
    const repeated = internWords(this.#table, data.words);
    if (repeated >= 0) throw new RangeError(`fastText dictionary: word ${repeated} ${JSON.stringify(data.words[repeated])} appears twice`);
    this.#pruneidx = data.pruneidx === null ? null : Int32Array.from(data.pruneidx);
    this.#pruneTable = this.#pruneidx === null ? null : new PruneTable(this.#pruneidx);
    this.#eosId = this.#table.find(eosBytes(), 0, 4, EOS_HASH);
    [this.#subwords, this.#subwordStarts] = this.#wordRows();
  }

  /**
   * The dictionary of lines in fastText's training format (labels as prefixed tokens, anywhere in the
   * line), as `fasttext supervised` builds it from a file holding these lines, each ending with "\n".
   * RangeError when no word or label is kept ("Empty vocabulary").
   */
  static build(lines: Iterable<string>, args: FastTextDictionaryArgs): FastTextDictionary {
    const builder = new DictionaryBuilder(utf8Encoder().encode(args.label));
    let i = 0;
    for (const line of lines) {
      if (typeof line !== "string") throw new TypeError(`fastText dictionary: line ${i} is ${describeValue(line)}, expected a string`);
      builder.addLine(line);
      i++;
    }
    return new FastTextDictionary(builder.finish(args.minCount, args.minCountLabel), args);
  }

  /**
   * As build, for texts and their labels (label tokens with the prefix, one or several per text), as if
   * each line were the labels, then the text.
   */
  static buildLabelled(texts: readonly string[], labels: readonly FastTextLabels[], args: FastTextDictionaryArgs): FastTextDictionary {
    checkLabelled(texts, labels, args.label);
    const builder = new DictionaryBuilder(utf8Encoder().encode(args.label));
    for (let i = 0; i < texts.length; i++) {
      const l = labels[i]!;
      if (typeof l === "string") builder.addLabel(l);
      else for (const one of l) builder.addLabel(one);
      builder.addLine(texts[i]!);
    }
    return new FastTextDictionary(builder.finish(args.minCount, args.minCountLabel), args);
  }

  /** Number of entries (words and labels). */
  get size(): number {
    return this.nwords + this.nlabels;
  }

  /** Word `i` (0 <= i < nwords). */
  word(i: number): string {
    checkIndex("word", i, this.nwords);
    return utf8Decoder().decode(this.#table.bytesOf(i));
  }

  /** Label `i` (0 <= i < nlabels), with its prefix. */
  label(i: number): string {
    checkIndex("label", i, this.nlabels);
    return utf8Decoder().decode(this.#table.bytesOf(this.nwords + i));
  }

  /** The id of a word, or -1 when it is not in the vocabulary. */
  wordId(word: string): number {
    const id = this.#entryId(word);
    return id < this.nwords ? id : -1;
  }

  /** The id (0..nlabels-1) of a label token, or -1 when it is not in the vocabulary. */
  labelId(label: string): number {
    const id = this.#entryId(label);
    return id >= this.nwords ? id - this.nwords : -1;
  }

  /** The words' counts, in id order. */
  wordCounts(): Float64Array {
    return this.#counts.slice(0, this.nwords);
  }

  /** The labels' counts, in id order (the Huffman tree of loss "hs" is built on them). */
  labelCounts(): Float64Array {
    return this.#counts.slice(this.nwords);
  }

  /** The input rows of one word as fastText's getSubwords gives them: its id if known, then its n-grams. */
  subwordRows(word: string): Int32Array {
    if (typeof word !== "string") throw new TypeError(`fastText dictionary: expected a word string, got ${describeValue(word)}`);
    this.#rowCount = 0;
    const bytes = utf8Encoder().encode(word);
    const id = this.#table.find(bytes, 0, bytes.length, fastTextHash(bytes) | 0);
    if (id >= 0 && id < this.nwords) this.#pushWordRows(id);
    else if (id < 0 && word !== EOS) this.#pushCharNgrams(bytes, 0, bytes.length);
    return this.#rows.slice(0, this.#rowCount);
  }

  /**
   * One line's input rows and labels (see the file header). The text is one line: RangeError if it holds
   * "\n" (split lines first), TypeError if it is not a string.
   */
  getLine(text: string): FastTextLine {
    const ntokens = this.#scanLine(text, 0);
    return { words: this.#rows.slice(0, this.#rowCount), labels: this.#labelIds.slice(0, this.#labelCount), ntokens };
  }

  /**
   * Many lines at once into flat arrays (training puts the whole corpus in wasm memory once). `labels`, if
   * given, adds label tokens per text, as if each line were its labels, then its text; labels not in the
   * dictionary are dropped, as fastText drops them. `firstIndex` is texts[0]'s index in the caller's list
   * (a batch of it), for the index a text's error names.
   */
  encode(texts: readonly string[], labels?: readonly FastTextLabels[], firstIndex = 0): FastTextCorpus {
    if (!Array.isArray(texts)) throw new TypeError(`fastText dictionary: expected an array of texts, got ${describeValue(texts)}`);
    if (labels !== undefined) checkLabelled(texts, labels, this.args.label);
    const corpus = new CorpusBuilder(texts.length, (label) => this.labelId(label));
    for (let i = 0; i < texts.length; i++) {
      const tokens = this.#scanLine(texts[i], firstIndex + i);
      corpus.addLine(i, this.#rows.subarray(0, this.#rowCount), this.#labelIds.subarray(0, this.#labelCount), tokens, labels?.[i]);
    }
    return corpus.finish();
  }

  /**
   * fastText's Dictionary::prune, for quantize's cutoff: keeps the input rows `rows` (word ids and
   * nwords + bucket rows; each at most once). Returns the pruned dictionary and the order of the kept rows
   * in the new input matrix: the kept words in id order, then the kept n-gram rows in the order given.
   */
  prune(rows: Int32Array): {
    /** The pruned dictionary. */
    dictionary: FastTextDictionary;
    /** The kept input rows, in their order in the new input matrix. */
    rows: Int32Array;
  } {
    if (!(rows instanceof Int32Array))
      throw new TypeError(`fastText dictionary prune: expected an Int32Array of rows, got ${describeValue(rows)}`);
    if (this.#pruneidx !== null) throw new RangeError("fastText dictionary: already pruned (quantize a model that was not quantized)");
    const words: number[] = [];
    const ngrams: number[] = [];
    const seen = new Set<number>();
    for (const r of rows) {
      if (!Number.isInteger(r) || r < 0 || r >= this.nwords + this.args.bucket || seen.has(r)) {
        throw new RangeError(`fastText dictionary prune: row ${r} is out of range or repeated`);
      }
      seen.add(r);
      (r < this.nwords ? words : ngrams).push(r);
    }
    words.sort((a, b) => a - b);
    const pruneidx = new Int32Array(2 * ngrams.length);
    ngrams.forEach((r, j) => {
      pruneidx[2 * j] = r - this.nwords;
      pruneidx[2 * j + 1] = j;
    });
    const kept = [...words, ...Array.from({ length: this.nlabels }, (_, i) => this.nwords + i)];
    const data: FastTextDictionaryData = {
      words: kept.map((id) => utf8Decoder().decode(this.#table.bytesOf(id))),
      counts: Float64Array.from(kept, (id) => this.#counts[id]!),
      nwords: words.length,
      nlabels: this.nlabels,
      ntokens: this.ntokens,
      pruneidx,
    };
    return { dictionary: new FastTextDictionary(data, this.args), rows: Int32Array.from([...words, ...ngrams]) };
  }

  /** @internal The tables a scanner outside JS reads (views: see FastTextScanTables). */
  scanTables(): FastTextScanTables {
    const t = this.#table;
    const prune = this.#pruneTable;
    return {
      slots: t.slots,
      starts: t.starts.subarray(0, t.size + 1),
      pool: t.pool.subarray(0, t.starts[t.size]),
      subwords: this.#subwords,
      subwordStarts: this.#subwordStarts,
      prune: prune === null ? null : { keys: prune.keys, values: prune.values, shift: prune.shift },
      labelPrefix: this.#labelPrefix,
    };
  }

  /** The dictionary as plain data (fresh copies). */
  toData(): FastTextDictionaryData {
    const words: string[] = [];
    for (let i = 0; i < this.size; i++) words.push(utf8Decoder().decode(this.#table.bytesOf(i)));
    return {
      words,
      counts: this.#counts.slice(),
      nwords: this.nwords,
      nlabels: this.nlabels,
      ntokens: this.ntokens,
      pruneidx: this.#pruneidx === null ? null : this.#pruneidx.slice(),
    };
  }

  #entryId(token: string): number {
    if (typeof token !== "string") throw new TypeError(`fastText dictionary: expected a string, got ${describeValue(token)}`);
    const bytes = utf8Encoder().encode(token);
    return this.#table.find(bytes, 0, bytes.length, fastTextHash(bytes) | 0);
  }

  /** Rows of every word (initNgrams), flat. */
  #wordRows(): [Int32Array, Int32Array] {
    const starts = new Int32Array(this.nwords + 1);
    let all = new Int32Array(Math.max(16, this.nwords));
    let at = 0;
    for (let id = 0; id < this.nwords; id++) {
      this.#rowCount = 0;
      this.#pushRow(id);
      if (id !== this.#eosId && this.args.maxn > 0) {
        const bytes = this.#table.bytesOf(id);
        this.#pushCharNgrams(bytes, 0, bytes.length);
      }
      if (at + this.#rowCount > all.length) all = grow(all, at + this.#rowCount);
      all.set(this.#rows.subarray(0, this.#rowCount), at);
      at += this.#rowCount;
      starts[id + 1] = at;
    }
    this.#rowCount = 0;
    return [all.slice(0, at), starts];
  }

  /** Scans one line into rows / labelIds; returns its token count. */
  #scanLine(text: string, index: number): number {
    if (typeof text !== "string") throw new TypeError(`fastText dictionary: text ${index} is ${describeValue(text)}, expected a string`);
    if (this.#bytes.length < 3 * text.length) this.#bytes = new Uint8Array(3 * text.length + 16);
    const bytes = this.#bytes;
    const length = utf8Encoder().encodeInto(text, bytes).written;
    this.#rowCount = 0;
    this.#labelCount = 0;
    let nhashes = 0;
    let ntokens = 0;
    let i = 0;
    let ended = false;
    while (!ended) {
      while (i < length && isSpace(bytes[i]!)) {
        if (bytes[i] === 0x0a)
          throw new RangeError(`fastText dictionary: text ${index} holds a newline at UTF-8 byte ${i}; give one line per text`);
        i++;
      }
      let start = i;
      let end = i;
      let h = FNV_BASIS;
      let source = bytes;
      if (i < length) {
        while (i < length && !isSpace(bytes[i]!)) h = fnvByte(h, bytes[i++]!);
        end = i;
      } else {
        source = eosBytes();
        start = 0;
        end = 4;
        h = EOS_HASH;
      }
      ntokens++;
      const isEos = isEosBytes(source, start, end);
      const id = this.#table.find(source, start, end, h);
      if (id >= this.nwords) {
        this.#pushLabel(id - this.nwords);
      } else if (id >= 0 || !startsWith(source, start, end, this.#labelPrefix)) {
        if (id >= 0) this.#pushWordRows(id);
        else if (!isEos) this.#pushCharNgrams(source, start, end);
        if (nhashes === this.#hashes.length) this.#hashes = grow(this.#hashes, nhashes + 1);
        this.#hashes[nhashes++] = h;
      }
      ended = isEos;
    }
    if (this.args.wordNgrams > 1 && nhashes > 1) {
      // Each of the nhashes starts begins at most min(wordNgrams, nhashes) - 1 n-grams.
      const needed = this.#rowCount + nhashes * (Math.min(this.args.wordNgrams, nhashes) - 1);
      if (needed > this.#rows.length) this.#rows = grow(this.#rows, needed);
      const end = wordNgramBuckets(this.#hashes, nhashes, this.args.wordNgrams, this.args.bucket, this.#rows, this.#rowCount);
      this.#rowCount = this.#pruneBuckets(this.#rowCount, end);
    }
    return ntokens;
  }

  #pushLabel(id: number): void {
    if (this.#labelCount === this.#labelIds.length) this.#labelIds = grow(this.#labelIds, this.#labelCount + 1);
    this.#labelIds[this.#labelCount++] = id;
  }

  #pushRow(row: number): void {
    if (this.#rowCount === this.#rows.length) this.#rows = grow(this.#rows, this.#rowCount + 1);
    this.#rows[this.#rowCount++] = row;
  }

  #pushWordRows(id: number): void {
    if (this.args.maxn <= 0) return this.#pushRow(id);
    const from = this.#subwordStarts[id]!;
    const to = this.#subwordStarts[id + 1]!;
    if (this.#rowCount + to - from > this.#rows.length) this.#rows = grow(this.#rows, this.#rowCount + to - from);
    const rows = this.#rows;
    let at = this.#rowCount;
    for (let k = from; k < to; k++) rows[at++] = this.#subwords[k]!;
    this.#rowCount = at;
  }

  /** Appends the n-gram rows of "<" + source[start, end) + ">". */
  #pushCharNgrams(source: Uint8Array, start: number, end: number): void {
    const { minn, maxn, bucket } = this.args;
    if (maxn <= 0) return;
    const length = end - start + 2;
    if (this.#gram.length < length) this.#gram = new Uint8Array(2 * length);
    this.#gram[0] = 0x3c; // "<"
    for (let k = start; k < end; k++) this.#gram[k - start + 1] = source[k]!;
    this.#gram[length - 1] = 0x3e; // ">"
    // Each of the length starts begins at most min(maxn, length) n-grams.
    const needed = this.#rowCount + length * Math.min(maxn, length);
    if (needed > this.#rows.length) this.#rows = grow(this.#rows, needed);
    const stop = charNgramBuckets(this.#gram, length, minn, maxn, bucket, this.#rows, this.#rowCount);
    this.#rowCount = this.#pruneBuckets(this.#rowCount, stop);
  }

  /** Maps rows[from, to) from buckets to input rows (pushHash), dropping pruned ones; returns the new end. */
  #pruneBuckets(from: number, to: number): number {
    const rows = this.#rows;
    const table = this.#pruneTable;
    const nwords = this.nwords;
    if (table === null) {
      for (let k = from; k < to; k++) rows[k] = nwords + rows[k]!;
      return to;
    }
    let out = from;
    for (let k = from; k < to; k++) {
      const row = table.get(rows[k]!);
      if (row >= 0) rows[out++] = nwords + row;
    }
    return out;
  }
}

/**
 * Adds `words` to an empty table in order; returns the index of the first word already in it, or -1.
 * The words are encoded as one string joined by "\n" (113,000 words: ~5 ms against ~40 one by one),
 * or one by one when a word holds "\n" itself.
 */
function internWords(table: WordTable, words: readonly string[]): number {
  const joined = utf8Encoder().encode(words.join("\n"));
  let newlines = 0;
  for (const byte of joined) if (byte === 0x0a) newlines++;
  if (newlines !== Math.max(0, words.length - 1)) {
    for (let i = 0; i < words.length; i++) if (table.intern(utf8Encoder().encode(words[i])) !== i) return i;
    return -1;
  }
  let start = 0;
  for (let i = 0; i < words.length; i++) {
    let end = start;
    while (end < joined.length && joined[end] !== 0x0a) end++;
    const hash = fastTextHash(joined, start, end) | 0;
    if (table.find(joined, start, end, hash) >= 0) return i;
    table.add(joined, start, end, hash);
    start = end + 1;
  }
  return -1;
}

function checkDictionaryArgs(args: FastTextDictionaryArgs): void {
  if (args === null || typeof args !== "object")
    throw new TypeError(`fastText dictionary: args must be an object, got ${describeValue(args)}`);
  for (const name of ["minn", "maxn", "bucket", "wordNgrams"] as const) {
    const v = args[name];
    const max = name === "minn" || name === "maxn" ? MAX_NGRAM : 2 ** 31 - 1;
    if (!Number.isInteger(v) || v < 0 || v > max) {
      throw new RangeError(`fastText dictionary: args.${name} must be an integer from 0 to ${max}, got ${describeValue(v)}`);
    }
  }
  if ((args.maxn > 0 || args.wordNgrams > 1) && args.bucket === 0)
    throw new RangeError("fastText dictionary: bucket is 0 but maxn > 0 or wordNgrams > 1");
  if (typeof args.label !== "string" || args.label === "")
    throw new RangeError("fastText dictionary: args.label must be a non-empty string");
}

function checkIndex(what: string, i: number, n: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= n)
    throw new RangeError(`fastText dictionary: ${what} ${describeValue(i)} is not in 0..${n - 1}`);
}

/** @internal TypeError / RangeError naming the text or label unless texts and labels are as encode and buildLabelled take them. */
export function checkLabelled(texts: readonly string[], labels: readonly FastTextLabels[], prefix: string): void {
  if (!Array.isArray(texts)) throw new TypeError(`fastText dictionary: expected an array of texts, got ${describeValue(texts)}`);
  if (!Array.isArray(labels)) throw new TypeError(`fastText dictionary: expected an array of labels, got ${describeValue(labels)}`);
  if (labels.length !== texts.length) throw new RangeError(`fastText dictionary: ${texts.length} texts but ${labels.length} labels`);
  for (let i = 0; i < texts.length; i++) {
    if (typeof texts[i] !== "string")
      throw new TypeError(`fastText dictionary: text ${i} is ${describeValue(texts[i])}, expected a string`);
  }
  const valid = new Set<string>();
  labels.forEach((l, i) => {
    const list = typeof l === "string" ? [l] : l;
    if (!Array.isArray(list)) throw new TypeError(`fastText dictionary: labels ${i} is ${describeValue(l)}, expected a string or strings`);
    for (const one of list) {
      if (valid.has(one)) continue;
      if (typeof one !== "string")
        throw new TypeError(`fastText dictionary: a label of text ${i} is ${describeValue(one)}, expected a string`);
      if (!one.startsWith(prefix) || /[ \n\r\t\v\f\0]/.test(one)) {
        throw new RangeError(
          `fastText dictionary: label ${JSON.stringify(one)} of text ${i} must start with "${prefix}" and hold no whitespace`,
        );
      }
      valid.add(one);
    }
  });
}
