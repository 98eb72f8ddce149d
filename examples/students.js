// The README's example: admitted / waitlisted / rejected from GPA and exam score.

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
console.log(model.predict(scaler.transform([[3.8, 90]])));
console.log(model.classes, model.predictProba(scaler.transform([[3.8, 90]])));
console.log(classificationReport(y, model.predict(scaler.transform(X))).text);
console.log(JSON.stringify(model).length, "bytes of JSON");
model.dispose();
