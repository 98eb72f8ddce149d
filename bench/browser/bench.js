// The benchmark page (bench/browser.js serves it with COOP/COEP, so it is cross-origin isolated):
// - kernels: wasmax's public calls (copies in and out included), TF.js on its wasm backend with
//   SIMD and its threads (a resident tensor, the op, the result read back with `await data()`, the
//   browser idiom; readBackCost records what each way of reading costs), onnxruntime-web with its
//   threads (an ONNX graph run on a Float32Array), and plain JS loops. Each answer is checked against a float64
//   reference before it is timed. Rounds with the contenders in rotated order; in each, the median
//   of 7 samples of back-to-back calls lasting ≥ 50 ms; a row's time is the median of its rounds.
// - training: T1 and the MLP epoch on the MNIST-8k split, wasmax on all its threads and on one,
//   against TF.js (see t1 and mlp).
// The answer lands in #result as JSON.

import * as wasmax from "/dist/browser.js";
import * as ort from "/bench/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs";
import * as plain from "/bench/plain.js";

const { tf } = globalThis; // index.html loads TF.js (with gradients) and its wasm backend as scripts
const params = new URL(location.href).searchParams;
const ROUNDS = Number(params.get("rounds") ?? 3);
const THREADS = navigator.hardwareConcurrency;
const out = document.getElementById("result");

function data(N, K, seed) {
  let s = seed >>> 0;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const x = Float32Array.from({ length: N * K }, () => (next() - 0.5) * 8);
  const labels = Int32Array.from({ length: N }, () => Math.floor(next() * K));
  return { x, labels };
}

/** float64 references: softmax, log-softmax, and mean cross-entropy with its gradient. */
function reference(op, x, labels, N, K) {
  const y = new Float64Array(N * K);
  let loss = 0;
  for (let r = 0; r < N; r++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, x[r * K + k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(x[r * K + k] - max);
    for (let k = 0; k < K; k++) {
      const z = x[r * K + k] - max;
      y[r * K + k] = op === "logSoftmax" ? z - Math.log(sum) : Math.exp(z) / sum;
    }
    if (op === "crossEntropy") {
      loss += Math.log(sum) - (x[r * K + labels[r]] - max);
      y[r * K + labels[r]] -= 1;
      for (let k = 0; k < K; k++) y[r * K + k] /= N;
    }
  }
  return { y, loss: loss / N };
}

function check(name, got, ref) {
  let worst = 0;
  for (let i = 0; i < ref.y.length; i++) worst = Math.max(worst, Math.abs(got.y[i] - ref.y[i]));
  if (ref.loss !== undefined && got.loss !== undefined)
    worst = Math.max(worst, Math.abs(got.loss - ref.loss) / Math.max(1, Math.abs(ref.loss)));
  if (!(worst <= 2e-5)) throw new Error(`${name}: max error ${worst} against the float64 reference`);
  return worst;
}

async function sample(fn) {
  const times = [];
  for (let s = 0; s < 7; s++) {
    let calls = 0;
    const start = performance.now();
    do {
      await fn();
      calls++;
    } while (performance.now() - start < 50);
    times.push((performance.now() - start) / calls);
  }
  return median(times);
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** TF.js's softmax 65536×10 alone, and with each way of reading the result back (median ms of 5). */
async function readBackCost() {
  const x = tf.randomNormal([65536, 10]);
  const time = async (fn) => {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return median(times.slice(2));
  };
  const cost = {
    opMs: await time(() => tf.tidy(() => void tf.softmax(x))),
    dataSyncMs: await time(() => tf.tidy(() => void tf.softmax(x).dataSync())),
    awaitDataMs: await time(async () => {
      const y = tf.softmax(x);
      await y.data();
      y.dispose();
    }),
  };
  x.dispose();
  return cost;
}

/** The MNIST-8k split bench/browser.js serves: training rows in one seeded order, then the test rows. */
let mnist;
async function loadMnist() {
  const bin = async (name, Type) => new Type(await (await fetch(`/mnist/${name}.bin`)).arrayBuffer());
  mnist ??= {
    X: await bin("train-x", Float32Array),
    y: await bin("train-y", Int32Array),
    testX: await bin("test-x", Float32Array),
    testY: await bin("test-y", Int32Array),
  };
  return mnist;
}

/** Test accuracy of probabilities (rows × 10). */
function accuracyOf(proba, testY) {
  let hits = 0;
  for (let i = 0; i < testY.length; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (proba[i * 10 + k] > proba[i * 10 + best]) best = k;
    if (best === testY[i]) hits++;
  }
  return hits / testY.length;
}

/** The median epoch time after the first, from the end time of each epoch. */
const steadyEpoch = (stamps, start) => median(stamps.map((t, i) => t - (i ? stamps[i - 1] : start)).slice(1));

async function contenders(op, N, K, x, labels) {
  const list = {};
  const outBuffer = new Float32Array(N * K);
  list.wasmax =
    op === "crossEntropy"
      ? () => {
          const r = wasmax.softmaxCrossEntropy(x, labels, K, { out: outBuffer });
          return { y: r.grad, loss: r.loss };
        }
      : () => ({ y: wasmax[op](x, K, outBuffer) });

  const xt = tf.tensor2d(x, [N, K]);
  const onehot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), K), "float32"));
  const lossAndGrad = tf.valueAndGrad((z) => tf.losses.softmaxCrossEntropy(onehot, z));
  list["TF.js wasm"] = async () => {
    if (op === "crossEntropy") {
      const { value, grad } = lossAndGrad(xt);
      const [g, loss] = await Promise.all([grad.data(), value.data()]);
      tf.dispose([value, grad]);
      return { y: g, loss: loss[0] };
    }
    const y = op === "softmax" ? tf.softmax(xt) : tf.logSoftmax(xt);
    const data = await y.data();
    y.dispose();
    return { y: data };
  };

  const graph = await (await fetch(`/graphs/${op}-${N}x${K}.onnx`)).arrayBuffer();
  const session = await ort.InferenceSession.create(graph, { graphOptimizationLevel: "all" });
  const zt = new ort.Tensor("float32", x, [N, K]);
  const feeds = { Z: zt };
  if (op === "crossEntropy") {
    feeds.labels = new ort.Tensor(
      "int64",
      BigInt64Array.from(labels, (v) => BigInt(v)),
      [N],
    );
    const y = new Float32Array(N * K);
    labels.forEach((k, r) => (y[r * K + k] = 1));
    feeds.Y = new ort.Tensor("float32", y, [N, K]);
  }
  list["onnxruntime-web"] = async () => {
    const r = await session.run(feeds);
    return op === "crossEntropy" ? { y: r.grad.data, loss: r.loss.data[0] } : { y: (r.P ?? r.L).data };
  };

  const plainOut = new Float32Array(N * K);
  list["plain JS"] =
    op === "crossEntropy"
      ? () => ({ y: plainOut, loss: plain.softmaxCrossEntropy(x, labels, plainOut, N, K) })
      : () => (plain[op](x, plainOut, N, K), { y: plainOut });
  return list;
}

/** wasmax trains with every thread init started (configure threads 0) and with one; one run where init started one. */
function threadLimits() {
  return wasmax.threads() > 1 ? [0, 1] : [1];
}

/**
 * One fit on each thread setting before any is timed: Chrome compiles wasm with its baseline
 * compiler first and optimises hot functions later, so whichever setting ran first paid for that.
 */
function warmUp(fit) {
  for (const limit of threadLimits()) {
    wasmax.configure({ threads: limit });
    fit().dispose();
  }
}

function wasmaxName(limit) {
  const n = limit === 0 ? wasmax.threads() : limit;
  return `wasmax, ${n} thread${n > 1 ? "s" : ""}`;
}

/**
 * T1 as bench/training.js runs it: softmax regression 784 → 10 on the MNIST-8k split (rows in one
 * seeded order, served by bench/browser.js), SGD at batch 64, lr 0.1, zero initial weights, the same
 * batches every epoch. wasmax's SoftmaxRegression against TF.js (W and b as variables, tf.train.sgd,
 * each batch uploaded from the arrays; an epoch ends when `await b.data()` returns). Steady epoch =
 * the median of epochs 2…; test accuracy after the last one.
 */
async function t1(epochs) {
  const { X, y, testX, testY } = await loadMnist();
  const D = 784,
    K = 10,
    N = y.length,
    batch = 64,
    lr = 0.1;
  const contenders = {};
  warmUp(() =>
    new wasmax.SoftmaxRegression({ solver: "sgd", batchSize: batch, maxIter: 1, tol: 0 }).fit(X, Array.from(y), { features: D }),
  );
  for (const limit of threadLimits()) {
    wasmax.configure({ threads: limit });
    const stamps = [];
    const start = performance.now();
    const model = new wasmax.SoftmaxRegression({
      solver: "sgd",
      batchSize: batch,
      learningRate: lr,
      momentum: 0,
      C: Infinity,
      shuffle: false,
      maxIter: epochs,
      tol: 0,
      onEpoch: () => void stamps.push(performance.now()),
    }).fit(X, Array.from(y), { features: D });
    contenders[wasmaxName(limit)] = { epochMs: steadyEpoch(stamps, start), accuracy: accuracyOf(model.predictProba(testX), testY) };
    model.dispose();
  }
  wasmax.configure({ threads: 0 });
  {
    const onehot = new Float32Array(N * K);
    y.forEach((k, i) => (onehot[i * K + k] = 1));
    const W = tf.variable(tf.zeros([D, K]));
    const b = tf.variable(tf.zeros([K]));
    const optimizer = tf.train.sgd(lr);
    const stamps = [];
    const start = performance.now();
    for (let e = 0; e < epochs; e++) {
      for (let from = 0; from < N; from += batch) {
        const n = Math.min(batch, N - from);
        tf.tidy(() => {
          const xs = tf.tensor2d(X.subarray(from * D, (from + n) * D), [n, D]);
          const ys = tf.tensor2d(onehot.subarray(from * K, (from + n) * K), [n, K]);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(xs, W), b)));
        });
      }
      await b.data();
      stamps.push(performance.now());
    }
    const probaT = tf.tidy(() => tf.softmax(tf.add(tf.matMul(tf.tensor2d(testX, [testY.length, D]), W), b)));
    contenders["TF.js wasm"] = { epochMs: steadyEpoch(stamps, start), accuracy: accuracyOf(await probaT.data(), testY) };
    tf.dispose([probaT, W, b]);
    optimizer.dispose();
  }
  return { epochs, contenders };
}

/**
 * The MLP epoch as bench/mlp.js runs it: 784-128-10 ReLU with a softmax output, Adam lr 1e-3, batch
 * 64 or 256, the MNIST-8k rows in one seeded order, no reshuffling; wasmax's MLPClassifier against the same
 * Sequential network in TF.js layers (model.fit on the wasm backend). Steady epoch = the median of
 * epochs 2…; test accuracy after the last (each starts from its own Glorot-uniform weights, so the
 * accuracies agree only roughly).
 */
async function mlp(epochs, batch) {
  const { X, y, testX, testY } = await loadMnist();
  const D = 784,
    K = 10,
    H = 128,
    N = y.length;
  const contenders = {};
  warmUp(() =>
    new wasmax.MLPClassifier({ hiddenLayerSizes: [H], batchSize: batch, maxIter: 1, tol: 0 }).fit(X, Array.from(y), { features: D }),
  );
  for (const limit of threadLimits()) {
    wasmax.configure({ threads: limit });
    const stamps = [];
    const start = performance.now();
    const model = new wasmax.MLPClassifier({
      hiddenLayerSizes: [H],
      batchSize: batch,
      maxIter: epochs,
      tol: 0,
      shuffle: false,
      randomState: 0,
      onEpoch: () => void stamps.push(performance.now()),
    }).fit(X, Array.from(y), { features: D });
    contenders[wasmaxName(limit)] = { epochMs: steadyEpoch(stamps, start), accuracy: accuracyOf(model.predictProba(testX), testY) };
    model.dispose();
  }
  wasmax.configure({ threads: 0 });
  {
    const xs = tf.tensor2d(X, [N, D]);
    const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, "int32"), K), "float32"));
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: H, inputShape: [D], activation: "relu" }), tf.layers.dense({ units: K, activation: "softmax" })],
    });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy" });
    const stamps = [];
    const start = performance.now();
    await model.fit(xs, ys, {
      batchSize: batch,
      epochs,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochEnd: () => void stamps.push(performance.now()) },
    });
    const probaT = model.predict(tf.tensor2d(testX, [testY.length, D]));
    contenders["TF.js layers (wasm)"] = { epochMs: steadyEpoch(stamps, start), accuracy: accuracyOf(await probaT.data(), testY) };
    tf.dispose([xs, ys, probaT]);
    model.dispose();
  }
  return { epochs, contenders };
}

try {
  ort.env.wasm.wasmPaths = "/bench/node_modules/onnxruntime-web/dist/";
  ort.env.wasm.numThreads = THREADS;
  tf.enableProdMode();
  tf.wasm.setWasmPaths("/bench/node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  tf.wasm.setThreadsCount(THREADS);
  if (!(await tf.setBackend("wasm")) || tf.getBackend() !== "wasm")
    throw new Error(`TF.js did not switch to its wasm backend (${tf.getBackend()})`);
  await tf.ready();
  const backend = await wasmax.init();
  const result = {
    crossOriginIsolated,
    hardwareConcurrency: THREADS,
    userAgent: navigator.userAgent,
    wasmax: backend,
    wasmaxThreads: wasmax.threads(),
    tfThreads: tf.wasm.getThreadsCount(),
    tfSimd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
    ortThreads: ort.env.wasm.numThreads,
    rows: [],
  };
  result.tfReadBack = await readBackCost();
  for (const [op, N, K] of [
    ["softmax", 65536, 10],
    ["softmax", 4096, 1000],
    ["logSoftmax", 4096, 1000],
    ["crossEntropy", 4096, 1000],
  ]) {
    const { x, labels } = data(N, K, N + K);
    const ref = reference(op, x, labels, N, K);
    const list = await contenders(op, N, K, x, labels);
    const errors = {};
    for (const [name, fn] of Object.entries(list)) errors[name] = check(`${op} ${N}×${K} ${name}`, await fn(), ref);
    const names = Object.keys(list);
    const rounds = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length];
        rounds[name].push(await sample(list[name]));
      }
    }
    result.rows.push({ workload: `${op} ${N}×${K}`, ms: Object.fromEntries(names.map((n) => [n, median(rounds[n])])), errors });
  }
  result.t1 = await t1(ROUNDS === 1 ? 2 : 4);
  result.mlp = await mlp(ROUNDS === 1 ? 2 : 3, 64);
  result.mlp256 = await mlp(ROUNDS === 1 ? 2 : 3, 256);
  out.textContent = JSON.stringify(result);
} catch (error) {
  out.textContent = JSON.stringify({ error: `${error.name}: ${error.message}` });
}
