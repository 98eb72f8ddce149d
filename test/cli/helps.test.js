// The command line that helps (in-process): did-you-mean for commands and flags in one short line
// with exit 2, --version, "-" for standard input and output, progress as one redrawn line on a
// terminal and as a few plain lines elsewhere, hints that name CLI flags, predict -k with
// probabilities for every model, test with P@k / R@k and the confusion matrix, the held-out report by
// default, the MLP standardised by default, text columns one-hot encoded, and the SVG pictures.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wasmax, checkMemory } from "../setup.js";
import { cli, cliWith } from "./in_process.js";

const Helps = suite("command line: helps");
checkMemory(Helps);
let dir;
const at = (name) => join(dir, name);
const read = (name) => readFileSync(at(name), "utf8");
const IRIS_NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

Helps.before(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-helps-"));
  const iris = JSON.parse(readFileSync(new URL("../fixtures/iris.json", import.meta.url), "utf8"));
  const species = ["setosa", "versicolor", "virginica"];
  const rows = iris.X.map((x, i) => [...x, species[iris.classes.indexOf(iris.y[i])]]);
  writeFileSync(at("iris.csv"), `${[...IRIS_NAMES, "species"].join(",")}\n${rows.map((r) => r.join(",")).join("\n")}\n`);
  // Two columns only, for the decision-region plot.
  writeFileSync(at("petals.csv"), `petal_length,petal_width,species\n${rows.map((r) => [r[2], r[3], r[4]].join(",")).join("\n")}\n`);
  // Cars: a number column, two text columns; the price class follows the weight and the colour.
  const colours = ["red", "blue", "green"];
  const cities = ["Oslo", "Rome", "Paris", "Lima"];
  const cars = Array.from({ length: 60 }, (_, i) => {
    const weight = 1 + ((i * 7) % 20) / 10;
    const colour = colours[i % 3];
    return [weight.toFixed(1), colour, cities[(i * 5) % 4], weight + (colour === "red" ? 0.8 : 0) > 2 ? "dear" : "cheap"];
  });
  writeFileSync(at("cars.csv"), `weight,colour,city,price\n${cars.map((r) => r.join(",")).join("\n")}\n`);
});
Helps.after(() => rmSync(dir, { recursive: true, force: true }));

/** iris.csv's rows as objects by column name, as a pipeline the CLI wrote predicts from. */
function irisRows() {
  const lines = read("iris.csv").trim().split("\n").slice(1);
  return lines.map((line) =>
    Object.fromEntries(
      line
        .split(",")
        .slice(0, 4)
        .map((v, j) => [IRIS_NAMES[j], Number(v)]),
    ),
  );
}

/** Runs the CLI expecting exit `code`; gives the result. */
async function expect(code, ...argv) {
  const result = await cli(...argv);
  assert.is(result.code, code, `wasmax ${argv.join(" ")}: exit ${result.code}; stderr: ${result.stderr}`);
  return result;
}

Helps("usage errors: exit 2, one short line naming the nearest command or flag, never Node's parser text or the whole help", async () => {
  const cases = [
    [["trian", "iris.csv"], /^wasmax: unknown command "trian" \(did you mean train\?\); commands: train, test, predict, info, /],
    [["--verison"], /^wasmax: unknown flag --verison \(did you mean --version\?\); commands: train, /],
    [
      ["train", at("iris.csv"), "--target", "species", "--test-szie", "0.3", "-o", at("m.json")],
      /unknown flag --test-szie \(did you mean --test-size\?\)/,
    ],
    [
      ["train", at("iris.csv"), "--target", "species", "--max-iters", "3", "-o", at("m.json")],
      /unknown flag --max-iters \(did you mean --max-iter\?\)/,
    ],
    [["predict", at("m.json"), at("iris.csv"), "--prob"], /unknown flag --prob \(did you mean --proba\?\)/],
    [["train", at("iris.csv"), "--target"], /^wasmax train: --target needs a value; wasmax train --help lists its flags\n$/],
    [["train", at("iris.csv"), "--target", "species", "--quiet=yes", "-o", at("m.json")], /--quiet takes no value/],
    [
      ["train", at("iris.csv"), "--target", "species", "--model", "mpl", "-o", at("m.json")],
      /--model must be .*, got mpl \(did you mean mlp\?\)/,
    ],
    [["train", at("iris.csv"), "--target", "species", "--solver", "adma", "-o", at("m.json")], /got adma \(did you mean adam\?\)/],
    [
      ["train", at("iris.csv"), "--target", "species", "--early-stopping", "-o", at("m.json")],
      /--early-stopping applies to --solver sgd or adam/,
    ],
    [["train", at("iris.csv"), "--target", "species", "--no-test", "--test-size", "0.3", "-o", at("m.json")], /contradict/],
    [["train", at("iris.csv"), "--target", "species", "--scale", "--no-scale", "-o", at("m.json")], /contradict/],
    [["train", "-", "--target", "species", "--stream", "-o", at("m.json")], /--stream reads the file twice/],
    [["train", at("iris.csv"), "--target", "species", "-o", "-", "--plot", "-"], /both write to standard output/],
    [["predict", at("m.json"), at("iris.csv"), "-k", "2", "--proba"], /-k and --proba both choose the columns/],
    [["test", at("m.json"), at("iris.csv"), "extra.csv"], /expected 2 file arguments, got 3 \(extra\.csv is one too many\)/],
    [[], /^wasmax: a command is required: train, test, predict/],
  ];
  for (const [argv, pattern] of cases) {
    const { stderr } = await expect(2, ...argv);
    assert.match(stderr, pattern, stderr);
    assert.is(stderr.trim().split("\n").length, 1, `one line: ${stderr}`);
    assert.not.match(stderr, /Unknown option|To specify a positional|ERR_PARSE_ARGS/, stderr);
  }
  assert.not.ok(existsSync(at("m.json")), "no model file after a usage error");
});

Helps("--version and -v print the package's version; --help lists every command", async () => {
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  assert.is((await expect(0, "--version")).stdout, `wasmax ${version}\n`);
  assert.is((await expect(0, "-v")).stdout, `wasmax ${version}\n`);
  const help = (await expect(0, "--help")).stdout;
  for (const command of ["train", "test", "predict", "info", "export", "import", "plot"])
    assert.match(help, new RegExp(`wasmax ${command} `));
});

Helps('"-" reads standard input and "-o -" writes standard output; messages then go to standard error', async () => {
  const csv = read("iris.csv");
  const trained = await cliWith({ stdin: csv }, "train", "-", "--target", "species", "--quiet", "-o", "-");
  assert.is(trained.code, 0, trained.stderr);
  const file = JSON.parse(trained.stdout);
  assert.is(file.format, "wasmax/cli-model");
  assert.match(trained.stderr, /trained on 120 rows × 4 columns, 3 classes, \d+ iterations → -\n/);
  assert.match(trained.stderr, /held-out rows \(30 of 150; --no-test trains on every row\)/);
  writeFileSync(at("stdin.json"), trained.stdout);
  // The model file from standard input, the data from a file; then the other way round.
  const fromStdin = await cliWith({ stdin: trained.stdout }, "predict", "-", at("iris.csv"));
  const fromFile = await cliWith({ stdin: csv }, "predict", at("stdin.json"), "-");
  assert.is(fromStdin.code, 0, fromStdin.stderr);
  assert.is(fromStdin.stdout, fromFile.stdout);
  assert.is(fromStdin.stdout.split("\n")[0], "species");
  const pipeline = wasmax.loadModel(file);
  try {
    const rows = irisRows();
    assert.equal(fromStdin.stdout.trim().split("\n").slice(1), pipeline.predict(rows), "loadModel reads what the CLI wrote");
  } finally {
    pipeline.dispose();
  }
  const tested = await cliWith({ stdin: csv }, "test", at("stdin.json"), "-");
  assert.match(tested.stdout, /accuracy +0\.9/);
  const exported = await cliWith({ binary: true }, "export", at("stdin.json"), "-o", "-");
  assert.is(exported.code, 0, exported.stderr);
  await expect(0, "export", at("stdin.json"), "-o", at("stdin.onnx"));
  assert.ok(Buffer.from(exported.stdout).equals(readFileSync(at("stdin.onnx"))), "the bytes export writes to a file");
  const twice = await cliWith({ stdin: csv }, "train", "-", "--target", "species", "--test", "-", "-o", at("never.json"));
  assert.is(twice.code, 2);
  assert.match(twice.stderr, /"-" \(standard input\) can be read once/);
  const imported = await cliWith({ stdin: Buffer.from(exported.stdout) }, "import", "-", "-o", "-");
  assert.is(imported.code, 0, imported.stderr);
  assert.is(JSON.parse(imported.stdout).target, "species");
});

Helps("progress: one line redrawn in place on a terminal, a few plain lines elsewhere, nothing with --quiet", async () => {
  const train = (...extra) => ["train", at("iris.csv"), "--target", "species", "--no-test", "-o", at("p.json"), ...extra];
  const terminal = await cliWith({ tty: true }, ...train());
  assert.is(terminal.code, 0, terminal.stderr);
  assert.match(terminal.stderr, /^\r\[[# ]{20}\] iteration 1\/100 · loss \d\.\d{4} · /);
  // Every redraw starts with a carriage return; the display ends its one line once, when training stops.
  const display = terminal.stderr.slice(0, terminal.stderr.indexOf("\n") + 1);
  assert.match(display, /^(\r\[[# ]{20}\] iteration \d+\/100 · loss \d\.\d{4} · [^\r\n]*)+\n$/);
  assert.is(terminal.stderr, display, "nothing else on standard error");
  const narrow = await cliWith({ tty: true, columns: 40 }, ...train());
  const drawn = narrow.stderr.split(/[\r\n]/).filter(Boolean);
  assert.ok(drawn.length > 0 && drawn.every((line) => line.length <= 39), `lines cut to a 40-column terminal: ${JSON.stringify(drawn)}`);
  const plain = await cli(...train("--solver", "adam", "--max-iter", "200"));
  const lines = plain.stderr.split("\n").filter((line) => /^epoch \d+\/200 · loss/.test(line));
  assert.ok(lines.length >= 2 && lines.length <= 21, `at most ~20 plain lines for 200 epochs, got ${lines.length}`);
  assert.match(lines.at(-1), /^epoch 200\/200 · loss \d\.\d{4} · [\d.]+ (ms|s) \([\d.]+ epochs\/s\)$/);
  assert.match(lines[0], /· ETA /);
  assert.not.match(plain.stderr, /\r/, "no carriage returns off a terminal");
  assert.is((await cli(...train("--quiet"))).stderr, "");
  for (const [mode, check] of [
    ["none", (s) => s === ""],
    ["bar", (s) => s.startsWith("\r[")],
    ["lines", (s) => s.startsWith("iteration 1/100")],
  ]) {
    process.env.WASMAX_PROGRESS = mode;
    try {
      const forced = await cliWith({ tty: mode !== "bar" }, ...train());
      assert.ok(check(forced.stderr), `WASMAX_PROGRESS=${mode}: ${JSON.stringify(forced.stderr.slice(0, 80))}`);
    } finally {
      delete process.env.WASMAX_PROGRESS;
    }
  }
});

Helps("a solver that stops short gets a hint naming CLI flags, not API options", async () => {
  const short = await cli("train", at("iris.csv"), "--target", "species", "--max-iter", "3", "-o", at("h.json"));
  assert.is(short.code, 0, short.stderr);
  assert.match(short.stderr, /wasmax: lbfgs stopped at --max-iter 3 iterations before converging: try --max-iter 6, or add --scale/);
  assert.not.match(short.stderr, /maxIter|StandardScaler|raise tol/);
  const diverged = await cli(
    "train",
    at("iris.csv"),
    "--target",
    "species",
    "--solver",
    "sgd",
    "--learning-rate",
    "1e6",
    "-o",
    at("never.json"),
  );
  assert.is(diverged.code, 1);
  assert.match(diverged.stderr, /sgd diverged: the loss is not finite; lower --learning-rate \(now 1000000\), or add --scale\n$/);
  assert.not.match(diverged.stderr, /learningRate/);
  writeFileSync(at("huge.csv"), read("iris.csv").replace(/^(\d\.\d),/gm, "$1e15,"));
  const streamed = await cli("train", at("huge.csv"), "--target", "species", "--stream", "--learning-rate", "1e30", "-o", at("never.json"));
  assert.is(streamed.code, 1, streamed.stderr);
  assert.match(streamed.stderr, /adam diverged: the loss is not finite; lower --learning-rate \(now 1e\+30\), or add --scale\n$/);
  assert.not.ok(existsSync(at("never.json")));
  const onTerminal = await cliWith({ tty: true }, "train", at("iris.csv"), "--target", "species", "--max-iter", "3", "-o", at("h.json"));
  assert.match(
    onTerminal.stderr,
    /iteration 3\/3 · [^\n]* · done *\nwasmax: lbfgs stopped at --max-iter 3/,
    "the hint on a line of its own",
  );
  const adam = await cli(
    "train",
    at("iris.csv"),
    "--target",
    "species",
    "--solver",
    "adam",
    "--max-iter",
    "4",
    "--quiet",
    "-o",
    at("h.json"),
  );
  assert.match(adam.stderr, /^wasmax: adam stopped at --max-iter 4 epochs with the loss still falling: try --max-iter 8, or add --scale/m);
  assert.not.match(adam.stderr, /maxIter/);
});

Helps("predict -k: the k most probable labels with their probabilities, for every kind of model", async () => {
  await expect(0, "train", at("iris.csv"), "--target", "species", "--quiet", "-o", at("softmax.json"));
  await expect(
    0,
    "train",
    at("iris.csv"),
    "--target",
    "species",
    "--model",
    "mlp",
    "--hidden",
    "4",
    "--seed",
    "1",
    "--quiet",
    "-o",
    at("mlp.json"),
  );
  const tags = read("iris.csv").replace(/,(setosa|versicolor|virginica)$/gm, (_, s) => `,${s === "setosa" ? "small" : "big|petal"}`);
  writeFileSync(at("tags.csv"), tags);
  await expect(0, "train", at("tags.csv"), "--target", "species", "--model", "multilabel", "--quiet", "-o", at("tags.json"));
  for (const name of ["softmax.json", "mlp.json", "tags.json"]) {
    const lines = (await expect(0, "predict", at(name), at("iris.csv"), "-k", "2")).stdout.trim().split("\n");
    assert.is(lines[0], "label_1,probability_1,label_2,probability_2");
    assert.is(lines.length, 151);
    const pipeline = wasmax.loadModel(JSON.parse(read(name)));
    try {
      const rows = irisRows();
      const top = pipeline.predictTopK(rows, 2);
      for (const i of [0, 60, 149]) {
        const cells = lines[i + 1].split(",");
        assert.equal([cells[0], cells[2]], top.labels[i].map(String), `${name} row ${i}`);
        assert.ok(Math.abs(Number(cells[1]) - top.probabilities[i * 2]) < 1e-5, `${name} row ${i}: ${cells[1]}`);
        assert.ok(Number(cells[1]) >= Number(cells[3]), "most probable first");
      }
    } finally {
      pipeline.dispose();
    }
  }
  // k larger than the classes: every class once.
  assert.is((await expect(0, "predict", at("softmax.json"), at("iris.csv"), "-k", "9")).stdout.split("\n")[0].split(",").length, 6);
});

Helps("test: the report, the confusion matrix as a table, then N, P@k and R@k", async () => {
  const one = (await expect(0, "test", at("softmax.json"), at("iris.csv"))).stdout;
  const accuracy = Number(/accuracy +([\d.]+)/.exec(one)[1]);
  assert.match(one, /\nconfusion matrix\ntrue \\ predicted +setosa +versicolor +virginica\nsetosa +50 +0 +0\nversicolor +\d+ +\d+ +\d+\n/);
  const rows = one.split("confusion matrix\n")[1].split("\n\n")[0].split("\n").slice(1);
  const counts = rows.map((r) => r.trim().split(/ +/).slice(1).map(Number));
  assert.is(
    counts.flat().reduce((a, b) => a + b, 0),
    150,
    "every row counted once",
  );
  assert.is(((counts[0][0] + counts[1][1] + counts[2][2]) / 150).toFixed(4), accuracy.toFixed(4), "the diagonal is the accuracy");
  assert.match(one, new RegExp(`\\nN\\t150\\nP@1\\t${accuracy.toFixed(3)}\\nR@1\\t${accuracy.toFixed(3)}\\n$`));
  const two = (await expect(0, "test", at("softmax.json"), at("iris.csv"), "-k", "2")).stdout;
  const [p2, r2] = [Number(/P@2\t([\d.]+)/.exec(two)[1]), Number(/R@2\t([\d.]+)/.exec(two)[1])];
  assert.ok(r2 >= accuracy && Math.abs(p2 - r2 / 2) < 1e-3, `P@2 ${p2} is half of R@2 ${r2} with one true label per row`);
  const sets = (await expect(0, "test", at("tags.json"), at("tags.csv"), "-k", "2")).stdout;
  assert.match(sets, /^hamming loss [\d.]+/);
  assert.match(sets, /\nN\t150\nP@2\t[\d.]+\nR@2\t[\d.]+\n$/);
});

Helps("the held-out report by default (--no-test turns it off; too small a file says so); the MLP standardised by default", async () => {
  const held = await expect(0, "train", at("iris.csv"), "--target", "species", "--quiet", "-o", at("d.json"));
  assert.match(held.stdout, /trained on 120 rows/);
  assert.match(held.stdout, /\nheld-out rows \(30 of 150; --no-test trains on every row\)\n[\s\S]*accuracy/);
  const all = await expect(0, "train", at("iris.csv"), "--target", "species", "--quiet", "--no-test", "-o", at("d.json"));
  assert.match(all.stdout, /trained on 150 rows/);
  assert.not.match(all.stdout, /held-out|accuracy/);
  writeFileSync(at("tiny.csv"), "a,b,y\n1,2,p\n2,1,q\n3,3,p\n1,1,q\n");
  const tiny = await expect(0, "train", at("tiny.csv"), "--target", "y", "--quiet", "-o", at("d.json"));
  assert.match(tiny.stdout, /tiny\.csv has 4 rows, too few to hold some out: training on all of them, no report\n/);
  const steps = (name) => JSON.parse(read(name)).pipeline.steps.map((s) => s.format);
  await expect(0, "train", at("iris.csv"), "--target", "species", "--model", "mlp", "--hidden", "4", "--quiet", "-o", at("d.json"));
  assert.equal(steps("d.json"), ["wasmax/StandardScaler", "wasmax/MLPClassifier"]);
  await expect(
    0,
    "train",
    at("iris.csv"),
    "--target",
    "species",
    "--model",
    "mlp",
    "--hidden",
    "4",
    "--no-scale",
    "--quiet",
    "-o",
    at("d.json"),
  );
  assert.equal(steps("d.json"), ["wasmax/MLPClassifier"]);
  await expect(0, "train", at("iris.csv"), "--target", "species", "--quiet", "-o", at("d.json"));
  assert.equal(steps("d.json"), ["wasmax/SoftmaxRegression"], "no scaler by default for the linear model");
});

Helps("text columns are found and one-hot encoded; the report says which column was treated how; loadModel predicts by name", async () => {
  const trained = await expect(0, "train", at("cars.csv"), "--target", "price", "--seed", "1", "--quiet", "-o", at("cars.json"));
  assert.match(trained.stdout, /trained on 48 rows × 3 columns, 2 classes/);
  assert.match(trained.stdout, /\ncolumns: colour, city one-hot encoded \(7 columns, one per category\); weight passed through\n/);
  assert.match((await expect(0, "info", at("cars.json"))).stdout, /3 columns \(colour, city one-hot encoded/);
  const pipeline = wasmax.loadModel(JSON.parse(read("cars.json")));
  try {
    const predicted = pipeline.predict([
      { weight: 2.8, colour: "red", city: "Rome" },
      { weight: 1.0, colour: "blue", city: "Oslo" },
    ]);
    assert.equal(predicted, ["dear", "cheap"]);
    assert.equal(pipeline.featureNames, ["weight", "colour", "city"]);
  } finally {
    pipeline.dispose();
  }
  // A city the model never saw: its one-hot columns are all 0, and the row is still predicted.
  writeFileSync(at("new-cars.csv"), "city,colour,weight\nTokyo,red,2.9\nOslo,blue,1.0\n");
  assert.equal((await expect(0, "predict", at("cars.json"), at("new-cars.csv"))).stdout, "price\ndear\ncheap\n");
  // Columns the model was not trained on are left unread, whatever they hold (docs/cli.md: "other columns are ignored").
  writeFileSync(at("more-cars.csv"), "note,city,colour,weight,owner_age\nscratched,Tokyo,red,2.9,forty\n,Oslo,blue,1.0,\n");
  assert.equal((await expect(0, "predict", at("cars.json"), at("more-cars.csv"))).stdout, "price\ndear\ncheap\n");
  // A text column with a different value in every row is an identifier: trained on, with a warning.
  const [header, ...lines] = read("cars.csv").trim().split("\n");
  writeFileSync(at("named-cars.csv"), `name,${header}\n${lines.map((line, i) => `car${i},${line}`).join("\n")}\n`);
  const named = await expect(0, "train", at("named-cars.csv"), "--target", "price", "--quiet", "-o", at("named.json"));
  assert.match(named.stderr, /^wasmax: column "name" has a different value in every row \(an identifier\?\)/);
  assert.not.match(trained.stderr, /identifier/);
  // In a column of numbers a word is a typo, named by line and column, not a category.
  writeFileSync(at("typo.csv"), `${read("cars.csv").replace("\n1.0,", "\nl.0,")}`);
  const typo = await expect(1, "train", at("typo.csv"), "--target", "price", "-o", at("never.json"));
  assert.match(typo.stderr, /typo\.csv: CSV line \d+, column "weight": "l\.0" is not a finite number/);
  // ONNX: one input per column, the text columns as strings (import takes one feature matrix, so it refuses the graph).
  const onnx = await expect(0, "export", at("cars.json"), "-o", at("cars.onnx"));
  assert.match(onnx.stdout, /one input per column \(N × 1: weight float, colour string, city string\)/);
  const back = await expect(1, "import", at("cars.onnx"), "-o", at("never.json"));
  assert.match(back.stderr, /cars\.onnx: the graph has 3 inputs \(weight, colour, city\)/);
  assert.not.ok(existsSync(at("never.json")));
});

Helps("--plot on train and test, and wasmax plot: SVG files with the curve, the classes and the features", async () => {
  const svg = (name) => {
    const text = read(name);
    assert.match(text, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /<\/svg>\n?$/);
    return text;
  };
  const trained = await expect(0, "train", at("iris.csv"), "--target", "species", "--quiet", "--plot", at("loss.svg"), "-o", at("p.json"));
  assert.match(trained.stdout, /loss curve → .*loss\.svg\n/);
  assert.match(svg("loss.svg"), />iteration</);
  const early = ["--solver", "adam", "--early-stopping", "--max-iter", "30", "--quiet", "--plot", at("early.svg")];
  await expect(0, "train", at("iris.csv"), "--target", "species", ...early, "-o", at("e.json"));
  assert.match(svg("early.svg"), /held-out accuracy/);
  const tested = await expect(0, "test", at("p.json"), at("iris.csv"), "--plot", at("cm.svg"));
  assert.match(tested.stdout, /confusion matrix → .*cm\.svg\n$/);
  for (const name of ["setosa", "versicolor", "virginica"]) assert.match(svg("cm.svg"), new RegExp(`>${name}<`));
  const piped = await cli("test", at("p.json"), at("iris.csv"), "--plot", "-");
  assert.match(piped.stdout, /^<svg /, "--plot -: the picture on standard output");
  assert.match(piped.stderr, /accuracy/, "and the report on standard error");
  await expect(2, "test", at("tags.json"), at("tags.csv"), "--plot", at("never.svg"));
  await expect(0, "train", at("petals.csv"), "--target", "species", "--quiet", "-o", at("petals.json"));
  const regions = await expect(0, "plot", at("petals.json"), at("petals.csv"), "-o", at("regions.svg"), "--resolution", "40");
  assert.match(regions.stdout, /decision regions of petal_length × petal_width with 150 points → /);
  const drawn = svg("regions.svg");
  for (const text of ["petal_length", "petal_width", "setosa", "virginica"]) assert.match(drawn, new RegExp(`>${text}<`));
  const four = await expect(1, "plot", at("p.json"), at("iris.csv"), "-o", at("never.svg"));
  assert.match(four.stderr, /plot draws a model of two number columns; this one reads 4 \(sepal_length/);
  await expect(2, "plot", at("petals.json"), at("petals.csv"), "-o", at("never.svg"), "--resolution", "1000");
  assert.not.ok(existsSync(at("never.svg")));
});

Helps("docs/cli.md's example on examples/data/admissions.csv prints what the page shows; loadModel predicts what it says", async () => {
  const page = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
  const [, command, trained, columns] = /\$ npx wasmax (train examples\/data\/admissions\.csv [^\n]*)\n([^\n]*)\n([^\n]*)\n/.exec(page);
  const argv = command.split(" ").map((a) => (a === "admissions.json" ? at("admissions.json") : a));
  argv[1] = fileURLToPath(new URL("../../examples/data/admissions.csv", import.meta.url));
  const { code, stdout, stderr } = await cli(...argv, "--quiet");
  assert.is(code, 0, stderr);
  // As the page shows it: the model file by its name, and the iteration count as the page's (it may differ
  // by a few between the kernels: simd, scalar, threads).
  const lines = (stdout + stderr).split("\n").map((l) => l.replace(at("admissions.json"), "admissions.json"));
  assert.ok(
    lines.some((l) => l.replace(/, \d+ iterations →/, ", 15 iterations →") === trained),
    `"${trained}" in:\n${stdout}${stderr}`,
  );
  assert.ok(lines.includes(columns), `"${columns}" in:\n${stdout}${stderr}`);
  const [, rows, answer] = /pipeline\.predict\((\[\{ gpa[^\n]*\])\); \/\/ (\[[^\n]*\])/.exec(page);
  const pipeline = wasmax.loadModel(JSON.parse(read("admissions.json")));
  assert.equal(pipeline.predict(Function(`return ${rows}`)()), JSON.parse(answer));
  pipeline.dispose();
});

Helps.run();
