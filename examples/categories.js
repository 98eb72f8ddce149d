// Tabular data and CSV (docs/tabular-data-and-csv.md), rows of objects and categories: reads
// data/admissions.csv (GPA, exam score and a city, a text column) as rows of objects, trains a
// Pipeline that one-hot encodes the city and scales the numbers, predicts for applicants given as
// objects by column name, and checks that the saved pipeline predicts bit-identically.
//
//   node examples/categories.js

import { readFileSync } from "node:fs";
import { init, Pipeline, ColumnTransformer, SoftmaxRegression, loadModel } from "wasmax";
import { parseCsv } from "wasmax/csv";

await init();
const text = readFileSync(new URL("data/admissions.csv", import.meta.url), "utf8");
const { X, y, textColumns } = parseCsv(text, { label: "decision", rows: "objects" });
console.log(`admissions.csv: ${X.length} rows; text columns: ${textColumns.join(", ")}`);

const pipe = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression({ C: 10 })]).fit(X, y);
for (const { name, kind, columns, outputs } of pipe.steps[0].describe())
  console.log(`  ${name}: ${kind} ${columns.join(", ")} → ${outputs} column${outputs > 1 ? "s" : ""}`);
console.log(`training accuracy ${pipe.score(X, y).toFixed(4)}`);

const applicants = [
  { gpa: 3.4, exam: 80, city: "Oslo" },
  { city: "Lima", exam: 80, gpa: 3.4 }, // key order does not matter: columns are read by name
];
pipe.predict(applicants).forEach((decision, i) => console.log(`${JSON.stringify(applicants[i])}: ${decision}`));

const copy = loadModel(JSON.stringify(pipe.toJSON()));
const same = copy.predictProba(X).every((p, i) => p === pipe.predictProba(X)[i]);
console.log(`the loaded pipeline predicts bit-identically: ${same}`);
try {
  pipe.predict([{ gpa: 3.4, exam: 80 }]);
} catch (error) {
  console.log(`a row without its city: ${error.message}`);
}
pipe.dispose();
copy.dispose();
