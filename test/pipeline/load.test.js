// loadModel reads every file the command line writes: the CSV model file (model, scaler, columns)
// as a Pipeline that predicts from rows of objects by column name, and the text model file
// (vectorizer, model) as a Pipeline over texts; each predicts as `wasmax predict` does.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { cli } from "../cli/in_process.js";

const { loadModel, Pipeline, StandardScaler, HashingVectorizer, SoftmaxRegression } = wasmax;
const Load = suite("loadModel: the command line's files");
checkMemory(Load);
const NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
let dir;
let iris;
const at = (name) => join(dir, name);

Load.before(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-load-"));
  iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
  const species = ["setosa", "versicolor", "virginica"];
  const rows = iris.X.map((x, i) => [...x, species[iris.classes.indexOf(iris.y[i])]].join(","));
  writeFileSync(at("iris.csv"), `${[...NAMES, "species"].join(",")}\n${rows.join("\n")}\n`);
  writeFileSync(at("plain.csv"), `${NAMES.join(",")}\n${iris.X.map((x) => x.join(",")).join("\n")}\n`);
});
Load.after(() => rmSync(dir, { recursive: true, force: true }));

Load("a CSV model file with a scaler: a Pipeline [StandardScaler, model] that predicts as `wasmax predict`", async () => {
  const trained = await cli("train", at("iris.csv"), "--target", "species", "--scale", "--quiet", "-o", at("m.json"));
  assert.is(trained.code, 0, trained.stderr);
  const predicted = await cli("predict", at("m.json"), at("plain.csv"));
  assert.is(predicted.code, 0, predicted.stderr);
  const pipe = loadModel(readFileSync(at("m.json"), "utf8"));
  try {
    assert.ok(pipe instanceof Pipeline);
    assert.ok(pipe.steps[0] instanceof StandardScaler);
    assert.ok(pipe.steps[1] instanceof SoftmaxRegression);
    assert.equal(pipe.featureNames, NAMES);
    const rows = iris.X.map((x) => Object.fromEntries(NAMES.map((n, j) => [n, x[j]])));
    assert.equal(pipe.predict(rows), predicted.stdout.trim().split("\n").slice(1));
    rejects(() => pipe.predict([{ sepal_length: 5 }]), RangeError, /has no column "sepal_width"/);
  } finally {
    pipe.dispose();
  }
});

Load("a CSV model file without a scaler: a Pipeline of the model alone, rows of objects by name", async () => {
  const trained = await cli("train", at("iris.csv"), "--target", "species", "--C", "0.1", "--quiet", "-o", at("n.json"));
  assert.is(trained.code, 0, trained.stderr);
  const pipe = loadModel(JSON.parse(readFileSync(at("n.json"), "utf8")));
  try {
    assert.is(pipe.steps.length, 1);
    const reversed = iris.X.map((x) => Object.fromEntries(NAMES.map((n, j) => [n, x[j]]).reverse()));
    assert.equal(pipe.predict(reversed), pipe.predict(iris.X));
  } finally {
    pipe.dispose();
  }
});

Load("a text model file: a Pipeline [HashingVectorizer, model] over texts", async () => {
  const lines = ["__label__a apples and pears", "__label__b cars and trucks", "__label__a pears, plums", "__label__b trucks, vans"];
  writeFileSync(at("t.txt"), `${lines.join("\n")}\n`);
  const trained = await cli("train", at("t.txt"), "--buckets", "64", "--max-iter", "20", "--quiet", "-o", at("t.json"));
  assert.is(trained.code, 0, trained.stderr);
  const pipe = loadModel(readFileSync(at("t.json"), "utf8"));
  try {
    assert.ok(pipe.steps[0] instanceof HashingVectorizer);
    assert.equal(pipe.predict(["plums and apples", "vans and cars"]), ["a", "b"]);
  } finally {
    pipe.dispose();
  }
});

Load("version 2: a CSV model file that holds a pipeline", () => {
  const pipe = new Pipeline([new StandardScaler(), new SoftmaxRegression()]).fit(
    iris.X.map((x) => Object.fromEntries(NAMES.map((n, j) => [n, x[j]]))),
    iris.y,
  );
  const copy = loadModel({ format: "wasmax/cli-model", version: 2, target: "species", pipeline: pipe.toJSON() });
  try {
    assert.equal(Array.from(copy.predictProba(iris.X)), Array.from(pipe.predictProba(iris.X)));
  } finally {
    pipe.dispose();
    copy.dispose();
  }
});

Load("broken files: errors that name the field", () => {
  const scaler = new StandardScaler().fit([[1, 2]]).toJSON();
  const base = { format: "wasmax/cli-model", version: 1, target: "y", featureNames: ["a", "b"] };
  rejects(() => loadModel({ ...base, version: 9 }), TypeError, /cli-model: version 9 is not supported/);
  rejects(() => loadModel({ ...base, featureNames: [] }), TypeError, /cli-model: featureNames must be a non-empty array/);
  rejects(() => loadModel({ ...base }), TypeError, /cli-model: model is missing/);
  rejects(() => loadModel({ ...base, scaler: { ...scaler, scale: [0, 1] }, model: {} }), RangeError, /cli-model: scaler: .*scale/);
  rejects(
    () => loadModel({ ...base, model: { format: "wasmax/Nope" } }),
    TypeError,
    /cli-model: .*steps\[0\]: loadModel: format is "wasmax\/Nope"/,
  );
  rejects(() => loadModel({ ...base, version: 2 }), TypeError, /cli-model: pipeline must be a saved Pipeline/);
  rejects(
    () => loadModel({ format: "wasmax/cli-text-model", version: 1, vectorizer: {}, model: {} }),
    TypeError,
    /cli-text-model: vectorizer/,
  );
  rejects(() => loadModel({ format: "wasmax/Nope" }), TypeError, /expected one of .*"wasmax\/Pipeline", "wasmax\/cli-model"/);
});

Load.run();
