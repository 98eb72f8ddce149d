// fastText training threads (issue #25): FastTextClassifier.fit on the 11-language sentence set
// (bench/data/text/langid.train, 42,791 lines; fastText's default supervised arguments: dim 100,
// softmax, epoch 5, lr 0.1, words only) with thread: 1 and thread: 2, in one process, alternating
// in rounds of rotated order; medians and ranges of wall and CPU seconds (process.cpuUsage: every
// thread of the process), and the test P@1 of each fit (langid.test, 4,755 lines, outside the timing).
//
// Targets: with 2 threads, ≥ 1.5× one thread on a quiet machine; threads never make a fit slower
// when the cores are busy. So the fits run twice: on the machine as it is ("no added load": the
// quiet-machine row when nothing else runs; the run records `uptime` before and after, so a busy
// machine shows), then while as many busy-loop processes as the machine has cores (BENCH_BUSY=n for
// another count) keep the cores busy. Each busy process runs in a session of its own (as other
// programs do; Linux's autogroup shares CPU time between sessions) and stops by itself after
// BUSY_SECONDS if this script dies first.
//
// Phases: where a fit's time goes, measured by replaying fit's steps with the library's internals
// (build/testing.js), per thread count, medians in ms: the dictionary (counting, recording each line's
// tokens, sorting, pruning), starting the input weights' fill (with threads, posting it to the workers; on
// one thread, the whole fill), encoding the corpus into input rows (encodeRecorded: a remap of the recorded
// tokens; the workers fill meanwhile), waiting for the fill,
// the training context (the corpus copied into wasm), and training (the Hogwild job and its end).
//
//   npm run build && node bench/fasttext_threads.js   (writes bench/results/fasttext_threads.json)
//   BENCH_QUICK=1 node bench/fasttext_threads.js      (one round of each, ~15 s)
//   BENCH_BUSY=4 node bench/fasttext_threads.js       (four busy processes for the loaded rows)

import { spawn, execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as wasmax from "../build/testing.js";
import { stats } from "./stats.js";
import { machine, startThreads } from "./machine.js";

const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 1 : 7;
const busyCount = Number(process.env.BENCH_BUSY ?? availableParallelism());
/** A busy process's own time limit: it ends even if this script dies before killing it. */
const BUSY_SECONDS = 600;
const I = wasmax.fastTextInternals;

const { initMs, workersReadyMs, started } = await startThreads(wasmax);
if (started < 2) console.log(`wasmax started ${started} thread here: the 2-thread rows train on one`);

const read = (name) =>
  wasmax.parseFastText(gunzipSync(readFileSync(new URL(`data/text/${name}.txt.gz`, import.meta.url))).toString("utf8"));
const train = read("langid.train");
const test = read("langid.test");
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();
const cpuSeconds = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

/** One fit with `thread` threads: wall and CPU seconds, and the model's test P@1. */
function fit(thread) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const model = new wasmax.FastTextClassifier({ thread }).fit(train.texts, train.labels);
  const seconds = (performance.now() - start) / 1000;
  const cpuUsed = cpuSeconds(cpu);
  const p1 = model.score(test.texts, test.labels);
  model.dispose();
  return { seconds, cpuSeconds: cpuUsed, p1 };
}

/** Starts `n` busy-loop processes; returns a function that kills them. */
function busyCores(n) {
  const code = `const end = Date.now() + ${BUSY_SECONDS * 1000}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
  const children = Array.from({ length: n }, () => spawn(process.execPath, ["-e", code], { stdio: "ignore", detached: true }));
  return () => children.forEach((child) => child.kill());
}

/**
 * fit's steps (models/fasttext_classifier.ts: train) replayed with timestamps; ms per phase. The
 * labels get fastText's prefix as fit gives it.
 */
function phases(thread) {
  const rt = wasmax.runtime();
  const args = I.fastTextArgs({ thread });
  const prefixed = train.labels.map((l) => (typeof l === "string" ? args.label + l : l.map((x) => args.label + x)));
  const ms = {};
  let at = performance.now();
  const lap = (name) => {
    const now = performance.now();
    ms[name] = now - at;
    at = now;
  };
  const { dictionary, record } = I.buildRecorded(train.texts, prefixed, args);
  lap("dictionary");
  const rows = dictionary.nwords + args.bucket;
  const blocks = [];
  try {
    const input = I.denseToWasm(rt, rows, args.dim, () => {});
    blocks.push(input);
    const filled = I.startUniformFill(rt, rt.heap.i32[(input >>> 2) + 3], rows * args.dim, args.seed, 1 / args.dim, thread > 1);
    lap("fillStart");
    const corpus = record ? I.encodeRecorded(record, dictionary, prefixed) : dictionary.encode(train.texts, prefixed);
    lap("encode");
    filled();
    lap("fillWait");
    const output = I.denseToWasm(rt, dictionary.nlabels, args.dim, (d) => d.fill(0));
    blocks.push(output);
    const lineTokens = corpus.tokens.map((n) => Math.max(1, n));
    const ntokens = lineTokens.reduce((a, b) => a + b, 0);
    const labelCounts = Array.from(dictionary.labelCounts());
    const corpusInWasm = {
      words: corpus.words,
      wordStart: corpus.wordStarts,
      labels: corpus.labels,
      labelStart: corpus.labelStarts,
      lineTokens,
    };
    const spec = { dim: args.dim, loss: args.loss, neg: args.neg, input, output, labelCounts };
    const ctx = I.buildContext(rt, {
      ...spec,
      corpus: corpusInWasm,
      lr: args.lr,
      lrUpdateRate: args.lrUpdateRate,
      totalTokens: args.epoch * ntokens,
    });
    blocks.push(ctx);
    lap("context");
    const run = { dim: args.dim, osz: dictionary.nlabels, loss: args.loss, nlines: corpus.lines, ntokens, epoch: args.epoch };
    const threads = I.trainingThreads(rt, { ...run, threads: thread });
    I.trainContext(rt, ctx, { ...run, outputRows: rt.heap.i32[(output >>> 2) + 3], threads: thread, seed: args.seed });
    lap("train");
    return { ms, threads };
  } finally {
    for (const block of blocks) rt.heap.release(block);
  }
}

const rows = [];
const phaseRows = [];
const NO_LOAD = "no added load";
for (const load of [NO_LOAD, `${busyCount} busy processes`]) {
  const before = uptime();
  const stopBusy = load === NO_LOAD ? () => {} : busyCores(busyCount);
  const runs = { 1: [], 2: [] };
  const phaseRuns = { 1: [], 2: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const thread of round % 2 === 0 ? [1, 2] : [2, 1]) runs[thread].push(fit(thread));
      for (const thread of round % 2 === 0 ? [1, 2] : [2, 1]) phaseRuns[thread].push(phases(thread));
    }
  } finally {
    stopBusy();
  }
  const after = uptime();
  const row = { load, uptime: { before, after }, rounds: ROUNDS };
  for (const thread of [1, 2]) {
    row[`thread ${thread}`] = {
      seconds: stats(runs[thread].map((r) => r.seconds)),
      cpuSeconds: stats(runs[thread].map((r) => r.cpuSeconds)),
      p1: stats(runs[thread].map((r) => r.p1)),
    };
  }
  row.speedup = row["thread 1"].seconds.median / row["thread 2"].seconds.median;
  row.p1Difference = row["thread 2"].p1.median - row["thread 1"].p1.median;
  rows.push(row);
  const phaseRow = { load };
  for (const thread of [1, 2]) {
    const names = Object.keys(phaseRuns[thread][0].ms);
    phaseRow[`thread ${thread}`] = {
      trainingThreads: phaseRuns[thread][0].threads,
      ms: Object.fromEntries(names.map((name) => [name, stats(phaseRuns[thread].map((r) => r.ms[name])).median])),
    };
  }
  phaseRows.push(phaseRow);
}

const result = {
  machine: machine(started),
  quick,
  backend: wasmax.backend(),
  initMs,
  workersReadyMs,
  data: {
    train: train.texts.length,
    test: test.texts.length,
    options: "FastTextClassifier({ thread }) defaults: dim 100, softmax, epoch 5",
  },
  rows,
  phases: phaseRows,
};
writeFileSync(new URL("results/fasttext_threads.json", import.meta.url), JSON.stringify(result, null, 2) + "\n");

const f = (x, digits = 3) => x.toFixed(digits);
console.log(`${result.machine.cpu}, ${result.machine.cores} cores, ${result.backend}, ${started} threads started, ${ROUNDS} rounds`);
for (const r of rows) {
  const one = r["thread 1"];
  const two = r["thread 2"];
  console.log(`${r.load}: ${r.uptime.before}`);
  const line = (name, x) =>
    `${name} ${f(x.seconds.median)} s [${f(x.seconds.min)}–${f(x.seconds.max)}] cpu ${f(x.cpuSeconds.median)} s P@1 ${f(x.p1.median, 4)}`;
  console.log(`  ${line("1 thread", one)} | ${line("2 threads", two)} | ×${f(r.speedup, 2)}`);
}
for (const p of phaseRows) {
  for (const thread of [1, 2]) {
    const { ms, trainingThreads } = p[`thread ${thread}`];
    const parts = Object.entries(ms).map(([name, v]) => `${name} ${v.toFixed(0)}`);
    console.log(`phases, ${p.load}, thread ${thread} (trains on ${trainingThreads}): ${parts.join(", ")} ms`);
  }
}
