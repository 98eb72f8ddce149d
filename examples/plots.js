// Plots (docs/plots.md): the three charts of wasmax/plot, written as SVG files. The iris flowers
// train one SGD epoch at a time (partialFit), with the held-out accuracy scored after each epoch:
// the loss curve; the held-out flowers' confusion matrix; and a model of the petals alone drawn as
// decision regions under the flowers.
//
//   node examples/plots.js [directory]     (default: plots/)

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { init, SoftmaxRegression, StandardScaler, trainTestSplit, accuracy, confusionMatrix } from "wasmax";
import { readCsv } from "wasmax/csv";
import { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } from "wasmax/plot";

await init();
const directory = process.argv[2] ?? "plots";
mkdirSync(directory, { recursive: true });
const save = (name, svg, what) => {
  writeFileSync(join(directory, name), svg);
  console.log(`${join(directory, name)}: ${what} (${svg.length} bytes)`);
};

const { X, y, featureNames } = await readCsv(fileURLToPath(new URL("data/iris.csv", import.meta.url)), { label: "species" });
const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.3, randomState: 0 });
const scaler = new StandardScaler().fit(XTrain);
const [train, test] = [scaler.transform(XTrain), scaler.transform(XTest)];

// One epoch per partialFit call; model.lossCurve keeps the loss of each.
const EPOCHS = 30;
const model = new SoftmaxRegression({ solver: "sgd", learningRate: 0.05, momentum: 0.9, batchSize: 16, randomState: 0 });
const heldOut = [];
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  model.partialFit(train, yTrain, { classes: ["setosa", "versicolor", "virginica"], features: featureNames.length });
  heldOut.push(model.score(test, yTest));
}
save(
  "loss.svg",
  lossCurveSVG(model.lossCurve, { accuracy: heldOut, title: "Iris, SGD" }),
  `loss and held-out accuracy of ${EPOCHS} epochs`,
);

const predicted = model.predict(test);
console.log(`held-out accuracy ${accuracy(yTest, predicted).toFixed(4)} on ${yTest.length} flowers`);
save("confusion.svg", confusionMatrixSVG(confusionMatrix(yTest, predicted), { title: "Iris, held-out flowers" }), "the confusion matrix");

// Two features, so the model's regions can be drawn: petal length and width.
const petals = X.map((row) => [row[2], row[3]]);
const petalScaler = new StandardScaler().fit(petals);
const petalModel = new SoftmaxRegression({ C: 10 }).fit(petalScaler.transform(petals), y, { features: 2 });
const regions = decisionRegionsSVG((grid) => petalModel.predict(petalScaler.transform(grid)), petals, y, {
  featureNames: [featureNames[2], featureNames[3]],
  title: "Iris by its petals",
});
save("regions.svg", regions, `the decision regions of ${featureNames[2]} and ${featureNames[3]}`);

model.dispose();
petalModel.dispose();
