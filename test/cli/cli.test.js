// The `wasmax` command line, spawned as users run it (node dist/cli.js) on the iris CSV (and on
// scikit-learn's multi-label fixture for --model multilabel): train
// with a held-out split and a scaler, then test, predict and info; exit codes 0 / 1 / 2; errors
// that name the file, line and column; no half-written model file after a failure.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wasmax } from "../setup.js";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const Cli = suite("wasmax command line");
let dir;

Cli.before(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-"));
  const iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
  const names = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
  const species = ["setosa", "versicolor", "virginica"];
  const rows = iris.X.map((x, i) => [...x, species[iris.classes.indexOf(iris.y[i])]].join(","));
  writeFileSync(join(dir, "iris.csv"), `${[...names, "species"].join(",")}\n${rows.join("\n")}\n`);
});
Cli.after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8" });

Cli("train: held-out report, progress lines on a non-TTY, the scaler saved in the model file", () => {
  const result = run("train", "iris.csv", "--target", "species", "--test-size", "0.2", "--scale", "--seed", "1", "-o", "model.json");
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /SoftmaxRegression trained on 120 rows × 4 columns, 3 classes, \d+ iterations → model\.json\n/);
  assert.match(result.stdout, /\ncolumns: sepal_length, sepal_width, petal_length, petal_width standardised\n/);
  assert.match(result.stdout, /held-out rows \(30 of 150\)[\s\S]*accuracy +0\.9[\s\S]*confusion matrix\n/);
  assert.match(result.stdout, /\ntrue \\ predicted +setosa +versicolor +virginica\nsetosa +10 +0 +0\n/, "the confusion matrix as a table");
  assert.match(result.stderr, /^iteration 1\/100 · loss \d/m, "L-BFGS counts iterations");
  const lines = result.stderr.split("\n").filter((line) => line.startsWith("iteration "));
  assert.ok(lines.length >= 2 && lines.length <= 21, `about twenty plain lines at most, got ${lines.length}`);
  const file = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
  assert.is(file.format, "wasmax/cli-model");
  assert.is(file.pipeline.steps[0].format, "wasmax/StandardScaler", "the scaler travels with the model");
  const mlp = run(
    "train",
    "iris.csv",
    "--target",
    "species",
    "--model",
    "mlp",
    "--hidden",
    "8",
    "--solver",
    "lbfgs",
    "--max-iter",
    "200",
    "--seed",
    "1",
    "--quiet",
    "-o",
    "mlp.json",
  );
  assert.is(mlp.status, 0, mlp.stderr);
  // --quiet silences progress only: the library's warnings (lbfgs stopping short on unscaled
  // features, which some initial weights lead to here) still reach stderr.
  assert.not.match(mlp.stderr, /epoch \d|\d+\/200/, "--quiet prints no progress");
  assert.match(run("info", "mlp.json").stdout, /^MLPClassifier: 3 classes \(setosa, versicolor, virginica\), 4 columns/);
});

Cli("test, predict (labels and probabilities, to stdout or a file) and info read the model file", () => {
  assert.is(run("train", "iris.csv", "--target", "species", "--scale", "--quiet", "-o", "model.json").status, 0);
  assert.match(run("test", "model.json", "iris.csv").stdout, /setosa +1\.0000 +1\.0000/);
  const labels = run("predict", "model.json", "iris.csv").stdout.trim().split("\n");
  assert.is(labels.length, 151);
  assert.equal(labels.slice(0, 2), ["species", "setosa"]);
  const proba = run("predict", "model.json", "iris.csv", "--proba").stdout.trim().split("\n");
  assert.is(proba[0], "setosa,versicolor,virginica");
  assert.ok(
    Math.abs(
      proba[1]
        .split(",")
        .map(Number)
        .reduce((a, b) => a + b, 0) - 1,
    ) < 1e-4,
  );
  assert.is(run("predict", "model.json", "iris.csv", "-o", "out.csv").status, 0);
  assert.equal(readFileSync(join(dir, "out.csv"), "utf8").trim().split("\n"), labels);
  assert.match(run("info", "model.json").stdout, /4 columns \(sepal_length, sepal_width, petal_length, petal_width standardised\)/);
});

Cli("as a process: - reads the real standard input, -o - writes standard output, and a reader that stops early is no error", () => {
  assert.is(run("train", "iris.csv", "--target", "species", "--quiet", "-o", "model.json").status, 0);
  const csv = readFileSync(join(dir, "iris.csv"), "utf8");
  const piped = spawnSync(process.execPath, [CLI, "predict", "model.json", "-", "-k", "2", "-o", "-"], {
    cwd: dir,
    input: csv,
    encoding: "utf8",
  });
  assert.is(piped.status, 0, piped.stderr);
  assert.is(piped.stdout.trim().split("\n").length, 151);
  assert.match(piped.stdout, /^label_1,probability_1,label_2,probability_2\nsetosa,0\.9/);
  // `| head -1` closes the pipe after one line, while wasmax still writes (more than a pipe holds):
  // it exits 0, without an EPIPE stack trace.
  const body = csv.slice(csv.indexOf("\n") + 1);
  writeFileSync(join(dir, "many.csv"), csv + body.repeat(100));
  const command = `"${process.execPath}" "${CLI}" predict model.json many.csv --proba | head -1; echo "exit \${PIPESTATUS[0]}" >&2`;
  const head = spawnSync("bash", ["-c", command], { cwd: dir, encoding: "utf8" });
  assert.is(head.stdout, "setosa,versicolor,virginica\n");
  assert.match(head.stderr, /^exit 0\n$/, head.stderr);
});

Cli("on a real terminal (script(1) gives the process a pty): one progress line redrawn in place", () => {
  const command = `"${process.execPath}" "${CLI}" train iris.csv --target species --no-test -o tty.json`;
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: dir, encoding: "utf8" });
  assert.is(result.status, 0, result.stdout);
  // The pty merges standard error into the output and ends lines with \r\n.
  const [progress] = result.stdout.split("\r\n");
  assert.match(progress, /^(\r\[[# ]{20}\] iteration \d+\/100 · loss \d\.\d{4} · [^\r]*)+$/);
  assert.match(progress, / · done *$/);
  assert.match(result.stdout, /\r\nSoftmaxRegression trained on 150 rows/);
});

Cli("exit codes and messages: usage 2, failures 1 naming file, line and column; no partial model file", () => {
  const missing = run("train", "iris.csv", "-o", "never.json");
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /--target \(the label column\) is required/);
  assert.is(run("frobnicate").status, 2);
  assert.is(run("train", "--bogus").status, 2);
  writeFileSync(join(dir, "bad.csv"), "sepal_length,sepal_width,petal_length,petal_width,species\n5,3,1,0.2,setosa\n6,x,4,1,versicolor\n");
  const bad = run("train", "bad.csv", "--target", "species", "-o", "bad.json");
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /bad\.csv: CSV line 3, column "sepal_width": "x" is not a finite number/);
  assert.not.ok(existsSync(join(dir, "bad.json")), "no model file after a failure");
  const notModel = run("info", "iris.csv");
  assert.is(notModel.status, 1);
  assert.match(notModel.stderr, /iris\.csv: /);
  assert.match(run("train", "--help").stdout, /--target <column>/);
});

Cli("--model multilabel: label sets in the target cell; scikit-learn's one-vs-rest predictions and Hamming loss on its split", () => {
  // test/fixtures/multilabel.json: scikit-learn's OneVsRestClassifier(LogisticRegression(C=1)) trained on the first rows.
  const f = JSON.parse(readFileSync(new URL("../fixtures/multilabel.json", import.meta.url), "utf8"));
  const tags = ["l0", "l1", "l2", "l3", "l4"];
  const cell = (indicator) => tags.filter((_, k) => indicator[k]).join("|");
  const header = [...f.X[0].map((_, j) => `f${j}`), "tags"].join(",");
  const csv = (from, to) =>
    `${header}\n${f.X.slice(from, to)
      .map((x, i) => [...x, cell(f.Y[from + i])].join(","))
      .join("\n")}\n`;
  writeFileSync(join(dir, "ml-train.csv"), csv(0, f.train));
  writeFileSync(join(dir, "ml-test.csv"), csv(f.train, f.X.length));
  const trained = run(
    "train",
    "ml-train.csv",
    "--target",
    "tags",
    "--model",
    "multilabel",
    "--test",
    "ml-test.csv",
    "--max-iter",
    "5000",
    "--quiet",
    "-o",
    "ml.json",
  );
  assert.is(trained.status, 0, trained.stderr);
  assert.match(trained.stdout, /MultiLabelLogisticRegression trained on 240 rows × 8 columns, 5 labels/);
  assert.match(
    trained.stdout,
    new RegExp(`hamming loss ${f.metrics.hammingLoss.toFixed(4)} `),
    "the multi-label report, with scikit-learn's Hamming loss",
  );
  const predicted = run("predict", "ml.json", "ml-test.csv").stdout.trim().split("\n");
  assert.equal(predicted, ["tags", ...f.testPredictions.map(cell)]);
  assert.match(run("test", "ml.json", "ml-test.csv").stdout, /subset accuracy 0\.3000/);
  assert.match(run("info", "ml.json").stdout, /^MultiLabelLogisticRegression: 5 labels \(l0, l1, l2, l3, l4\)/);
  assert.is(
    run("train", "ml-train.csv", "--target", "tags", "--label-sep", ";", "-o", "x.json").status,
    2,
    "--label-sep without --model multilabel",
  );
  assert.not.ok(existsSync(join(dir, "x.json")));
  // --stream: the same labels and features from two streaming passes; the weights are those of
  // partialFit on the same buffers in this process (to float rounding: the CLI may load another build).
  const streamed = run(
    "train",
    "ml-train.csv",
    "--target",
    "tags",
    "--model",
    "multilabel",
    "--stream",
    "--buffer-rows",
    "100",
    "--seed",
    "3",
    "--no-test",
    "-o",
    "ml-stream.json",
  );
  assert.is(streamed.status, 0, streamed.stderr);
  assert.match(streamed.stdout, /^MultiLabelLogisticRegression trained on 240 streamed rows × 8 features, 5 labels → ml-stream\.json/);
  assert.match(streamed.stderr, /^200 \/ 240 rows · loss \d/m, "progress after a buffer");
  const file = JSON.parse(readFileSync(join(dir, "ml-stream.json"), "utf8"));
  assert.is(file.labelSeparator, "|");
  const same = new wasmax.MultiLabelLogisticRegression({ solver: "adam", maxIter: 1, randomState: 3 });
  try {
    const X = f.X.slice(0, f.train);
    const Y = f.Y.slice(0, f.train).map((row) => tags.filter((_, k) => row[k]));
    for (let from = 0; from < f.train; from += 100)
      same.partialFit(X.slice(from, from + 100), Y.slice(from, from + 100), from === 0 ? { classes: tags } : {});
    const scale = Math.max(...same.coef.flat().map(Math.abs));
    file.pipeline.steps
      .at(-1)
      .coef.flat()
      .forEach((c, i) => assert.ok(Math.abs(c - same.coef.flat()[i]) <= 1e-4 * scale, `coef ${i}: ${c} vs ${same.coef.flat()[i]}`));
  } finally {
    same.dispose();
  }
  const held = run(
    "train",
    "ml-train.csv",
    "--target",
    "tags",
    "--model",
    "multilabel",
    "--stream",
    "--test-size",
    "0.2",
    "--seed",
    "3",
    "--quiet",
    "-o",
    "ml-held.json",
  );
  assert.is(held.status, 0, held.stderr);
  assert.match(held.stdout, /; held-out subset accuracy 0\.\d{4}\n$/);
  assert.match(run("test", "ml-stream.json", "ml-test.csv").stdout, /^hamming loss 0\.\d{4} +F1 micro/);
});

Cli("train --stream: a CSV read in two streaming passes, memory bounded, as accurate as training in memory", () => {
  // 150,000 rows × 16 features (~18 MB), 10 classes around seeded centroids.
  const D = 16,
    K = 10,
    N = 150_000;
  let seed = 1;
  const r = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const centroids = Array.from({ length: K }, () => Array.from({ length: D }, () => r() * 2 - 1));
  const lines = [[...Array.from({ length: D }, (_, j) => `f${j}`), "label"].join(",")];
  for (let i = 0; i < N; i++) lines.push([...centroids[i % K].map((c) => (c + (r() + r() + r() - 1.5)).toFixed(3)), `c${i % K}`].join(","));
  writeFileSync(join(dir, "big.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "sample.csv"), `${lines.slice(0, 20_001).join("\n")}\n`);
  writeFileSync(
    join(dir, "rss.mjs"),
    `process.argv = [process.argv[0], "cli", ...process.argv.slice(2)];
process.on("exit", () => console.error("maxRSS " + process.resourceUsage().maxRSS));
await import(${JSON.stringify(CLI)});\n`,
  );
  const streamed = spawnSync(
    process.execPath,
    ["rss.mjs", "train", "big.csv", "--target", "label", "--stream", "--test-size", "0.05", "--scale", "--seed", "2", "-o", "big.json"],
    { cwd: dir, encoding: "utf8" },
  );
  assert.is(streamed.status, 0, streamed.stderr);
  const rssMB = Number(/maxRSS (\d+)/.exec(streamed.stderr)[1]) / 1024;
  assert.ok(rssMB < 200, `peak RSS ${rssMB.toFixed(0)} MB for an 18 MB file`);
  assert.match(streamed.stderr, /^10000 \/ 142500 rows · loss \d/m, "progress after a buffer");
  const streamedAccuracy = Number(/held-out accuracy (0\.\d+)/.exec(streamed.stdout)[1]);
  const inMemory = run(
    "train",
    "sample.csv",
    "--target",
    "label",
    "--solver",
    "adam",
    "--max-iter",
    "5",
    "--test-size",
    "0.2",
    "--scale",
    "--seed",
    "2",
    "--quiet",
    "-o",
    "sample.json",
  );
  const memoryAccuracy = Number(/accuracy +(0\.\d+|1\.0+)/.exec(inMemory.stdout)[1]);
  assert.ok(streamedAccuracy > memoryAccuracy - 0.01, `streamed ${streamedAccuracy} vs in-memory ${memoryAccuracy}`);
  assert.match(run("info", "big.json").stdout, /10 classes/);
});

Cli("export and import: the scaler folded into the ONNX graph; feature names travel in its metadata", () => {
  for (const [model, extra] of [
    ["softmax", []],
    ["mlp", ["--hidden", "6", "--max-iter", "300", "--seed", "2"]],
  ]) {
    assert.is(
      run("train", "iris.csv", "--target", "species", "--model", model, "--scale", "--quiet", ...extra, "-o", "scaled.json").status,
      0,
    );
    const exported = run("export", "scaled.json", "-o", "scaled.onnx", "--opset", "17");
    assert.is(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /the scaler is folded in/);
    const imported = run("import", "scaled.onnx", "-o", "back.json");
    assert.is(imported.status, 0, imported.stderr);
    assert.match(
      imported.stdout,
      /4 features \(sepal_length, sepal_width, petal_length, petal_width\), 3 classes \(setosa, versicolor, virginica\), target species/,
    );
    const proba = (file) =>
      run("predict", file, "iris.csv", "--proba")
        .stdout.trim()
        .split("\n")
        .slice(1)
        .flatMap((line) => line.split(",").map(Number));
    const original = proba("scaled.json");
    const back = proba("back.json");
    assert.is(back.length, 450);
    const diff = Math.max(...original.map((p, i) => Math.abs(p - back[i])));
    assert.ok(diff < 2e-5, `${model}: folded scaler moves probabilities by ${diff}`);
    const backFile = JSON.parse(readFileSync(join(dir, "back.json"), "utf8"));
    assert.is(backFile.pipeline.steps.length, 1, "no scaler: the graph takes raw features");
  }
  assert.is(run("import", "scaled.onnx", "-o", "named.json", "--features", "a,b,c,d", "--target", "kind").status, 0);
  assert.match(run("info", "named.json").stdout, /4 columns \(a, b, c, d passed through\), target kind/);
  const tooFew = run("import", "scaled.onnx", "-o", "x.json", "--features", "a,b");
  assert.is(tooFew.status, 2);
  assert.match(tooFew.stderr, /--features names 2 columns but the model takes 4 features/);
  writeFileSync(join(dir, "broken.onnx"), readFileSync(join(dir, "scaled.onnx")).subarray(0, 100));
  const broken = run("import", "broken.onnx", "-o", "broken.json");
  assert.is(broken.status, 1);
  assert.match(broken.stderr, /^wasmax import: broken\.onnx: not an ONNX model, or a truncated one/);
  assert.not.ok(existsSync(join(dir, "broken.json")), "no model file after a failed import");
  assert.is(run("export", "scaled.json").status, 2, "-o is required");
});

Cli.run();
