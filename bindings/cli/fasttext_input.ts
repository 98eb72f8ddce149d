// A fastText command's input, read as fastText 0.9.2 reads it: a file's or standard input's text, the
// lines fastText's getLine takes from it, and a .bin / .ftz model file.

import { readFile } from "node:fs/promises";
import { FastTextClassifier } from "../fasttext_api.js";
import { fileError } from "./model_file.js";

/** The text of a file, or of standard input for `-`; an Error naming the file when it cannot be read. */
export async function readText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  try {
    if (path !== "-") return await readFile(path, "utf8");
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    throw new Error(`${path === "-" ? "standard input" : path}: ${fileError(error)}`, { cause: error });
  }
}

/** Whether the UTF-16 code unit `c` separates fastText tokens (space, \t, \n, \v, \f, \r, \0). */
export const isSeparator = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0;

/**
 * The lines fastText's getLine reads from `text`, each without the end of sentence that ends it: a "\n",
 * or a "</s>" token (fastText's end-of-sentence token ends a line wherever it stands: "a </s> b\n" is two
 * lines, "a " and " b"; after it fastText consumes one separator other than "\n", which then ends an
 * empty line of its own). `ended` is false when the last line runs to the end of the text with no end of
 * sentence; a text that ends with one has no empty line after it.
 */
export function fastTextLines(text: string): { lines: string[]; ended: boolean } {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines.push(text.slice(start, i));
      start = ++i;
    } else if (isSeparator(c)) i++;
    else {
      const token = i;
      while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
      if (i - token !== 4 || !text.startsWith("</s>", token)) continue;
      lines.push(text.slice(start, token));
      if (i < text.length && text.charCodeAt(i) !== 10) i++;
      start = i;
    }
  }
  const ended = start === text.length;
  if (!ended) lines.push(text.slice(start));
  return { lines, ended };
}

/** The model in a .bin or .ftz file; an Error naming the file when it cannot be read or is not one. */
export async function loadModel(path: string): Promise<FastTextClassifier> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
  try {
    return FastTextClassifier.fromFastText(bytes);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
