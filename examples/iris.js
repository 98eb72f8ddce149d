// Tabular data and CSV (docs/tabular-data-and-csv.md): the iris flowers from a CSV file, split into
// train and test parts (stratified, seeded), standardised, classified by a SoftmaxRegression and
// evaluated on the held-out rows.
//
//   node examples/iris.js

import { fileURLToPath } from "node:url";
import { init, SoftmaxRegression, StandardScaler, trainTestSplit, accuracy, confusionMatrix, classificationReport } from "wasmax";
import { readCsv } from "wasmax/csv";

await init();
const { X, y, featureNames } = await readCsv(fileURLToPath(new URL("data/iris.csv", import.meta.url)), { label: "species" });
console.log(`iris.csv: ${X.length} rows, features ${featureNames.join(", ")}`);

const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 0 });
const scaler = new StandardScaler().fit(XTrain);
const model = new SoftmaxRegression({ C: 1 }).fit(scaler.transform(XTrain), yTrain, { features: featureNames.length });
const predicted = model.predict(scaler.transform(XTest));
console.log(`trained on ${XTrain.length} rows in ${model.nIter} L-BFGS iterations (converged: ${model.converged})`);
console.log(`test accuracy ${accuracy(yTest, predicted).toFixed(4)} on ${XTest.length} rows\n`);
console.log(classificationReport(yTest, predicted).text);

const { labels, matrix } = confusionMatrix(yTest, predicted);
console.log("confusion matrix (rows: true, columns: predicted)");
matrix.forEach((row, i) => console.log(`  ${String(labels[i]).padEnd(11)}${row.map((n) => String(n).padStart(4)).join("")}`));

model.dispose();
