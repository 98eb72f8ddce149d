// fastText's dictionary as plain data (what a .bin stores), and its consistency check.

import { describeValue } from "../core/checks.js";

/** The dictionary as plain data, as a .bin stores it. */
export interface FastTextDictionaryData {
  /** The entries in id order: nwords words, then nlabels labels (with their prefix). */
  words: string[];
  /** Each entry's count in the training data. */
  counts: Float64Array;
  /** Number of words (the first rows of the input matrix). */
  nwords: number;
  /** Number of labels. */
  nlabels: number;
  /** Number of tokens read when the dictionary was built (EOS and labels included). */
  ntokens: number;
  /**
   * Pairs (bucket, row): the n-gram buckets kept by quantize's cutoff and their row after the words,
   * in file order; an empty array keeps no n-gram; null when the dictionary was never pruned.
   */
  pruneidx: Int32Array | null;
}

/** TypeError / RangeError unless data is a consistent dictionary (sizes, kinds; not duplicates). */
export function checkDictionaryData(data: FastTextDictionaryData): void {
  const { words, counts, nwords, nlabels, ntokens, pruneidx } = data;
  if (!Array.isArray(words)) throw new TypeError(`fastText dictionary: words must be an array, got ${describeValue(words)}`);
  for (const [name, v] of [
    ["nwords", nwords],
    ["nlabels", nlabels],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`fastText dictionary: ${name} must be an integer >= 0, got ${describeValue(v)}`);
  }
  if (!Number.isSafeInteger(ntokens) || ntokens < 0)
    throw new RangeError(`fastText dictionary: ntokens must be an integer >= 0, got ${describeValue(ntokens)}`);
  if (words.length !== nwords + nlabels)
    throw new RangeError(`fastText dictionary: ${words.length} entries, expected nwords + nlabels = ${nwords + nlabels}`);
  if (counts?.length !== words.length) throw new RangeError(`fastText dictionary: ${counts?.length} counts for ${words.length} entries`);
  words.forEach((w, i) => {
    if (typeof w !== "string") throw new TypeError(`fastText dictionary: entry ${i} is ${describeValue(w)}, expected a string`);
    const count = counts[i];
    if (!Number.isSafeInteger(count) || count! < 0)
      throw new RangeError(`fastText dictionary: count ${i} must be an integer >= 0, got ${describeValue(count)}`);
  });
  if (pruneidx !== null && (!(pruneidx instanceof Int32Array) || pruneidx.length % 2 !== 0)) {
    throw new RangeError("fastText dictionary: pruneidx must be null or an Int32Array of (bucket, row) pairs");
  }
}
