// Builds the benchmark report from bench/results/{kernels,training,coldstart,mlp,sampled}.json:
// - bench/results/report.md: the full tables, and the issue's targets checked against the measured
//   ratios (the run record; targets are not user documentation);
// - docs/benchmarks.md, between `<!-- generated:benchmarks:start -->` and `…:end -->`: the compact
//   kernel, training and cold-start tables;
// - README.md, between `<!-- generated:headline:start -->` and `…:end -->`: the headline figures.
// A generator rewrites only what is between its markers; a file without them is an error.
//
//   node bench/report.js     (run by `npm run bench` after the measurements)

import { readFileSync, writeFileSync } from "node:fs";

const load = (name) => JSON.parse(readFileSync(new URL(`results/${name}.json`, import.meta.url), "utf8"));
const kernels = load("kernels");
const training = load("training");
const coldstart = load("coldstart");
const mlp = load("mlp");
const sampled = load("sampled");
const fastText = load("fasttext");
const m = kernels.machine;

const time = (s) => (s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(2)} µs`);
const ratio = (x) => (x >= 10 ? `${x.toFixed(0)}×` : x >= 1 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const kb = (b) => `${(b / 1000).toFixed(b >= 1e5 ? 0 : 1)} kB`;

// ---- kernels ----
const suites = [...new Set(kernels.rows.map((r) => r.suite))];
const contenders = [...new Set(kernels.rows.map((r) => r.name))];
const rowOf = (suite, name) => kernels.rows.find((r) => r.suite === suite && r.name === name);
const failed = (suite, name) => kernels.failures.find((f) => f.suite === suite && f.name === name);
const base = (suite) => rowOf(suite, "wasmax call") ?? rowOf(suite, "wasmax kernel");

function compactKernels() {
  const lines = [`| workload | ${contenders.join(" | ")} |`, `|---|${contenders.map(() => "---").join("|")}|`];
  for (const suite of suites) {
    const b = base(suite);
    const cells = contenders.map((name) => {
      if (failed(suite, name)) return "fails check";
      const r = rowOf(suite, name);
      if (!r) return "";
      return name.startsWith("wasmax") ? time(r.medianSeconds) : `${time(r.medianSeconds)} (${ratio(r.medianSeconds / b.medianSeconds)})`;
    });
    lines.push(`| ${suite} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function fullKernels() {
  const lines = [
    "| workload | contender | median | min–max | rounds × samples | ns/element " +
      "| GFLOP/s | ÷ wasmax call | ÷ wasmax kernel | worst error / tolerance |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const suite of suites) {
    const call = rowOf(suite, "wasmax call");
    const kernel = rowOf(suite, "wasmax kernel");
    for (const name of contenders) {
      const f = failed(suite, name);
      if (f) {
        lines.push(`| ${suite} | ${name} | failed its check, not timed: ${f.failed} | | | | | | | |`);
        continue;
      }
      const r = rowOf(suite, name);
      if (!r) continue;
      const cells = [
        suite,
        name,
        time(r.medianSeconds),
        `${time(r.minSeconds)}–${time(r.maxSeconds)}`,
        `${r.rounds} × ${r.samples}`,
        r.nsPerElement?.toFixed(2) ?? "",
        r.gflops?.toFixed(1) ?? "",
        call ? (r.medianSeconds / call.medianSeconds).toFixed(2) : "",
        (r.medianSeconds / kernel.medianSeconds).toFixed(2),
        r.maxError?.toFixed(3) ?? "",
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}

// ---- training ----
const workloads = [...new Set(training.rows.map((r) => r.workload))];
const wasmaxRow = (workload) => training.rows.find((r) => r.workload === workload && r.contender === "wasmax");

function trainingTable() {
  const lines = [
    "| workload | contender | steady epoch (median) | min–max | epoch 1 incl. " +
      "setup | whole run | ÷ wasmax (epoch) | test accuracy | test log-loss | note |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const workload of workloads) {
    const w = wasmaxRow(workload);
    for (const r of training.rows.filter((x) => x.workload === workload)) {
      const epoch = r.epochSeconds === undefined ? "" : time(r.epochSeconds);
      const range = r.epochSeconds === undefined ? "" : `${time(r.epochMin)}–${time(r.epochMax)}`;
      const first = r.firstEpochSeconds === undefined ? "" : time(r.firstEpochSeconds);
      const versus = r.epochSeconds === undefined || r.contender === "wasmax" ? "" : ratio(r.epochSeconds / w.epochSeconds);
      const acc = r.accuracy === undefined ? "" : r.accuracy.toFixed(4);
      const loss = r.logLoss == null ? (r.accuracy === undefined ? "" : "n/a") : r.logLoss.toFixed(4);
      lines.push(
        `| ${workload} | ${r.contender} | ${epoch} | ${range} | ${first} | ` +
          `${time(r.totalSeconds)} | ${versus} | ${acc} | ${loss} | ${r.note ?? ""} |`,
      );
    }
  }
  return lines.join("\n");
}

// ---- cold start ----
function coldTable() {
  const w = coldstart.rows.find((r) => r.contender === "wasmax");
  const lines = [
    "| contender | import → first softmax (median) | min–max | ÷ wasmax | what a browser downloads | raw | gzipped | ÷ wasmax (gzipped) |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of coldstart.rows) {
    const files = r.native ? "native binaries (Node only, Linux x64)" : r.files.map((f) => f.file).join(" + ");
    const gz = r.gzipBytes == null ? "" : kb(r.gzipBytes);
    const sizeRatio = r.gzipBytes == null || r.contender === "wasmax" ? "" : ratio(r.gzipBytes / w.gzipBytes);
    lines.push(
      `| ${r.contender} | ${r.medianMs.toFixed(1)} ms | ${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)} ms | ` +
        `${r.contender === "wasmax" ? "" : ratio(r.medianMs / w.medianMs)} | ${files} | ${kb(r.rawBytes)} | ${gz} | ${sizeRatio} |`,
    );
  }
  return lines.join("\n");
}

// ---- targets ----
function targets() {
  const rows = [];
  const verdict = (ok) => (ok ? "met" : "**not met**");
  const peers = contenders.filter((c) => !c.startsWith("wasmax"));
  const kernelSuites = suites.filter((s) => /^(softmax|log-softmax|cross-entropy)/.test(s));
  const losses = [];
  for (const suite of suites) {
    const b = base(suite);
    for (const name of peers) {
      const r = rowOf(suite, name);
      if (r && r.medianSeconds < b.medianSeconds)
        losses.push(`${suite}: ${name} ${ratio(b.medianSeconds / r.medianSeconds)} faster than wasmax call`);
    }
  }
  rows.push([
    "wasmax (call) faster than every contender on every kernel workload",
    losses.length ? `loses ${losses.length}: ${losses.join("; ")}` : "no losses",
    verdict(losses.length === 0),
  ]);
  const tfRatio = (suite) => rowOf(suite, "TF.js wasm").medianSeconds / base(suite).medianSeconds;
  const k10 = kernelSuites.filter((s) => /×10$/.test(s));
  const min10 = Math.min(...k10.map(tfRatio));
  rows.push([
    "≥ 4× TF.js wasm at K = 10 (every op, 1×10, 64×10, 65536×10)",
    `lowest ${ratio(min10)} (${k10.map((s) => `${s}: ${ratio(tfRatio(s))}`).join(", ")})`,
    verdict(min10 >= 4),
  ]);
  const lsce = kernelSuites.filter((s) => /^(log-softmax|cross-entropy)/.test(s));
  const minLsce = Math.min(...lsce.map(tfRatio));
  const worst = lsce.filter((s) => tfRatio(s) < 5).map((s) => `${s}: ${ratio(tfRatio(s))}`);
  rows.push([
    "≥ 5× TF.js wasm for log-softmax and cross-entropy at every shape",
    `lowest ${ratio(minLsce)}${worst.length ? `; below 5×: ${worst.join(", ")}` : ""}`,
    verdict(minLsce >= 5),
  ]);
  const t1 = workloads.find((w) => w.startsWith("T1"));
  const t1Row = (suffix) => training.rows.find((r) => r.workload === t1 && r.contender.endsWith(suffix));
  const t1w = wasmaxRow(t1);
  const tfT1 = t1Row(" wasm").epochSeconds / t1w.epochSeconds;
  const plainT1 = t1Row("plain JS").epochSeconds / t1w.epochSeconds;
  rows.push([
    "T1: ≥ 20× TF.js wasm per epoch",
    `${ratio(tfT1)} (${time(t1w.epochSeconds)} vs ${time(t1Row(" wasm").epochSeconds)})`,
    verdict(tfT1 >= 20),
  ]);
  rows.push(["T1: ≥ 10× plain JS per epoch", `${ratio(plainT1)} (${time(t1Row("plain JS").epochSeconds)})`, verdict(plainT1 >= 10)]);
  rows.push([
    "T1: mini-batch SGD contenders agree on test accuracy within 0.5 points",
    `spread ${training.t1.spreadPoints.toFixed(2)} points (wasmax ${t1w.accuracy.toFixed(4)})`,
    verdict(training.t1.valid),
  ]);
  const t2k = workloads.find((w) => w.startsWith("T2K"));
  const tfT2K = training.rows.find((r) => r.workload === t2k && r.contender.endsWith(" wasm")).epochSeconds / wasmaxRow(t2k).epochSeconds;
  rows.push(["T2K: ≥ 8× TF.js wasm", `${ratio(tfT2K)} (${time(wasmaxRow(t2k).epochSeconds)} per epoch)`, verdict(tfT2K >= 8)]);
  const w = coldstart.rows.find((r) => r.contender === "wasmax");
  const slower = coldstart.rows.filter((r) => r !== w && r.medianMs <= w.medianMs).map((r) => `${r.contender} ${r.medianMs.toFixed(1)} ms`);
  rows.push([
    "cold start shorter than every contender",
    `${w.medianMs.toFixed(1)} ms${slower.length ? `; faster: ${slower.join(", ")}` : ""}`,
    verdict(slower.length === 0),
  ]);
  const smaller = coldstart.rows
    .filter((r) => r !== w && r.gzipBytes != null && r.gzipBytes <= w.gzipBytes)
    .map((r) => `${r.contender} ${kb(r.gzipBytes)}`);
  rows.push([
    "download smaller than every contender",
    `${kb(w.gzipBytes)} gzipped${smaller.length ? `; smaller: ${smaller.join(", ")}` : ""}`,
    verdict(smaller.length === 0),
  ]);
  return ["| target | measured | |", "|---|---|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

const stamp =
  `Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), ${m.runtime} (V8 ${m.v8}), ${m.platform}; ` +
  `wasmax ${m.backend} build, TF.js ${m.tfjs}, onnxruntime 1.30${kernels.quick ? " (QUICK RUN: short timings)" : ""}.`;

const benchmarks = `${stamp} The full tables, with min–max, rounds and each answer's error, are in
[bench/results/report.md](../bench/results/report.md).

### Kernels

Median time per call, and the contender's time ÷ wasmax call's. "wasmax kernel" is the wasm function on
data already in wasm memory; "wasmax call" is the public function with validation and copies, writing into
an array it is given (\`out\`), and "wasmax call, new array" the same call returning a new array. TF.js runs
each op on a resident tensor and reads the result back (cross-entropy: \`tf.valueAndGrad\` of
\`tf.losses.softmaxCrossEntropy\`); onnxruntime runs a Softmax / LogSoftmax / SoftmaxCrossEntropyLoss graph
built in \`bench/onnx.js\` on one thread. TF.js's wasm backend runs one thread in Node (its threads cannot
be switched on there). Every answer was checked against a float64 reference before timing.

![The contender's time ÷ wasmax's, per kernel workload](charts/kernels.svg)

${compactKernels()}

### Training

T1 trains every contender from zero weights on the same batches, so their test accuracies must agree.

![Steady SGD epoch of each contender on MNIST-8k](charts/training.svg)

${trainingTable()}

### Cold start and download size

${coldTable()}
`;

const lbfgs = training.rows.find((r) => r.workload.startsWith("L-BFGS") && r.contender === "wasmax");
const t1w = wasmaxRow(workloads.find((w) => w.startsWith("T1")));
const t1Peer = (suffix) => training.rows.find((r) => r.workload === t1w.workload && r.contender.endsWith(suffix));
const mlpRow = (prefix) => mlp.rows.find((r) => r.name.startsWith(prefix) && r.batch === 64);
const [mlpW, mlpTf] = [mlpRow("wasmax"), mlpRow("TF.js")];
const cold = coldstart.rows.find((r) => r.contender === "wasmax");
const tfCold = coldstart.rows.find((r) => r.contender === "TF.js 4.22 wasm");
const t1Ratio = (suffix) => ratio(t1Peer(suffix).epochSeconds / t1w.epochSeconds);
const k100k = sampled.k100k;
const headlineRows = [
  [
    "SoftmaxRegression, L-BFGS to convergence (C = 1) on 8,000 MNIST digits",
    `${time(lbfgs.totalSeconds)}; test accuracy ${lbfgs.accuracy.toFixed(4)}`,
    "npm start",
  ],
  [
    "mini-batch SGD epoch on the same digits (batch 64)",
    `${time(t1w.epochSeconds)}: ${t1Ratio(" wasm")} faster than TF.js wasm, ${t1Ratio("plain JS")} plain JS`,
    "npm run bench",
  ],
  [
    "MLP 784-128-10 epoch (Adam, batch 64)",
    `${(mlpW.epochSeconds * 1000).toFixed(0)} ms: ${ratio(mlpTf.epochSeconds / mlpW.epochSeconds)} faster than TF.js layers on wasm`,
    "node bench/mlp.js",
  ],
  [
    `sampled softmax at ${k100k.K.toLocaleString("en-US")} classes (S = ${sampled.sampled})`,
    `an epoch in ${k100k.sampledEpochSeconds.toFixed(2)} s: ${ratio(k100k.speedup)} cheaper than the full softmax`,
    "node bench/sampled.js",
  ],
  [
    "fastText's `supervised` on 42,791 sentences in 11 languages (its defaults, one thread)",
    `${ratio(fastText.train["thread 1"].nativeOverWasmax)} faster than native fastText, P@1 ` +
      `${fastText.train["thread 1"].wasmax.test["P@1"]} (native ${fastText.train["thread 1"].native.test["P@1"]}); ` +
      `in-process fit ${fastText.train["thread 1"].wasmaxFit.seconds.median.toFixed(2)} s`,
    "node bench/fasttext.js",
  ],
  [
    "fastText's language identifier `lid.176.ftz`, predict",
    `${Math.round(fastText.predict["lid.176.ftz"].wasmax.linesPerSecond / 1000)}k lines/s: ` +
      `${ratio(fastText.predict["lid.176.ftz"].wasmaxOverNative)} native fastText's, ` +
      `${ratio(fastText.predict["lid.176.ftz"].wasmaxOverFasttextWasm)} fasttext.wasm's`,
    "node bench/fasttext.js",
  ],
  [
    "what a browser downloads: `dist/browser.js` + `simd.wasm`",
    `${kb(cold.gzipBytes)} gzipped (TF.js wasm: ${ratio(tfCold.gzipBytes / cold.gzipBytes)} more)`,
    "npm run bench",
  ],
];
/** The days the results' runs were on: "2026-12-03", or "2026-12-03 to 2026-12-07" when they differ. */
function runDates(results) {
  const days = results.map((r) => r.machine.date.slice(0, 10)).sort();
  return days[0] === days.at(-1) ? days[0] : `${days[0]} to ${days.at(-1)}`;
}
const headline = `| what | figure | command |
|---|---|---|
${headlineRows.map(([what, figure, command]) => `| ${what} | ${figure} | \`${command}\` |`).join("\n")}

Medians on ${m.cpu} (${m.cores} cores), ${m.runtime}, ${runDates([training, mlp, sampled, coldstart, fastText])}.
Every table, with its method: [Benchmarks](docs/benchmarks.md).
`;

const report =
  `# Benchmark report\n\n${stamp}\n\n## Targets\n\n${targets()}\n\n## Kernels\n\n${fullKernels()}\n\n## ` +
  `Training\n\n${trainingTable()}\n\n## Cold start and download size\n\n${coldTable()}\n`;
writeFileSync(new URL("results/report.md", import.meta.url), report);

/** Rewrites what is between the `generated:NAME` markers of `file` (relative to the repository root). */
function writeBetweenMarkers(file, name, content) {
  const path = new URL(`../${file}`, import.meta.url);
  const text = readFileSync(path, "utf8");
  const begin = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} markers`);
  writeFileSync(path, `${text.slice(0, from + begin.length)}\n${content}${text.slice(to)}`);
}
writeBetweenMarkers("docs/benchmarks.md", "benchmarks", benchmarks);
writeBetweenMarkers("README.md", "headline", headline);
console.log("wrote bench/results/report.md, the tables of docs/benchmarks.md and the README's headline figures");
