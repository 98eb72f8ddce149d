// A/B of wasmax's training against another commit, in one process: both builds' bundles are loaded
// side by side (each has its own wasm instance) and take turns, round by round, on the same work:
//   T1     one SGD epoch on the MNIST-8k training split (784 → 10, batch 64, lr 0.1, no penalty,
//          rows in a fixed order), the workload of bench/training.js;
//   T2     one SGD epoch, 60,000 × 784 synthetic rows, batch 256;
//   lbfgs  L-BFGS to convergence (C = 1) on the MNIST-8k split.
// Prints medians per contender and the ratio, with the machine; use it to show that a refactor
// changed no speed. The other commit is built in a temporary git worktree that borrows this
// checkout's node_modules.
//
//   node bench/ab.js <git-ref> [rounds]      (after npm run build; default 5 rounds)

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadMnist } from "../examples/mnist-data.js";
import { rng } from "../test/reference.js";
import { machine } from "./machine.js";

const [ref, roundsArg] = process.argv.slice(2);
if (!ref) throw new Error("usage: node bench/ab.js <git-ref> [rounds]");
const rounds = Number(roundsArg ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "wasmax-ab-"));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });

try {
  run("git", ["worktree", "add", "--detach", dir, ref], root);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  run("npm", ["run", "build"], dir);
  const contenders = {
    [`${ref} (before)`]: await import(pathToFileURL(join(dir, "build/testing.js")).href),
    "this checkout (after)": await import(pathToFileURL(join(root, "build/testing.js")).href),
  };
  for (const w of Object.values(contenders)) await w.init(undefined, { simd: true });

  const mnist = loadMnist();
  const D = mnist.features;
  const synthetic = (() => {
    const N = 60_000;
    const r = rng(3);
    const X = new Float32Array(N * D);
    const y = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      y[i] = i % 10;
      for (let d = 0; d < D; d++) X[i * D + d] = (d % 10 === y[i] ? 0.5 : 0) + 0.3 * r.normal();
    }
    return { X, y: Array.from(y) };
  })();
  const sgd = { solver: "sgd", learningRate: 0.1, C: Infinity, shuffle: false, maxIter: 1, tol: 0 };
  const workloads = {
    "T1 epoch": (w) => new w.SoftmaxRegression({ ...sgd, batchSize: 64 }).fit(mnist.train.X, mnist.train.y, { features: D }),
    "T2 epoch": (w) => new w.SoftmaxRegression({ ...sgd, batchSize: 256 }).fit(synthetic.X, synthetic.y, { features: D }),
    "lbfgs MNIST": (w) => new w.SoftmaxRegression({ C: 1, maxIter: 1000 }).fit(mnist.train.X, mnist.train.y, { features: D }),
  };
  const names = Object.keys(contenders);
  const times = Object.fromEntries(Object.keys(workloads).map((k) => [k, Object.fromEntries(names.map((n) => [n, []]))]));
  const warn = console.warn;
  console.warn = () => {};
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const [work, fit] of Object.entries(workloads)) {
      for (const name of order) {
        const start = performance.now();
        fit(contenders[name]).dispose();
        times[work][name].push(performance.now() - start);
      }
    }
  }
  console.warn = warn;
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const m = machine();
  console.log(`${m.date.slice(0, 10)} · ${m.cpu} (${m.cores} cores) · ${m.runtime} · simd build · ${rounds} rounds, medians (min–max)\n`);
  console.log(`| workload | ${names.join(" | ")} | after ÷ before |\n|---|${names.map(() => "---|").join("")}---|`);
  for (const [work, byName] of Object.entries(times)) {
    const cells = names.map(
      (n) => `${median(byName[n]).toFixed(1)} ms (${Math.min(...byName[n]).toFixed(1)}–${Math.max(...byName[n]).toFixed(1)})`,
    );
    console.log(`| ${work} | ${cells.join(" | ")} | ${(median(byName[names[1]]) / median(byName[names[0]])).toFixed(2)} |`);
  }
} finally {
  run("git", ["worktree", "remove", "--force", dir], root);
  rmSync(dir, { recursive: true, force: true });
}
