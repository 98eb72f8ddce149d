import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { assertCSR, textFixture } from "./fixtures.js";

const { TfidfTransformer, HashingVectorizer, SparseMatrix, NotFittedError } = wasmax;
const Tfidf = suite("TfidfTransformer");
const fixture = textFixture("tfidf.json");
const matrix = (csr) => SparseMatrix.fromCSR({ ...csr, cols: fixture.nFeatures });
const counts = matrix(fixture.counts);

for (const c of fixture.cases) {
  Tfidf(`matches scikit-learn: ${JSON.stringify(c.options)}`, () => {
    const t = new TfidfTransformer(c.options).fit(counts);
    assertCSR(t.transform(counts), c.transform, "transform");
    if (c.transformHeldOut) assertCSR(t.transform(matrix(fixture.heldOut)), c.transformHeldOut, "transform of held-out texts");
    if (!c.idfSeen) {
      assert.is(t.idf, null);
      return;
    }
    const idf = t.idf;
    assert.is(idf.length, fixture.nFeatures);
    fixture.seenColumns.forEach((column, i) => assert.ok(Math.abs(idf[column] - c.idfSeen[i]) < 1e-12, `idf of column ${column}`));
    // Columns fit never saw: ln(1 + n) + 1 with smoothIdf (as scikit-learn), ln(n) + 1 without (scikit-learn: infinity).
    const unseen = Array.from({ length: fixture.nFeatures }, (_, j) => j).find((j) => !fixture.seenColumns.includes(j));
    const n = fixture.counts.indptr.length - 1;
    assert.ok(Math.abs(idf[unseen] - (Math.log(n + (c.options.smoothIdf === false ? 0 : 1)) + 1)) < 1e-12);
  });
}

Tfidf("the counts fixture is what HashingVectorizer makes of the corpus (the two compose)", () => {
  const X = new HashingVectorizer({ nFeatures: fixture.nFeatures, ngramRange: [1, 2], norm: null }).transform(fixture.corpus);
  assertCSR(X, fixture.counts, "counts", 0);
});

Tfidf("NotFittedError before fit; fit returns this; fitTransform = fit then transform", () => {
  const t = new TfidfTransformer();
  assert.throws(
    () => t.transform(counts),
    (e) => e instanceof NotFittedError,
  );
  assert.throws(
    () => t.idf,
    (e) => e instanceof NotFittedError,
  );
  assert.throws(
    () => t.toJSON(),
    (e) => e instanceof NotFittedError,
  );
  assert.is(t.fit(counts), t);
  assert.equal(new TfidfTransformer().fitTransform(counts).data, t.transform(counts).data);
});

Tfidf("toJSON / fromJSON round trip gives the same weights; fromJSON checks every field", () => {
  const t = new TfidfTransformer({ sublinearTf: true, smoothIdf: false, norm: "l1" }).fit(counts);
  const json = JSON.parse(JSON.stringify(t));
  const u = TfidfTransformer.fromJSON(json);
  assert.equal(u.toJSON(), t.toJSON());
  assert.equal(u.transform(counts).data, t.transform(counts).data);
  assert.equal(u.idf, t.idf);
  const bad = (patch) => ({ ...json, ...patch });
  rejects(() => TfidfTransformer.fromJSON(bad({ format: "x" })), TypeError, /not a wasmax\/TfidfTransformer/);
  rejects(() => TfidfTransformer.fromJSON(bad({ version: 2 })), TypeError, /version 2 is not supported/);
  rejects(() => TfidfTransformer.fromJSON(bad({ version: "1" })), TypeError, /version "1"/);
  rejects(() => TfidfTransformer.fromJSON(bad({ options: { norm: "l3" } })), RangeError, /norm/);
  rejects(() => TfidfTransformer.fromJSON(bad({ options: { smooth_idf: true } })), TypeError, /did you mean smoothIdf/);
  rejects(() => TfidfTransformer.fromJSON(bad({ nFeatures: 0 })), RangeError, /nFeatures/);
  rejects(() => TfidfTransformer.fromJSON(bad({ nSamples: 1.5 })), TypeError, /nSamples/);
  rejects(() => TfidfTransformer.fromJSON(bad({ df: json.df.slice(1) })), RangeError, /columns has/);
  rejects(() => TfidfTransformer.fromJSON(bad({ columns: [...json.columns].reverse() })), RangeError, /columns\[1\]/);
  rejects(() => TfidfTransformer.fromJSON(bad({ df: json.df.map(() => json.nSamples + 1) })), RangeError, /df\[0\]/);
  rejects(() => TfidfTransformer.fromJSON(bad({ columns: null })), TypeError, /columns and df must be arrays/);
});

Tfidf("bad input: typed errors naming the problem", () => {
  rejects(() => new TfidfTransformer({ use_idf: false }), TypeError, /did you mean useIdf/);
  rejects(() => new TfidfTransformer({ sublinearTf: 1 }), TypeError, /sublinearTf must be true or false/);
  const t = new TfidfTransformer();
  rejects(() => t.fit([[1, 2]]), TypeError, /X must be a SparseMatrix/, /array/);
  rejects(() => t.fit(new Float32Array(4)), TypeError, /X must be a SparseMatrix/);
  rejects(() => t.fit(SparseMatrix.fromRows([], 3)), RangeError, /no rows/);
  t.fit(counts);
  rejects(() => t.transform(SparseMatrix.fromRows([{ 0: 1 }], 5)), RangeError, /5 columns, fit saw 1024/);
  const signed = SparseMatrix.fromRows([{ 3: -1 }], fixture.nFeatures);
  rejects(
    () => new TfidfTransformer({ sublinearTf: true }).fit(counts).transform(signed),
    RangeError,
    /row 0, column 3 holds -1/,
    /counts > 0/,
  );
  const huge = SparseMatrix.fromRows([{ 0: 3e38 }, { 1: 1 }], 2);
  rejects(() => new TfidfTransformer({ norm: null }).fitTransform(huge), RangeError, /row 0, column 0/, /float32/);
});

Tfidf.run();
