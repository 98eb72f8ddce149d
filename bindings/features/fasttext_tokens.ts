// fastText's tokens, over UTF-8 bytes: whitespace as readWord sees it, and the end-of-line token.

import { fastTextHash } from "./fasttext_hash.js";

/** The token fastText adds at each newline (and the last token of a line). */
export const EOS = "</s>";
/** EOS's UTF-8 bytes. */
export const EOS_BYTES = new TextEncoder().encode(EOS);
/** EOS's fastText hash, as int32. */
export const EOS_HASH = fastTextHash(EOS_BYTES) | 0;

/** fastText's whitespace bytes (readWord): space, \n, \r, \t, \v, \f, \0. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0;
}

/** Whether source[start, end) is EOS. */
export function isEosBytes(source: Uint8Array, start: number, end: number): boolean {
  if (source === EOS_BYTES) return true;
  if (end - start !== EOS_BYTES.length) return false;
  for (let k = 0; k < EOS_BYTES.length; k++) if (source[start + k] !== EOS_BYTES[k]) return false;
  return true;
}

/** Whether source[start, end) starts with prefix. */
export function startsWith(source: Uint8Array, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (source[start + k] !== prefix[k]) return false;
  return true;
}
