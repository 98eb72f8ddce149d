// The digits panel: trains softmax regression or an MLP on the MNIST split in a Web Worker
// (fitInWorker, on worker threads where the page is cross-origin isolated) with a progress bar and a
// loss curve (with the held-out accuracy of each epoch), shows test accuracy (of both models, once
// both are trained) and the confusion matrix, saves the model as JSON or ONNX, and classifies what
// the user draws with the model trained last (or says to train one first).

import { fitInWorker, confusionMatrix, accuracy, threads } from "../dist/fasttext.browser.js";
import { confusionMatrixSVG, lossCurveSVG } from "../dist/plot.js";

const FEATURES = 784;
const EPOCHS = 10;

async function loadDigits() {
  const response = await fetch("../build/mnist.bin");
  if (!response.ok) throw new Error(`build/mnist.bin: ${response.status} (run \`npm run demo\`, which writes it)`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const view = new DataView(bytes.buffer);
  const trainRows = view.getUint32(0, true);
  const testRows = view.getUint32(4, true);
  const rows = trainRows + testRows;
  const X = Float32Array.from(bytes.subarray(8, 8 + rows * FEATURES), (v) => v / 255);
  const y = Array.from(bytes.subarray(8 + rows * FEATURES));
  return {
    train: { X: X.subarray(0, trainRows * FEATURES), y: y.slice(0, trainRows) },
    test: { X: X.subarray(trainRows * FEATURES), y: y.slice(trainRows) },
  };
}

/** Starts a download of `data` as a file called `name`. */
function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The pad's ink as an MNIST-style image: the stroke's bounding box scaled into 20×20, centred in 28×28. */
function padToImage(pad) {
  const { width, height } = pad;
  const ink = pad.getContext("2d").getImageData(0, 0, width, height).data;
  let left = width,
    right = -1,
    top = height,
    bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[(y * width + x) * 4] > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  if (right < 0) return null;
  const side = Math.max(right - left, bottom - top) + 1;
  const small = document.createElement("canvas");
  small.width = small.height = 28;
  const context = small.getContext("2d");
  const size = (20 * (right - left + 1)) / side;
  const tall = (20 * (bottom - top + 1)) / side;
  context.drawImage(pad, left, top, right - left + 1, bottom - top + 1, (28 - size) / 2, (28 - tall) / 2, size, tall);
  const pixels = context.getImageData(0, 0, 28, 28).data;
  return Float32Array.from({ length: FEATURES }, (_, i) => pixels[i * 4] / 255);
}

export function startDigits() {
  const button = document.getElementById("digits-train");
  const progress = document.getElementById("digits-progress");
  const status = document.getElementById("digits-status");
  const pad = document.getElementById("digits-pad");
  const hint = document.getElementById("digits-hint");
  const probaTable = document.getElementById("digits-proba");
  const choice = document.getElementById("digits-model");
  const lossChart = document.getElementById("digits-loss");
  const exportJSON = document.getElementById("digits-export-json");
  const exportONNX = document.getElementById("digits-export-onnx");
  const scores = {};
  const modelName = (value) => choice.querySelector(`option[value="${value}"]`).text.replace(/ \(.*/, "");
  let model;
  let trained; // the value of the model trained last ("softmax" or "mlp")

  const count = threads();
  document.getElementById("digits-threads").textContent = crossOriginIsolated
    ? `this page is cross-origin isolated, so the worker trains on ${count} thread${count === 1 ? "" : "s"}.`
    : "this page is not cross-origin isolated (no COOP/COEP headers), so the worker trains on 1 thread.";
  const showHeading = () => {
    document.getElementById("digits-heading").textContent = `Handwritten digits (MNIST): ${modelName(choice.value)}`;
  };
  choice.addEventListener("change", showHeading);
  showHeading();

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      status.textContent = "loading digits…";
      const { train, test } = await loadDigits();
      const kind = choice.value;
      const name = modelName(kind);
      status.textContent = `training the ${name} in a worker…`;
      progress.value = 0;
      const loss = [];
      const heldOut = [];
      document.getElementById("digits-loss-heading").textContent = `Loss per epoch: ${name}`;
      // A tenth of the training rows held out (earlyStopping) scores each epoch; nIterNoChange = EPOCHS
      // keeps it from stopping early, so every run trains EPOCHS epochs.
      const shared = { maxIter: EPOCHS, tol: 0, batchSize: 64, randomState: 0, earlyStopping: true, nIterNoChange: EPOCHS };
      const options =
        kind === "mlp" ? { ...shared, hiddenLayerSizes: [128] } : { ...shared, solver: "sgd", learningRate: 0.05, momentum: 0.9 };
      const started = performance.now();
      const fitted = await fitInWorker(train.X, train.y, options, {
        features: FEATURES,
        model: kind === "mlp" ? "MLPClassifier" : "SoftmaxRegression",
        onEpoch: ({ epoch, loss: value, validationAccuracy }) => {
          progress.value = epoch / EPOCHS;
          status.textContent = `epoch ${epoch} of ${EPOCHS}, loss ${value.toFixed(4)}, held-out accuracy ${validationAccuracy.toFixed(3)}`;
          loss.push(value);
          heldOut.push(validationAccuracy);
          lossChart.innerHTML = lossCurveSVG(loss, {
            accuracy: heldOut,
            title: `${train.y.length.toLocaleString("en")} images, a tenth held out`,
            width: 360,
            height: 280,
          });
        },
      });
      const seconds = (performance.now() - started) / 1000;
      model?.dispose();
      model = fitted;
      trained = kind;
      hint.hidden = true;
      exportJSON.disabled = exportONNX.disabled = false;
      const predicted = model.predict(test.X);
      const score = accuracy(test.y, predicted);
      const on = `${count} thread${count === 1 ? "" : "s"}`;
      status.textContent = `test accuracy ${score.toFixed(4)} on ${test.y.length} digits, trained in ${seconds.toFixed(1)} s on ${on}`;
      status.dataset.accuracy = String(score);
      status.dataset.model = kind;
      scores[choice.querySelector(`option[value="${kind}"]`).text] = score; // the model trained, even if the choice changed since
      document.getElementById("digits-scores").textContent = Object.entries(scores)
        .map(([label, s]) => `${label}: ${s.toFixed(4)}`)
        .join(" · ");
      document.getElementById("digits-confusion-heading").textContent = `Confusion matrix: ${name} (test set)`;
      document.getElementById("digits-proba-heading").textContent = `Probabilities (${name})`;
      document.getElementById("digits-confusion").innerHTML = confusionMatrixSVG(confusionMatrix(test.y, predicted), {
        title: `${test.y.length.toLocaleString("en")} test digits`,
        cellSize: 28,
      });
    } catch (error) {
      status.textContent = `failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });

  exportJSON.addEventListener("click", () => {
    download(`wasmax-digits-${trained}.json`, "application/json", JSON.stringify(model.toJSON()));
  });
  exportONNX.addEventListener("click", async () => {
    // wasmax/onnx carries protobuf: loaded on first use only.
    const { toONNX } = await import("../dist/onnx.js");
    download(`wasmax-digits-${trained}.onnx`, "application/octet-stream", toONNX(model));
  });

  const context = pad.getContext("2d");
  const clear = () => {
    context.fillStyle = "#000";
    context.fillRect(0, 0, pad.width, pad.height);
    probaTable.innerHTML = "";
  };
  clear();
  let drawing = false;
  const at = (event) => {
    const box = pad.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  pad.addEventListener("pointerdown", (event) => {
    // Drawing works before training, but nothing can classify it yet: the hint says so, brighter.
    hint.classList.toggle("nudge", !model);
    drawing = true;
    context.beginPath();
    context.moveTo(...at(event));
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    context.lineTo(...at(event));
    context.strokeStyle = "#fff";
    context.lineWidth = 22;
    context.lineCap = context.lineJoin = "round";
    context.stroke();
  });
  pad.addEventListener("pointerup", () => {
    drawing = false;
    const image = padToImage(pad);
    if (!model || !image) return;
    const proba = model.predictProba(image);
    const best = proba.indexOf(Math.max(...proba));
    probaTable.dataset.predicted = String(model.classes[best]);
    probaTable.innerHTML = model.classes
      .map(
        (c, j) =>
          `<tr${j === best ? ' style="font-weight:bold"' : ""}><td>${c}</td><td>${proba[j].toFixed(3)}</td><td><span ` +
          `class="bar" style="width:${Math.round(proba[j] * 120)}px"></span></td></tr>`,
      )
      .join("");
  });
  document.getElementById("digits-clear").addEventListener("click", clear);
}
