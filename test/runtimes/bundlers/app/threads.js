// The app's threaded fit: the same L-BFGS fit (8 classes) on all threads and on one, large enough to be split.
// Returns the threads in use and the largest relative difference between the two fits' weights.
export function threadedFit({ SoftmaxRegression, configure, threads }) {
  const [N, D] = [2000, 300];
  let s = 7;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647);
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
    const scale = Math.max(...one.map(Math.abs));
    return { threads: threads(), difference: Math.max(...one.map((v, i) => Math.abs(v - all[i]))) / scale };
  } finally {
    configure({ threads: 0 });
    console.warn = warn;
  }
}
