// Property suite over fastText's formats and text (pure JS): corrupted files (truncated, bit-flipped,
// absurd sizes, random bytes) are FastTextError and nothing else, and a file that reads writes back to
// the same bytes; the dictionary's rows equal a slow reference (strings, code points, BigInt hashing)
// and stay inside the input matrix; quantizing random matrices is deterministic and gives valid files.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { junk } from "./arbitraries.js";
import { check, outcome } from "./properties.js";
import { fixtureBytes } from "../fasttext/fixtures.js";

const {
  readFastText,
  writeFastText,
  FastTextDictionary,
  FastTextError,
  fastTextArgs,
  cxxSort,
  quantizeData,
  MinstdRand,
  uint32Mod,
  uint64Mod,
} = wasmax.fastTextInternals;
const FastText = suite("properties: fastText files and dictionary");

const FILES = ["langid-hs.bin", "langid-softmax.ftz", "manpage-softmax.ftz"].map((name) => fixtureBytes(name));

/** readFastText(bytes): its data, or a FastTextError (any other error fails the property). */
function read(bytes) {
  try {
    return readFastText(bytes);
  } catch (error) {
    assert.instance(error, FastTextError, `not a FastTextError: ${error?.name}: ${error?.message}`);
    assert.ok(Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= bytes.length, `offset ${error.offset}`);
    return undefined;
  }
}

/** A file that reads must write back to the same bytes. */
function readsBackExactly(bytes) {
  const data = read(bytes);
  if (data) assert.ok(Buffer.from(writeFastText(data)).equals(Buffer.from(bytes)), "read, then written: other bytes");
}

const corruption = fc.oneof(
  fc.record({ kind: fc.constant("truncate"), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant("flip"),
    flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({
    kind: fc.constant("size"),
    // An int32 or int64 field among the header, args and dictionary sizes (the first 84 bytes).
    at: fc.integer({ min: 0, max: 80 }),
    wide: fc.boolean(),
    value: fc.constantFrom(-1, 0, 1, 255, 2 ** 31 - 1, -(2 ** 31), 2 ** 40, 2 ** 62, -(2 ** 62)),
  }),
);

function corrupt(bytes, c) {
  if (c.kind === "truncate") return bytes.subarray(0, Math.floor(c.at * bytes.length));
  const copy = bytes.slice();
  if (c.kind === "flip") {
    for (const [where, mask] of c.flips) copy[Math.floor(where * copy.length)] ^= mask;
  } else if (c.wide) {
    new DataView(copy.buffer).setBigInt64(c.at, BigInt(c.value), true);
  } else {
    new DataView(copy.buffer).setInt32(c.at, Number(BigInt.asIntN(32, BigInt(c.value))), true);
  }
  return copy;
}

FastText("readFastText: truncated, bit-flipped and resized files are FastTextError, or read and write back exactly", () => {
  check(
    fc.property(fc.integer({ min: 0, max: FILES.length - 1 }), corruption, (file, c) => readsBackExactly(corrupt(FILES[file], c))),
    { runs: 300, fresh: 100 },
  );
});

FastText("readFastText: random bytes, and a valid header followed by random bytes", () => {
  const header = FILES[0].subarray(0, 8);
  check(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, withHeader) => {
      const bytes = withHeader ? Uint8Array.from([...header, ...tail]) : tail;
      readsBackExactly(bytes);
    }),
  );
  for (const value of [[], "bin", null, new Uint16Array(4), FILES[0].buffer]) outcome(() => readFastText(value), "readFastText(junk)");
});

FastText("writeFastText: junk data is a TypeError or RangeError", () => {
  const data = readFastText(FILES[0]);
  const fields = ["args", "dictionary", "input", "output"];
  check(
    fc.property(fc.constantFrom(...fields), junk, (field, value) => {
      outcome(() => writeFastText({ ...data, [field]: value }), `writeFastText with ${field} junk`);
    }),
    { runs: 100, fresh: 50 },
  );
});

// ---- The dictionary against a slow reference -------------------------------------------------

const encoder = new TextEncoder();
const SPACES = /[ \n\r\t\v\f\0]+/;

function refHash(text) {
  let h = 2166136261;
  for (const byte of encoder.encode(text)) h = Math.imul((h ^ ((byte << 24) >> 24)) >>> 0, 16777619) >>> 0;
  return h;
}

/** fastText's getLine from its description: strings, code points and BigInt. */
function referenceLine(d, args, text) {
  const { nwords } = d;
  const ids = new Map(d.toData().words.map((w, i) => [w, i]));
  const rows = [];
  const labels = [];
  const hashes = [];
  const grams = (word) => {
    const chars = Array.from(`<${word}>`);
    for (let i = 0; i < chars.length; i++) {
      for (let n = 1; n <= args.maxn && i + n <= chars.length; n++) {
        if (n < args.minn || (n === 1 && (i === 0 || i + n === chars.length))) continue;
        rows.push(nwords + (refHash(chars.slice(i, i + n).join("")) % args.bucket));
      }
    }
  };
  // Lone surrogates are U+FFFD, as TextEncoder encodes them.
  const tokens = [...text.toWellFormed().split(SPACES).filter(Boolean), "</s>"];
  for (const token of tokens) {
    const id = ids.get(token) ?? -1;
    if (id >= nwords) labels.push(id - nwords);
    else if (id >= 0 || !token.startsWith(args.label)) {
      if (id >= 0) rows.push(id);
      if (token !== "</s>" && args.maxn > 0) grams(token);
      hashes.push(refHash(token) | 0);
    }
    if (token === "</s>") break;
  }
  for (let i = 0; i < hashes.length; i++) {
    let h = BigInt.asUintN(64, BigInt(hashes[i]));
    for (let j = i + 1; j < hashes.length && j < i + args.wordNgrams; j++) {
      h = BigInt.asUintN(64, h * 116049371n + BigInt.asUintN(64, BigInt(hashes[j])));
      rows.push(nwords + Number(h % BigInt(args.bucket)));
    }
  }
  return { rows, labels };
}

const word = fc.oneof(
  fc.constantFrom("a", "b", "cat", "é", "日本", "😀x", "__label__x", "__label__y", "</s>", "\uFEFFbom", "a\ud800b"),
  fc.string({ minLength: 1, maxLength: 6, unit: "binary" }),
);
const line = fc
  .array(fc.tuple(word, fc.constantFrom(" ", "  ", "\t", "\r", "\v", "\f", "\0")), { maxLength: 8 })
  .map((parts) => parts.flat().join(""));
const dictionaryArgs = fc
  .record({
    minn: fc.integer({ min: 0, max: 3 }),
    span: fc.integer({ min: 0, max: 3 }),
    wordNgrams: fc.integer({ min: 1, max: 4 }),
    minCount: fc.integer({ min: 1, max: 2 }),
  })
  .map(({ minn, span, wordNgrams, minCount }) =>
    fastTextArgs({ minn: span === 0 ? 0 : minn, maxn: span === 0 ? 0 : minn + span, wordNgrams, minCount, bucket: 97 }),
  );

FastText("getLine equals the reference on random lines; rows stay inside the input matrix; data round trips", () => {
  check(
    fc.property(dictionaryArgs, fc.array(line, { minLength: 1, maxLength: 6 }), fc.array(line, { maxLength: 4 }), (args, train, tests) => {
      let d;
      try {
        d = FastTextDictionary.build(train, args);
      } catch (error) {
        assert.match(error.message, /empty vocabulary/);
        return;
      }
      assert.equal(new FastTextDictionary(d.toData(), args).toData(), d.toData(), "toData round trip");
      for (const text of [...tests, ...train].filter((t) => !t.includes("\n"))) {
        const got = d.getLine(text);
        const expected = referenceLine(d, args, text);
        assert.equal(Array.from(got.words), expected.rows, `rows of ${JSON.stringify(text)}`);
        assert.equal(Array.from(got.labels), expected.labels, `labels of ${JSON.stringify(text)}`);
        for (const r of got.words) assert.ok(r >= 0 && r < d.nwords + args.bucket);
      }
    }),
    { runs: 200, fresh: 100 },
  );
});

FastText("dictionary: junk texts, labels and rows are TypeError or RangeError", () => {
  const d = FastTextDictionary.build(["__label__a x y"], fastTextArgs());
  check(
    fc.property(junk, junk, (a, b) => {
      outcome(() => d.getLine(a), "getLine(junk)");
      outcome(() => d.encode(a, b), "encode(junk, junk)");
      outcome(() => d.encode(["x"], [b]), "encode labels junk");
      outcome(() => d.prune(a), "prune(junk)");
      outcome(() => d.word(a), "word(junk)");
      outcome(() => FastTextDictionary.build([a], fastTextArgs()), "build(junk line)");
      outcome(() => fastTextArgs({ dim: a }), "fastTextArgs(junk)");
    }),
    { runs: 150, fresh: 50 },
  );
});

FastText("uint32Mod and uint64Mod equal BigInt's remainder", () => {
  const uint32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  const modulus = fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(1, 2, 3, 2 ** 31 - 1, 2 ** 30, 2000000));
  check(
    fc.property(uint32, uint32, modulus, (hi, lo, m) => {
      assert.is(uint32Mod(lo, m), Number(BigInt(lo) % BigInt(m)));
      assert.is(uint64Mod(hi, lo, m), Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m)));
    }),
  );
});

FastText("cxxSort sorts (a permutation in order) whatever the ties; MinstdRand's shuffle is a permutation", () => {
  check(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), fc.integer({ min: 1, max: 2 ** 31 - 2 }), (keys, seed) => {
      const items = Int32Array.from(keys, (_, i) => i);
      cxxSort(items, (a, b) => keys[a] > keys[b]);
      assert.equal(
        [...items].sort((a, b) => a - b),
        keys.map((_, i) => i),
      );
      for (let i = 1; i < items.length; i++) assert.ok(keys[items[i - 1]] >= keys[items[i]]);
      const perm = Int32Array.from(keys, (_, i) => i);
      new MinstdRand(seed).shuffle(perm);
      assert.equal(
        [...perm].sort((a, b) => a - b),
        keys.map((_, i) => i),
      );
    }),
  );
});

FastText("quantizeData on random matrices: deterministic, codes in range, a file that reads back", () => {
  const base = readFastText(FILES[0]);
  check(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (dim, dsub, qnorm, seed) => {
        const next = new MinstdRand(seed + 1);
        const nwords = 256 + (seed % 40);
        const input = {
          kind: "dense",
          rows: nwords,
          cols: dim,
          data: Float32Array.from({ length: nwords * dim }, () => next.uniformReal() - 0.5),
        };
        const output = { kind: "dense", rows: 1, cols: dim, data: new Float32Array(dim) };
        const words = Array.from({ length: nwords }, (_, i) => `w${i}`);
        const data = {
          args: { ...base.args, dim, bucket: 0 },
          dictionary: {
            words: [...words, "__label__a"],
            counts: new Float64Array(nwords + 1).fill(1),
            nwords,
            nlabels: 1,
            ntokens: nwords,
            pruneidx: null,
          },
          input,
          output,
        };
        const q = quantizeData(data, { dsub, qnorm });
        assert.equal(q, quantizeData(data, { dsub, qnorm }), "deterministic");
        assert.is(q.input.codes.length, nwords * Math.ceil(dim / dsub));
        assert.equal(readFastText(writeFastText(q)), q);
      },
    ),
    { runs: 8, fresh: 4 },
  );
});

FastText.run();
