// Property suite over the command line, run in-process (test/cli/in_process.js): random argv,
// random and corrupted CSV files, random and damaged model files. Whatever it is given, the CLI
// exits 0, 1 or 2 (2 only for usage: a fixed, well-formed argv never gets it); a failure prints one
// "wasmax <command>: …" message naming the file at fault, with no stack trace and no engine error;
// a failed run leaves every file byte for byte as it was, and a successful one writes only the files
// -o and --plot name ("-" for standard input or output among the paths); wasm memory is back at its
// baseline. Run counts are modest: each case may train a model.
// Bounded time is the runner's limit per suite (test/run.js), as for the other property suites.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wasmax } from "../setup.js";
import { cli } from "../cli/in_process.js";
import { atBaseline, checkAsync } from "./properties.js";

const Cli = suite("properties: command line");
let dir;
const at = (name) => join(dir, name);
/** Every file under the test folder with its bytes (folders as null). */
function snapshot() {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
      .sort()
      .map((path) => [path, statSync(path).isDirectory() ? null : readFileSync(path).toString("base64")]),
  );
}

const ROWS = Array.from({ length: 24 }, (_, i) => `${(i % 4) + (i % 3) / 10},${i % 5},${i % 2 ? "odd" : "even"}`);

Cli.before(async () => {
  dir = mkdtempSync(join(tmpdir(), "wasmax-cli-properties-"));
  writeFileSync(at("data.csv"), `a,b,y\n${ROWS.join("\n")}\n`);
  writeFileSync(at("sets.csv"), `a,b,tags\n${ROWS.map((r, i) => r.replace(/[a-z]+$/, i % 3 ? "p|q" : "q")).join("\n")}\n`);
  writeFileSync(at("empty.csv"), "");
  mkdirSync(at("folder"));
  for (const argv of [
    ["train", at("data.csv"), "--target", "y", "--scale", "--quiet", "-o", at("model.json")],
    ["train", at("sets.csv"), "--target", "tags", "--model", "multilabel", "--quiet", "-o", at("sets.json")],
    ["export", at("model.json"), "-o", at("model.onnx")],
  ]) {
    const result = await cli(...argv);
    assert.is(result.code, 0, result.stderr);
  }
});
Cli.after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the CLI and checks the properties every run keeps; `allowed` lists the exit codes this kind
 * of input may give and `blame` (optional) the file names of which a failure message must contain one.
 */
async function holds(argv, { allowed = [0, 1, 2], blame } = {}) {
  const before = snapshot();
  const baseline = wasmax.memoryStats().allocatedBytes;
  const { code, stderr } = await cli(...argv);
  const what = `wasmax ${argv.map((a) => String(a).replace(`${dir}/`, "")).join(" ")}`;
  assert.ok(allowed.includes(code), `${what}: exit ${code}, expected one of ${allowed.join(", ")}; ${stderr}`);
  const after = snapshot();
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
  if (code === 0) {
    const outputs = ["-o", "--plot"].filter((flag) => argv.includes(flag)).map((flag) => argv[argv.indexOf(flag) + 1]);
    assert.ok(
      changed.every((path) => outputs.includes(path) && after.has(path)),
      `${what}: changed ${changed} (-o and --plot name ${outputs})`,
    );
    // Put the folder back as it was, so later cases see the same fixtures.
    for (const path of changed) {
      if (before.has(path)) writeFileSync(path, Buffer.from(before.get(path), "base64"));
      else rmSync(path);
    }
  } else {
    assert.match(stderr, /^wasmax( [^\n]*)?: \S/, `${what}: no "wasmax <command>: message" line: ${stderr}`);
    assert.not.match(stderr, /^\s+at /m, `${what}: a stack trace`);
    assert.not.match(
      stderr,
      /Cannot read properties|is not a function|is not iterable|undefined is not an object|unreachable|out of bounds|Maximum call stack/i,
      `${what}: an engine error: ${stderr}`,
    );
    if (blame)
      assert.ok(
        blame.some((name) => stderr.includes(name)),
        `${what}: the message names none of ${blame}: ${stderr}`,
      );
    assert.equal(changed, [], `${what}: a failed run changed, added or removed files`);
  }
  atBaseline(baseline, what);
  return code;
}

// ---- random argv ----

const FLAGS = [
  "--target",
  "--model",
  "--hidden",
  "--solver",
  "--max-iter",
  "--C",
  "--learning-rate",
  "--batch-size",
  "--seed",
  "--test-size",
  "--test",
  "--scale",
  "--quiet",
  "-o",
  "--stream",
  "--buffer-rows",
  "--label-sep",
  "--proba",
  "-k",
  "--no-test",
  "--no-scale",
  "--early-stopping",
  "--plot",
  "--resolution",
  "--opset",
  "--features",
  "--head",
  "--bogus",
  "-h",
];
const VALUES = [
  "y",
  "tags",
  "mlp",
  "multilabel",
  "softmax",
  "sgd",
  "adam",
  "lbfgs",
  "sigmoid",
  "3",
  "0",
  "-1",
  "0.2",
  "2.5",
  "1e9",
  "abc",
  "",
  "|",
  ",",
  "a,b",
];
const PATHS = [
  "data.csv",
  "sets.csv",
  "empty.csv",
  "model.json",
  "sets.json",
  "model.onnx",
  "folder",
  "missing.csv",
  "out.json",
  "out.csv",
  "out.svg",
  "-",
];
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 3, arbitrary: fc.constantFrom(...PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const argv = fc.tuple(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("train", "test", "predict", "info", "export", "import", "plot") },
    { weight: 1, arbitrary: fc.constantFrom("", "--help", "constructor", "__proto__", "frobnicate") },
  ),
  fc.array(token, { maxLength: 9 }),
);

Cli("random argv: exit 0, 1 or 2 with one message, files untouched on failure, only -o's file on success", async () => {
  const codes = new Set();
  await checkAsync(
    fc.asyncProperty(argv, async ([command, rest]) => {
      // Paths are made absolute so every file the CLI could touch is in the test folder.
      const args = [command, ...rest.map((t) => (PATHS.includes(t) && t !== "-" ? at(t) : t))];
      codes.add(await holds(args));
    }),
    { runs: 120, fresh: 40 },
  );
  assert.ok(codes.has(0) && codes.has(1) && codes.has(2), `the generator reaches every exit code (got ${[...codes]})`);
});

// ---- mistyped flags ----

/** Levenshtein distance, on flag names as the did-you-mean compares them (case, "-" and "_" ignored). */
function distance(a, b) {
  const norm = (text) => text.toLowerCase().replace(/[_-]/g, "");
  [a, b] = [norm(a), norm(b)];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

const TRAIN_FLAGS = ["target", "model", "hidden", "solver", "max-iter", "learning-rate", "batch-size", "seed", "test-size", "test"];
const typo = fc
  .record({
    flag: fc.constantFrom(...TRAIN_FLAGS),
    at: fc.nat(),
    edit: fc.constantFrom("delete", "insert", "replace", "swap"),
    letter: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
  })
  .map(({ flag, at, edit, letter }) => {
    const i = at % flag.length;
    if (edit === "delete") return { flag, typed: flag.slice(0, i) + flag.slice(i + 1) };
    if (edit === "insert") return { flag, typed: flag.slice(0, i) + letter + flag.slice(i) };
    if (edit === "replace") return { flag, typed: flag.slice(0, i) + letter + flag.slice(i + 1) };
    return { flag, typed: flag.slice(0, i) + flag.slice(i + 1, i + 2) + flag.slice(i, i + 1) + flag.slice(i + 2) };
  })
  .filter(({ typed }) => !["", ...TRAIN_FLAGS, "C", "scale", "no-scale", "no-test", "quiet", "stream", "plot", "output"].includes(typed));

Cli("a flag one edit away from a train flag: exit 2, one line naming it, and a suggestion no farther than the flag meant", async () => {
  await checkAsync(
    fc.asyncProperty(typo, async ({ flag, typed }) => {
      const argv = ["train", at("data.csv"), "--target", "y", `--${typed}`, "1", "-o", at("out.json")];
      const code = await holds(argv, { allowed: [2] });
      assert.is(code, 2);
      const { stderr } = await cli(...argv);
      assert.ok(stderr.startsWith(`wasmax train: unknown flag --${typed}`), stderr);
      assert.is(stderr.trim().split("\n").length, 1, stderr);
      const suggested = /did you mean --([\w-]+)\?/.exec(stderr)?.[1];
      assert.ok(suggested !== undefined || distance(typed, flag) > 2, `--${typed} (from --${flag}) got no suggestion: ${stderr}`);
      if (suggested !== undefined)
        assert.ok(distance(typed, suggested) <= distance(typed, flag), `--${typed}: --${suggested}, not --${flag}`);
    }),
    { runs: 60, fresh: 20 },
  );
});

// ---- random and corrupted CSVs ----

const cell = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: -20, max: 20 }).map((n) => String(n / 4)) },
  { weight: 2, arbitrary: fc.constantFrom("odd", "even", "p|q", "") },
  { weight: 1, arbitrary: fc.constantFrom("NaN", "Infinity", "1e400", "x", '"2"', '"a,b"', '"line\nbreak"', '"un', " 3 ", "0x1F") },
);
const csv = fc
  .record({
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant(["a", "b", "y"]) },
      { weight: 1, arbitrary: fc.constantFrom(["a", "y"], ["a", "a", "y"], ["a", "b"], ["", "b", "y"], ['"y', "b", "a"]) },
    ),
    rows: fc.array(
      fc.oneof(
        { weight: 12, arbitrary: fc.tuple(cell, cell, fc.constantFrom("odd", "even")) },
        { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }) },
      ),
      { maxLength: 12 },
    ),
    newline: fc.constantFrom("\n", "\r\n", "\n\n"),
    bom: fc.boolean(),
    corrupt: fc.option(fc.record({ at: fc.nat(), insert: fc.constantFrom('"', ",", "\n", "\u0000", "\uFFFD", ""), cut: fc.boolean() })),
  })
  .map(({ header, rows, newline, bom, corrupt }) => {
    let text = `${bom ? "\uFEFF" : ""}${[header, ...rows].map((r) => r.join(",")).join(newline)}${newline}`;
    if (corrupt) {
      const i = corrupt.at % (text.length + 1);
      text = corrupt.cut ? text.slice(0, i) : text.slice(0, i) + corrupt.insert + text.slice(i);
    }
    return text;
  });

Cli(
  "random and corrupted CSVs: train, train --stream, test and predict exit 0 or 1, failures name the file and leave nothing",
  async () => {
    const codes = new Set();
    await checkAsync(
      fc.asyncProperty(csv, fc.constantFrom("train", "stream", "test", "predict"), async (text, use) => {
        writeFileSync(at("fuzz.csv"), text);
        const argv = {
          train: ["train", at("fuzz.csv"), "--target", "y", "--quiet", "--max-iter", "20", "-o", at("out.json")],
          stream: ["train", at("fuzz.csv"), "--target", "y", "--stream", "--quiet", "--buffer-rows", "8", "-o", at("out.json")],
          test: ["test", at("model.json"), at("fuzz.csv")],
          predict: ["predict", at("model.json"), at("fuzz.csv"), "-o", at("out.csv")],
        }[use];
        codes.add(await holds(argv, { allowed: [0, 1], blame: ["fuzz.csv"] }));
        rmSync(at("fuzz.csv"));
      }),
      { runs: 100, fresh: 40 },
    );
    assert.ok(codes.has(0) && codes.has(1), `the generator reaches success and failure (got ${[...codes]})`);
  },
);

// ---- random and damaged model files ----

const junkValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, "", "x", [], {}, [1, "a"], { format: "wasmax/StandardScaler" }),
  fc.string({ maxLength: 4 }),
);

/** Every path into a JSON value (objects and arrays), so a mutation can reach any field of the model file. */
function paths(value, prefix = []) {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.keys(value).flatMap((key) => paths(value[key], [...prefix, key]))];
}

function mutate(value, path, replacement, remove) {
  if (path.length === 0) return remove ? undefined : replacement;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  const [key, ...rest] = path;
  if (rest.length === 0 && remove) delete copy[key];
  else copy[key] = mutate(value[key], rest, replacement, remove);
  return copy;
}

Cli("random and damaged model files: info, test, predict and export exit 0 or 1, failures name the file and write nothing", async () => {
  const models = ["model.json", "sets.json"].map((f) => JSON.parse(readFileSync(at(f), "utf8")));
  const damaged = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ model: fc.constantFrom(...models), pick: fc.nat(), replacement: junkValue, remove: fc.boolean() })
        .map(({ model, pick, replacement, remove }) => {
          const all = paths(model).filter((p) => p.length > 0);
          return JSON.stringify(mutate(model, all[pick % all.length], replacement, remove));
        }),
    },
    { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...models), fc.nat()).map(([m, cut]) => JSON.stringify(m).slice(0, cut % 200)) },
  );
  const use = fc.constantFrom("info", "test", "predict", "export");
  const codes = new Set();
  await checkAsync(
    fc.asyncProperty(damaged, use, async (text, command) => {
      writeFileSync(at("fuzz.json"), text);
      const csvFor = text.includes('"labelSeparator"') ? at("sets.csv") : at("data.csv");
      const argv = {
        info: ["info", at("fuzz.json")],
        test: ["test", at("fuzz.json"), csvFor],
        predict: ["predict", at("fuzz.json"), csvFor, "-o", at("out.csv")],
        export: ["export", at("fuzz.json"), "-o", at("out.onnx")],
      }[command];
      // A damaged featureNames or target can make the CSV the one that does not fit.
      codes.add(await holds(argv, { allowed: [0, 1], blame: ["fuzz.json", csvFor.replace(`${dir}/`, "")] }));
      rmSync(at("fuzz.json"));
    }),
    { runs: 100, fresh: 40 },
  );
  assert.ok(codes.has(0) && codes.has(1), `the generator reaches success and failure (got ${[...codes]})`);
});

Cli.run();
