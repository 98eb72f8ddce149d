// Multi-label linear model (issue #12): MultiLabelLogisticRegression, lbfgs, C = 1, on the
// 1,500 × 103 × 14 data of bench/multilabel_data.mjs, median of 5 fits, against scikit-learn's
// OneVsRestClassifier(LogisticRegression) on the same data as bench/multilabel_sklearn.py timed it
// (bench/results/multilabel-sklearn.json: run that first, on the same machine). Training subset
// accuracy is printed for both as a check that they solved the same problem.
//
//   node bench/multilabel.js     (writes bench/results/multilabel.json)

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { multilabelData, ROWS, FEATURES, LABELS } from "./multilabel_data.mjs";

await wasmax.init();
const { X, Y } = multilabelData();
const times = [];
let accuracy = 0;
console.warn = () => {};
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const model = new wasmax.MultiLabelLogisticRegression({ C: 1, maxIter: 1000 }).fit(X, Y);
  times.push((performance.now() - start) / 1000);
  accuracy = model.score(X, Y);
  model.dispose();
}
const seconds = [...times].sort((a, b) => a - b)[2];
const sklearnFile = new URL("./results/multilabel-sklearn.json", import.meta.url);
const sklearn = existsSync(sklearnFile) ? JSON.parse(readFileSync(sklearnFile, "utf8")) : null;
const m = machine(wasmax.threads());
const saved = { machine: m, rows: ROWS, features: FEATURES, labels: LABELS, seconds, trainSubsetAccuracy: accuracy, sklearn };
writeFileSync(new URL("./results/multilabel.json", import.meta.url), `${JSON.stringify(saved, null, 2)}\n`);
console.log(`${m.date.slice(0, 10)} · ${m.cpu} · ${m.runtime}: ${ROWS} × ${FEATURES} × ${LABELS} labels, lbfgs C = 1, median of 5 fits`);
console.log(`  wasmax MultiLabelLogisticRegression: ${(seconds * 1000).toFixed(1)} ms (training subset accuracy ${accuracy.toFixed(4)})`);
if (sklearn) {
  console.log(
    `  scikit-learn ${sklearn.sklearn} one-vs-rest LogisticRegression (${sklearn.date}, ${sklearn.cpu}): ` +
      `${(sklearn.seconds * 1000).toFixed(1)} ms (${sklearn.trainAccuracy.toFixed(4)})`,
  );
  console.log(`  scikit-learn ÷ wasmax: ${(sklearn.seconds / seconds).toFixed(2)}×`);
}
