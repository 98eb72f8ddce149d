// The command line as a careless user meets it, run in-process (cliMain, the same code as
// dist/cli.js, on this run's build): no partial or temporary file after any failure; usage errors
// exit 2, flags that do not apply refused; empty and header-only CSVs say "no rows"; errors name
// the file, the line where the faulty record starts and the field of a bad model file, with no
// stack trace; export writes nothing when it fails; wasm memory back at its baseline every time.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkMemory } from "../setup.js";
import { cli } from "./in_process.js";

const Hardening = suite("command line hardening");
checkMemory(Hardening);
let dir;

const at = (name) => join(dir, name);
/** Every file under the test folder, so a test can say nothing was left behind. */
const files = () => readdirSync(dir, { recursive: true }).sort();

/** Runs the CLI, expecting exit `code`, stderr matching `pattern`, no stack trace and no file added or removed. */
async function fails(argv, code, pattern) {
  const before = files();
  const cwdBefore = readdirSync(process.cwd());
  const result = await cli(...argv);
  const what = `wasmax ${argv.map((a) => a.replace(`${dir}/`, "")).join(" ")}`;
  assert.is(result.code, code, `${what}: exit ${result.code}, expected ${code}; stderr: ${result.stderr}`);
  assert.match(result.stderr, pattern, `${what}: ${result.stderr}`);
  assert.not.match(result.stderr, /^\s+at /m, `${what}: a stack trace`);
  assert.equal(files(), before, `${what}: files left behind or removed`);
  assert.equal(readdirSync(process.cwd()), cwdBefore, `${what}: files left in the working directory`);
  return result;
}

Hardening.before(async () => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-hardening-"));
  const rows = Array.from({ length: 40 }, (_, i) => `${(i % 4) + (i % 3) / 10},${i % 5},${i % 2 ? "odd" : "even"}`);
  writeFileSync(at("data.csv"), `a,b,y\n${rows.join("\n")}\n`);
  writeFileSync(at("sets.csv"), `a,b,tags\n${rows.map((r, i) => r.replace(/[a-z]+$/, i % 3 ? "p|q" : "q")).join("\n")}\n`);
  writeFileSync(at("empty.csv"), "");
  writeFileSync(at("header.csv"), "a,b,y\n");
  mkdirSync(at("folder"));
  for (const [name, argv] of [
    ["model.json", ["--scale"]],
    ["mlp.json", ["--model", "mlp", "--hidden", "3", "--max-iter", "20", "--seed", "1"]],
  ]) {
    const trained = await cli("train", at("data.csv"), "--target", "y", "--quiet", ...argv, "-o", at(name));
    assert.is(trained.code, 0, trained.stderr);
  }
  const sets = await cli("train", at("sets.csv"), "--target", "tags", "--model", "multilabel", "--quiet", "-o", at("sets.json"));
  assert.is(sets.code, 0, sets.stderr);
});
Hardening.after(() => rmSync(dir, { recursive: true, force: true }));

Hardening("-o naming a directory and --stream without -o: exit 2 before any work, no temporary file anywhere", async () => {
  const train = ["train", at("data.csv"), "--target", "y", "--quiet"];
  await fails([...train, "-o", at("folder")], 2, /-o .*folder is a directory/);
  await fails([...train, "--stream", "-o", at("folder")], 2, /-o .*folder is a directory/);
  await fails([...train, "--stream"], 2, /-o <model\.json> is required/);
  await fails([...train, "-o", at("no-such-folder/model.json")], 2, /the folder .*no-such-folder does not exist/);
  await fails([...train, "-o", at("data.csv/model.json")], 2, /data\.csv is a file, not a folder/);
  await fails(["predict", at("model.json"), at("data.csv"), "-o", at("folder")], 2, /is a directory/);
  await fails(["import", at("model.json"), "-o", at("folder")], 2, /is a directory/);
  // --plot's path is checked the same way, before training, and named as --plot.
  await fails(
    [...train, "-o", at("never.json"), "--plot", at("no-such-folder/loss.svg")],
    2,
    /: --plot .*no-such-folder\/loss\.svg: the folder/,
  );
  await fails(["test", at("model.json"), at("data.csv"), "--plot", at("folder")], 2, /: --plot .*folder is a directory/);
});

Hardening("flags that do not apply to the model or mode are refused with exit 2, as are bad flag values", async () => {
  const train = ["train", at("data.csv"), "--target", "y", "-o", at("never.json")];
  for (const [extra, pattern] of [
    [["--hidden", "4"], /--hidden applies to --model mlp/],
    [["--model", "multilabel", "--hidden", "4"], /--hidden applies to --model mlp/],
    [["--model", "mlp", "--C", "2"], /--C does not apply to --model mlp/],
    [["--buffer-rows", "100"], /--buffer-rows applies to --stream/],
    [["--stream", "--test", at("data.csv")], /--test does not apply to --stream/],
    [["--stream", "--max-iter", "5"], /--max-iter does not apply to --stream/],
    [["--stream", "--solver", "lbfgs"], /--solver must be sgd or adam/],
    [["--test", at("data.csv"), "--test-size", "0.2"], /--test-size and --test both name a test set/],
    [["--label-sep", ";"], /--label-sep applies to --model multilabel/],
    [["--solver", "bogus"], /--solver must be lbfgs, sgd or adam, got bogus/],
    [["--model", "tree"], /--model must be softmax, multilabel, mlp, got tree/],
    [["--max-iter", "0"], /--max-iter must be an integer ≥ 1/],
    [["--max-iter", "2.5"], /--max-iter must be an integer ≥ 1/],
    [["--C=-1"], /--C must be greater than 0/],
    [["--learning-rate", "abc"], /--learning-rate must be a number/],
    [["--batch-size", "0"], /--batch-size must be an integer ≥ 1/],
    [["--seed=-3"], /--seed must be an integer ≥ 0/],
    [["--model", "mlp", "--hidden", "4,x"], /--hidden must be layer sizes ≥ 1/],
    [["--model", "mlp", "--hidden", "0"], /--hidden must be layer sizes ≥ 1/],
    [["--test-size", "1.5"], /--test-size must be a fraction in \(0, 1\) or a number of rows/],
    [["--stream", "--test-size", "3"], /--test-size must be a fraction in \(0, 1\), got 3/],
    [["--stream", "--buffer-rows", "0"], /--buffer-rows must be an integer ≥ 1/],
    [["--bogus"], /^wasmax train: unknown flag --bogus; wasmax train --help lists its flags\n$/],
  ])
    await fails([...train, ...extra], 2, pattern);
  await fails(["train", at("data.csv"), "-o", at("never.json")], 2, /--target \(the label column\) is required/);
  await fails(["constructor"], 2, /unknown command "constructor"/);
  await fails(["export", at("model.json"), "-o", at("never.onnx"), "--opset", "12"], 2, /--opset must be one of 13 … 21, got 12/);
  await fails(["import", at("model.json"), "-o", at("never.json"), "--head", "relu"], 2, /--head must be softmax or sigmoid/);
  await fails(["test", at("model.json")], 2, /expected 2 file arguments, got 1/);
  // A one-letter flag is named as the help spells it.
  await fails(["predict", at("model.json"), at("data.csv"), "-k", "0"], 2, /: -k must be an integer ≥ 1, got 0;/);
  await fails(["test", at("model.json"), at("data.csv"), "-k"], 2, /: -k needs a value;/);
});

Hardening('empty and header-only CSVs say "no rows" in every command', async () => {
  for (const file of ["empty.csv", "header.csv"]) {
    const rows = file === "empty.csv" ? /has no rows \(the file is empty\)/ : /has no rows, only the header/;
    await fails(["train", at(file), "--target", "y", "-o", at("never.json")], 1, rows);
    await fails(["train", at(file), "--target", "y", "--stream", "-o", at("never.json")], 1, rows);
    await fails(["test", at("model.json"), at(file)], 1, rows);
    await fails(["predict", at("model.json"), at(file), "-o", at("never.csv")], 1, rows);
  }
});

Hardening("a header that names a column twice is refused naming the file, streamed or not (found by the CLI property suite)", async () => {
  writeFileSync(at("twice.csv"), "a,a,y\n0,0,even\n0,0,odd\n");
  try {
    for (const stream of [[], ["--stream"]])
      await fails(
        ["train", at("twice.csv"), "--target", "y", ...stream, "-o", at("never.json")],
        1,
        /twice\.csv: the header names the column "a" twice/,
      );
  } finally {
    rmSync(at("twice.csv"));
  }
});

Hardening("errors name the line where the faulty record starts and the cell at fault", async () => {
  // An unclosed quote: csv-parse stops at the end of the file (line 8); the record starts on line 6.
  writeFileSync(at("quote.csv"), 'a,b,y\n\n1,2,odd\n\n\n3,"4,even\n5,6,odd\n7,8,even\n');
  for (const stream of [[], ["--stream"]])
    await fails(
      ["train", at("quote.csv"), "--target", "y", ...stream, "-o", at("never.json")],
      1,
      /quote\.csv: CSV line 6: a quote opened/,
    );
  // predict on a labelled file with a bad feature cell: that cell, not the label column of line 2.
  writeFileSync(at("bad-cell.csv"), "a,b,y\n1,2,odd\n2,q,even\n");
  await fails(["predict", at("model.json"), at("bad-cell.csv")], 1, /bad-cell\.csv: CSV line 3, column "b": "q" is not a finite number/);
  writeFileSync(at("short.csv"), "a,b,y\n1,2,odd\n\n2,even\n");
  for (const stream of [[], ["--stream"]])
    await fails(
      ["train", at("short.csv"), "--target", "y", ...stream, "-o", at("never.json")],
      1,
      /short\.csv: CSV line 4 has 2 fields, expected 3/,
    );
  rmSync(at("quote.csv"));
  rmSync(at("bad-cell.csv"));
  rmSync(at("short.csv"));
});

Hardening("--stream names the file for a missing file, a directory or a parse error, with no stack trace", async () => {
  const stream = (file) => ["train", file, "--target", "y", "--stream", "-o", at("never.json")];
  await fails(stream(at("missing.csv")), 1, /missing\.csv: no such file or folder/);
  await fails(stream(at("folder")), 1, /folder: is a directory, not a file/);
  writeFileSync(at("broken.csv"), 'a,b,y\n1,2,odd\n3,4"5,even\n');
  await fails(stream(at("broken.csv")), 1, /broken\.csv: CSV line 3: Invalid Opening Quote/);
  await fails(
    stream(at("data.csv")).map((a) => (a === "y" ? "label" : a)),
    1,
    /data\.csv: has no column "label" \(columns: a, b, y\)/,
  );
  rmSync(at("broken.csv"));
  await fails(["train", at("missing.csv"), "--target", "y", "-o", at("never.json")], 1, /missing\.csv: no such file or folder/);
});

Hardening("a model file with a missing or wrong field is refused naming the file and the field", async () => {
  const good = JSON.parse(readFileSync(at("model.json"), "utf8"));
  const sets = JSON.parse(readFileSync(at("sets.json"), "utf8"));
  const pipeline = (changes) => ({ ...good, pipeline: { ...good.pipeline, ...changes } });
  const [scaler, model] = good.pipeline.steps;
  // A version 1 file (model, scaler and columns side by side) is still read; a wrong one names its field too.
  const v1 = { format: "wasmax/cli-model", version: 1, target: "y", featureNames: ["a", "b"], scaler, model };
  const cases = [
    [{ ...good, version: undefined }, /version is undefined; this wasmax reads versions 1 and 2/],
    [{ ...good, version: 3 }, /version is 3/],
    [{ ...good, target: undefined }, /target must be the label column's name/],
    [{ ...good, target: 7 }, /target must be the label column's name/],
    [{ ...good, labelSeparator: "|" }, /labelSeparator is set but the model predicts one class per row/],
    [{ ...sets, labelSeparator: undefined }, /labelSeparator is missing: the model predicts label sets/],
    [{ ...good, labelSeparator: 5 }, /labelSeparator must be a non-empty string/],
    [{ ...good, pipeline: undefined }, /pipeline must be a saved Pipeline/],
    [pipeline({ featureNames: null }), /pipeline has no column names/],
    [pipeline({ featureNames: ["a", "a"] }), /pipeline featureNames names a column twice/],
    [pipeline({ featureNames: ["a", "b", "c"] }), /pipeline steps\[0\] takes 2 columns but featureNames names 3/],
    [
      pipeline({ steps: [{ format: "wasmax/StandardScaler", version: 1, mean: [0], scale: [1] }, model] }),
      /pipeline steps\[0\] takes 1 columns/,
    ],
    [
      pipeline({ steps: [scaler, { format: "wasmax/SoftmaxRegression" }] }),
      /pipeline steps\[1\]: SoftmaxRegression.fromJSON: version undefined/,
    ],
    [{ ...v1, featureNames: ["a", "b", "c"] }, /pipeline steps\[0\] takes 2 columns but featureNames names 3/],
    [{ ...v1, scaler: { mean: [0, 0] } }, /scaler: /],
    [{ ...v1, pipeline: {} }, /"pipeline" is not a field of a model file/],
    [{ ...good, modle: {} }, /"modle" is not a field of a model file/],
    [{ ...good, format: "other" }, /not a model file written by wasmax train/],
    [[], /not a model file written by wasmax train/],
    [null, /not a model file written by wasmax train/],
    [
      good.pipeline,
      /not a model file written by wasmax train \(format "wasmax\/Pipeline"\): a Pipeline saved by toJSON is read in code by loadModel/,
    ],
  ];
  writeFileSync(at("v1.json"), JSON.stringify(v1));
  const read = await cli("info", at("v1.json"));
  assert.is(read.code, 0, read.stderr);
  assert.match(read.stdout, /2 columns \(a, b standardised\), target y/, "a version 1 file is read");
  rmSync(at("v1.json"));
  for (const [content, pattern] of cases) {
    writeFileSync(at("broken.json"), JSON.stringify(content));
    for (const argv of [
      ["info", at("broken.json")],
      ["test", at("broken.json"), at("data.csv")],
      ["predict", at("broken.json"), at("data.csv")],
      ["export", at("broken.json"), "-o", at("never.onnx")],
    ])
      await fails(argv, 1, new RegExp(`broken\\.json: ${pattern.source}`));
  }
  writeFileSync(at("broken.json"), "{ not json");
  await fails(["info", at("broken.json")], 1, /broken\.json: is not a model file: not JSON/);
  rmSync(at("broken.json"));
  await fails(["info", at("missing.json")], 1, /missing\.json: no such file or folder/);
});

Hardening("export and import write nothing when they fail; predict -o leaves nothing after a bad CSV", async () => {
  await fails(["export", at("missing.json"), "-o", at("never.onnx")], 1, /missing\.json: no such file/);
  await fails(["export", at("data.csv"), "-o", at("never.onnx")], 1, /data\.csv: is not a model file: not JSON/);
  writeFileSync(at("junk.onnx"), "not onnx at all");
  await fails(["import", at("junk.onnx"), "-o", at("never.json")], 1, /junk\.onnx: not an ONNX model/);
  rmSync(at("junk.onnx"));
  assert.is((await cli("export", at("mlp.json"), "-o", at("mlp.onnx"))).code, 0);
  await fails(
    ["import", at("mlp.onnx"), "-o", at("never.json"), "--features", "a,a"],
    2,
    /--features must name 2 distinct, non-empty columns/,
  );
  await fails(["import", at("mlp.onnx"), "-o", at("never.json"), "--label-sep", ";"], 2, /--label-sep applies to a multi-label model/);
  rmSync(at("mlp.onnx"));
  writeFileSync(at("other.csv"), "c,d\n1,2\n");
  await fails(["predict", at("model.json"), at("other.csv"), "-o", at("never.csv")], 1, /other\.csv: lacks the columns a, b/);
  rmSync(at("other.csv"));
});

Hardening("the successful paths still write their files (train, --stream, predict -o, export, import)", async () => {
  const before = files();
  const runs = [
    ["train", at("data.csv"), "--target", "y", "--stream", "--buffer-rows", "16", "--quiet", "-o", at("s.json")],
    ["predict", at("s.json"), at("data.csv"), "--proba", "-o", at("p.csv")],
    ["export", at("model.json"), "-o", at("m.onnx")],
    ["import", at("m.onnx"), "-o", at("back.json")],
    ["test", at("back.json"), at("data.csv")],
  ];
  for (const argv of runs) {
    const result = await cli(...argv);
    assert.is(result.code, 0, `${argv[0]}: ${result.stderr}`);
  }
  assert.equal(files(), [...before, "back.json", "m.onnx", "p.csv", "s.json"].sort(), "exactly the files named by -o");
  for (const name of ["back.json", "m.onnx", "p.csv", "s.json"]) rmSync(at(name));
});

Hardening.run();
