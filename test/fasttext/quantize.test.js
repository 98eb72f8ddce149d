import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { NATIVE, fixtureBytes } from "./fixtures.js";

const { readFastText, writeFastText, quantizeData, MinstdRand, wasmCentroidSearch } = wasmax.fastTextInternals;
const Quantize = suite("fastText quantize: quantizeData against native fastText's .ftz");

/** data with its pruneidx pairs in the order of `order`'s (a permutation of the same pairs). */
function withPruneOrder(data, order) {
  const rowOf = new Map();
  for (let i = 0; i < data.dictionary.pruneidx.length; i += 2) rowOf.set(data.dictionary.pruneidx[i], data.dictionary.pruneidx[i + 1]);
  const pruneidx = Int32Array.from(order, (v, i) => (i % 2 === 0 ? v : rowOf.get(order[i - 1])));
  return { ...data, dictionary: { ...data.dictionary, pruneidx } };
}

Quantize("-qout -qnorm -dsub 2: the same bytes as native fastText's .ftz (k-means, codes, norms)", () => {
  const ours = quantizeData(readFastText(fixtureBytes("manpage-softmax.bin")), { qout: true, qnorm: true, dsub: 2 });
  assert.ok(Buffer.from(writeFastText(ours)).equals(Buffer.from(fixtureBytes("manpage-softmax.ftz"))));
  assert.ok(ours.args.qout && ours.args.qnorm);
});

Quantize("-cutoff 400 -qnorm: native's .ftz up to the order of the pruneidx pairs (a hash map's order in fastText)", () => {
  const native = readFastText(fixtureBytes("langid-softmax.ftz"));
  const ours = quantizeData(readFastText(fixtureBytes("langid-softmax.bin")), { cutoff: 400, qnorm: true });
  assert.equal(ours.dictionary.words, native.dictionary.words, "the kept words, in order");
  const pairs = (p) => Array.from({ length: p.length / 2 }, (_, i) => `${p[2 * i]}:${p[2 * i + 1]}`).sort();
  assert.equal(pairs(ours.dictionary.pruneidx), pairs(native.dictionary.pruneidx), "the kept n-gram buckets and their rows");
  const reordered = withPruneOrder(ours, native.dictionary.pruneidx);
  assert.ok(Buffer.from(writeFastText(reordered)).equals(Buffer.from(fixtureBytes("langid-softmax.ftz"))));
});

Quantize("native fastText tests and predicts with wasmax's .ftz exactly as with its own", () => {
  const ours = quantizeData(readFastText(fixtureBytes("langid-softmax.bin")), { cutoff: 400, qnorm: true, dsub: 2 });
  assert.ok(Buffer.from(writeFastText(ours)).equals(Buffer.from(fixtureBytes("wasmax-cutoff.ftz"))), "the file native fastText read");
  const { cutoff, wasmaxCutoff } = NATIVE.models;
  assert.equal(wasmaxCutoff.test1, cutoff.test1, "fasttext test: N, P@1, R@1");
  assert.equal(wasmaxCutoff.predictions, cutoff.predictions, "predict-prob: labels and probabilities");
  assert.equal(wasmaxCutoff.sentenceVectors, cutoff.sentenceVectors);
});

Quantize("retrain is called with the pruned model and its result is quantized", () => {
  const bin = readFastText(fixtureBytes("langid-softmax.bin"));
  let seen;
  const ours = quantizeData(bin, {
    cutoff: 300,
    retrain: (pruned) => {
      seen = pruned;
      return { input: { ...pruned.input, data: pruned.input.data.map((v) => v * 2) }, output: pruned.output };
    },
  });
  assert.is(seen.input.rows, 300);
  assert.is(seen.dictionary.nwords + seen.dictionary.pruneidx.length / 2, 300);
  assert.is(ours.input.rows, 300);
  assert.ok(ours.args.retrain);
  const without = quantizeData(bin, { cutoff: 300 });
  assert.not.equal(Array.from(ours.input.pq.centroids), Array.from(without.input.pq.centroids), "the retrained rows were quantized");
  rejects(
    () => quantizeData(bin, { cutoff: 300, retrain: () => ({ input: seen.input }) }),
    RangeError,
    /retrain must return a dense output matrix of 11 x 4/,
  );
});

Quantize("refusals: quantized input, tiny matrices, bad options", () => {
  const bin = readFastText(fixtureBytes("langid-softmax.bin"));
  rejects(() => quantizeData(readFastText(fixtureBytes("langid-softmax.ftz"))), RangeError, /already quantized/);
  rejects(() => quantizeData(bin, { cutoff: 100 }), RangeError, /100 rows is too small for product quantization, which needs at least 256/);
  rejects(() => quantizeData(bin, { qout: true }), RangeError, /11 rows is too small/);
  rejects(() => quantizeData(bin, { dsub: 0 }), RangeError, /dsub must be an integer >= 1/);
  rejects(() => quantizeData(bin, { cutof: 5 }), RangeError, /unknown option "cutof"/);
  rejects(() => quantizeData(bin, { qnorm: 1 }), TypeError, /booleans/);
});

Quantize("MinstdRand: the 10000th value of a default-seeded std::minstd_rand is 399268537 ([rand.predef])", () => {
  const rng = new MinstdRand(1);
  let v = 0;
  for (let i = 0; i < 10000; i++) v = rng.next();
  assert.is(v, 399268537);
});

/** fastText's assign_centroid, step by step in float32: the first of the 256 centroids at the least distL2. */
function nearestReference(points, at, stride, i, d, centroids) {
  const f = Math.fround;
  let best = 0;
  let bestDistance = 0;
  for (let k = 0; k < 256; k++) {
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const t = f(points[i * stride + at + j] - centroids[k * d + j]);
      sum = f(sum + f(t * t));
    }
    if (k === 0 || sum < bestDistance) {
      best = k;
      bestDistance = sum;
    }
  }
  return best;
}

Quantize("ftNearestCentroids: native's first nearest centroid, on ties, duplicates, tiny and huge values, any d and n", () => {
  const rng = new MinstdRand(7);
  const uniform = () => rng.uniformReal() * 2 - 1;
  const search = wasmCentroidSearch(wasmax.ready());
  const scales = [1, 1e-30, 1e19, 3e-39];
  let cases = 0;
  for (const d of [1, 2, 3, 4, 5, 7]) {
    for (const n of [1, 3, 4, 5, 17, 100]) {
      for (const [s, scale] of scales.entries()) {
        const stride = d + (n % 3);
        const at = stride - d;
        const points = Float32Array.from({ length: n * stride }, () => scale * uniform());
        const centroids = Float32Array.from({ length: 256 * d }, () => scale * uniform());
        // Exact ties at distance 0: point 0 = centroids 9, 13 and 249 (one lane, three blocks); point 1 =
        // centroids 6 and 5 (one block, two lanes); point 2 = centroids 203, 100 and 7 (other lanes and blocks).
        const point = (i) => points.subarray(i * stride + at, i * stride + at + d);
        for (const [i, ks] of [
          [0, [9, 13, 249]],
          [1, [6, 5]],
          [2, [203, 100, 7]],
        ])
          if (i < n) for (const k of ks) centroids.set(point(i), k * d);
        if (s === 0 && n === 3) centroids.fill(0.25); // all 256 equal: 0
        const codes = new Uint8Array(n);
        const loaded = search.load(points, n, stride);
        try {
          loaded.nearest(at, d, centroids, codes);
        } finally {
          loaded.end();
        }
        const expected = Array.from({ length: n }, (_, i) => nearestReference(points, at, stride, i, d, centroids));
        assert.equal(Array.from(codes), expected, `d ${d}, n ${n}, scale ${scale}`);
        cases++;
      }
    }
  }
  assert.is(cases, 6 * 6 * scales.length);
});

Quantize("refusals: a matrix holding NaN or Infinity names the matrix, row and column", () => {
  const bin = readFastText(fixtureBytes("langid-softmax.bin"));
  const input = { ...bin.input, data: bin.input.data.slice() };
  input.data[3 * input.cols + 2] = NaN;
  rejects(() => quantizeData({ ...bin, input }), RangeError, /input matrix holds NaN at row 3, column 2; only finite weights/);
  const output = { ...bin.output, data: bin.output.data.slice() };
  output.data[5] = -Infinity;
  rejects(() => quantizeData({ ...bin, output }), RangeError, /output matrix holds -Infinity at row 1, column 1/);
});

Quantize.run();
