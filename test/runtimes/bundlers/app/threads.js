// The app's threaded fit: the same L-BFGS fit (8 classes) on all threads and on one, large enough to be split,
// and the same fit by fitInWorker, whose worker starts threads of its own (so the bundle must carry
// the thread script for the worker too). Returns the threads in use, the largest relative
// difference between the one- and all-thread weights, and whether the worker's equal the latter.
export async function threadedFit({ SoftmaxRegression, configure, threads, fitInWorker }) {
  const [N, D] = [2000, 300];
  let s = 7;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const X = Float32Array.from({ length: N * D }, () => 2 * next() - 1);
  const y = Int32Array.from({ length: N }, (_, i) => (X[i * D] > 0 ? 1 : 0) + 2 * (X[i * D + 1] > 0 ? 1 : 0) + 4 * Math.floor(next() * 2));
  const fit = (limit) => {
    configure({ threads: limit });
    const model = new SoftmaxRegression({ maxIter: 5, tol: 0 }).fit(X, y, { features: D });
    const coef = model.coef.flat();
    model.dispose();
    return coef;
  };
  const warn = console.warn;
  console.warn = () => {};
  try {
    const one = fit(1);
    const all = fit(0);
    const remote = await fitInWorker(X, y, { maxIter: 5, tol: 0 }, { features: D });
    const workerSame = remote.coef.flat().every((v, i) => Object.is(v, all[i]));
    remote.dispose();
    const scale = Math.max(...one.map(Math.abs));
    return { threads: threads(), difference: Math.max(...one.map((v, i) => Math.abs(v - all[i]))) / scale, workerSame };
  } finally {
    configure({ threads: 0 });
    console.warn = warn;
  }
}
