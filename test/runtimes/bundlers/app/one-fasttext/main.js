// An app that uses fastText alone (init, fit, predict) from "wasmax/fasttext", on a page that is not
// cross-origin isolated; the test adds up the JS and wasm the page fetched.
import { init, FastTextClassifier, backend } from "wasmax/fasttext";

const result = document.getElementById("result");
init()
  .then(() => {
    const texts = ["red apple", "green apple", "blue sky", "grey sky"];
    const model = new FastTextClassifier({ dim: 8, epoch: 20, thread: 1, minn: 0, maxn: 0 }).fit(texts, ["fruit", "fruit", "sky", "sky"]);
    const predictions = model.predict(["apple", "sky"]).labels.map((top) => top[0]);
    result.textContent = JSON.stringify({ backend: backend(), isolated: crossOriginIsolated, predictions });
  })
  .catch((error) => (result.textContent = JSON.stringify({ error: String(error?.stack ?? error) })));
