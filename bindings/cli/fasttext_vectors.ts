// The word and label vector files `wasmax supervised` writes beside the model, as fastText's
// saveVectors and saveOutput write them: a header line "count dim", then a name and its values (%.5g) a line.

import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { FastTextParts } from "../fasttext_api.js";
import { writeG } from "./fasttext_format.js";
import { fileError } from "./model_file.js";

/**
 * Writes the chunks to a temporary file beside `path`, then renames it into place (as writeAtomic, for
 * files too large to hold at once: a .vec of a large vocabulary runs to gigabytes). Each chunk is
 * written before the next is asked for, so a generator may reuse its buffer.
 */
export async function writeAtomicChunks(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const file = await open(temporary, "w");
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
}

const utf8 = new TextEncoder();
/** Bytes a number takes at most in %.5g ("-1.2345e-308"), and the buffer vectors are written through. */
const NUMBER_BYTES = 24;
const CHUNK_BYTES = 1 << 20;

/**
 * Lines `name v1 v2 … vd \n` (each value %.5g followed by a space, as fastText's operator<< for a
 * Vector) after a header line, in chunks of about a megabyte (one buffer, reused).
 */
function* vectorLines(header: string, count: number, line: (i: number) => { name: string; vector: Float32Array }): Generator<Uint8Array> {
  let buffer = new Uint8Array(CHUNK_BYTES);
  let at = utf8.encodeInto(`${header}\n`, buffer).written;
  for (let i = 0; i < count; i++) {
    const { name, vector } = line(i);
    const need = 3 * name.length + 2 + vector.length * (NUMBER_BYTES + 1);
    if (at + need > buffer.length) {
      yield buffer.subarray(0, at);
      if (need > buffer.length) buffer = new Uint8Array(need);
      at = 0;
    }
    at += utf8.encodeInto(name, buffer.subarray(at)).written;
    buffer[at++] = 32;
    for (let j = 0; j < vector.length; j++) {
      at = writeG(vector[j]!, 5, buffer, at);
      buffer[at++] = 32;
    }
    buffer[at++] = 10;
  }
  yield buffer.subarray(0, at);
}

/** A .vec file (FastText::saveVectors): "nwords dim", then each word and its vector (the mean of its rows). */
export function wordVectors(parts: FastTextParts): Iterable<Uint8Array> {
  const { dictionary, input, args } = parts;
  if (input.kind !== "dense") throw new Error("word vectors of a quantized model are not written");
  const dim = args.dim;
  const vector = new Float32Array(dim);
  return vectorLines(`${dictionary.nwords} ${dim}`, dictionary.nwords, (i) => {
    const word = dictionary.word(i);
    const rows = dictionary.subwordRows(word);
    vector.fill(0);
    for (const row of rows) for (let j = 0; j < dim; j++) vector[j]! += input.data[row * dim + j]!;
    // Vector::mul(1.0 / n): the factor is rounded to float32, then each product.
    if (rows.length > 0) {
      const scale = Math.fround(1 / rows.length);
      for (let j = 0; j < dim; j++) vector[j]! *= scale;
    }
    return { name: word, vector };
  });
}

/** A .output file (FastText::saveOutput): "nlabels dim", then each label and its output row. */
export function labelVectors(parts: FastTextParts): Iterable<Uint8Array> {
  const { dictionary, output, args } = parts;
  if (output.kind !== "dense") throw new Error("-saveOutput is not supported for quantized models");
  return vectorLines(`${dictionary.nlabels} ${args.dim}`, dictionary.nlabels, (i) => ({
    name: dictionary.label(i),
    vector: output.data.subarray(i * args.dim, (i + 1) * args.dim),
  }));
}
