// One-thread fastText fits are deterministic: this prints, for FastTextClassifier.fit on the language-ID
// training set (bench/data/text/langid.train, 42,791 lines) with thread: 1 and several option sets, the
// sha256 of JSON.stringify(model.toJSON()) (of toFastText(model) for a model whose 2,000,000 × 100
// n-gram rows are too large for a JSON string). Run it on two builds to check that a change leaves
// one-thread models byte-identical:
//
//   npm run build && node bench/fasttext_fit_hashes.js            (the SIMD build)
//   node bench/fasttext_fit_hashes.js scalar                      (the scalar build)

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as wasmax from "../build/testing.js";

const backend = process.argv[2] === "scalar" ? { simd: false } : { simd: true, relaxed: false };
await wasmax.init(undefined, backend);
const text = gunzipSync(readFileSync(new URL("data/text/langid.train.txt.gz", import.meta.url))).toString("utf8");
const train = wasmax.parseFastText(text);
const OPTIONS = [
  {},
  { minn: 2, maxn: 5, wordNgrams: 2 },
  { minn: 2, maxn: 5, wordNgrams: 2, bucket: 100_000 },
  { loss: "ova" },
  { loss: "hs" },
  { loss: "ns" },
];
const sha256 = (data) => createHash("sha256").update(data).digest("hex");
for (const options of OPTIONS) {
  const model = new wasmax.FastTextClassifier({ thread: 1, ...options }).fit(train.texts, train.labels);
  const large = (model.args.bucket ?? 0) * model.args.dim > 100_000_000;
  const hash = large ? `bin:${sha256(wasmax.toFastText(model))}` : sha256(JSON.stringify(model.toJSON()));
  console.log(`${wasmax.backend()} ${JSON.stringify(options)} ${hash}`);
  model.dispose();
}
