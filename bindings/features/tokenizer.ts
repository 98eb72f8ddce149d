// The tokenizer of the vectorizers: one pass over a text that writes its UTF-8 bytes into a reused
// buffer and records where its tokens and its whitespace-separated words are (byte offsets). Pure JS.
//
// Tokens (word n-grams) are maximal runs of word characters: Unicode letters (\p{L}), combining marks
// (\p{M}), numbers (\p{N}) and the underscore. Everything else separates tokens and is dropped.
// Where this differs from scikit-learn's default token_pattern (?u)\b\w\w+\b, and why:
// - one-character tokens are kept ("a", "y", "я", "我"): they carry meaning, and for language
//   identification the most telling words are often one letter long;
// - combining marks are word characters: Python's \w excludes them, so scikit-learn splits Devanagari,
//   Bengali, Thai or decomposed (NFD) accented Latin at every vowel sign or accent ("हिन्दी" becomes
//   "ह", "न", "द" before the length filter); here such words stay whole.
// With both, the tokens equal scikit-learn's with tokenizer = runs of characters whose
// unicodedata.category starts with L, M or N, or "_" (scripts/make-text-fixtures.py does exactly that).
// Accented Latin, Cyrillic, Greek, Arabic or Hebrew words are tokens as written (no accent stripping,
// no Unicode normalisation: NFC and NFD spellings hash differently; call text.normalize("NFC") first if
// your sources mix them). Scripts written without spaces (Chinese, Japanese, Thai) give one token per
// run between punctuation, i.e. a clause: word features are then weak, and character n-grams
// (charNgramRange) give the useful features. Emoji and other symbols (\p{S}) are not word characters:
// they never appear in word tokens, only in character n-grams.
//
// Words (character n-grams, scikit-learn's analyzer="char_wb") are maximal runs of non-whitespace, as
// Python's str.split() makes them: punctuation stays attached ("world!"). Whitespace is exactly
// Python's str.isspace() set (listed in SPACES below), not JS's \s (which adds U+FEFF and lacks
// U+001C..U+001F and U+0085), so the words equal scikit-learn's.
//
// Character classes come from the JS engine's Unicode tables (a regular expression, evaluated once
// per block of 256 code points the first time a text uses the block: no table ships in the bundle and
// nothing runs at import). Engines agree on every character assigned before their Unicode versions
// diverge (Node 20.20 here has Unicode 17.0); a character assigned more recently may be a separator
// in an older engine. Lone surrogates are encoded as U+FFFD, as TextEncoder does, and separate tokens.

import { checkOptions, flag } from "../core/checks.js";

/** Options of tokenize(). */
export interface TokenizeOptions {
  /** Lower-case the text first with String.prototype.toLowerCase (locale-independent). @default true */
  lowercase?: boolean;
}

/** The result of scanText: views into a buffer reused by the next scan. */
export interface TextScan {
  /** UTF-8 of the text, from byte 0 to the end of its last token or word. */
  bytes: Uint8Array;
  /** Token i is bytes[tokens[2i] .. tokens[2i + 1]). */
  tokens: Int32Array;
  tokenCount: number;
  /** Whitespace-separated word i is bytes[words[2i] .. words[2i + 1]). */
  words: Int32Array;
  wordCount: number;
}

const OTHER = 0;
const WORD = 1;
const SPACE = 2;
/** Python's str.isspace() characters, as [first, last] ranges. */
// prettier-ignore
const SPACES = [0x09, 0x0d, 0x1c, 0x20, 0x85, 0x85, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f,
  0x205f, 0x205f, 0x3000, 0x3000];
/** Scratch buffers above this many bytes are freed by releaseScratch() instead of kept. */
const KEEP_BYTES = 1 << 22;

let classes: Uint8Array | null = null; // class of each BMP code unit, filled per 256-unit block
let filled: Uint8Array | null = null; // 1 where a block of `classes` is filled
let wordPattern: RegExp | null = null;
let scan: TextScan | null = null;

function isWordChar(text: string): boolean {
  wordPattern ??= /^[\p{L}\p{M}\p{N}_]$/u;
  return wordPattern.test(text);
}

function fillBlock(block: number): void {
  const table = classes!;
  for (let c = block << 8; c < (block + 1) << 8; c++) {
    if (c >= 0xd800 && c < 0xe000) continue; // surrogates: handled by the scanner
    table[c] = isWordChar(String.fromCharCode(c)) ? WORD : OTHER;
  }
  for (let i = 0; i < SPACES.length; i += 2) {
    for (let c = Math.max(SPACES[i]!, block << 8); c <= Math.min(SPACES[i + 1]!, ((block + 1) << 8) - 1); c++) table[c] = SPACE;
  }
  filled![block] = 1;
}

/** The class table with its first block (ASCII and Latin-1) filled. */
function classTable(): Uint8Array {
  if (classes === null) {
    classes = new Uint8Array(65536);
    filled = new Uint8Array(256);
    fillBlock(0);
  }
  return classes;
}

/** The class (OTHER, WORD, SPACE) of a BMP code unit that is not a surrogate; classTable() came first. */
function classOf(c: number): number {
  if (filled![c >> 8] === 0) fillBlock(c >> 8);
  return classes![c]!;
}

function scratchFor(units: number): TextScan {
  // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units); runs are
  // separated, so there are at most (units + 1) / 2 of each kind, 2 offsets each.
  if (scan === null || scan.bytes.length < 3 * units) {
    const bytes = Math.max(3 * units, 1024);
    scan = {
      bytes: new Uint8Array(bytes),
      tokens: new Int32Array(bytes / 3 + 2),
      tokenCount: 0,
      words: new Int32Array(bytes / 3 + 2),
      wordCount: 0,
    };
  }
  return scan;
}

/** Frees the scan buffers if a long text made them large (call after a batch of scans). */
export function releaseScratch(): void {
  if (scan !== null && scan.bytes.length > KEEP_BYTES) scan = null;
}

/**
 * Encodes `text` as UTF-8 into the shared scratch buffer and records its tokens and words (see the
 * file header). The result is overwritten by the next call.
 */
export function scanText(text: string): TextScan {
  const s = scratchFor(text.length);
  const { bytes, tokens, words } = s;
  const table = classTable();
  let n = 0;
  let tokenCount = 0;
  let wordCount = 0;
  let tokenStart = -1;
  let wordStart = -1;
  for (let i = 0; i < text.length; i++) {
    const at = n;
    const c = text.charCodeAt(i);
    let cls: number;
    if (c < 0x80) {
      cls = table[c]!;
      bytes[n++] = c;
    } else if (c < 0x800) {
      cls = classOf(c);
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c >= 0xe000) {
      cls = classOf(c);
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[n++] = 0x80 | (c & 0x3f);
    } else {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        cls = isWordChar(text.slice(i, i + 2)) ? WORD : OTHER; // no astral character is whitespace
        i++;
        bytes[n++] = 0xf0 | (cp >> 18);
        bytes[n++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
      } else {
        cls = OTHER; // a lone surrogate, encoded as U+FFFD as TextEncoder does
        bytes[n++] = 0xef;
        bytes[n++] = 0xbf;
        bytes[n++] = 0xbd;
      }
    }
    if (cls === WORD) {
      if (tokenStart < 0) tokenStart = at;
    } else if (tokenStart >= 0) {
      tokens[2 * tokenCount] = tokenStart;
      tokens[2 * tokenCount++ + 1] = at;
      tokenStart = -1;
    }
    if (cls !== SPACE) {
      if (wordStart < 0) wordStart = at;
    } else if (wordStart >= 0) {
      words[2 * wordCount] = wordStart;
      words[2 * wordCount++ + 1] = at;
      wordStart = -1;
    }
  }
  if (tokenStart >= 0) {
    tokens[2 * tokenCount] = tokenStart;
    tokens[2 * tokenCount++ + 1] = n;
  }
  if (wordStart >= 0) {
    words[2 * wordCount] = wordStart;
    words[2 * wordCount++ + 1] = n;
  }
  s.tokenCount = tokenCount;
  s.wordCount = wordCount;
  return s;
}

/**
 * The word tokens of `text` as the vectorizers see them (see the file header for the rule): for
 * inspecting what a HashingVectorizer hashes.
 */
export function tokenize(text: string, options?: TokenizeOptions): string[] {
  if (typeof text !== "string") throw new TypeError(`tokenize: text must be a string, got ${text === null ? "null" : typeof text}`);
  const lowercase = flag("lowercase", checkOptions("tokenize options", options, ["lowercase"]).lowercase ?? true);
  const s = scanText(lowercase ? text.toLowerCase() : text);
  const decoder = new TextDecoder();
  const out: string[] = [];
  for (let t = 0; t < s.tokenCount; t++) out.push(decoder.decode(s.bytes.subarray(s.tokens[2 * t]!, s.tokens[2 * t + 1]!)));
  return out;
}
