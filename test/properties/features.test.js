// Property suite over SparseMatrix and the text features (pure JS, no wasm): canonical form whatever
// the input order, builders that agree with each other and with a float64 reference, vectorizers that
// are deterministic and equal a slow reference, and typed errors only for careless input.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { junk, options } from "./arbitraries.js";
import { check, outcome } from "./properties.js";

const { SparseMatrix, HashingVectorizer, TfidfTransformer, tokenize, murmurHash3 } = wasmax;
const Features = suite("properties: SparseMatrix and text features");

/** Asserts the canonical form: monotone indptr, columns strictly increasing in [0, cols), values non-zero finite. */
function assertCanonical(m, what) {
  assert.is(m.indptr[0], 0, `${what}: indptr[0]`);
  assert.is(m.indptr[m.rows], m.indices.length, `${what}: indptr ends at nnz`);
  assert.is(m.data.length, m.indices.length, `${what}: data length`);
  for (let r = 0; r < m.rows; r++) {
    assert.ok(m.indptr[r + 1] >= m.indptr[r], `${what}: indptr decreases at row ${r}`);
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      assert.ok(m.indices[k] >= 0 && m.indices[k] < m.cols, `${what}: row ${r}: column ${m.indices[k]} out of range`);
      if (k > m.indptr[r]) assert.ok(m.indices[k] > m.indices[k - 1], `${what}: row ${r}: columns not increasing`);
      assert.ok(m.data[k] !== 0 && Number.isFinite(m.data[k]), `${what}: row ${r}: value ${m.data[k]}`);
    }
  }
}

/** Entries [row, column, value] of a rows × cols matrix, in any order, with repeats. */
const entries = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }))
  .chain(([rows, cols]) =>
    fc.tuple(
      fc.constant(rows),
      fc.constant(cols),
      rows === 0
        ? fc.constant([])
        : fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: rows - 1 }),
              fc.integer({ min: 0, max: cols - 1 }),
              fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
            ),
            { maxLength: 30 },
          ),
    ),
  );

Features("SparseMatrix: fromCSR (rows in any order), fromRows and a float64 reference agree; canonical form", () => {
  check(
    fc.property(entries, ([rows, cols, list]) => {
      const byRow = Array.from({ length: rows }, () => []);
      for (const [r, c, v] of list) byRow[r].push([c, v]);
      const reference = new Float64Array(rows * cols);
      for (const [r, c, v] of list) reference[r * cols + c] += v;
      const expected = Array.from(reference, (v) => Math.fround(v));
      const indptr = [0];
      for (const row of byRow) indptr.push(indptr.at(-1) + row.length);
      const fromCSR = SparseMatrix.fromCSR({
        indptr,
        indices: byRow.flat().map(([c]) => c),
        data: Float64Array.from(byRow.flat().map(([, v]) => v)),
        cols,
      });
      const fromRows = SparseMatrix.fromRows(byRow, cols);
      for (const [m, what] of [
        [fromCSR, "fromCSR"],
        [fromRows, "fromRows"],
      ]) {
        assertCanonical(m, what);
        assert.equal(Array.from(m.toDense()), expected, `${what} vs float64 sums`);
      }
      const again = SparseMatrix.fromCSR({ indptr: fromRows.indptr, indices: fromRows.indices, data: fromRows.data, cols });
      assert.equal(again.data, fromRows.data, "canonical input is a fixed point");
    }),
  );
});

Features("SparseMatrix: sliceRows and selectRows equal the same rows of toDense", () => {
  const withPicks = entries.chain(([rows, cols, list]) =>
    fc.tuple(
      fc.constant([rows, cols, list]),
      fc.array(fc.integer({ min: 0, max: Math.max(0, rows - 1) }), { maxLength: rows === 0 ? 0 : 8 }),
      fc.integer({ min: 0, max: rows }),
      fc.integer({ min: 0, max: rows }),
    ),
  );
  check(
    fc.property(withPicks, ([[rows, cols, list], picks, a, b]) => {
      const m = SparseMatrix.fromRows(
        Array.from({ length: rows }, (_, r) => list.filter(([row]) => row === r).map(([, c, v]) => [c, v])),
        cols,
      );
      const d = Array.from(m.toDense());
      const [from, to] = a <= b ? [a, b] : [b, a];
      const slice = m.sliceRows(from, to);
      assertCanonical(slice, "sliceRows");
      assert.equal(Array.from(slice.toDense()), d.slice(from * cols, to * cols));
      const select = m.selectRows(Int32Array.from(picks));
      assertCanonical(select, "selectRows");
      assert.equal(
        Array.from(select.toDense()),
        picks.flatMap((r) => d.slice(r * cols, (r + 1) * cols)),
      );
    }),
  );
});

Features("SparseMatrix builders and methods: typed errors only for careless input", () => {
  const careless = fc.oneof(junk, fc.array(fc.oneof(junk, fc.integer({ min: -2, max: 4 }), fc.double()), { maxLength: 4 }));
  const row = fc.oneof(
    junk,
    fc.dictionary(fc.oneof(fc.constantFrom("0", "1", "-1", "7", "1.5"), fc.string({ maxLength: 2 })), fc.oneof(fc.double(), junk), {
      maxKeys: 3,
    }),
    fc.array(fc.oneof(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.oneof(fc.double(), junk)), junk), { maxLength: 3 }),
  );
  check(
    fc.property(
      careless,
      careless,
      careless,
      fc.oneof(fc.integer({ min: -1, max: 4 }), junk),
      fc.array(row, { maxLength: 3 }),
      (p, i, d, cols, rows) => {
        outcome(() => SparseMatrix.fromCSR({ indptr: p, indices: i, data: d, cols }), "fromCSR");
        outcome(() => SparseMatrix.fromCSR(p), "fromCSR of junk");
        const m = outcome(() => SparseMatrix.fromRows(rows, cols), "fromRows").value;
        if (m) {
          assertCanonical(m, "fromRows");
          outcome(() => m.selectRows(i), "selectRows");
          outcome(() => m.sliceRows(cols, p), "sliceRows");
        }
      },
    ),
  );
});

/** Texts mixing the cases the tokenizer must handle: scripts, marks, emoji, lone surrogates, odd whitespace. */
const unit = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("a", "B", "é", "ß", "я", "Ж", "ω", "Σ", "中", "の", "ह", "ि", "\u0301", "_", "7", "½", "Ⅻ", "İ"),
  },
  { weight: 3, arbitrary: fc.constantFrom(" ", " ", "\t", "\n", "\u00a0", "\u3000", "\x1c", "\ufeff", "\u2028", "\x85") },
  { weight: 2, arbitrary: fc.constantFrom(".", ",", "'", "-", "!", "😀", "👍🏽", "\u200d", "€", "\ud800", "\udfff", "\0") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 2 }) },
);
const text = fc.string({ unit, maxLength: 24 });
const range = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 })).map(([lo, extra]) => [lo, lo + extra]);
const vectorizerOptions = fc
  .record({
    nFeatures: fc.oneof(fc.constantFrom(1, 7, 2 ** 20, 2 ** 31 - 1), fc.integer({ min: 1, max: 64 })),
    ngramRange: fc.oneof(range, fc.constant(null)),
    charNgramRange: fc.oneof(range, fc.constant(null)),
    lowercase: fc.boolean(),
    alternateSign: fc.boolean(),
    norm: fc.constantFrom("l2", "l1", null),
    binary: fc.boolean(),
  })
  .filter((o) => o.ngramRange !== null || o.charNgramRange !== null);
const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** The features of one text, the slow way: tokenize(), Python's split(), char_wb over code points, murmurHash3 of UTF-8. */
function referenceCounts(t, o) {
  const counts = new Map();
  const add = (s) => {
    const h = murmurHash3(s);
    const c = Math.abs(h) % o.nFeatures;
    counts.set(c, (counts.get(c) ?? 0) + (o.alternateSign && h < 0 ? -1 : 1));
  };
  if (o.ngramRange) {
    const tokens = tokenize(t, { lowercase: o.lowercase });
    for (let n = o.ngramRange[0]; n <= o.ngramRange[1]; n++)
      for (let i = 0; i + n <= tokens.length; i++) add(tokens.slice(i, i + n).join(" "));
  }
  if (o.charNgramRange) {
    for (const word of (o.lowercase ? t.toLowerCase() : t).split(PYTHON_SPACE)) {
      if (word === "") continue;
      const w = [" ", ...word, " "];
      for (let n = o.charNgramRange[0]; n <= o.charNgramRange[1]; n++) {
        if (n >= w.length) {
          add(w.join(""));
          break;
        }
        for (let i = 0; i + n <= w.length; i++) add(w.slice(i, i + n).join(""));
      }
    }
  }
  return [...counts].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
}

Features("tokenize equals the regular expression [\\p{L}\\p{M}\\p{N}_]+ over the lower-cased text", () => {
  check(
    fc.property(text, fc.boolean(), (t, lowercase) => {
      const s = (lowercase ? t.toLowerCase() : t).replace(/\p{Surrogate}/gu, "\ufffd");
      assert.equal(tokenize(t, { lowercase }), s.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []);
    }),
  );
});

Features("HashingVectorizer: equal to the slow reference; deterministic; row by row = batch; canonical; norms 1", () => {
  check(
    fc.property(fc.array(text, { maxLength: 5 }), vectorizerOptions, (texts, o) => {
      const v = new HashingVectorizer(o);
      const X = v.transform(texts);
      assertCanonical(X, "transform");
      assert.is(X.cols, o.nFeatures);
      assert.equal(v.transform(texts).data, X.data, "deterministic");
      texts.forEach((t, r) => {
        const row = v.transform([t]);
        assert.equal(Array.from(row.indices), Array.from(X.indices.subarray(X.indptr[r], X.indptr[r + 1])), `row ${r} alone`);
        const want = referenceCounts(t, o);
        assert.equal(
          Array.from(row.indices),
          want.map(([c]) => c),
          `columns of ${JSON.stringify(t)}`,
        );
        const values = want.map(([, n]) => (o.binary ? 1 : n));
        const norm = o.norm === "l2" ? Math.hypot(...values) : o.norm === "l1" ? values.reduce((s, x) => s + Math.abs(x), 0) : 1;
        const got = Array.from(row.data);
        values.forEach((x, k) =>
          assert.ok(Math.abs(got[k] - x / (norm || 1)) <= 1e-6 * Math.abs(x / (norm || 1)), `value ${k} of ${JSON.stringify(t)}`),
        );
        if (o.norm === "l2" && got.length > 0) assert.ok(Math.abs(Math.hypot(...got) - 1) < 1e-6, "l2 norm 1");
      });
      assert.equal(HashingVectorizer.fromJSON(JSON.parse(JSON.stringify(v))).transform(texts).indices, X.indices, "JSON round trip");
    }),
    { runs: 200, fresh: 100 },
  );
});

Features("tokenize, murmurHash3, HashingVectorizer and TfidfTransformer: typed errors only for careless options and input", () => {
  const valid = {
    nFeatures: fc.oneof(fc.integer({ min: -1, max: 2 ** 31 }), junk),
    ngramRange: fc.oneof(range, fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }), junk),
    charNgramRange: fc.oneof(range, fc.constant(null), junk),
    lowercase: fc.oneof(fc.boolean(), junk),
    alternateSign: fc.oneof(fc.boolean(), junk),
    norm: fc.oneof(fc.constantFrom("l2", "l1", null, "max"), junk),
    binary: fc.oneof(fc.boolean(), junk),
  };
  const tfidfValid = { norm: valid.norm, useIdf: valid.lowercase, smoothIdf: valid.binary, sublinearTf: valid.alternateSign };
  const texts = fc.oneof(
    { weight: 3, arbitrary: fc.array(text, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(text, junk), { maxLength: 3 }) },
    junk,
  );
  check(
    fc.property(options(valid), options(tfidfValid), texts, texts, (o, to, a, b) => {
      outcome(() => tokenize(a, to), "tokenize");
      outcome(() => murmurHash3(b, o), "murmurHash3");
      const v = outcome(() => new HashingVectorizer(o), "new HashingVectorizer").value;
      outcome(
        () => HashingVectorizer.fromJSON({ format: "wasmax/HashingVectorizer", version: 1, options: o }),
        "HashingVectorizer.fromJSON",
      );
      const t = outcome(() => new TfidfTransformer(to), "new TfidfTransformer").value;
      if (!v) return;
      const X = outcome(() => v.transform(a), "transform").value;
      outcome(() => v.fit(b), "fit");
      if (!t) return;
      outcome(() => t.transform(X), "TfidfTransformer.transform before fit");
      const fitted = outcome(() => t.fit(X ?? a), "TfidfTransformer.fit").value;
      if (!fitted) return;
      const Y = outcome(
        () => fitted.transform(v.transform(Array.isArray(b) && b.every((s) => typeof s === "string") ? b : ["x"])),
        "transform",
      ).value;
      if (Y) {
        assertCanonical(Y, "tf-idf");
        if (fitted.norm === "l2") {
          for (let r = 0; r < Y.rows; r++) {
            const row = Y.data.subarray(Y.indptr[r], Y.indptr[r + 1]);
            if (row.length > 0) assert.ok(Math.abs(Math.hypot(...row) - 1) < 1e-6, `tf-idf row ${r} norm`);
          }
        }
      }
      const json = fitted.toJSON();
      outcome(() => TfidfTransformer.fromJSON({ ...json, df: a }), "TfidfTransformer.fromJSON with junk df");
      outcome(() => TfidfTransformer.fromJSON({ ...json, columns: b, nSamples: o }), "TfidfTransformer.fromJSON with junk columns");
    }),
  );
});

Features.run();
