// The admissions panel: a seeded synthetic class of students, a model trained epoch by epoch with
// partialFit, and the decision regions redrawn after each epoch.

import { SoftmaxRegression, StandardScaler } from "../dist/browser.js";

const CLASSES = ["admitted", "waitlisted", "rejected"];
const COLORS = { admitted: [46, 160, 67], waitlisted: [230, 160, 30], rejected: [200, 60, 60] };
const GPA = [2, 4];
const EXAM = [40, 100];
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

/** 150 students: a weighted score of GPA and exam decides, with some noise. */
function makeStudents() {
  const next = random(7);
  const X = [];
  const y = [];
  for (let i = 0; i < 150; i++) {
    const gpa = GPA[0] + next() * (GPA[1] - GPA[0]);
    const exam = EXAM[0] + next() * (EXAM[1] - EXAM[0]);
    const score = 20 * gpa + exam + (next() - 0.5) * 16;
    X.push([gpa, exam]);
    y.push(score > 148 ? "admitted" : score > 124 ? "waitlisted" : "rejected");
  }
  return { X, y };
}

export function startStudents() {
  const canvas = document.getElementById("students-plot");
  const context = canvas.getContext("2d");
  const status = document.getElementById("students-status");
  const probaTable = document.getElementById("students-proba");
  const { X, y } = makeStudents();
  const toPlot = ([gpa, exam]) => [
    ((gpa - GPA[0]) / (GPA[1] - GPA[0])) * canvas.width,
    (1 - (exam - EXAM[0]) / (EXAM[1] - EXAM[0])) * canvas.height,
  ];
  const fromPlot = (px, py) => [GPA[0] + (px / canvas.width) * (GPA[1] - GPA[0]), EXAM[0] + (1 - py / canvas.height) * (EXAM[1] - EXAM[0])];

  // The grid of cell centres whose predictions paint the regions.
  const CELL = 6;
  const cols = Math.ceil(canvas.width / CELL);
  const rows = Math.ceil(canvas.height / CELL);
  const grid = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) grid.push(fromPlot((c + 0.5) * CELL, (r + 0.5) * CELL));

  let scaler;
  let model;
  let run = 0;

  function draw() {
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (model) {
      const proba = model.predictProba(scaler.transform(grid));
      const k = model.classes.length;
      for (let i = 0; i < grid.length; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (proba[i * k + j] > proba[i * k + best]) best = j;
        const [r, g, b] = COLORS[model.classes[best]];
        context.fillStyle = `rgba(${r},${g},${b},${0.15 + 0.35 * proba[i * k + best]})`;
        context.fillRect((i % cols) * CELL, Math.floor(i / cols) * CELL, CELL, CELL);
      }
    }
    X.forEach((x, i) => {
      const [px, py] = toPlot(x);
      const [r, g, b] = COLORS[y[i]];
      context.fillStyle = `rgb(${r},${g},${b})`;
      context.strokeStyle = "#fff";
      context.beginPath();
      context.arc(px, py, 4, 0, 2 * Math.PI);
      context.fill();
      context.stroke();
    });
    context.fillStyle = "#333";
    context.fillText("GPA →", canvas.width - 44, canvas.height - 6);
    context.fillText("↑ exam", 4, 12);
  }

  /** Trains from scratch, one epoch per animation frame. */
  function train() {
    const mine = ++run;
    model?.dispose();
    scaler = new StandardScaler().fit(X);
    const Xs = scaler.transform(X);
    model = new SoftmaxRegression({ solver: "sgd", learningRate: 0.1, momentum: 0.9, batchSize: 16, randomState: 0 });
    let epoch = 0;
    const step = () => {
      if (mine !== run) return;
      model.partialFit(Xs, y, { classes: CLASSES, features: 2 });
      epoch += 1;
      draw();
      const accuracy = model.score(Xs, y);
      status.textContent =
        epoch < EPOCHS ? `training: epoch ${epoch} of ${EPOCHS}` : `trained: ${EPOCHS} epochs, training accuracy ${accuracy.toFixed(3)}`;
      status.dataset.done = String(epoch >= EPOCHS);
      if (epoch < EPOCHS) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    const point = fromPlot(event.clientX - box.left, event.clientY - box.top);
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
