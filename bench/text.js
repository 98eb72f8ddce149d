// Text classification against the anchors of bench/results/text_anchors.json (scikit-learn and
// native fastText on the same files, same machine: bench/text/anchors_*.py). On one wasmax thread:
//   langid      sentence language ID (11 languages, 42,791 train / 4,755 test sentences):
//               - the accuracy anchor: LogisticRegression on the same hashed features and the same C
//                 (HashingVectorizer 2^18 columns, word 1–2-grams, l2) against SoftmaxRegression lbfgs;
//               - the speed anchor: hashing + SGDClassifier (vectorize + fit) against vectorize +
//                 SoftmaxRegression sgd/adam for a few epochs;
//               - prediction: sentences per second, vectorizing included (scikit-learn and fastText's
//                 predict on the same test file).
//   debtags     multi-label tags (253 labels, ~3.6 per text): MultiLabelLogisticRegression on hashed
//               features, P@1 and R@k as fastText's `test` prints them.
// Each timing is the median of ROUNDS runs (min–max recorded). Results: bench/results/text.json.

import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as wasmax from "../dist/node.js";
import { machine } from "./machine.js";

const ROUNDS = Number(process.env.BENCH_QUICK ? 1 : 3);
const here = (path) => new URL(path, import.meta.url);
const read = (name) => wasmax.parseFastText(gunzipSync(readFileSync(here(`data/text/${name}.txt.gz`))).toString("utf8"));
const anchors = JSON.parse(readFileSync(here("results/text_anchors.json"), "utf8")).results;

await wasmax.init(undefined, { threads: 1 });
console.warn = () => {};

function timed(run) {
  const seconds = [];
  let value;
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    value = run();
    seconds.push((performance.now() - started) / 1000);
    if (r < ROUNDS - 1) value?.dispose?.();
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { value, seconds: { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: ROUNDS } };
}

const single = (labels) => labels.map((l) => l[0]);
const accuracy = (truth, predicted) => truth.filter((t, i) => t === predicted[i]).length / truth.length;
const vectorizer = new wasmax.HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2], norm: "l2" });

const train = read("langid.train");
const test = read("langid.test");
const y = single(train.labels);
const yTest = single(test.labels);
const rows = {};

// Accuracy anchor: the same features, the same C, full-batch L-BFGS as scikit-learn's.
const C = anchors["sklearn/langid/hashing-logreg"]?.model?.C ?? 10;
{
  const { value: model, seconds } = timed(() =>
    new wasmax.SoftmaxRegression({ C, maxIter: 1000 }).fit(vectorizer.transform(train.texts), y),
  );
  rows["langid lbfgs (same features and C as LogisticRegression)"] = {
    seconds,
    nIter: model.nIter,
    p1: accuracy(yTest, model.predict(vectorizer.transform(test.texts))),
    anchor: "sklearn/langid/hashing-logreg",
  };
  model.dispose();
}

// Speed anchor: vectorize + a few epochs of a stochastic solver.
for (const [name, options] of [
  ["langid sgd, 5 epochs", { solver: "sgd", learningRate: 0.5, C: Infinity, maxIter: 5, tol: 0, randomState: 0 }],
  ["langid adam, 3 epochs", { solver: "adam", learningRate: 0.01, C: Infinity, maxIter: 3, tol: 0, batchSize: 256, randomState: 0 }],
]) {
  const { value: model, seconds } = timed(() => new wasmax.SoftmaxRegression(options).fit(vectorizer.transform(train.texts), y));
  const predicted = timed(() => model.predict(vectorizer.transform(test.texts)));
  rows[name] = {
    seconds,
    p1: accuracy(yTest, predicted.value),
    predictPerSecond: Math.round(test.texts.length / predicted.seconds.median),
    anchor: "sklearn/langid/hashing-sgd",
  };
  model.dispose();
}

// Multi-label tags: P@1 over the top-scored label, R@k with k = 5 (fastText's `test <file> 5`).
{
  const tagsTrain = read("debtags.train");
  const tagsTest = read("debtags.test");
  const tags = new wasmax.HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2], norm: "l2" });
  const { value: model, seconds } = timed(() =>
    new wasmax.MultiLabelLogisticRegression({
      solver: "adam",
      learningRate: 0.01,
      C: Infinity,
      maxIter: 5,
      tol: 0,
      batchSize: 256,
      randomState: 0,
    }).fit(tags.transform(tagsTrain.texts), tagsTrain.labels),
  );
  const k = 5;
  const top = model.predictTopK(tags.transform(tagsTest.texts), k);
  let hits1 = 0;
  let hitsK = 0;
  let relevant = 0;
  tagsTest.labels.forEach((truth, i) => {
    const set = new Set(truth);
    if (set.has(top.labels[i][0])) hits1++;
    hitsK += top.labels[i].filter((label) => set.has(label)).length;
    relevant += set.size;
  });
  rows["debtags multi-label adam, 5 epochs"] = {
    seconds,
    "P@1": hits1 / tagsTest.labels.length,
    [`R@${k}`]: hitsK / relevant,
    anchor: null,
  };
  model.dispose();
}

const result = { machine: machine(wasmax.threads()), rounds: ROUNDS, rows };
writeFileSync(here("results/text.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`${result.machine.date.slice(0, 10)} · ${result.machine.cpu} · ${result.machine.runtime} · one thread · medians of ${ROUNDS}`);
for (const [name, row] of Object.entries(rows)) {
  const anchor = row.anchor ? anchors[row.anchor] : undefined;
  const ratio = anchor ? (anchor.fitSeconds.median / row.seconds.median).toFixed(2) : "";
  const vs = anchor ? `  (${row.anchor}: ${anchor["P@1"]} in ${anchor.fitSeconds.median.toFixed(1)} s → ×${ratio})` : "";
  const scores = Object.entries(row)
    .filter(([key]) => /^(p1|P@1|R@\d)$/.test(key))
    .map(([key, v]) => `${key === "p1" ? "P@1" : key} ${v.toFixed(4)}`)
    .join(", ");
  const predict = row.predictPerSecond ? `, predict ${row.predictPerSecond} sentences/s` : "";
  console.log(
    `${name}: ${row.seconds.median.toFixed(2)} s (${row.seconds.min.toFixed(2)}–${row.seconds.max.toFixed(2)}), ${scores}${predict}${vs}`,
  );
}
