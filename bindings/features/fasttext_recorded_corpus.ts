// A fit's dictionary and corpus from one read of the texts: the dictionary builder counts the tokens and
// records each line as the ids of its entries (fasttext_dictionary_builder.ts: TokenRecord); the corpus is
// then those ids mapped to input rows, with no second tokenizing, hashing or lookup of the texts.
//
// encodeRecorded gives exactly FastTextDictionary.encode(texts, labels) for the texts the dictionary was
// built from (the reference; tests compare them): it replays getLine on the recorded ids. Per token, in
// order: a kept label adds its label id; a word (kept, or unknown and not label-prefixed) adds its rows
// (its id if kept, then with maxn > 0 the buckets of the character n-grams of "<word>", none for EOS) and
// its hash for the word n-grams; an unknown label-prefixed token adds nothing; the line ends at its first
// EOS (a literal "</s>" ends it early). A newline before that end is the encode's RangeError. A token's
// rows depend on the token only, so they are worked out once per entry. The dictionary is never pruned
// (fit's are not), so every bucket b is row nwords + b.

import { DictionaryBuilder, type TokenRecord } from "./fasttext_dictionary_builder.js";
import { checkLabelled, FastTextDictionary, type FastTextDictionaryArgs } from "./fasttext_dictionary.js";
import { CorpusBuilder, grow, type FastTextCorpus, type FastTextLabels } from "./fasttext_corpus.js";
import { charNgramBuckets, wordNgramBuckets } from "./fasttext_hash.js";
import { utf8Encoder } from "../core/utf8.js";

/**
 * FastTextDictionary.buildLabelled(texts, labels, args) and the record of the texts' tokens (null when
 * the vocabulary outgrew fastText's table: see fasttext_dictionary_builder.ts). `maxVocabSize` is for tests.
 */
export function buildRecorded(
  texts: readonly string[],
  labels: readonly FastTextLabels[],
  args: FastTextDictionaryArgs,
  maxVocabSize?: number,
): { dictionary: FastTextDictionary; record: TokenRecord | null } {
  checkLabelled(texts, labels, args.label);
  const builder = new DictionaryBuilder(utf8Encoder().encode(args.label), true, maxVocabSize);
  for (let i = 0; i < texts.length; i++) {
    const l = labels[i]!;
    if (typeof l === "string") builder.addLabel(l);
    else for (const one of l) builder.addLabel(one);
    builder.addLine(texts[i]!);
  }
  const dictionary = new FastTextDictionary(builder.finish(args.minCount, args.minCountLabel), args);
  return { dictionary, record: builder.tokenRecord() };
}

/** dictionary.encode(texts, labels) for the texts `record` holds, which `dictionary` was built from (see above). */
export function encodeRecorded(record: TokenRecord, dictionary: FastTextDictionary, labels: readonly FastTextLabels[]): FastTextCorpus {
  const { ids, lineEnds, kept, labelled, hashes, eos } = record;
  const { nwords, args } = dictionary;
  const [entryRows, entryStarts] = rowsOfEntries(record, nwords, args);
  const corpus = new CorpusBuilder(lineEnds.length, (label) => dictionary.labelId(label));
  let rows = new Int32Array(256);
  // A line's labels and word hashes: at most one per token.
  let lineHashes = new Int32Array(256);
  let lineLabels = new Int32Array(256);
  let from = 0;
  for (let line = 0; line < lineEnds.length; line++) {
    const to = lineEnds[line]!;
    if (to - from > lineHashes.length) {
      lineHashes = new Int32Array(2 * (to - from));
      lineLabels = new Int32Array(2 * (to - from));
    }
    let rowCount = 0;
    let labelCount = 0;
    let nhashes = 0;
    let ntokens = 0;
    for (let k = from; k < to; k++) {
      const entry = ids[k]!;
      if (entry < 0)
        throw new RangeError(`fastText dictionary: text ${line} holds a newline at UTF-8 byte ${-1 - entry}; give one line per text`);
      const id = kept[entry]!;
      ntokens++;
      if (id >= nwords) lineLabels[labelCount++] = id - nwords;
      else if (id >= 0 || labelled[entry] === 0) {
        const start = entryStarts[entry]!;
        const end = entryStarts[entry + 1]!;
        if (rowCount + end - start > rows.length) rows = grow(rows, rowCount + end - start);
        for (let r = start; r < end; r++) rows[rowCount++] = entryRows[r]!;
        lineHashes[nhashes++] = hashes[entry]!;
      }
      if (entry === eos) break;
    }
    if (args.wordNgrams > 1 && nhashes > 1) {
      // Each of the nhashes starts begins at most min(wordNgrams, nhashes) − 1 n-grams.
      const needed = rowCount + nhashes * (Math.min(args.wordNgrams, nhashes) - 1);
      if (needed > rows.length) rows = grow(rows, needed);
      const buckets = rowCount;
      rowCount = wordNgramBuckets(lineHashes, nhashes, args.wordNgrams, args.bucket, rows, rowCount);
      for (let r = buckets; r < rowCount; r++) rows[r] = nwords + rows[r]!;
    }
    corpus.addLine(line, rows.subarray(0, rowCount), lineLabels.subarray(0, labelCount), ntokens, labels[line]);
    from = to;
  }
  return corpus.finish();
}

/**
 * The input rows of every entry as a word token of a line (see the header), flat: entry e's are
 * rows[starts[e], starts[e + 1]); labels and unknown label-prefixed entries have none.
 */
function rowsOfEntries(record: TokenRecord, nwords: number, args: FastTextDictionaryArgs): [Int32Array, Int32Array] {
  const { kept, labelled, eos } = record;
  const entries = kept.length;
  const starts = new Int32Array(entries + 1);
  let rows = new Int32Array(Math.max(16, entries));
  let at = 0;
  let gram = new Uint8Array(64);
  for (let e = 0; e < entries; e++) {
    const id = kept[e]!;
    if (id >= 0 && id < nwords) rows[at++] = id;
    if (args.maxn > 0 && e !== eos && (id >= 0 ? id < nwords : labelled[e] === 0)) {
      const bytes = record.bytesOf(e);
      const length = bytes.length + 2;
      if (gram.length < length) gram = new Uint8Array(2 * length);
      gram[0] = 0x3c; // "<"
      gram.set(bytes, 1);
      gram[length - 1] = 0x3e; // ">"
      // Each of the length starts begins at most min(maxn, length) n-grams.
      const needed = at + length * Math.min(args.maxn, length);
      if (needed > rows.length) rows = grow(rows, needed);
      const buckets = at;
      at = charNgramBuckets(gram, length, args.minn, args.maxn, args.bucket, rows, at);
      for (let r = buckets; r < at; r++) rows[r] = nwords + rows[r]!;
    }
    starts[e + 1] = at;
    if (at + 1 > rows.length) rows = grow(rows, at + 1);
  }
  return [rows, starts];
}
