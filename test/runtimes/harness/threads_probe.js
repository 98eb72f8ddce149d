// The same threaded fits in every runtime that has threads (Node, Node 22, a cross-origin-isolated
// Chromium page), after init(undefined, initOptions): each fit with one thread and with all, and the
// threaded fit again. Reports the threads in use, the largest difference between one thread and
// all (relative to the largest weight), whether the threaded fit repeated bit for bit, and a digest
// of its weights, so runtimes on the same build and thread count can be compared bit for bit.
// With { inWorker: true }, also the digest of the L-BFGS fit made by fitInWorker.

export async function threadsProbe(wasmax, initOptions, { inWorker = false } = {}) {
  const backend = await wasmax.init(undefined, initOptions);
  const [N, D, K] = [3000, 400, 10];
  let s = 12345;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const centers = Float32Array.from({ length: K * D }, () => 2 * next() - 1);
  const y = Int32Array.from({ length: N }, () => Math.floor(next() * K));
  const X = Float32Array.from({ length: N * D }, (_, i) => 0.5 * centers[y[Math.floor(i / D)] * D + (i % D)] + 2 * next() - 1);
  const fits = {
    "SoftmaxRegression lbfgs": () => new wasmax.SoftmaxRegression({ maxIter: 10, tol: 0 }).fit(X, y, { features: D }),
    "MLPClassifier adam, batch 256": () =>
      new wasmax.MLPClassifier({ hiddenLayerSizes: [64], batchSize: 256, maxIter: 2, tol: 0, randomState: 1 }).fit(X, y, { features: D }),
  };
  const warn = console.warn;
  console.warn = () => {};
  const result = { backend, threads: wasmax.threads(), fits: {} };
  try {
    for (const [name, fit] of Object.entries(fits)) {
      const run = (limit) => {
        wasmax.configure({ threads: limit });
        const model = fit();
        const json = model.toJSON();
        model.dispose();
        return Float32Array.from([json.coef ?? json.coefs, json.intercept ?? json.intercepts].flat(4));
      };
      const one = run(1);
      const all = run(0);
      const again = run(0);
      const scale = Math.max(...one.map(Math.abs));
      result.fits[name] = {
        difference: Math.max(...one.map((v, i) => Math.abs(v - all[i]))) / scale,
        repeated: all.every((v, i) => Object.is(v, again[i])),
        digest: digest(all),
      };
    }
    if (inWorker) {
      // fitInWorker trains on as many threads as this thread: the same weights as the L-BFGS fit here.
      const remote = await wasmax.fitInWorker(X, y, { maxIter: 10, tol: 0 }, { features: D, output: "json" });
      result.workerDigest = digest(Float32Array.from([remote.coef, remote.intercept].flat(4)));
    }
  } finally {
    wasmax.configure({ threads: 0 });
    console.warn = warn;
  }
  return result;
}

/** FNV-1a over the f32 bits. */
function digest(values) {
  let h = 0x811c9dc5;
  for (const bits of new Uint32Array(values.buffer)) {
    h = Math.imul(h ^ bits, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
