// The admissions panel: a seeded synthetic class of students, a model trained epoch by epoch with
// partialFit, and the decision regions (wasmax/plot) redrawn after each epoch, with the loss curve.

import { SoftmaxRegression, StandardScaler } from "../dist/fasttext.browser.js";
import { decisionRegionsSVG, lossCurveSVG } from "../dist/plot.js";

const CLASSES = ["admitted", "waitlisted", "rejected"];
const EPOCHS = 60;

/** Seeded uniform numbers (mulberry32), so every visitor sees the same class of students. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 150 students with GPA in [2, 4] and exam in [40, 100]: a weighted score of both decides, with some noise. */
function makeStudents() {
  const next = random(7);
  const X = [];
  const y = [];
  for (let i = 0; i < 150; i++) {
    const gpa = 2 + next() * 2;
    const exam = 40 + next() * 60;
    const score = 20 * gpa + exam + (next() - 0.5) * 16;
    X.push([gpa, exam]);
    y.push(score > 148 ? "admitted" : score > 124 ? "waitlisted" : "rejected");
  }
  return { X, y };
}

/** The point [gpa, exam] under a click on the plot's frame, or null outside it. */
function pointAt(plot, event) {
  const frame = plot.querySelector("rect.frame");
  if (!frame) return null;
  const box = frame.getBoundingClientRect();
  const fx = (event.clientX - box.left) / box.width;
  const fy = (event.clientY - box.top) / box.height;
  if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
  const [xlo, xhi] = frame.dataset.xDomain.split(" ").map(Number);
  const [ylo, yhi] = frame.dataset.yDomain.split(" ").map(Number);
  return [xlo + fx * (xhi - xlo), ylo + (1 - fy) * (yhi - ylo)];
}

export function startStudents() {
  const plot = document.getElementById("students-plot");
  const lossChart = document.getElementById("students-loss");
  const status = document.getElementById("students-status");
  const probaTable = document.getElementById("students-proba");
  const { X, y } = makeStudents();
  let scaler;
  let model;
  let run = 0;

  /** Trains from scratch, one epoch per animation frame, redrawing the regions and the loss curve each time. */
  function train() {
    const mine = ++run;
    model?.dispose();
    scaler = new StandardScaler().fit(X);
    const Xs = scaler.transform(X);
    model = new SoftmaxRegression({ solver: "sgd", learningRate: 0.1, momentum: 0.9, batchSize: 16, randomState: 0 });
    const accuracy = [];
    const step = () => {
      if (mine !== run) return;
      model.partialFit(Xs, y, { classes: CLASSES, features: 2 });
      accuracy.push(model.score(Xs, y));
      const epoch = accuracy.length;
      const predict = (grid) => model.predict(scaler.transform(grid));
      plot.innerHTML = decisionRegionsSVG(predict, X, y, {
        featureNames: ["GPA", "exam score"],
        classes: CLASSES,
        title: `Softmax regression, epoch ${epoch}`,
        resolution: 80,
      });
      lossChart.innerHTML = lossCurveSVG(model.lossCurve, {
        accuracy,
        accuracyLabel: "training accuracy",
        title: "Loss per epoch",
        width: 340,
        height: 250,
      });
      status.textContent =
        epoch < EPOCHS
          ? `training: epoch ${epoch} of ${EPOCHS}`
          : `trained: ${EPOCHS} epochs, training accuracy ${accuracy[epoch - 1].toFixed(3)}`;
      status.dataset.done = String(epoch >= EPOCHS);
      if (epoch < EPOCHS) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  plot.addEventListener("click", (event) => {
    const point = pointAt(plot, event);
    if (!point || !model) return;
    const proba = model.predictProba(scaler.transform([point]));
    probaTable.innerHTML =
      `<tr><th>GPA ${point[0].toFixed(2)}, exam ${point[1].toFixed(0)}</th><th></th></tr>` +
      model.classes.map((c, j) => `<tr data-class="${c}"><td>${c}</td><td>${proba[j].toFixed(3)}</td></tr>`).join("");
    X.push(point);
    y.push(document.getElementById("students-label").value);
    train();
  });
  document.getElementById("students-retrain").addEventListener("click", train);
  train();
}
