// Kernel benchmarks: softmax, log-softmax and fused cross-entropy at the shapes, and the
// training products, for the wasm kernels on data already in wasm memory ("kernel"), the public
// API call with its copies in and out ("call"), TF.js's wasm backend (XNNPACK; one thread, as it
// runs in Node) the same two ways, and plain JS Float32Array loops, all in one run.
// Every case's answer is checked against the float64 reference before it is timed.
//
//   npm run bench            (writes bench/results/kernels.json and kernels.md)
//   BENCH_QUICK=1 npm run bench   (shorter timing, for a smoke test)

import b from "benny";
import { statSync, writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
const { runtime } = wasmax;
import * as plain from "./plain.js";
import { tf } from "./tfjs.js";
import { machine } from "./machine.js";
import { softmax64, logSoftmax64, crossEntropy64, linear64, linearBackward64, assertClose, rng, f32 } from "../test/reference.js";

const backendName = await wasmax.init();
const { exports: K_, heap } = runtime();
const quick = process.env.BENCH_QUICK === "1";
const timing = quick ? { maxTime: 0.25, minSamples: 5 } : { maxTime: 1.5, minSamples: 10 };
const rows = [];

/** Copies arrays into the wasm heap; returns their byte offsets (freed by the returned release). */
function place(...arrays) {
  const ptrs = arrays.map((a) => heap.alloc(a.byteLength));
  arrays.forEach((a, i) => (a instanceof Int32Array ? heap.i32 : heap.f32).set(a, ptrs[i] >>> 2));
  return { ptrs, release: () => ptrs.forEach((p) => heap.release(p)) };
}

const view = (ptr, n) => heap.f32.slice(ptr >>> 2, (ptr >>> 2) + n);

/**
 * Runs one benny suite. Each case is { name, fn, check } where check() validates the answer (throws
 * if wrong) before fn is timed; `work` = { elements, bytes, flops } of one call, for the units.
 */
async function suite(title, work, cases) {
  const timed = [];
  for (const c of cases) {
    try {
      c.worst = c.check();
      timed.push(c);
    } catch (error) {
      rows.push({ suite: title, name: c.name, failed: String(error.message ?? error).slice(0, 200) });
      console.log(`  ${c.name}: FAILED validation, not timed: ${error.message}`);
    }
  }
  await b.suite(
    title,
    ...timed.map((c) => b.add(c.name, c.fn, timing)),
    b.cycle(),
    b.complete((summary) => {
      for (const r of summary.results) {
        const s = r.details.median;
        rows.push({
          suite: title,
          name: r.name,
          maxError: timed.find((c) => c.name === r.name)?.worst,
          medianSeconds: s,
          minSeconds: r.details.min,
          maxSeconds: r.details.max,
          samples: r.samples,
          nsPerElement: work.elements ? (s * 1e9) / work.elements : undefined,
          gbPerSecond: work.bytes ? work.bytes / s / 1e9 : undefined,
          gflops: work.flops ? work.flops / s / 1e9 : undefined,
        });
      }
    }),
  );
}

const r = rng(7);
const shapes = [[65536, 10], [4096, 1000], [64, 32000], [1, 10], [16384, 3]];

for (const [N, K] of shapes) {
  const n = N * K;
  const x = f32(n, () => 3 * r.normal());
  const labels = Int32Array.from({ length: N }, () => Math.floor(r.uniform() * K));
  const p64 = softmax64(x, K);
  const lp64 = logSoftmax64(x, K);
  const ce64 = crossEntropy64(x, labels, K, { gradScale: 1 / N });
  const loss64 = ce64.losses.reduce((a, v) => a + v, 0) / N;
  const { ptrs: [xp, yp, lp], release } = place(x, new Float32Array(n), labels);
  const out = new Float32Array(n);
  // "Same answer" for an f32 library: 1e-4 relative; the table shows each contender's worst error
  // as a fraction of this tolerance.
  const softTol = { rtol: 1e-4, atol: 1e-30 };
  const logTol = { rtol: 1e-6, atol: 1e-4 };
  const gradTol = { atol: 1e-30, size: ce64.size, sizeTol: 1e-4 };
  const checkLoss = (loss) => assertClose([loss], [loss64], { rtol: 1e-5, what: "loss" });
  // Bytes moved by one call: read the logits, write the output.
  const work = { elements: n, bytes: 8 * n };
  const xt = tf.tensor2d(x, [N, K]);
  const onehot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), K), "float32"));
  // TF.js's mean loss and its gradient with respect to the logits, as wasmax computes them.
  const tfLossAndGrad = tf.valueAndGrad((z) => tf.losses.softmaxCrossEntropy(onehot, z));
  const tfCE = (z) => {
    const { value, grad } = tfLossAndGrad(z);
    const out = { loss: value.dataSync()[0], grad: grad.dataSync() };
    value.dispose();
    grad.dispose();
    return out;
  };
  /** An op on a resident tensor, result read back (XNNPACK computes eagerly; dataSync makes sure). */
  const tfOp = (op) => () => {
    const y = op(xt);
    const data = y.dataSync();
    y.dispose();
    return data;
  };

  await suite(`softmax ${N}×${K}`, work, [
    { name: "wasmax kernel", fn: () => K_.softmax(xp, yp, N, K), check: () => (K_.softmax(xp, yp, N, K), assertClose(view(yp, n), p64, softTol)) },
    { name: "wasmax call", fn: () => wasmax.softmax(x, K, out), check: () => assertClose(wasmax.softmax(x, K, out), p64, softTol) },
    { name: "TF.js wasm op", fn: tfOp(tf.softmax), check: () => assertClose(tfOp(tf.softmax)(), p64, softTol) },
    { name: "plain JS", fn: () => plain.softmax(x, out, N, K), check: () => (plain.softmax(x, out, N, K), assertClose(out, p64, softTol)) },
  ]);
  await suite(`log-softmax ${N}×${K}`, work, [
    { name: "wasmax kernel", fn: () => K_.logSoftmax(xp, yp, N, K), check: () => (K_.logSoftmax(xp, yp, N, K), assertClose(view(yp, n), lp64, logTol)) },
    { name: "wasmax call", fn: () => wasmax.logSoftmax(x, K, out), check: () => assertClose(wasmax.logSoftmax(x, K, out), lp64, logTol) },
    { name: "TF.js wasm op", fn: tfOp(tf.logSoftmax), check: () => assertClose(tfOp(tf.logSoftmax)(), lp64, logTol) },
    { name: "plain JS", fn: () => plain.logSoftmax(x, out, N, K), check: () => (plain.logSoftmax(x, out, N, K), assertClose(out, lp64, logTol)) },
  ]);
  await suite(`cross-entropy + grad ${N}×${K}`, work, [
    {
      name: "wasmax kernel",
      fn: () => K_.softmaxCrossEntropy(xp, lp, N, K, 0, 0, 0, 1 / N, 0, yp),
      check: () => {
        checkLoss(K_.softmaxCrossEntropy(xp, lp, N, K, 0, 0, 0, 1 / N, 0, yp) / N);
        return assertClose(view(yp, n), ce64.grad, gradTol);
      },
    },
    {
      name: "wasmax call",
      fn: () => wasmax.softmaxCrossEntropy(x, labels, K, { out }),
      check: () => {
        const { loss, grad } = wasmax.softmaxCrossEntropy(x, labels, K, { out });
        checkLoss(loss);
        return assertClose(grad, ce64.grad, gradTol);
      },
    },
    {
      name: "TF.js wasm op",
      fn: () => tfCE(xt),
      check: () => {
        const { loss, grad } = tfCE(xt);
        checkLoss(loss);
        return assertClose(grad, ce64.grad, gradTol);
      },
    },
    {
      name: "plain JS",
      fn: () => plain.softmaxCrossEntropy(x, labels, out, N, K),
      check: () => {
        checkLoss(plain.softmaxCrossEntropy(x, labels, out, N, K));
        return assertClose(out, ce64.grad, gradTol);
      },
    },
  ]);
  release();
  xt.dispose();
  onehot.dispose();
}

for (const [B, D, K] of [[64, 784, 10], [256, 784, 10], [64, 256, 1000], [256, 256, 1000]]) {
  const x = f32(B * D, () => r.normal());
  const w = f32(K * D, () => 0.05 * r.normal());
  const bias = f32(K, () => r.normal());
  const g = f32(B * K, () => 0.01 * r.normal());
  const fwd64 = linear64(x, w, bias, B, D, K);
  const back64 = linearBackward64(g, x, B, D, K);
  const { ptrs: [xp, wp, bp, yp, gp, dwp], release } = place(x, w, bias, new Float32Array(B * K), g, new Float32Array(K * D));
  const y = new Float32Array(B * K);
  const dw = new Float32Array(K * D);
  const fwdTol = { size: fwd64.size, sizeTol: (D + 2) * 2 ** -24 };
  const backTol = { size: back64.dwSize, sizeTol: (B + 2) * 2 ** -24 };
  const flops = 2 * B * D * K;
  await suite(`forward X·Wᵀ+b B=${B} D=${D} K=${K}`, { flops }, [
    { name: "wasmax kernel", fn: () => K_.linear(xp, wp, bp, yp, B, D, K), check: () => (K_.linear(xp, wp, bp, yp, B, D, K), assertClose(view(yp, B * K), fwd64.y, fwdTol)) },
    { name: "plain JS", fn: () => plain.linear(x, w, bias, y, B, D, K), check: () => (plain.linear(x, w, bias, y, B, D, K), assertClose(y, fwd64.y, fwdTol)) },
  ]);
  await suite(`backward Gᵀ·X B=${B} D=${D} K=${K}`, { flops }, [
    { name: "wasmax kernel", fn: () => K_.linearWeightGrad(gp, xp, dwp, B, D, K, false), check: () => (K_.linearWeightGrad(gp, xp, dwp, B, D, K, false), assertClose(view(dwp, K * D), back64.dw, backTol)) },
    { name: "plain JS", fn: () => plain.linearWeightGrad(g, x, dw, B, D, K), check: () => (plain.linearWeightGrad(g, x, dw, B, D, K), assertClose(dw, back64.dw, backTol)) },
  ]);
  release();
}

const stamp = { ...machine(), backend: backendName, tfjs: tf.version.tfjs, wasmBytes: { simd: 0, scalar: 0 } };
for (const name of ["simd", "scalar"]) {
  stamp.wasmBytes[name] = statSync(new URL(`../wasm/${name}.wasm`, import.meta.url)).size;
}
writeFileSync(new URL("results/kernels.json", import.meta.url), JSON.stringify({ machine: stamp, quick, rows }, null, 2) + "\n");
const md = table(stamp, rows);
writeFileSync(new URL("results/kernels.md", import.meta.url), md);
console.log("\n" + md);

function table(m, rows) {
  const fmt = (v, d = 2) => (v === undefined ? "" : v >= 100 ? v.toFixed(0) : v.toFixed(d));
  const lines = [
    `Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores), ${m.runtime}, wasmax ${m.backend} build, TF.js ${m.tfjs} wasm backend${quick ? " (quick run)" : ""}.`,
    `Wasm binaries: simd ${m.wasmBytes.simd} B, scalar ${m.wasmBytes.scalar} B.`,
    "",
    "| workload | contender | median | ns/element | GB/s | GFLOP/s | × wasmax kernel | worst error / tolerance |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    if (row.failed) {
      lines.push(`| ${row.suite} | ${row.name} | failed validation | | | | | |`);
      continue;
    }
    const base = rows.find((o) => o.suite === row.suite && o.name === "wasmax kernel");
    const median = row.medianSeconds >= 1e-3 ? `${(row.medianSeconds * 1e3).toFixed(2)} ms` : `${(row.medianSeconds * 1e6).toFixed(2)} µs`;
    const ratio = base ? (row.medianSeconds / base.medianSeconds).toFixed(2) : "";
    const error = typeof row.maxError === "number" ? row.maxError.toFixed(3) : "";
    lines.push(`| ${row.suite} | ${row.name} | ${median} | ${fmt(row.nsPerElement)} | ${fmt(row.gbPerSecond)} | ${fmt(row.gflops)} | ${ratio} | ${error} |`);
  }
  return lines.join("\n") + "\n";
}
