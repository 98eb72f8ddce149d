// UTF-8 codecs made on first use. A module-level `new TextEncoder()` is a top-level call, which keeps its
// module (and what it imports) in every bundle that includes the file; made lazily, bundlers can drop it.

let encoder: TextEncoder | undefined;
let lenient: TextDecoder | undefined;
let strict: TextDecoder | undefined;

/** The UTF-8 encoder. */
export function utf8Encoder(): TextEncoder {
  return (encoder ??= new TextEncoder());
}

/**
 * A UTF-8 decoder that keeps a leading U+FEFF (ignoreBOM: fastText keeps it as part of a word, where the
 * default would strip it). `fatal`: invalid UTF-8 throws a TypeError instead of becoming U+FFFD.
 */
export function utf8Decoder(fatal = false): TextDecoder {
  if (fatal) return (strict ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }));
  return (lenient ??= new TextDecoder("utf-8", { ignoreBOM: true }));
}
