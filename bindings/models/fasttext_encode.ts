// A training corpus encoded by the wasm line scanner (fasttext_scanner.ts) instead of the JS dictionary:
// exactly FastTextDictionary.encode(texts, labels) (features/fasttext_dictionary.ts, the reference), in less
// time on the calling thread: the scan itself is wasm, but copying the dictionary into wasm memory
// (scannerBlock) costs back much of what it saves on a words-only model. Per text: the rows, label ids
// and token count of its line as ftScan gives them (label-prefixed tokens in the text become labels),
// then the ids of its given labels that are in the dictionary, in their order, and one token per given
// label, kept or not.

import type { Runtime } from "../runtime/runtime.js";
import { describeValue } from "../core/checks.js";
import { checkLabelled, type FastTextCorpus, type FastTextDictionary, type FastTextLabels } from "../features/fasttext_dictionary.js";
import { CorpusBuilder } from "../features/fasttext_corpus.js";
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
  const corpus = new CorpusBuilder(texts.length, (label) => dictionary.labelId(label));
  const scanner = scannerBlock(rt, dictionary);
  try {
    for (let from = 0; from < texts.length;) {
      const to = batchEnd(texts, from);
      const b = scanBatch(rt, scanner, dictionary, texts, from, to);
      try {
        const i32 = rt.heap.i32;
        // Line r's part of an array the scanner wrote: values[starts[r], starts[r + 1]).
        const part = (values: number, starts: number, r: number) =>
          i32.subarray((values >>> 2) + i32[(starts >>> 2) + r]!, (values >>> 2) + i32[(starts >>> 2) + r + 1]!);
        for (let r = 0; r < to - from; r++) {
          const i = from + r;
          corpus.addLine(i, part(b.rows, b.rowStarts, r), part(b.labels, b.labelStarts, r), i32[(b.tokens >>> 2) + r]!, labels?.[i]);
        }
      } finally {
        rt.heap.release(b.block);
      }
      from = to;
    }
  } finally {
    rt.heap.release(scanner);
  }
  return corpus.finish();
}
