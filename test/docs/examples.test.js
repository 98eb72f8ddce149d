// The examples gallery: each script of examples/ runs as a user runs it (its own Node process,
// importing "wasmax" from this package's build), and what it prints is checked against what its
// guide in docs/ says. Accuracies are checked to the digits the guides give, within a small
// tolerance where another build or thread count could move the last digit; timings are never checked.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseXML } from "../plot/xml.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs an example (a .sh file with bash); returns its standard output (a non-zero exit fails the test). */
function run(file, ...args) {
  const [command, first] = file.endsWith(".sh") ? ["bash", file] : [process.execPath, file];
  return execFileSync(command, [first, ...args], { cwd: ROOT, encoding: "utf8", timeout: 5 * 60 * 1000 });
}

/** The number after `label` in the output. */
function numberAfter(output, label) {
  const match = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*(-?[0-9.]+)`).exec(output);
  assert.ok(match, `the output has "${label}" followed by a number`);
  return Number(match[1]);
}

function near(actual, expected, tolerance, what) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, the guide says ${expected} (± ${tolerance})`);
}

const Examples = suite("examples gallery");

Examples("admissions.js (Getting started): the prediction, its probabilities, the report, the regions, the JSON round trip", () => {
  const out = run("examples/admissions.js");
  assert.match(out, "GPA 3.8, exam 90: admitted");
  near(numberAfter(out, "P(admitted) ="), 0.94, 0.005, "P(admitted)");
  near(numberAfter(out, "P(waitlisted) ="), 0.06, 0.005, "P(waitlisted)");
  near(numberAfter(out, "accuracy"), 1, 0, "training accuracy");
  for (const row of [
    "exam 100 wwwwwwaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "exam  75 rrrrrrwwwwwwwwwwwwwwwwwwwwwwwwwwwwaaaaaaa",
    "exam  50 rrrrrrrrrrrrrrrrrrrrrrrrrwwwwwwwwwwwwwwww",
  ])
    assert.match(out, row);
  assert.match(out, "the loaded model predicts bit-identically: true");
});

Examples("iris.js (Tabular data and CSV): 17 L-BFGS iterations, test accuracy 0.9667, one versicolor taken for a virginica", () => {
  const out = run("examples/iris.js");
  assert.match(out, "iris.csv: 150 rows");
  assert.match(out, "in 17 L-BFGS iterations (converged: true)");
  assert.match(out, "test accuracy 0.9667 on 30 rows");
  assert.match(out, /setosa\s+10\s+0\s+0\n\s+versicolor\s+0\s+9\s+1\n\s+virginica\s+0\s+0\s+10/);
});

Examples("categories.js (Tabular data and CSV): a text column one-hot encoded, rows of objects by name, the JSON round trip", () => {
  const out = run("examples/categories.js");
  assert.match(out, "admissions.csv: 36 rows; text columns: city");
  assert.match(out, "onehot: onehot city → 3 columns");
  assert.match(out, "scale: scale gpa, exam → 2 columns");
  near(numberAfter(out, "training accuracy"), 0.9722, 0.03, "training accuracy");
  assert.match(out, '{"gpa":3.4,"exam":80,"city":"Oslo"}: admitted');
  assert.match(out, '{"city":"Lima","exam":80,"gpa":3.4}: waitlisted');
  assert.match(out, "the loaded pipeline predicts bit-identically: true");
  assert.match(out, 'a row without its city: X[0] has no column "city"');
});

Examples("mnist.js (Neural networks, npm start): the accuracies of the guide's table", () => {
  near(numberAfter(run("examples/mnist.js"), "test accuracy"), 0.9007, 0.002, "SoftmaxRegression by L-BFGS");
  near(numberAfter(run("examples/mnist.js", "--solver", "sgd"), "test accuracy"), 0.8992, 0.003, "SoftmaxRegression by SGD");
  near(numberAfter(run("examples/mnist.js", "--model", "mlp"), "test accuracy"), 0.9356, 0.005, "MLPClassifier");
});

Examples("label-sets.js (Label sets): the model's and the no-topic baseline's scores", () => {
  const out = run("examples/label-sets.js");
  const [hamming, f1, subset] = ["Hamming loss", "F1 (samples)", "subset accuracy"].map((label) => {
    const match = new RegExp(`  ${label.replace(/[()]/g, "\\$&")}\\s+([0-9.]+)\\s+([0-9.]+)`).exec(out);
    assert.ok(match, `a "${label}" row`);
    return [Number(match[1]), Number(match[2])];
  });
  near(hamming[0], 0.0533, 0.002, "Hamming loss");
  near(f1[0], 0.7848, 0.005, "F1 (samples)");
  near(subset[0], 0.7583, 0.005, "subset accuracy");
  assert.equal([hamming[1], f1[1], subset[1]], [0.39, 0, 0.1083], "the no-topic baseline");
});

Examples("many-classes.js (Very many classes): held-out top-1 / top-5 of the sampled and the full softmax", () => {
  const out = run("examples/many-classes.js");
  const scores = (name) => {
    const match = new RegExp(`${name}.*top-1 ([0-9.]+), top-5 ([0-9.]+)`).exec(out);
    assert.ok(match, `a "${name}" line`);
    return [Number(match[1]), Number(match[2])];
  };
  const [sampled, full] = [scores("sampled softmax, S = 64"), scores("full softmax")];
  near(sampled[0], 0.815, 0.01, "sampled top-1");
  near(sampled[1], 0.853, 0.01, "sampled top-5");
  near(full[0], 0.884, 0.01, "full top-1");
  near(full[1], 0.915, 0.01, "full top-5");
});

Examples("fasttext.js (fastText models): test P@1 as the guide's, the .bin read back, the .ftz, lid.176.ftz's languages", () => {
  const out = run("examples/fasttext.js");
  assert.match(out, "42791 training lines, 11 labels");
  assert.match(out, "test: N 4755, P@1");
  near(numberAfter(out, "P@1"), 0.988, 0.003, "test P@1 (Hogwild: the last digit may move)");
  for (const [text, label] of [
    ["Das ist ein kleiner Test.", "de"],
    ["Ceci est une phrase.", "fr"],
    ["Questo è un esempio.", "it"],
    ["To jest zdanie.", "pl"],
    ["Dit is een zin.", "nl"],
  ])
    assert.match(out, `"${text}": ${label} `);
  assert.match(out, "read back, it predicts the same: true");
  near(numberAfter(out, "kB, test P@1"), 0.988, 0.005, "the quantized model's P@1");
  assert.match(out, "lid.176.ftz (176 languages): de fr it pl nl es ja");
});

Examples("worker.js (Threads and workers): all threads, one thread and fitInWorker predict the same digits", () => {
  const out = run("examples/worker.js");
  assert.match(out, "progress received from the worker, epoch: loss — 1:");
  assert.match(out, "same predictions: threads vs 1 thread true, in-thread vs fitInWorker true");
});

Examples("save-and-onnx.js (Saving, ONNX and interchange): every copy predicts the original's probabilities", () => {
  const out = run("examples/save-and-onnx.js");
  assert.is(numberAfter(out, "loaded back, largest probability difference"), 0);
  assert.is(numberAfter(out, "fromCoefficients: largest probability difference"), 0);
  assert.match(out, "fromONNX gives a SoftmaxRegression");
  assert.ok(numberAfter(out, "fromONNX gives a SoftmaxRegression; largest probability difference") <= 1e-6);
});

Examples("plots.js (Plots): three SVG files that parse, with the guide's held-out accuracy", () => {
  const directory = mkdtempSync(join(tmpdir(), "wasmax-plots-"));
  try {
    const out = run("examples/plots.js", directory);
    near(numberAfter(out, "held-out accuracy"), 0.9778, 0.023, "held-out accuracy (one flower is 0.022)");
    for (const [file, what] of [
      ["loss.svg", "loss and held-out accuracy of 30 epochs"],
      ["confusion.svg", "the confusion matrix"],
      ["regions.svg", "the decision regions of petal_length and petal_width"],
    ]) {
      assert.match(out, `${join(directory, file)}: ${what}`);
      assert.is(parseXML(readFileSync(join(directory, file), "utf8")).name, "svg", file);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

Examples("cli.sh (The command line): train, info, predict from stdin, test, text columns, plot, export, import, test", () => {
  const out = run("examples/cli.sh");
  assert.match(out, /held-out rows \(30 of 150; --no-test trains on every row\)[\s\S]*accuracy\s+0\.9667\s+30/);
  assert.match(out, "3 classes (setosa, versicolor, virginica)");
  assert.match(out, "label_1,probability_1,label_2,probability_2\nsetosa,0.98");
  assert.match(out, "confusion matrix → confusion.svg");
  assert.match(out, "columns: school one-hot encoded (3 columns, one per category); gpa, exam standardised");
  assert.match(out, "decision regions of petal_length × petal_width with 150 points → regions.svg");
  assert.match(out, "→ model.onnx");
  assert.match(out, /test of the imported model[\s\S]*accuracy\s+0\.9733\s+150/);
});

Examples("kernels.js (Numerics and contracts): a logit of −1000 keeps a finite log-probability", () => {
  const out = run("examples/kernels.js");
  assert.match(out, "log-softmax row 1: -1004.0217");
  assert.match(out, "predicted classes: 0, 2");
});

Examples.run();
