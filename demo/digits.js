// The digits panel: trains softmax regression or an MLP on the MNIST split in a Web Worker
// (fitInWorker) with a progress bar, shows test accuracy (of both models, once both are trained)
// and the confusion matrix, and classifies what the user draws with the model trained last.

import { fitInWorker, confusionMatrix, accuracy } from "../dist/browser.js";

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

function showConfusion(table, { labels, matrix }) {
  const max = Math.max(...matrix.flat());
  table.innerHTML =
    `<tr><th>true \\ predicted</th>${labels.map((l) => `<th>${l}</th>`).join("")}</tr>` +
    matrix
      .map(
        (row, i) =>
          `<tr><th>${labels[i]}</th>${row
            .map((n) => {
              const shade = Math.round(255 - 200 * Math.sqrt(n / max));
              return `<td style="background: rgb(${shade},${shade},255); color: ${shade < 140 ? "#fff" : "#000"}">${n}</td>`;
            })
            .join("")}</tr>`,
      )
      .join("");
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
  const probaTable = document.getElementById("digits-proba");
  const choice = document.getElementById("digits-model");
  const scores = {};
  let model;

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      status.textContent = "loading digits…";
      const { train, test } = await loadDigits();
      status.textContent = "training in a worker…";
      progress.value = 0;
      model?.dispose();
      const mlp = choice.value === "mlp";
      const options = mlp
        ? { hiddenLayerSizes: [128], maxIter: EPOCHS, tol: 0, batchSize: 64, randomState: 0 }
        : { solver: "sgd", maxIter: EPOCHS, tol: 0, batchSize: 64, learningRate: 0.05, momentum: 0.9, randomState: 0 };
      model = await fitInWorker(train.X, train.y, options, {
        features: FEATURES,
        model: mlp ? "MLPClassifier" : "SoftmaxRegression",
        onEpoch: ({ epoch, loss }) => {
          progress.value = epoch / EPOCHS;
          status.textContent = `epoch ${epoch} of ${EPOCHS}, loss ${loss.toFixed(4)}`;
        },
      });
      const predicted = model.predict(test.X);
      const score = accuracy(test.y, predicted);
      status.textContent = `test accuracy ${score.toFixed(4)} on ${test.y.length} digits`;
      status.dataset.accuracy = String(score);
      status.dataset.model = choice.value;
      scores[choice.options[choice.selectedIndex].text] = score;
      document.getElementById("digits-scores").textContent = Object.entries(scores)
        .map(([name, s]) => `${name}: ${s.toFixed(4)}`)
        .join(" · ");
      showConfusion(document.getElementById("digits-confusion"), confusionMatrix(test.y, predicted));
    } catch (error) {
      status.textContent = `failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
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
