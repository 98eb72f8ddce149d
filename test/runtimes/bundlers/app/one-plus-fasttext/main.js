// The one-model app (one/main.js) with FastTextClassifier added, both from "wasmax/fasttext" (an app that
// uses fastText imports everything from there): what this app fetches beyond the one-model app is what
// the classifier adds to an app that uses it.
import { init, SoftmaxRegression, FastTextClassifier, backend } from "wasmax/fasttext";

const result = document.getElementById("result");
init()
  .then(() => {
    const model = new SoftmaxRegression().fit([[0], [1], [2], [3]], ["a", "a", "b", "b"]);
    const texts = ["red apple", "green apple", "blue sky", "grey sky"];
    const text = new FastTextClassifier({ dim: 8, epoch: 20, thread: 1, minn: 0, maxn: 0 }).fit(texts, ["fruit", "fruit", "sky", "sky"]);
    const predictions = [...model.predict([[0], [3]]), ...text.predict(["apple", "sky"]).labels.map((top) => top[0])];
    result.textContent = JSON.stringify({ backend: backend(), isolated: crossOriginIsolated, predictions });
  })
  .catch((error) => (result.textContent = JSON.stringify({ error: String(error?.stack ?? error) })));
