// fastText's tokens, over UTF-8 bytes: whitespace as readWord sees it, and the end-of-line token.

/** The token fastText adds at each newline (and the last token of a line). */
export const EOS = "</s>";
let eos: Uint8Array<ArrayBuffer> | undefined;
/**
 * EOS's UTF-8 bytes (one array, made on first use: a module with no top-level call is one bundlers
 * can drop from apps that do not use it).
 */
export function eosBytes(): Uint8Array<ArrayBuffer> {
  return (eos ??= Uint8Array.of(60, 47, 115, 62));
}
/** EOS's fastText hash, as int32 (fastTextHash of its bytes; checked by test/fasttext). */
export const EOS_HASH = -677604519;

/** fastText's whitespace bytes (readWord): space, \n, \r, \t, \v, \f, \0. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0;
}

/** Whether source[start, end) is EOS. */
export function isEosBytes(source: Uint8Array, start: number, end: number): boolean {
  if (source === eos) return true;
  if (end - start !== 4) return false;
  const e = eosBytes();
  for (let k = 0; k < 4; k++) if (source[start + k] !== e[k]) return false;
  return true;
}

/** Whether source[start, end) starts with prefix. */
export function startsWith(source: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (source[start + k] !== prefix[k]) return false;
  return true;
}
