// A training corpus built line by line (FastTextCorpus: flat arrays in line order, as training copies
// them into wasm memory once): each line's input rows and label ids, then the line's given labels, as if
// each line were its labels, then its text. Both ways of reading lines fill one: the JS dictionary
// (FastTextDictionary.encode) and fit's remap of the tokens its count recorded (fasttext_recorded_corpus.ts).

/** Many lines encoded at once: line i's rows are words[wordStarts[i], wordStarts[i + 1]). */
export interface FastTextCorpus {
  /** Number of lines. */
  lines: number;
  /** All lines' input rows, back to back. */
  words: Int32Array;
  /** lines + 1 offsets into words. */
  wordStarts: Int32Array;
  /** All lines' label ids, back to back. */
  labels: Int32Array;
  /** lines + 1 offsets into labels. */
  labelStarts: Int32Array;
  /** Tokens read per line (EOS and labels included). */
  tokens: Int32Array;
}

/** Labels of one text: a label token or several. */
export type FastTextLabels = string | readonly string[];

export class CorpusBuilder {
  readonly wordStarts: Int32Array;
  readonly labelStarts: Int32Array;
  readonly tokens: Int32Array;
  #words: Int32Array;
  #labels: Int32Array;
  #w = 0;
  #l = 0;
  /** A given label's id (0..nlabels-1), or -1 when the dictionary does not hold it; looked up once per label string. */
  readonly #labelIds = new Map<string, number>();
  readonly #lines: number;
  readonly #labelId: (label: string) => number;

  /** `labelId`: the dictionary's id of a label token (0..nlabels-1), or -1. */
  constructor(lines: number, labelId: (label: string) => number) {
    this.#lines = lines;
    this.#labelId = labelId;
    this.wordStarts = new Int32Array(lines + 1);
    this.labelStarts = new Int32Array(lines + 1);
    this.tokens = new Int32Array(lines);
    this.#words = new Int32Array(Math.max(16, lines * 8));
    this.#labels = new Int32Array(Math.max(4, lines));
  }

  /**
   * Line i (lines are added in order): its input rows, the ids of the labels in its text and its token
   * count, then its given labels: one token each, their ids where the dictionary holds them (fastText drops
   * the others).
   */
  addLine(i: number, rows: Int32Array, labels: Int32Array, tokens: number, given?: FastTextLabels): void {
    if (this.#w + rows.length > this.#words.length) this.#words = grow(this.#words, this.#w + rows.length);
    this.#words.set(rows, this.#w);
    this.#w += rows.length;
    this.wordStarts[i + 1] = this.#w;
    const list = given === undefined ? [] : typeof given === "string" ? [given] : given;
    if (this.#l + labels.length + list.length > this.#labels.length)
      this.#labels = grow(this.#labels, this.#l + labels.length + list.length);
    this.#labels.set(labels, this.#l);
    this.#l += labels.length;
    for (const label of list) {
      let id = this.#labelIds.get(label);
      if (id === undefined) this.#labelIds.set(label, (id = this.#labelId(label)));
      if (id >= 0) this.#labels[this.#l++] = id;
    }
    this.labelStarts[i + 1] = this.#l;
    this.tokens[i] = tokens + list.length;
  }

  /** The corpus of the lines added. */
  finish(): FastTextCorpus {
    const { wordStarts, labelStarts, tokens } = this;
    return {
      lines: this.#lines,
      words: this.#words.slice(0, this.#w),
      wordStarts,
      labels: this.#labels.slice(0, this.#l),
      labelStarts,
      tokens,
    };
  }
}

/** `array`, or a copy at least `needed` long (twice as long at least) holding its values. */
export function grow(array: Int32Array, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, 2 * array.length));
  bigger.set(array);
  return bigger;
}
