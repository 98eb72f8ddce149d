// The smallest app: one model (init, fit, predict), served on a page that is not cross-origin
// isolated, where no thread can start; the test adds up the JS and wasm the page fetched.
import { init, SoftmaxRegression, backend } from "wasmax";

const result = document.getElementById("result");
init()
  .then(() => {
    const model = new SoftmaxRegression().fit([[0], [1], [2], [3]], ["a", "a", "b", "b"]);
    result.textContent = JSON.stringify({ backend: backend(), isolated: crossOriginIsolated, predictions: model.predict([[0], [3]]) });
  })
  .catch((error) => (result.textContent = JSON.stringify({ error: String(error?.stack ?? error) })));
