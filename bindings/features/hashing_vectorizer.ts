// HashingVectorizer: texts to a SparseMatrix of hashed n-gram counts, as scikit-learn's
// HashingVectorizer. Stateless (no vocabulary, nothing learned): the same options give the same
// matrix in every runtime and thread, so chunks of a stream can be vectorized anywhere.
//
// Per text, in order:
// 1. lowercase (String.prototype.toLowerCase, locale-independent) unless lowercase: false;
// 2. features, each a string hashed over its UTF-8 bytes (tokenizer.ts says how texts are split):
//    - word n-grams (ngramRange [a, b]): every run of n consecutive tokens, a <= n <= b, joined by one
//      space, as scikit-learn's analyzer="word" (whose tokens are not quite ours: see tokenizer.ts);
//    - character n-grams (charNgramRange [a, b]): as scikit-learn's analyzer="char_wb", each
//      whitespace-separated word padded with one space each side, then every run of n code points
//      in it; a padded word shorter than n counts once, whole, and ends the word's n-grams;
//    both sets, when both ranges are set, go into the same space: counts are summed per column, so
//    a word n-gram and a character n-gram that are the same string ("cat" as a word and inside
//    " cats ") count together, as a scikit-learn analyzer returning both lists would;
// 3. each feature's h = murmurHash3(feature, seed 0) (signed int32) adds to column |h| mod nFeatures
//    +1, or sign(h) with alternateSign (h >= 0 counts as +); counts are summed per column and columns
//    whose counts cancel to 0 are dropped (scikit-learn stores them as explicit zeros);
// 4. binary: every stored count becomes 1 (as scikit-learn, whose "binary" also ignores the sign);
// 5. norm: the row divided by its l2 or l1 norm, computed in float64, stored as float32.
// Differences from scikit-learn: the tokens (tokenizer.ts), alternateSign defaults to false, the empty
// list of texts gives a 0-row matrix instead of an error, and the two n-gram ranges can be combined.
//
// Speed: each text is lowercased, then encoded to UTF-8 once into a reused buffer while its tokens
// and words are found; features are hashed from byte ranges of that buffer (a word n-gram whose
// tokens are separated by single spaces, as in most text, is one contiguous range, hashed in place);
// column keys are sorted per row in a reused Uint32Array and written straight into the CSR arrays.
// No string or object is made per token.
// Memory: the result (4 (rows + 1) + 8 nnz bytes) plus, during the call, the buffers it is built in
// (up to twice its size, growing by doubling); buffers above 1 MiB are freed when the call returns.

import { checkOptions, checkVersion, flag, describeValue } from "../core/checks.js";
import { MAX_SPARSE_SIZE, sparseFromCanonical, type SparseMatrix } from "../core/sparse.js";
import { murmurHash3Bytes } from "./murmurhash3.js";
import { checkNorm, normDivisor, type Norm } from "./norm.js";
import { releaseScratch, scanText, type TextScan } from "./tokenizer.js";

/** Options of HashingVectorizer; scikit-learn's names camelCased. */
export interface HashingVectorizerOptions {
  /** Number of columns (hash buckets), 1 to 2^31 - 1. @default 2 ** 20 */
  nFeatures?: number;
  /** Word n-gram lengths [min, max], 1 <= min <= max; null for no word features. @default [1, 1] */
  ngramRange?: readonly [number, number] | null;
  /** Character n-gram lengths within words (scikit-learn's char_wb), or null for none. @default null */
  charNgramRange?: readonly [number, number] | null;
  /** Lower-case texts first. @default true */
  lowercase?: boolean;
  /** Count a feature as -1 when its hash is negative, so collisions tend to cancel. @default false (scikit-learn: true) */
  alternateSign?: boolean;
  /** Row normalisation. @default "l2" */
  norm?: Norm;
  /** Store 1 for every feature present instead of its count. @default false */
  binary?: boolean;
}

/** HashingVectorizer.toJSON(): its options, every one set. */
export interface HashingVectorizerJSON {
  /** Always "wasmax/HashingVectorizer". */
  format: "wasmax/HashingVectorizer";
  /** The version of the format. */
  version: 1;
  /** Every option, defaults filled. */
  options: Required<HashingVectorizerOptions>;
}

const OPTION_NAMES = ["nFeatures", "ngramRange", "charNgramRange", "lowercase", "alternateSign", "norm", "binary"] as const;

/** Texts to hashed n-gram counts (see the file header for exactly what is counted). */
export class HashingVectorizer {
  /** Columns (hash buckets). */
  readonly nFeatures: number;
  /** Word n-gram lengths, or null for none. */
  readonly ngramRange: readonly [number, number] | null;
  /** Character n-gram lengths within words, or null for none. */
  readonly charNgramRange: readonly [number, number] | null;
  /** Texts are lower-cased first. */
  readonly lowercase: boolean;
  /** A feature whose hash is negative counts −1. */
  readonly alternateSign: boolean;
  /** Row normalisation. */
  readonly norm: Norm;
  /** Every feature present counts 1. */
  readonly binary: boolean;

  constructor(options?: HashingVectorizerOptions) {
    const where = "HashingVectorizer options";
    const o = checkOptions(where, options, OPTION_NAMES);
    this.nFeatures = o.nFeatures ?? 2 ** 20;
    if (typeof this.nFeatures !== "number" || !Number.isInteger(this.nFeatures)) {
      throw new TypeError(`nFeatures must be an integer in [1, 2^31 - 1], got ${describeValue(this.nFeatures)}`);
    }
    if (this.nFeatures < 1 || this.nFeatures > MAX_SPARSE_SIZE)
      throw new RangeError(`nFeatures must be in [1, 2^31 - 1], got ${this.nFeatures}`);
    this.ngramRange = checkRange("ngramRange", o.ngramRange === undefined ? [1, 1] : o.ngramRange);
    this.charNgramRange = checkRange("charNgramRange", o.charNgramRange ?? null);
    if (this.ngramRange === null && this.charNgramRange === null) {
      throw new RangeError("ngramRange and charNgramRange are both null: set at least one, or there is nothing to hash");
    }
    this.lowercase = flag("lowercase", o.lowercase ?? true);
    this.alternateSign = flag("alternateSign", o.alternateSign ?? false);
    this.norm = checkNorm("norm", o.norm === undefined ? "l2" : o.norm);
    this.binary = flag("binary", o.binary ?? false);
  }

  /** Nothing to learn: checks `texts` if given and returns this (for symmetry with scikit-learn). */
  fit(texts?: readonly string[]): this {
    if (texts !== undefined) checkTexts("HashingVectorizer.fit", texts);
    return this;
  }

  /** The same as transform(texts). */
  fitTransform(texts: readonly string[]): SparseMatrix {
    return this.transform(texts);
  }

  /** One row per text, nFeatures columns, hashed n-gram counts (normalised unless norm is null). */
  transform(texts: readonly string[]): SparseMatrix {
    checkTexts("HashingVectorizer.transform", texts);
    const hasher = (shared ??= new RowHasher());
    hasher.start(this.nFeatures, this.alternateSign);
    const indptr = new Int32Array(texts.length + 1);
    let nnz = 0;
    for (let r = 0; r < texts.length; r++) {
      const text = texts[r]!;
      const scan = scanText(this.lowercase ? text.toLowerCase() : text);
      hasher.count = 0;
      if (this.ngramRange !== null) hasher.addWordNgrams(scan, this.ngramRange[0], this.ngramRange[1]);
      if (this.charNgramRange !== null) hasher.addCharNgrams(scan, this.charNgramRange[0], this.charNgramRange[1]);
      nnz = indptr[r + 1] = hasher.writeRow(nnz, this.binary, this.norm);
    }
    const indices = hasher.indices.slice(0, nnz);
    const data = hasher.data.slice(0, nnz);
    hasher.release();
    releaseScratch();
    return sparseFromCanonical(indptr, indices, data, this.nFeatures);
  }

  /** Its options as a versioned plain object (fromJSON reads it back). */
  toJSON(): HashingVectorizerJSON {
    return {
      format: "wasmax/HashingVectorizer",
      version: 1,
      options: {
        nFeatures: this.nFeatures,
        ngramRange: this.ngramRange && [this.ngramRange[0], this.ngramRange[1]],
        charNgramRange: this.charNgramRange && [this.charNgramRange[0], this.charNgramRange[1]],
        lowercase: this.lowercase,
        alternateSign: this.alternateSign,
        norm: this.norm,
        binary: this.binary,
      },
    };
  }

  /** A HashingVectorizer from toJSON()'s output; its options are checked as the constructor does. */
  static fromJSON(json: unknown): HashingVectorizer {
    const j = json as Partial<HashingVectorizerJSON> | null;
    if (typeof j !== "object" || j === null || j.format !== "wasmax/HashingVectorizer") {
      throw new TypeError("HashingVectorizer.fromJSON: not a wasmax/HashingVectorizer object");
    }
    checkVersion("HashingVectorizer.fromJSON", j.version, 1);
    if (typeof j.options !== "object" || j.options === null) throw new TypeError("HashingVectorizer.fromJSON: options must be an object");
    return new HashingVectorizer(j.options);
  }
}

/** `texts` checked to be an array of strings; the error names the first entry that is not. */
function checkTexts(where: string, texts: unknown): asserts texts is readonly string[] {
  if (typeof texts === "string") throw new TypeError(`${where}: texts must be an array of strings, got one string (wrap it: [text])`);
  if (!Array.isArray(texts))
    throw new TypeError(`${where}: texts must be an array of strings, got ${texts === null ? "null" : typeof texts}`);
  if (texts.length > MAX_SPARSE_SIZE) throw new RangeError(`${where}: at most ${MAX_SPARSE_SIZE} texts at once, got ${texts.length}`);
  for (let i = 0; i < texts.length; i++) {
    const t: unknown = texts[i];
    if (typeof t !== "string")
      throw new TypeError(`${where}: texts[${i}] must be a string, got ${t === null ? "null" : `${typeof t} ${describeValue(t)}`}`);
  }
}

function checkRange(name: string, v: unknown): readonly [number, number] | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === "number" && Number.isInteger(n))) {
    throw new TypeError(
      `${name} must be [min, max] (two integers) or null, got ${Array.isArray(v) ? JSON.stringify(v) : describeValue(v)}`,
    );
  }
  const [lo, hi] = v as [number, number];
  if (lo < 1 || lo > hi) throw new RangeError(`${name} must be [min, max] with 1 <= min <= max, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** The scratch of every transform in this thread (JS runs one transform at a time). */
let shared: RowHasher | null = null;

/**
 * Hashes the features of one text into column keys (2 column + 1 when the feature counts -1) in
 * keys[0 .. count), then sorts and sums them into one CSR row of `indices` / `data`. All buffers are
 * reused from text to text and call to call; release() frees those a large call grew.
 */
class RowHasher {
  keys = new Uint32Array(256);
  count = 0;
  /** The CSR arrays being built: entries 0 .. nnz of the current call. */
  indices = new Int32Array(1024);
  data = new Float32Array(1024);
  /** The bucket sort's other key buffer and bucket ends (sortKeys). */
  private spare = new Uint32Array(256);
  private ends = new Int32Array(257);
  /** Bits of the largest key, 2 nFeatures - 1. */
  private keyBits = 1;
  /** A feature assembled from separate byte ranges (a padded word, tokens joined by spaces). */
  private gram = new Uint8Array(256);
  /** Byte offset in `gram` of each code point of a padded word, and its end. */
  private starts = new Int32Array(256);
  private nFeatures = 1;
  private alternateSign = false;

  start(nFeatures: number, alternateSign: boolean): void {
    this.nFeatures = nFeatures;
    this.alternateSign = alternateSign;
    this.keyBits = 32 - Math.clz32(2 * nFeatures - 1);
  }

  /** Frees buffers above 1 MiB each. */
  release(): void {
    if (this.indices.length > 1 << 18) {
      this.indices = new Int32Array(1024);
      this.data = new Float32Array(1024);
    }
    if (this.keys.length > 1 << 18) {
      this.keys = new Uint32Array(256);
      this.spare = new Uint32Array(256);
      this.ends = new Int32Array(257);
    }
    if (this.gram.length > 1 << 20) {
      this.gram = new Uint8Array(256);
      this.starts = new Int32Array(256);
    }
  }

  private add(h: number): void {
    if (this.count === this.keys.length) {
      const keys = new Uint32Array(2 * this.count);
      keys.set(this.keys);
      this.keys = keys;
    }
    const column = Math.abs(h) % this.nFeatures; // |-2^31| = 2^31 exactly: JS numbers are not int32
    this.keys[this.count++] = this.alternateSign && h < 0 ? 2 * column + 1 : 2 * column;
  }

  /** Room for n bytes in `gram` and n + 1 offsets in `starts`. */
  private reserve(n: number): void {
    if (this.gram.length >= n + 1) return;
    this.gram = new Uint8Array(2 * n + 1);
    this.starts = new Int32Array(2 * n + 2);
  }
  addWordNgrams(scan: TextScan, lo: number, hi: number): void {
    const { bytes, tokens, tokenCount } = scan;
    for (let n = lo; n <= Math.min(hi, tokenCount); n++) {
      for (let i = 0; i + n <= tokenCount; i++) {
        const start = tokens[2 * i]!;
        const end = tokens[2 * (i + n - 1) + 1]!;
        let contiguous = true; // tokens separated by single spaces: the n-gram is bytes[start .. end)
        for (let j = i; j < i + n - 1 && contiguous; j++) {
          contiguous = tokens[2 * (j + 1)] === tokens[2 * j + 1]! + 1 && bytes[tokens[2 * j + 1]!] === 0x20;
        }
        if (contiguous) {
          this.add(murmurHash3Bytes(bytes, start, end, 0));
          continue;
        }
        this.reserve(end - start);
        const gram = this.gram;
        let length = 0;
        for (let j = i; j < i + n; j++) {
          if (j > i) gram[length++] = 0x20;
          for (let b = tokens[2 * j]!; b < tokens[2 * j + 1]!; b++) gram[length++] = bytes[b]!;
        }
        this.add(murmurHash3Bytes(gram, 0, length, 0));
      }
    }
  }

  addCharNgrams(scan: TextScan, lo: number, hi: number): void {
    const { bytes, words, wordCount } = scan;
    for (let w = 0; w < wordCount; w++) {
      const from = words[2 * w]!;
      const to = words[2 * w + 1]!;
      this.reserve(to - from + 2);
      const { gram, starts } = this;
      gram[0] = 0x20;
      let length = 1;
      for (let b = from; b < to; b++) gram[length++] = bytes[b]!;
      gram[length++] = 0x20;
      let points = 0;
      for (let b = 0; b < length; b++) if ((gram[b]! & 0xc0) !== 0x80) starts[points++] = b;
      starts[points] = length;
      for (let n = lo; n <= hi; n++) {
        if (n >= points) {
          this.add(murmurHash3Bytes(gram, 0, length, 0)); // the whole padded word, once
          break;
        }
        for (let o = 0; o + n <= points; o++) this.add(murmurHash3Bytes(gram, starts[o]!, starts[o + n]!, 0));
      }
    }
  }

  /**
   * Sorts keys[0 .. count), sums each column's counts and writes the non-zero ones (1 if binary),
   * divided by the row's norm, at entry `nnz` of indices/data. Returns the new nnz.
   */
  writeRow(nnz: number, binary: boolean, norm: Norm): number {
    const m = this.count;
    if (nnz + m > this.indices.length) {
      if (nnz + m > MAX_SPARSE_SIZE) {
        throw new RangeError(`HashingVectorizer.transform: the texts give more than ${MAX_SPARSE_SIZE} values: transform them in chunks`);
      }
      const capacity = Math.min(MAX_SPARSE_SIZE, Math.max(2 * this.indices.length, nnz + m));
      const indices = new Int32Array(capacity);
      const data = new Float32Array(capacity);
      indices.set(this.indices.subarray(0, nnz));
      data.set(this.data.subarray(0, nnz));
      this.indices = indices;
      this.data = data;
    }
    this.sortKeys();
    const { keys, indices, data } = this;
    const rowStart = nnz;
    for (let k = 0; k < m;) {
      const column = keys[k]! >>> 1;
      let count = 0;
      for (; k < m && keys[k]! >>> 1 === column; k++) count += (keys[k]! & 1) === 1 ? -1 : 1;
      if (count === 0) continue;
      indices[nnz] = column;
      data[nnz++] = binary ? 1 : count;
    }
    const divisor = normDivisor(data, rowStart, nnz, norm);
    if (divisor !== 1) for (let k = rowStart; k < nnz; k++) data[k] = data[k]! / divisor;
    return nnz;
  }

  /**
   * keys[0 .. count) in increasing order. Hashed keys are uniform, so one bucket pass on their top
   * bits (about count / 2 to count buckets) leaves buckets of one or two keys, each then sorted on its
   * own: by insertion up to 16 keys, by TypedArray.prototype.sort beyond (so crafted collisions cost
   * n log n, never n^2). Against TypedArray.prototype.sort alone (two runs, medians of 7): 2.5x and 2.8x
   * on rows of 200 random 21-bit keys; whole transforms of 50k lines, 2^20 columns: 1.10x and 1.17x for
   * char n-grams (2, 4), 1.26x and 1.19x for words (1, 2) + char (1, 4). Rows of up to 32 keys take one
   * insertion sort, which makes no view: 1.19x faster on one short sentence per call (words (1, 1)).
   */
  private sortKeys(): void {
    const count = this.count;
    if (count <= 32) {
      insertionSort(this.keys, 0, count);
      return;
    }
    const bucketBits = Math.min(this.keyBits, 31 - Math.clz32(count));
    const shift = this.keyBits - bucketBits;
    const buckets = 1 << bucketBits;
    if (this.ends.length < buckets + 1) this.ends = new Int32Array(2 * buckets + 1);
    if (this.spare.length < count) this.spare = new Uint32Array(this.keys.length);
    const { keys, spare, ends } = this;
    ends.fill(0, 0, buckets + 1);
    for (let i = 0; i < count; i++) ends[(keys[i]! >>> shift) + 1]!++;
    for (let b = 1; b <= buckets; b++) ends[b]! += ends[b - 1]!;
    // ends[b + 1] is the end of bucket b; filling from the back leaves it at the bucket's start.
    for (let i = count - 1; i >= 0; i--) spare[--ends[(keys[i]! >>> shift) + 1]!] = keys[i]!;
    for (let b = 0; b < buckets; b++) {
      const from = ends[b + 1]!;
      const to = b + 1 < buckets ? ends[b + 2]! : count;
      if (to - from <= 16) insertionSort(spare, from, to);
      else spare.subarray(from, to).sort();
    }
    this.keys = spare;
    this.spare = keys;
  }
}

/** Sorts a[from .. to) in place by insertion (for a few keys). */
function insertionSort(a: Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const key = a[i]!;
    let j = i - 1;
    for (; j >= from && a[j]! > key; j--) a[j + 1] = a[j]!;
    a[j + 1] = key;
  }
}
