// Saving, ONNX and interchange (docs/saving-and-onnx.md): an iris model saved as JSON and loaded
// back, rebuilt from its coefficients (as a scikit-learn, Spark or PyTorch model would be), exported
// to ONNX and imported again; each copy must predict what the original does.
//
//   node examples/save-and-onnx.js

import { fileURLToPath } from "node:url";
import { init, SoftmaxRegression, StandardScaler, loadModel } from "wasmax";
import { readCsv } from "wasmax/csv";
import { toONNX, fromONNX, readONNXMetadata } from "wasmax/onnx";

await init();
const { X, y } = await readCsv(fileURLToPath(new URL("data/iris.csv", import.meta.url)), { label: "species" });
const scaled = new StandardScaler().fit(X).transform(X);
const model = new SoftmaxRegression().fit(scaled, y, { features: 4 });
const proba = model.predictProba(scaled);
const largestDifference = (other) => other.predictProba(scaled).reduce((worst, p, i) => Math.max(worst, Math.abs(p - proba[i])), 0);

const json = JSON.stringify(model);
const loaded = loadModel(json);
console.log(`JSON: ${json.length} bytes; loaded back, largest probability difference ${largestDifference(loaded)}`);

// What a Python script would write from scikit-learn's coef_, intercept_ and classes_.
const coefficients = { coef: model.coef, intercept: model.intercept, classes: model.classes };
const rebuilt = SoftmaxRegression.fromCoefficients(coefficients);
console.log(`fromCoefficients: largest probability difference ${largestDifference(rebuilt)}`);

const bytes = toONNX(model, { metadata: { features: "sepal_length,sepal_width,petal_length,petal_width" } });
const metadata = readONNXMetadata(bytes);
const imported = fromONNX(bytes);
console.log(`ONNX: ${bytes.length} bytes, classes ${metadata["wasmax.classes"]}, features ${metadata.features}`);
console.log(
  `fromONNX gives a ${imported.constructor.modelName}; largest probability difference ${largestDifference(imported).toExponential(1)}`,
);
for (const m of [model, loaded, rebuilt, imported]) m.dispose();
