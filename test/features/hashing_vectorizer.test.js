import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { assertCSR, textFixture } from "./fixtures.js";

const { HashingVectorizer, SparseMatrix, isSparseMatrix, murmurHash3, tokenize } = wasmax;
const Hashing = suite("HashingVectorizer");
const fixture = textFixture("hashing.json");

for (const c of fixture.cases) {
  Hashing(`matches scikit-learn: ${JSON.stringify(c.options)}`, () => {
    const X = new HashingVectorizer(c.options).transform(fixture.corpus);
    assert.ok(isSparseMatrix(X));
    assert.is(X.cols, c.options.nFeatures);
    assertCSR(X, c, JSON.stringify(c.options));
  });
}

Hashing("the fixtures cover what they claim: collisions that cancel, and one- and two-byte tails", () => {
  assert.ok(fixture.cases.some((c) => c.explicitZerosDropped > 0));
  assert.ok(fixture.corpus.some((t) => t === ""));
});

Hashing("defaults: 2^20 columns, unigrams, lowercase, no alternate sign, l2", () => {
  const v = new HashingVectorizer();
  assert.equal(v.toJSON().options, {
    nFeatures: 2 ** 20,
    ngramRange: [1, 1],
    charNgramRange: null,
    lowercase: true,
    alternateSign: false,
    norm: "l2",
    binary: false,
  });
  const X = v.transform(["Cat cat dog"]);
  const cat = Math.abs(murmurHash3("cat")) % 2 ** 20;
  const dog = Math.abs(murmurHash3("dog")) % 2 ** 20;
  const dense = X.sliceRows(0, 1).toDense();
  assert.ok(Math.abs(dense[cat] - 2 / Math.hypot(2, 1)) < 1e-7);
  assert.ok(Math.abs(dense[dog] - 1 / Math.hypot(2, 1)) < 1e-7);
  assert.is(X.nnz, 2);
});

Hashing("word n-grams are the tokens joined by one space, whatever separated them", () => {
  const v = new HashingVectorizer({ nFeatures: 2 ** 30, ngramRange: [2, 2], norm: null });
  const X = v.transform(["new york", "New, York!", "new \t\n york", "new_york"]);
  const rows = [0, 1, 2, 3].map((r) => Array.from(X.indices.subarray(X.indptr[r], X.indptr[r + 1])));
  const column = Math.abs(murmurHash3("new york")) % 2 ** 30;
  assert.equal(rows, [[column], [column], [column], []], "new_york is one token: no bigram");
});

Hashing("every text's features are those of its tokens (tokenize) and words, hashed", () => {
  const texts = fixture.corpus;
  const encoder = new TextEncoder();
  const v = new HashingVectorizer({ nFeatures: 2 ** 31 - 1, ngramRange: [1, 3], charNgramRange: [1, 4], norm: null, alternateSign: true });
  const X = v.transform(texts);
  texts.forEach((text, r) => {
    const expected = new Map();
    const add = (s) => {
      const h = murmurHash3(encoder.encode(s));
      const c = Math.abs(h) % (2 ** 31 - 1);
      expected.set(c, (expected.get(c) ?? 0) + (h < 0 ? -1 : 1));
    };
    const tokens = tokenize(text);
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= tokens.length; i++) add(tokens.slice(i, i + n).join(" "));
    // Python's str.split() whitespace, then scikit-learn's char_wb loop over code points.
    for (const word of text.toLowerCase().split(/[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u)) {
      if (word === "") continue;
      const w = [" ", ...word, " "];
      for (let n = 1; n <= 4; n++) {
        if (n >= w.length) {
          add(w.join(""));
          break;
        }
        for (let o = 0; o + n <= w.length; o++) add(w.slice(o, o + n).join(""));
      }
    }
    const want = [...expected].filter(([, count]) => count !== 0).sort((a, b) => a[0] - b[0]);
    const from = X.indptr[r];
    assert.equal(
      Array.from(X.indices.subarray(from, X.indptr[r + 1])),
      want.map(([c]) => c),
      `columns of text ${r}`,
    );
    assert.equal(
      Array.from(X.data.subarray(from, X.indptr[r + 1])),
      want.map(([, n]) => n),
      `counts of text ${r}`,
    );
  });
});

Hashing("lone surrogates hash as U+FFFD; long texts and tokens past any buffer size", () => {
  const v = new HashingVectorizer({ nFeatures: 1024, ngramRange: [1, 2], charNgramRange: [2, 3], norm: null });
  const a = v.transform(["ab\ud800cd \udc00", "ab\ufffdcd \ufffd"]);
  assert.equal(a.sliceRows(0, 1).toDense(), a.sliceRows(1, 2).toDense());
  const long = "lorem ipsum dolor sit amet ".repeat(20000) + "x".repeat(100000);
  const X = v.transform([long]);
  const words = long.split(" ").filter(Boolean).length;
  const sum = X.data.reduce((s, x) => s + x, 0);
  const chars = [...long.replaceAll(" ", "")].length;
  // unigrams + bigrams + per word (length L + 2 padded): (L + 1) bigrams and L trigrams
  assert.is(sum, words + (words - 1) + (chars + words) + chars);
});

Hashing("the output is canonical: sorted columns, no zeros, l2 rows of norm 1", () => {
  const X = new HashingVectorizer({ nFeatures: 4, ngramRange: [1, 2], alternateSign: true }).transform(fixture.corpus);
  const Y = SparseMatrix.fromCSR({ indptr: X.indptr, indices: X.indices, data: X.data, cols: X.cols });
  assert.equal(Y.indices, X.indices);
  assert.equal(Y.data, X.data);
  for (let r = 0; r < X.rows; r++) {
    const row = X.data.subarray(X.indptr[r], X.indptr[r + 1]);
    const n = Math.hypot(...row);
    assert.ok(row.length === 0 || Math.abs(n - 1) < 1e-6, `row ${r} has norm ${n}`);
  }
});

Hashing("no texts: a 0-row matrix; fit returns this; fitTransform = transform", () => {
  const v = new HashingVectorizer({ nFeatures: 16 });
  const X = v.transform([]);
  assert.is(X.rows, 0);
  assert.is(X.cols, 16);
  assert.is(v.fit(["a"]), v);
  assert.is(v.fit(), v);
  assert.equal(v.fitTransform(["a b", "c"]).data, v.transform(["a b", "c"]).data);
});

Hashing("toJSON / fromJSON round trip, and a checked fromJSON", () => {
  const v = new HashingVectorizer({ nFeatures: 999, ngramRange: null, charNgramRange: [2, 5], lowercase: false, norm: null, binary: true });
  const json = JSON.parse(JSON.stringify(v));
  const w = HashingVectorizer.fromJSON(json);
  assert.equal(w.toJSON(), v.toJSON());
  assert.equal(w.transform(["Hello there"]).data, v.transform(["Hello there"]).data);
  rejects(() => HashingVectorizer.fromJSON({ ...json, format: "wasmax/Other" }), TypeError, /not a wasmax\/HashingVectorizer/);
  rejects(() => HashingVectorizer.fromJSON({ ...json, version: 2 }), TypeError, /version 2 is not supported/);
  rejects(() => HashingVectorizer.fromJSON({ ...json, version: 1.5 }), TypeError, /version 1.5/);
  rejects(() => HashingVectorizer.fromJSON({ ...json, options: { ...json.options, nFeatures: 0 } }), RangeError, /nFeatures/);
  rejects(() => HashingVectorizer.fromJSON({ ...json, options: { ...json.options, nFeature: 3 } }), TypeError, /did you mean nFeatures/);
  rejects(() => HashingVectorizer.fromJSON(null), TypeError, /not a wasmax\/HashingVectorizer/);
});

Hashing("bad options and texts: typed errors that name them", () => {
  rejects(() => new HashingVectorizer({ nfeatures: 8 }), TypeError, /unknown option "nfeatures"/, /did you mean nFeatures/);
  rejects(() => new HashingVectorizer({ ngram_range: [1, 2] }), TypeError, /did you mean ngramRange/);
  rejects(() => new HashingVectorizer({ nFeatures: 2 ** 31 }), RangeError, /nFeatures/);
  rejects(() => new HashingVectorizer({ nFeatures: 1.5 }), TypeError, /nFeatures must be an integer/);
  rejects(() => new HashingVectorizer({ ngramRange: [2, 1] }), RangeError, /ngramRange/, /1 <= min <= max/);
  rejects(() => new HashingVectorizer({ ngramRange: [0, 1] }), RangeError, /ngramRange/);
  rejects(() => new HashingVectorizer({ charNgramRange: [1] }), TypeError, /charNgramRange must be \[min, max\]/);
  rejects(() => new HashingVectorizer({ ngramRange: null }), RangeError, /both null/);
  rejects(() => new HashingVectorizer({ norm: "l3" }), RangeError, /norm must be 'l2', 'l1' or null/);
  rejects(() => new HashingVectorizer({ norm: 2 }), TypeError, /norm/);
  rejects(() => new HashingVectorizer({ binary: 1 }), TypeError, /binary must be true or false/);
  rejects(() => new HashingVectorizer([1]), TypeError, /options object/);
  const v = new HashingVectorizer();
  rejects(() => v.transform("one text"), TypeError, /array of strings/, /wrap it/);
  rejects(() => v.transform(["ok", "fine", 5]), TypeError, /texts\[2\] must be a string/, /number 5/);
  rejects(() => v.transform(["ok", null]), TypeError, /texts\[1\]/, /null/);
  rejects(() => v.transform(new Set(["a"])), TypeError, /texts must be an array of strings/);
  rejects(() => v.fit([undefined]), TypeError, /texts\[0\]/);
});

Hashing("usable before init() in a fresh process (pure JS)", () => {
  const dist = fileURLToPath(new URL("../../dist/node.js", import.meta.url));
  const code = `
    const { HashingVectorizer, TfidfTransformer, SparseMatrix } = await import(${JSON.stringify(dist)});
    const X = new HashingVectorizer({ nFeatures: 32 }).transform(["hello world", "été"]);
    const T = new TfidfTransformer().fitTransform(X);
    console.log(JSON.stringify([Array.from(X.indices), Array.from(T.data), SparseMatrix.fromRows([{ 1: 2 }], 3).nnz]));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  assert.is(run.stderr, "");
  const X = new HashingVectorizer({ nFeatures: 32 }).transform(["hello world", "été"]);
  const T = new wasmax.TfidfTransformer().fitTransform(X);
  assert.equal(JSON.parse(run.stdout), [Array.from(X.indices), Array.from(T.data), 1]);
});

Hashing("a worker thread gives the same matrix as the main thread", async () => {
  const { Worker } = await import("node:worker_threads");
  const options = { nFeatures: 2 ** 20, ngramRange: [1, 2], charNgramRange: [1, 4], alternateSign: true };
  const code = `const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.dist).then((w) => {
      const X = new w.HashingVectorizer(workerData.options).transform(workerData.texts);
      parentPort.postMessage({ indptr: X.indptr, indices: X.indices, data: X.data });
    });`;
  const dist = new URL("../../dist/node.js", import.meta.url).href;
  const worker = new Worker(code, { eval: true, workerData: { dist, options, texts: fixture.corpus } });
  const got = await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
  await worker.terminate();
  const X = new HashingVectorizer(options).transform(fixture.corpus);
  assert.equal(got.indptr, X.indptr);
  assert.equal(got.indices, X.indices);
  assert.equal(got.data, X.data);
});

Hashing.run();
