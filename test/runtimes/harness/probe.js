// The same small job in every runtime, so their answers can be compared with Node 20's: fit on
// the iris training rows, round-trip the model through JSON, predict the test rows.

export async function probe(wasmax, iris, source) {
  const backend = await wasmax.init(source);
  const rows = (indices) => indices.map((i) => iris.X[i]);
  const labels = (indices) => indices.map((i) => iris.y[i]);
  const model = new wasmax.SoftmaxRegression({ C: 1, maxIter: 500 }).fit(rows(iris.train), labels(iris.train));
  const restored = wasmax.SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(model)));
  const test = rows(iris.test);
  const result = {
    backend,
    predictions: restored.predict(test),
    proba: Array.from(restored.predictProba(test)),
    accuracy: restored.score(test, labels(iris.test)),
    softmax: Array.from(wasmax.softmax([[0, Math.LN2, -Infinity]])),
  };
  model.dispose();
  restored.dispose();
  return result;
}
