// A training corpus encoded by the wasm line scanner (fasttext_scanner.ts) instead of the JS dictionary:
// exactly FastTextDictionary.encode(texts, labels) (features/fasttext_dictionary.ts, the reference), in less
// time on the calling thread: the scan itself is wasm, but copying the dictionary into wasm memory
// (scannerBlock) costs back much of what it saves on a words-only model. Per text: the rows, label ids
// and token count of its line as ftScan gives them (label-prefixed tokens in the text become labels),
// then the ids of its given labels that are in the dictionary, in their order, and one token per given
// label, kept or not.

import type { Runtime } from "../runtime/runtime.js";
import { describeValue } from "../core/checks.js";
import { checkLabelled, grow, type FastTextCorpus, type FastTextDictionary, type FastTextLabels } from "../features/fasttext_dictionary.js";
import { batchEnd, scanBatch, scannerBlock } from "./fasttext_scanner.js";

/**
 * dictionary.encode(texts, labels), computed in batches of bounded size by ftScan; the same TypeError or
 * RangeError for a bad text or label. Frees every heap block it allocates.
 */
export function encodeCorpus(
  rt: Runtime,
  dictionary: FastTextDictionary,
  texts: readonly string[],
  labels?: readonly FastTextLabels[],
): FastTextCorpus {
  if (!Array.isArray(texts)) throw new TypeError(`fastText dictionary: expected an array of texts, got ${describeValue(texts)}`);
  if (labels !== undefined) checkLabelled(texts, labels, dictionary.args.label);
  const n = texts.length;
  const wordStarts = new Int32Array(n + 1);
  const labelStarts = new Int32Array(n + 1);
  const tokens = new Int32Array(n);
  let words = new Int32Array(Math.max(16, n * 8));
  let labelOut = new Int32Array(Math.max(4, n));
  let w = 0;
  let l = 0;
  /** A given label's id (0..nlabels-1), or -1 when the dictionary does not hold it; looked up once per label string. */
  const labelIds = new Map<string, number>();
  const scanner = scannerBlock(rt, dictionary);
  try {
    for (let from = 0; from < n;) {
      const to = batchEnd(texts, from);
      const b = scanBatch(rt, scanner, dictionary, texts, from, to);
      try {
        const i32 = rt.heap.i32;
        const rowStarts = i32.subarray(b.rowStarts >>> 2, (b.rowStarts >>> 2) + to - from + 1);
        const scannedLabelStarts = i32.subarray(b.labelStarts >>> 2, (b.labelStarts >>> 2) + to - from + 1);
        const rowCount = rowStarts[to - from]!;
        if (w + rowCount > words.length) words = grow(words, w + rowCount);
        words.set(i32.subarray(b.rows >>> 2, (b.rows >>> 2) + rowCount), w);
        for (let r = 0; r < to - from; r++) {
          const i = from + r;
          wordStarts[i + 1] = w + rowStarts[r + 1]!;
          tokens[i] = i32[(b.tokens >>> 2) + r]!;
          const list = labels === undefined ? [] : typeof labels[i] === "string" ? [labels[i] as string] : (labels[i] as readonly string[]);
          const scanned = scannedLabelStarts[r + 1]! - scannedLabelStarts[r]!;
          if (l + scanned + list.length > labelOut.length) labelOut = grow(labelOut, l + scanned + list.length);
          const at = (b.labels >>> 2) + scannedLabelStarts[r]!;
          labelOut.set(i32.subarray(at, at + scanned), l);
          l += scanned;
          for (const label of list) {
            let id = labelIds.get(label);
            if (id === undefined) labelIds.set(label, (id = dictionary.labelId(label)));
            if (id >= 0) labelOut[l++] = id;
          }
          tokens[i]! += list.length;
          labelStarts[i + 1] = l;
        }
        w += rowCount;
      } finally {
        rt.heap.release(b.block);
      }
      from = to;
    }
  } finally {
    rt.heap.release(scanner);
  }
  return { lines: n, words: words.slice(0, w), wordStarts, labels: labelOut.slice(0, l), labelStarts, tokens };
}
