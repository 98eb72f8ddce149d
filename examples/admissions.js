// Getting started (docs/getting-started.md): admitted / waitlisted / rejected from GPA and exam
// score. Trains a SoftmaxRegression, prints a prediction with its probabilities, the report, the
// decision regions as a text map (one letter per cell: what the model predicts there), and checks
// that the saved model predicts bit-identically.
//
//   node examples/admissions.js

import { init, SoftmaxRegression, StandardScaler, classificationReport } from "wasmax";

await init();
const X = [
  [3.9, 92],
  [2.1, 55],
  [3.0, 75],
  [3.6, 88],
  [2.4, 61],
  [2.9, 70],
];
const y = ["admitted", "rejected", "waitlisted", "admitted", "rejected", "waitlisted"];
const scaler = new StandardScaler().fit(X);
const model = new SoftmaxRegression({ C: 10 }).fit(scaler.transform(X), y, { features: 2 });

const applicant = scaler.transform([[3.8, 90]]);
const proba = model.predictProba(applicant);
console.log(`GPA 3.8, exam 90: ${model.predict(applicant)[0]}`);
console.log(model.classes.map((c, k) => `  P(${c}) = ${proba[k].toFixed(4)}`).join("\n"));
console.log(`\n${classificationReport(y, model.predict(scaler.transform(X))).text}`);

// Decision regions: GPA 2.0 … 4.0 across, exam score 100 … 50 down.
const cells = [];
for (let row = 0; row <= 10; row++) for (let col = 0; col <= 40; col++) cells.push([2 + col * 0.05, 100 - row * 5]);
const regions = model.predict(scaler.transform(cells));
console.log("decision regions (a = admitted, w = waitlisted, r = rejected)");
for (let row = 0; row <= 10; row++) {
  const letters = regions.slice(row * 41, (row + 1) * 41).map((label) => label[0]);
  console.log(`  exam ${String(100 - row * 5).padStart(3)} ${letters.join("")}`);
}
console.log("           GPA 2.0 → 4.0");

const saved = JSON.stringify(model);
const loaded = SoftmaxRegression.fromJSON(saved);
const same = loaded.predictProba(applicant).every((p, k) => p === proba[k]);
console.log(`\nsaved as ${saved.length} bytes of JSON; the loaded model predicts bit-identically: ${same}`);
model.dispose();
loaded.dispose();
