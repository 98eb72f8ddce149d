// fastText's text format, as its `supervised` and `test` commands read it: one example per line,
// words separated by white space; a word that starts with the label prefix ("__label__") is a
// label (the prefix dropped), wherever it stands on the line; the other words, joined by one space,
// are the text. A line may carry several labels (multi-label). Blank lines are skipped. Pure JS:
// usable before init().

import { checkOptions } from "../core/checks.js";

/** Texts and their labels, line by line (blank lines skipped). */
export interface LabeledTexts {
  /** Each example's words, joined by one space. */
  texts: string[];
  /** Each example's labels (the prefix dropped), in line order. */
  labels: string[][];
  /** The 1-based line each example came from, for messages. */
  lines: number[];
}

/** Options of {@link parseFastText}. */
export interface FastTextFormatOptions {
  /** The prefix that marks a label. @default "__label__" */
  labelPrefix?: string;
  /** A line without a label is a RangeError naming it (training data); false keeps it with no labels. @default true */
  requireLabels?: boolean;
}

/** Reads fastText-format text (a whole file's contents, or any run of lines). */
export function parseFastText(text: string, options?: FastTextFormatOptions): LabeledTexts {
  const o = checkOptions("parseFastText options", options, ["labelPrefix", "requireLabels"]);
  if (typeof text !== "string") throw new TypeError(`parseFastText: text must be a string, got ${text === null ? "null" : typeof text}`);
  const prefix = o.labelPrefix ?? "__label__";
  if (typeof prefix !== "string" || prefix === "") throw new TypeError("parseFastText: labelPrefix must be a non-empty string");
  const requireLabels = o.requireLabels ?? true;
  const out: LabeledTexts = { texts: [], labels: [], lines: [] };
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    const words = raw.split(/\s+/u).filter((w) => w !== "");
    if (words.length === 0) continue;
    const labels: string[] = [];
    const rest: string[] = [];
    for (const word of words) {
      if (word.startsWith(prefix) && word.length > prefix.length) labels.push(word.slice(prefix.length));
      else rest.push(word);
    }
    if (requireLabels && labels.length === 0)
      throw new RangeError(`line ${line} has no label (no word starting with ${JSON.stringify(prefix)})`);
    out.texts.push(rest.join(" "));
    out.labels.push(labels);
    out.lines.push(line);
  }
  return out;
}
