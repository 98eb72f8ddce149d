// The same small job in every runtime, so their answers can be compared with Node 20's: fit on
// the iris training rows, round-trip the model through JSON, predict the test rows; and hash a few
// multilingual texts (pure JS: every runtime must give Node's matrix and tokens exactly).

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
    text: text(wasmax),
  };
  model.dispose();
  restored.dispose();
  return result;
}

const TEXTS = [
  "The quick brown fox.",
  "L'été à Paris — crème brûlée",
  "ΟΔΟΣ Привет, мир!",
  "我爱北京天安门。",
  "emoji 😀👍🏽 mixed😀text",
  "",
];

function text(wasmax) {
  const X = new wasmax.HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2], charNgramRange: [1, 4] }).transform(TEXTS);
  return {
    indices: Array.from(X.indices),
    data: Array.from(X.data),
    indptr: Array.from(X.indptr),
    tokens: TEXTS.map((t) => wasmax.tokenize(t)),
  };
}
