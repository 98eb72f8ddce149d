// Kernel benchmarks (issue #4, K1–K3): softmax, log-softmax and the fused softmax cross-entropy
// (mean loss + gradient with respect to the logits) at every issue shape, and the training
// products, for every contender in one process:
//   wasmax kernel   the wasm function on data already in wasm memory;
//   wasmax call     the public API, copies in and out included, writing into a given array (out);
//   wasmax call, new array   the same call returning a new array (how most code calls it);
//   TF.js wasm/cpu  the op on a resident tensor, result read back (CE: tf.valueAndGrad of tf.losses);
//   onnxruntime-node / -web   an ONNX graph (bench/onnx.js) run on a Float32Array input;
//   plain JS        numerically stable Float32Array loops (bench/plain.js).
// Every case's answer is checked against the float64 reference before it is timed; a case that
// fails is reported as failing and not timed. Each benny suite runs ROUNDS times with the
// contenders in a rotated order, so machine drift hits all of them alike; a row's median is the
// median of its round medians, its range the extremes over all samples.
//
//   node bench/kernels.js            (writes bench/results/kernels.json)
//   BENCH_QUICK=1 node bench/kernels.js

import b from "benny";
import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import * as plain from "./plain.js";
import { tf, useBackend } from "./tfjs.js";
import { runtimes as ort, session, softmaxModel, logSoftmaxModel, crossEntropyModel } from "./onnx.js";
import { machine } from "./machine.js";
import { softmax64, logSoftmax64, crossEntropy64, linear64, linearBackward64, assertClose, rng, f32 } from "../test/reference.js";

const backendName = await wasmax.init();
const { exports: K_, heap } = wasmax.runtime();
const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 1 : 3;
const timing = quick ? { maxTime: 0.05, minSamples: 3 } : { maxTime: 0.15, minSamples: 3 };
const SHAPES = [
  [1, 10],
  [64, 10],
  [65536, 10],
  [64, 1000],
  [4096, 1000],
  [64, 32000],
  [16384, 3],
];
const MATMULS = [
  [64, 784, 10],
  [256, 784, 10],
  [64, 256, 1000],
  [256, 256, 1000],
];

/** Copies arrays into the wasm heap; returns their byte offsets (freed by the returned release). */
function place(...arrays) {
  const ptrs = arrays.map((a) => heap.alloc(a.byteLength));
  arrays.forEach((a, i) => (a instanceof Int32Array ? heap.i32 : heap.f32).set(a, ptrs[i] >>> 2));
  return { ptrs, release: () => ptrs.forEach((p) => heap.release(p)) };
}
const view = (ptr, n) => heap.f32.slice(ptr >>> 2, (ptr >>> 2) + n);

/** TF.js contenders on one backend: resident tensors made on that backend, ops read back. */
function tfContender(backend, x, labels, N, K) {
  useBackend(backend);
  const xt = tf.tensor2d(x, [N, K]);
  const onehot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), K), "float32"));
  const lossAndGrad = tf.valueAndGrad((z) => tf.losses.softmaxCrossEntropy(onehot, z));
  // benny runs every case's setup when the suite is built, so the backend is chosen inside each call
  // (a string comparison once it is current); on the wrong backend TF.js would move the data.
  const op = (fn) => () => {
    useBackend(backend);
    const y = fn(xt);
    const data = y.dataSync();
    y.dispose();
    return data;
  };
  return {
    name: `TF.js ${backend}`,
    softmax: op(tf.softmax),
    logSoftmax: op(tf.logSoftmax),
    crossEntropy: () => {
      useBackend(backend);
      const { value, grad } = lossAndGrad(xt);
      const out = { loss: value.dataSync()[0], grad: grad.dataSync() };
      value.dispose();
      grad.dispose();
      return out;
    },
    dispose: () => (xt.dispose(), onehot.dispose()),
  };
}

/** onnxruntime contenders: one session per graph, inputs wrapping the same arrays. */
async function ortContender(name, x, labels, N, K) {
  const runtime = ort[name];
  const Z = new runtime.Tensor("float32", x, [N, K]);
  const onehot = new Float32Array(N * K);
  labels.forEach((k, i) => (onehot[i * K + k] = 1));
  const ceFeeds = {
    Z,
    labels: new runtime.Tensor("int64", BigInt64Array.from(labels, BigInt), [N]),
    Y: new runtime.Tensor("float32", onehot, [N, K]),
  };
  const [soft, log, ce] = await Promise.all([softmaxModel(K), logSoftmaxModel(K), crossEntropyModel(N, K)].map((m) => session(runtime, m)));
  return {
    name,
    softmax: async () => (await soft.run({ Z })).P.data,
    logSoftmax: async () => (await log.run({ Z })).L.data,
    crossEntropy: async () => {
      const out = await ce.run(ceFeeds);
      return { loss: out.loss.data[0], grad: out.grad.data };
    },
    dispose: () => Promise.all([soft.release(), log.release(), ce.release()]),
  };
}

const samples = new Map(); // "suite\u0000contender" → { medians, min, max, samples, maxError, work }
const failures = [];

async function suite(title, work, cases, round) {
  const timed = [];
  for (const c of cases) {
    if (failures.some((f) => f.suite === title && f.name === c.name)) continue;
    try {
      const worst = await c.check();
      const key = `${title}\u0000${c.name}`;
      if (!samples.has(key))
        samples.set(key, { suite: title, name: c.name, work, medians: [], min: Infinity, max: 0, samples: 0, maxError: worst });
      timed.push(c);
    } catch (error) {
      failures.push({ suite: title, name: c.name, failed: String(error.message ?? error).slice(0, 200) });
      console.log(`  ${c.name}: FAILED validation, not timed: ${error.message}`);
    }
  }
  const order = timed.map((_, i) => timed[(i + round) % timed.length]);
  await b.suite(
    `${title} (round ${round + 1})`,
    ...order.map((c) => b.add(c.name, c.fn, timing)),
    b.cycle(),
    b.complete((summary) => {
      for (const r of summary.results) {
        const s = samples.get(`${title}\u0000${r.name}`);
        s.medians.push(r.details.median);
        s.min = Math.min(s.min, r.details.min);
        s.max = Math.max(s.max, r.details.max);
        s.samples += r.samples;
      }
    }),
  );
}

const r = rng(7);
const workloads = [];
for (const [N, K] of SHAPES) {
  const n = N * K;
  const x = f32(n, () => 3 * r.normal());
  const labels = Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
  const p64 = softmax64(x, K);
  const lp64 = logSoftmax64(x, K);
  const ce64 = crossEntropy64(x, labels, K, { gradScale: 1 / N });
  const loss64 = ce64.losses.reduce((a, v) => a + v, 0) / N;
  const {
    ptrs: [xp, yp, lp],
    release,
  } = place(x, new Float32Array(n), labels);
  const out = new Float32Array(n);
  // "Same answer" for an f32 library: 1e-4 relative; the table shows each contender's worst error
  // as a fraction of this tolerance.
  const softTol = { rtol: 1e-4, atol: 1e-30 };
  const logTol = { rtol: 1e-6, atol: 1e-4 };
  const gradTol = { atol: 1e-30, size: ce64.size, sizeTol: 1e-4 };
  const checkCE = ({ loss, grad }) => (assertClose([loss], [loss64], { rtol: 1e-5, what: "loss" }), assertClose(grad, ce64.grad, gradTol));
  const others = [
    tfContender("wasm", x, labels, N, K),
    tfContender("cpu", x, labels, N, K),
    await ortContender("onnxruntime-node", x, labels, N, K),
    await ortContender("onnxruntime-web", x, labels, N, K),
  ];
  const peer = (c, op, check) => ({ name: c.name, fn: c[op], check: async () => check(await c[op]()) });
  const work = { elements: n };
  workloads.push({
    suites: [
      [
        `softmax ${N}×${K}`,
        work,
        [
          {
            name: "wasmax kernel",
            fn: () => K_.softmax(xp, yp, N, K),
            check: () => (K_.softmax(xp, yp, N, K), assertClose(view(yp, n), p64, softTol)),
          },
          { name: "wasmax call", fn: () => wasmax.softmax(x, K, out), check: () => assertClose(wasmax.softmax(x, K, out), p64, softTol) },
          { name: "wasmax call, new array", fn: () => wasmax.softmax(x, K), check: () => assertClose(wasmax.softmax(x, K), p64, softTol) },
          ...others.map((c) => peer(c, "softmax", (y) => assertClose(y, p64, softTol))),
          {
            name: "plain JS",
            fn: () => plain.softmax(x, out, N, K),
            check: () => (plain.softmax(x, out, N, K), assertClose(out, p64, softTol)),
          },
        ],
      ],
      [
        `log-softmax ${N}×${K}`,
        work,
        [
          {
            name: "wasmax kernel",
            fn: () => K_.logSoftmax(xp, yp, N, K),
            check: () => (K_.logSoftmax(xp, yp, N, K), assertClose(view(yp, n), lp64, logTol)),
          },
          {
            name: "wasmax call",
            fn: () => wasmax.logSoftmax(x, K, out),
            check: () => assertClose(wasmax.logSoftmax(x, K, out), lp64, logTol),
          },
          {
            name: "wasmax call, new array",
            fn: () => wasmax.logSoftmax(x, K),
            check: () => assertClose(wasmax.logSoftmax(x, K), lp64, logTol),
          },
          ...others.map((c) => peer(c, "logSoftmax", (y) => assertClose(y, lp64, logTol))),
          {
            name: "plain JS",
            fn: () => plain.logSoftmax(x, out, N, K),
            check: () => (plain.logSoftmax(x, out, N, K), assertClose(out, lp64, logTol)),
          },
        ],
      ],
      [
        `cross-entropy + grad ${N}×${K}`,
        work,
        [
          {
            name: "wasmax kernel",
            fn: () => K_.softmaxCrossEntropy(xp, lp, N, K, 0, 0, 0, 1 / N, 0, yp),
            check: () => checkCE({ loss: K_.softmaxCrossEntropy(xp, lp, N, K, 0, 0, 0, 1 / N, 0, yp) / N, grad: view(yp, n) }),
          },
          {
            name: "wasmax call",
            fn: () => wasmax.softmaxCrossEntropy(x, labels, K, { out }),
            check: () => checkCE(wasmax.softmaxCrossEntropy(x, labels, K, { out })),
          },
          {
            name: "wasmax call, new array",
            fn: () => wasmax.softmaxCrossEntropy(x, labels, K),
            check: () => checkCE(wasmax.softmaxCrossEntropy(x, labels, K)),
          },
          ...others.map((c) => peer(c, "crossEntropy", checkCE)),
          {
            name: "plain JS",
            fn: () => plain.softmaxCrossEntropy(x, labels, out, N, K),
            check: () => checkCE({ loss: plain.softmaxCrossEntropy(x, labels, out, N, K), grad: out }),
          },
        ],
      ],
    ],
    dispose: async () => {
      release();
      for (const c of others) await c.dispose();
    },
  });
}

for (const [B, D, K] of MATMULS) {
  const x = f32(B * D, () => r.normal());
  const w = f32(K * D, () => 0.05 * r.normal());
  const bias = f32(K, () => r.normal());
  const g = f32(B * K, () => 0.01 * r.normal());
  const fwd64 = linear64(x, w, bias, B, D, K);
  const back64 = linearBackward64(g, x, B, D, K);
  const {
    ptrs: [xp, wp, bp, yp, gp, dwp],
    release,
  } = place(x, w, bias, new Float32Array(B * K), g, new Float32Array(K * D));
  const y = new Float32Array(B * K);
  const dw = new Float32Array(K * D);
  const fwdTol = { size: fwd64.size, sizeTol: (D + 2) * 2 ** -24 };
  const backTol = { size: back64.dwSize, sizeTol: (B + 2) * 2 ** -24 };
  useBackend("wasm");
  const [xt, wt, bt, gt] = [tf.tensor2d(x, [B, D]), tf.tensor2d(w, [K, D]), tf.tensor1d(bias), tf.tensor2d(g, [B, K])];
  const tfForward = () => (useBackend("wasm"), tf.tidy(() => tf.add(tf.matMul(xt, wt, false, true), bt).dataSync()));
  const tfBackward = () => (useBackend("wasm"), tf.tidy(() => tf.matMul(gt, xt, true, false).dataSync()));
  const work = { flops: 2 * B * D * K };
  workloads.push({
    suites: [
      [
        `forward X·Wᵀ+b B=${B} D=${D} K=${K}`,
        work,
        [
          {
            name: "wasmax kernel",
            fn: () => K_.linear(xp, wp, bp, yp, B, D, K),
            check: () => (K_.linear(xp, wp, bp, yp, B, D, K), assertClose(view(yp, B * K), fwd64.y, fwdTol)),
          },
          { name: "TF.js wasm", fn: tfForward, check: () => assertClose(tfForward(), fwd64.y, fwdTol) },
          {
            name: "plain JS",
            fn: () => plain.linear(x, w, bias, y, B, D, K),
            check: () => (plain.linear(x, w, bias, y, B, D, K), assertClose(y, fwd64.y, fwdTol)),
          },
        ],
      ],
      [
        `backward Gᵀ·X B=${B} D=${D} K=${K}`,
        work,
        [
          {
            name: "wasmax kernel",
            fn: () => K_.linearWeightGrad(gp, xp, dwp, B, D, K, false),
            check: () => (K_.linearWeightGrad(gp, xp, dwp, B, D, K, false), assertClose(view(dwp, K * D), back64.dw, backTol)),
          },
          { name: "TF.js wasm", fn: tfBackward, check: () => assertClose(tfBackward(), back64.dw, backTol) },
          {
            name: "plain JS",
            fn: () => plain.linearWeightGrad(g, x, dw, B, D, K),
            check: () => (plain.linearWeightGrad(g, x, dw, B, D, K), assertClose(dw, back64.dw, backTol)),
          },
        ],
      ],
    ],
    dispose: async () => {
      release();
      [xt, wt, bt, gt].forEach((t) => t.dispose());
    },
  });
}

for (let round = 0; round < ROUNDS; round++) {
  for (const w of workloads) for (const [title, work, cases] of w.suites) await suite(title, work, cases, round);
}
for (const w of workloads) await w.dispose();

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const rows = [...samples.values()].map((s) => {
  const seconds = median(s.medians);
  return {
    suite: s.suite,
    name: s.name,
    maxError: s.maxError,
    medianSeconds: seconds,
    minSeconds: s.min,
    maxSeconds: s.max,
    rounds: s.medians.length,
    samples: s.samples,
    nsPerElement: s.work.elements ? (seconds * 1e9) / s.work.elements : undefined,
    gflops: s.work.flops ? s.work.flops / seconds / 1e9 : undefined,
  };
});
const versions = { tfjs: tf.version.tfjs, onnxruntime: ort["onnxruntime-node"].env.versions?.common ?? "1.30" };
writeFileSync(
  new URL("results/kernels.json", import.meta.url),
  JSON.stringify({ machine: { ...machine(), backend: backendName, ...versions }, quick, rounds: ROUNDS, rows, failures }, null, 2) + "\n",
);
console.log(`kernels: ${rows.length} rows, ${failures.length} failed validation`);
