// Threads (issue #15): the options and their errors in every run; in runs with worker threads
// (test/run.js starts the SIMD and relaxed suites with 2), that threaded gradients and fits equal
// one thread's to f32 rounding and repeat bit for bit, and, in fresh processes: a job posted before
// its worker started, a failing job, a worker that cannot start, a bundle without the thread
// script, and memory grown under running workers. The 1-thread runs (simd, 1 thread; scalar; the
// no-SSE4.1 fallback) check that the same fits run, unthreaded, where threads cannot.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wasmax, THREADS, BACKEND, checkMemory } from "../setup.js";
import { rng } from "../reference.js";
import { ready, TrainingData, DenseChainObjective, ThreadedObjective, softmaxHead, sigmoidHead } from "../../build/testing.js";

const { configure, threads, init, SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression } = wasmax;
const Threads = suite(`threads (${BACKEND}, ${THREADS} thread${THREADS > 1 ? "s" : ""})`);
checkMemory(Threads);

const warn = console.warn;
Threads.before(() => (console.warn = () => {}));
Threads.after(() => (console.warn = warn));
Threads.after.each(() => void configure({ threads: 0 }));

Threads("threads() reports what init started; init and configure refuse bad thread counts by name", async () => {
  assert.is(threads(), THREADS);
  for (const [bad, kind] of [
    [1.5, TypeError],
    ["2", TypeError],
    [0, RangeError],
    [65, RangeError],
    [NaN, TypeError],
  ]) {
    const error = await init(undefined, { threads: bad }).then(
      () => null,
      (e) => e,
    );
    assert.instance(error, kind, `init threads ${String(bad)}`);
    assert.match(error.message, /threads/);
  }
  for (const [bad, kind] of [
    [1.5, TypeError],
    ["2", TypeError],
    [-1, RangeError],
    [65, RangeError],
  ]) {
    assert.throws(
      () => configure({ threads: bad }),
      (e) => e instanceof kind && /threads/.test(e.message),
      `configure threads ${String(bad)}`,
    );
  }
  const previous = configure({ threads: 1 });
  assert.is(previous.threads, 0, "the default is 0: all that init started");
  assert.is(configure(previous).threads, 1);
});

function digitsLike(N, D, K, seed) {
  const r = rng(seed);
  const centers = Float32Array.from({ length: K * D }, () => r.normal());
  const y = Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
  const X = new Float32Array(N * D);
  for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) X[i * D + d] = 0.5 * centers[y[i] * D + d] + r.normal();
  return { X, y, D };
}

/** Every number a fitted model's JSON holds, flattened. */
function numbers(model) {
  const out = [];
  const walk = (v) => {
    if (typeof v === "number") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  const json = model.toJSON();
  walk([json.coef ?? json.coefs, json.intercept ?? json.intercepts, json.lossCurve]);
  return out;
}

const data = digitsLike(3000, 400, 10, 7);
const weights = Float32Array.from({ length: 3000 }, (_, i) => 0.5 + (i % 3));
const sets = Array.from(data.y, (c) => [`d${c}`, `d${(c + 3) % 10}`]);
// Batches of 256 and full-batch passes are large enough to split for these shapes.
const FITS = {
  "SoftmaxRegression lbfgs (10 iterations)": () => new SoftmaxRegression({ maxIter: 10, tol: 0 }).fit(data.X, data.y, { features: data.D }),
  "SoftmaxRegression adam, batch 256, sample and class weights, label smoothing": () =>
    new SoftmaxRegression({
      solver: "adam",
      batchSize: 256,
      maxIter: 3,
      tol: 0,
      classWeight: "balanced",
      labelSmoothing: 0.1,
      randomState: 1,
    }).fit(data.X, data.y, { features: data.D, sampleWeight: weights }),
  "SoftmaxRegression sgd, batch 300, no intercept": () =>
    new SoftmaxRegression({ solver: "sgd", batchSize: 300, maxIter: 2, tol: 0, fitIntercept: false, randomState: 2 }).fit(data.X, data.y, {
      features: data.D,
    }),
  "MLPClassifier relu [64, 32], adam, batch 256": () =>
    new MLPClassifier({ hiddenLayerSizes: [64, 32], batchSize: 256, maxIter: 3, tol: 0, randomState: 3 }).fit(data.X, data.y, {
      features: data.D,
    }),
  "MLPClassifier tanh [48], lbfgs (8 iterations)": () =>
    new MLPClassifier({ hiddenLayerSizes: [48], activation: "tanh", solver: "lbfgs", maxIter: 8, tol: 0, randomState: 4 }).fit(
      data.X,
      data.y,
      { features: data.D },
    ),
  "MLPClassifier on label sets (sigmoid head), adam, batch 512": () =>
    new MLPClassifier({ hiddenLayerSizes: [32], batchSize: 512, maxIter: 2, tol: 0, randomState: 5 }).fit(data.X, sets, {
      features: data.D,
    }),
  "MultiLabelLogisticRegression lbfgs (10 iterations)": () =>
    new MultiLabelLogisticRegression({ maxIter: 10, tol: 0 }).fit(data.X, sets, { features: data.D }),
};

for (const [name, fit] of Object.entries(FITS)) {
  Threads(`${name}: all threads equal one thread to f32 rounding; a threaded run is bit-reproducible`, () => {
    const run = (limit) => {
      configure({ threads: limit });
      const model = fit();
      try {
        return numbers(model);
      } finally {
        model.dispose();
      }
    };
    const one = run(1);
    const many = run(0);
    const again = run(0);
    assert.equal(again, many, "the same thread count gives the same bits");
    assert.is(many.length, one.length);
    const scale = Math.max(...one.map(Math.abs));
    let worst = 0;
    for (let i = 0; i < one.length; i++) worst = Math.max(worst, Math.abs(many[i] - one[i]));
    assert.ok(worst <= 2e-4 * scale, `largest difference ${worst} (scale ${scale})`);
    // With worker threads the gradient sums run in another order: some bits must differ.
    if (THREADS > 1) assert.ok(worst > 0, "threaded fit is bit-identical to one thread: were the batches split?");
    else assert.is(worst, 0);
  });
}

Threads("a sampled softmax head trains on the calling thread alone, with the same bits whatever the thread setting", () => {
  const run = (limit) => {
    configure({ threads: limit });
    const model = new SoftmaxRegression({
      solver: "adam",
      batchSize: 512,
      maxIter: 2,
      tol: 0,
      randomState: 6,
      sampledSoftmax: { classes: 4 },
    }).fit(data.X, data.y, { features: data.D });
    try {
      return numbers(model);
    } finally {
      model.dispose();
    }
  };
  assert.equal(run(0), run(1));
});

if (THREADS > 1) {
  /** A threaded and a plain objective of one kind over the same data; weights optional. */
  function pair(rt, kind, { N, D, K, seed }) {
    const r = rng(seed);
    const X = Float32Array.from({ length: N * D }, () => r.normal());
    const sigmoid = kind === "multilabel";
    const targets = sigmoid
      ? Float32Array.from({ length: N * K }, () => (r.uniform() < 0.3 ? 1 : 0))
      : Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
    const w = Float32Array.from({ length: N }, () => 0.25 + r.uniform());
    const trainData = new TrainingData(rt, { data: X, rows: N, cols: D }, targets, w, N);
    const head = () =>
      sigmoid
        ? sigmoidHead({ posWeight: null, threshold: 0.5 }).train(rt)
        : softmaxHead({ classWeights: Float32Array.from({ length: K }, (_, k) => 1 + k / K), labelSmoothing: 0.05 }).train(rt);
    const make =
      kind === "mlp"
        ? (rows, shared) =>
            new DenseChainObjective(
              rt,
              { features: D, hidden: [7, 5], outputs: K, activation: "logistic", fitIntercept: true },
              head(),
              rows,
              shared,
            )
        : (rows, shared) =>
            new DenseChainObjective(
              rt,
              { features: D, hidden: [], outputs: K, activation: "identity", fitIntercept: true },
              head(),
              rows,
              shared,
            );
    const single = make(N);
    const threaded = new ThreadedObjective(rt, rt.pool, make, N, { rows: 2, work: 0 });
    const theta = Float32Array.from({ length: single.paramCount }, () => 0.3 * r.normal());
    rt.heap.f32.set(theta, single.params >>> 2);
    rt.heap.f32.set(theta, threaded.params >>> 2);
    return { single, threaded, trainData, dispose: () => [single, threaded, trainData].forEach((o) => o.dispose()) };
  }

  Threads("ThreadedObjective: loss and gradient equal the plain objective's for odd and tiny batches, with accumulate", () => {
    const rt = ready();
    for (const kind of ["linear", "mlp", "multilabel"]) {
      for (const [N, D, K] of [
        [1, 3, 2],
        [3, 5, 3],
        [7, 4, 5],
        [257, 9, 4],
        [301, 6, 3],
      ]) {
        const p = pair(rt, kind, { N, D, K, seed: N + D });
        try {
          const grads = (o) => Array.from(rt.heap.f32.subarray(o.grads >>> 2, (o.grads >>> 2) + o.paramCount));
          const a = p.single.lossGrad(p.trainData.slice(0, N), 0.5, false) + p.single.lossGrad(p.trainData.slice(0, N), 0.5, true);
          const b = p.threaded.lossGrad(p.trainData.slice(0, N), 0.5, false) + p.threaded.lossGrad(p.trainData.slice(0, N), 0.5, true);
          const where = `${kind} ${N} × ${D} → ${K}`;
          assert.ok(Math.abs(a - b) <= 1e-5 * Math.abs(a), `${where}: loss ${a} vs ${b}`);
          const [ga, gb] = [grads(p.single), grads(p.threaded)];
          const scale = Math.max(...ga.map(Math.abs));
          ga.forEach((v, i) => assert.ok(Math.abs(v - gb[i]) <= 1e-5 * scale, `${where}: gradient ${i}: ${v} vs ${gb[i]}`));
          assert.is(p.threaded.threadsFor(N), N >= 4 ? 2 : 1, `${where}: threads used`);
        } finally {
          p.dispose();
        }
      }
    }
  });

  /** Runs an ES module body with `w` = the testing build in a new process (2 threads); returns its printed JSON. */
  function child(body) {
    const entry = new URL("../../build/testing.js", import.meta.url).href;
    const code =
      `import * as w from ${JSON.stringify(entry)};\nawait w.init(undefined, { threads: 2 });\nconsole.warn = () => {};\n` +
      `const out = await (async () => { ${body} })();\nconsole.log(JSON.stringify(out));`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", timeout: 120_000 });
    if (result.status !== 0) throw new Error(`child failed:\n${result.stderr}`);
    return JSON.parse(result.stdout.trim().split("\n").pop());
  }

  Threads("a worker whose job fails: ThreadError naming it, the pool closes, the next fit trains on one thread", () => {
    const out = child(`
      const rt = w.runtime();
      const X = Float32Array.from({ length: 4000 * 50 }, (_, i) => Math.sin(i));
      const y = Int32Array.from({ length: 4000 }, (_, i) => i % 3);
      const fit = () => { const m = new w.SoftmaxRegression({ maxIter: 5, tol: 0 }).fit(X, y, { features: 50 }); const c = m.coef.flat();
        m.dispose(); return c; };
      w.configure({ threads: 1 });
      const one = fit();
      w.configure({ threads: 0 });
      const before = w.threads();
      const bogus = rt.heap.alloc(8);
      new Float64Array(rt.heap.memory.buffer, bogus, 1)[0] = 99;
      // Shard 1 of a two-shard job that the caller leaves to the worker.
      rt.pool.begin({ x: 0, targets: 0, weights: 0, rows: 4, share: 2, gradScale: 1, passes: [{ at: bogus, length: 1 }] });
      let error;
      try { rt.pool.finish(0); } catch (e) { error = { name: e.name, message: e.message, typed: e instanceof w.ThreadError }; }
      rt.heap.release(bogus);
      const after = fit();
      return { before, error, threads: w.threads(), same: after.every((v, i) => v === one[i]) };
    `);
    assert.is(out.before, 2);
    assert.equal(out.error?.typed, true);
    assert.match(out.error.message, /worker thread 1 failed: .*unknown pass code 99/);
    assert.is(out.threads, 1);
    assert.ok(out.same, "after the failure, fits give exactly the one-thread bits");
  });

  Threads("a job posted before the worker has started is joined once it starts", () => {
    const out = child(`
      const rt = w.runtime();
      const [N, D, K] = [6, 3, 2];
      const data = new w.TrainingData(rt, { data: Float32Array.from({ length: N * D }, (_, i) => Math.sin(i)), rows: N, cols: D },
        Int32Array.from({ length: N }, (_, i) => i % K), null, N);
      const objective = new w.DenseChainObjective(rt, { features: D, hidden: [], outputs: K, activation: "identity", fitIntercept: true },
        w.softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt), N);
      const values = w.encodePass(objective.pass);
      const at = rt.heap.alloc(values.length * 8);
      new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
      // Shard 1 (rows 3 … 5) of a two-shard job, left to the worker, posted before init's workers are up.
      rt.pool.begin({ ...data.slice(0, N), share: 3, gradScale: 1, passes: [{ at, length: values.length }] });
      rt.pool.finish(0);
      return { threaded: rt.pool.loss(1), alone: objective.lossGrad(data.slice(3, 3), 1, false) };
    `);
    assert.ok(out.threaded > 0);
    assert.is(out.threaded, out.alone, "the worker ran the same pass on the same rows");
  });

  for (const [solver, options] of [
    ["adam, batch 512", `{ solver: "adam", batchSize: 512, maxIter: 2, tol: 0, randomState: 1 }`],
    ["lbfgs", `{ maxIter: 3, tol: 0 }`],
  ]) {
    Threads(`${solver}: a fit that fits in wasm memory on one thread also fits on two (memory capped at one thread's peak)`, () => {
      // The shared memory ends at 4 GiB (runtime.ts): a filler block above the one-thread fit's peak
      // takes the rest, so the two-thread fit has exactly the room the one-thread fit used.
      const out = child(`
        const N = 2048, D = 2000, K = 250;
        const X = Float32Array.from({ length: N * D }, (_, i) => Math.sin(i * 0.37));
        const y = Int32Array.from({ length: N }, (_, i) => (i * 7) % K);
        const fit = () => { const m = new w.SoftmaxRegression(${options}).fit(X, y, { features: D }); const c = m.coef.flat();
          m.dispose(); return c; };
        w.configure({ threads: 1 });
        const one = fit();
        const heap = w.runtime().heap;
        const reserve = heap.alloc(w.memoryStats().memoryBytes - heap.top - 32);
        const filler = heap.alloc(2 ** 32 - heap.top - 64);
        let full = false;
        try { heap.alloc(65536); } catch (e) { full = e instanceof RangeError; }
        heap.release(reserve);
        w.configure({ threads: 0 });
        let many, error;
        try { many = fit(); } catch (e) { error = e.message; }
        heap.release(filler);
        // Uncapped, the same fit splits its batches (some bits differ from one thread's).
        const free = fit();
        const worst = (a) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - one[i])), 0) / one.reduce((m, v) => Math.max(m, Math.abs(v)),
          0);
        return { full, error, worst: many && worst(many), splits: worst(free) > 0 };
      `);
      assert.ok(out.full, "the filler leaves no room to grow");
      assert.is(out.error, undefined, "the two-thread fit ran");
      // No room for a shard: every batch ran on the calling thread, in pieces of a thread's share.
      assert.ok(out.worst <= 2e-4, `relative difference from one thread's fit ${out.worst}`);
      assert.ok(out.splits, "without the cap, the batches are split");
    });
  }

  Threads("a batch does not wait for a busy worker: the caller computes the shard no worker has claimed", () => {
    const out = child(`
      const rt = w.runtime();
      const head = () => w.softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt);
      const job = () => new Int32Array(rt.heap.memory.buffer, rt.pool.jobBlock, 4); // [JOB, CLAIM, FINISHED, FAILED]
      // Job A: its shard 1 (rows 1024 … 2047 of 2000 features → 250 classes) keeps the worker busy.
      const [NA, DA, KA] = [2048, 2000, 250];
      const big = new w.TrainingData(rt, { data: Float32Array.from({ length: NA * DA }, (_, i) => Math.sin(i)), rows: NA, cols: DA },
        Int32Array.from({ length: NA }, (_, i) => i % KA), null, NA);
      const long = new w.DenseChainObjective(rt, { features: DA, hidden: [], outputs: KA, activation: "identity", fitIntercept: true },
        head(), NA);
      const values = w.encodePass(long.pass);
      const at = rt.heap.alloc(values.length * 8);
      new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
      rt.pool.ready();
      rt.pool.begin({ ...big.slice(0, NA), share: NA / 2, gradScale: 1, passes: [{ at, length: values.length }] });
      const deadline = Date.now() + 60000;
      while ((Atomics.load(job(), 1) & 255) < 2 && Date.now() < deadline);
      const claimed = (Atomics.load(job(), 1) & 255) >= 2;
      // Job B, split in two while the worker is still on A's shard.
      const [N, D, K] = [8, 3, 2];
      const data = new w.TrainingData(rt, { data: Float32Array.from({ length: N * D }, (_, i) => Math.cos(i)), rows: N, cols: D },
        Int32Array.from({ length: N }, (_, i) => i % K), null, N);
      const make = (rows, shared) => new w.DenseChainObjective(rt, { features: D, hidden: [], outputs: K, activation: "identity",
        fitIntercept: true }, head(), rows, shared);
      const threaded = new w.ThreadedObjective(rt, rt.pool, make, N, { rows: 2, work: 0 });
      const single = make(N);
      rt.heap.f32.fill(0.25, single.params >>> 2, (single.params >>> 2) + single.paramCount);
      rt.heap.f32.fill(0.25, threaded.params >>> 2, (threaded.params >>> 2) + threaded.paramCount);
      const loss = threaded.lossGrad(data.slice(0, N), 1, false);
      const workerFinishedDuringB = Atomics.load(job(), 2);
      const alone = single.lossGrad(data.slice(0, N), 1, false);
      const grads = (o) => Array.from(rt.heap.f32.subarray(o.grads >>> 2, (o.grads >>> 2) + o.paramCount));
      const [a, b] = [grads(single), grads(threaded)];
      const worst = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
      // A's shard still ends, and counts itself finished.
      while (Atomics.load(job(), 2) === 0 && Date.now() < deadline);
      return { claimed, workerFinishedDuringB, loss, alone, worst, finishedLater: Atomics.load(job(), 2) };
    `);
    assert.ok(out.claimed, "the worker claimed job A's shard");
    assert.is(out.workerFinishedDuringB, 0, "job B finished before the worker was free: the caller computed both shards");
    assert.ok(Math.abs(out.loss - out.alone) <= 1e-6 * out.alone, `loss ${out.loss} vs ${out.alone}`);
    assert.ok(out.worst <= 1e-6, `largest gradient difference ${out.worst}`);
    assert.is(out.finishedLater, 1);
  });

  Threads("a worker that cannot start (its module does not link): the pool closes, fits run on one thread", () => {
    const out = child(`
      // (module (import "env" "missing" (func)))
      const unlinkable = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 15, 1, 3, 101, 110,
        118, 7, 109, 105, 115, 115, 105, 110, 103, 0, 0]));
      const pool = new w.ThreadPool(unlinkable, w.runtime().heap, 1);
      const before = pool.threads;
      const ready = pool.ready();
      return { before, ready, after: pool.threads, started: await pool.started().then(() => "resolved", (e) => e.message) };
    `);
    assert.equal([out.before, out.ready, out.after], [2, false, 1]);
    assert.match(out.started, /worker thread 1 failed to start: .*missing/);
  });

  Threads("a bundle without the thread script: one warning at init, one thread, fits work", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmax-no-thread-"));
    try {
      mkdirSync(join(dir, "dist"));
      cpSync(fileURLToPath(new URL("../../dist/node.js", import.meta.url)), join(dir, "dist", "node.js"));
      symlinkSync(fileURLToPath(new URL("../../wasm", import.meta.url)), join(dir, "wasm"), "dir");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      const code = `import * as w from "./dist/node.js"; const warnings = []; console.warn = (m) => warnings.push(m);
        await w.init(undefined, { threads: 2 });
        const m = new w.SoftmaxRegression({ maxIter: 3 }).fit([[0, 1], [1, 0], [0, 2], [2, 0]], ["a", "b", "a", "b"]);
        console.log(JSON.stringify({ threads: w.threads(), warnings, predicted: m.predict([[0, 3]]) }));`;
      const out = JSON.parse(
        execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: dir, encoding: "utf8" }).trim().split("\n").pop(),
      );
      assert.is(out.threads, 1);
      const missing = out.warnings.filter((m) => /worker thread script .*thread\.node\.js is missing/.test(m));
      assert.is(missing.length, 1, "said once, whichever threaded builds were tried");
      assert.equal(out.predicted, ["a"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  Threads("memory grown while workers run (a 25 MB fit after a small one): workers see it, results equal one thread's", () => {
    const out = child(`
      const small = Float32Array.from({ length: 600 * 20 }, (_, i) => Math.cos(i));
      const fit = (X, D, y) => { const m = new w.MLPClassifier({ hiddenLayerSizes: [32], batchSize: 512, maxIter: 1, tol: 0,
        randomState: 1 }).fit(X, y, { features: D }); const c = m.toJSON().coefs.flat(2); m.dispose(); return c; };
      fit(small, 20, Int32Array.from({ length: 600 }, (_, i) => i % 4));
      const memory = w.memoryStats().memoryBytes;
      const N = 8000, D = 784;
      const X = Float32Array.from({ length: N * D }, (_, i) => Math.sin(i * 0.37));
      const y = Int32Array.from({ length: N }, (_, i) => (i * 7) % 10);
      const many = fit(X, D, y);
      w.configure({ threads: 1 });
      const one = fit(X, D, y);
      const scale = Math.max(...one.map(Math.abs));
      return { grewFrom: memory, grewTo: w.memoryStats().memoryBytes, worst: Math.max(...one.map((v,
        i) => Math.abs(v - many[i]))) / scale };
    `);
    assert.ok(out.grewTo > out.grewFrom + 20e6, `memory grew from ${out.grewFrom} to ${out.grewTo}`);
    // One Adam epoch: its normalised steps amplify f32 differences in near-zero gradients.
    assert.ok(out.worst > 0 && out.worst <= 2e-3, `relative difference ${out.worst}`);
  });
}

Threads.run();
