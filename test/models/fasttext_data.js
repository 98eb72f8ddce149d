// Text sets for the FastTextClassifier tests: lines of fastText's format split as its readWord
// splits (ASCII whitespace only: a no-break space stays inside a word), labels without the prefix.

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** Lines of fastText's format as texts and label sets (labels with their prefix). */
export function labelled(lines) {
  const texts = [];
  const labels = [];
  for (const line of lines) {
    const tokens = line.split(/[ \t\v\f\r\0]+/).filter((t) => t !== "");
    if (tokens.length === 0) continue;
    labels.push(tokens.filter((t) => t.startsWith("__label__")));
    texts.push(tokens.filter((t) => !t.startsWith("__label__")).join(" "));
  }
  return { texts, labels };
}

/** bench/data/text/<name>.txt.gz, labelled, the prefix taken off each label. */
export function benchText(name) {
  const text = gunzipSync(readFileSync(new URL(`../../bench/data/text/${name}.txt.gz`, import.meta.url))).toString("utf8");
  const { texts, labels } = labelled(text.split("\n"));
  return { texts, labels: labels.map((set) => set.map((l) => l.slice("__label__".length))) };
}
