// The inputs of the snapshot charts (test/fixtures/plot/*.svg), shared by the Node tests and the
// Chromium test. Deterministic: no model training, no randomness without a seed, so the expected
// SVGs are the same on every build and machine.

/** Seeded uniform numbers in [0, 1) (Park–Miller), so the data sets are fixed. */
function seeded(seed) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** The admissions rule the demo's students follow: a weighted score of GPA and exam decides. */
export const admissionsRule = ([gpa, exam]) => {
  const score = 20 * gpa + exam;
  return score > 148 ? "admitted" : score > 124 ? "waitlisted" : "rejected";
};

function students() {
  const next = seeded(7);
  const X = [];
  const y = [];
  for (let i = 0; i < 90; i++) {
    const row = [2 + 2 * next(), 40 + 60 * next()];
    X.push(row);
    // A little noise, so some points sit in another class's region.
    y.push(admissionsRule([row[0], row[1] + (next() - 0.5) * 16]));
  }
  return { X, y };
}

/** Four numbered classes in the four quadrants around (0, 0), as a flat Float32Array of pairs. */
function quadrants() {
  const next = seeded(11);
  const X = new Float32Array(2 * 60);
  const y = [];
  for (let i = 0; i < 60; i++) {
    X[2 * i] = (next() - 0.5) * 8;
    X[2 * i + 1] = (next() - 0.5) * 6;
    y.push(quadrant(X[2 * i], X[2 * i + 1]));
  }
  return { X, y };
}
const quadrant = (a, b) => (a >= 0 ? (b >= 0 ? 1 : 4) : b >= 0 ? 2 : 3);

/** A digits-like confusion matrix: mostly right, some classic confusions (4/9, 3/5, 7/1). */
function digitsConfusion() {
  const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const matrix = labels.map((t) => labels.map((p) => (t === p ? 180 + ((t * 37) % 23) : (t * 7 + p * 3) % 5 === 0 ? (t + p) % 4 : 0)));
  for (const [t, p, n] of [
    [4, 9, 14],
    [9, 4, 11],
    [3, 5, 9],
    [5, 3, 12],
    [7, 1, 8],
  ])
    matrix[t][p] = n;
  return { labels, matrix };
}

/** name → [function, ...arguments] for each snapshot. */
export function snapshotCharts(plot) {
  const loss = Array.from({ length: 30 }, (_, i) => 2.3 * Math.exp(-i / 6) + 0.2);
  const accuracy = Array.from({ length: 30 }, (_, i) => 0.6 + 0.35 * (1 - Math.exp(-i / 5)));
  const iterations = Array.from({ length: 200 }, (_, i) => 0.05 + 0.9 / (1 + i / 10));
  const { X, y } = students();
  const four = quadrants();
  return {
    "loss-accuracy": () => plot.lossCurveSVG(loss, { accuracy }),
    "loss-iterations": () => plot.lossCurveSVG(iterations, { xLabel: "L-BFGS iteration", title: "Training loss (200 iterations)" }),
    "confusion-escaped": () =>
      plot.confusionMatrixSVG({
        labels: ["cat", "dog <&>", `a "quoted" 'class' name, longer than the cells allow`],
        matrix: [
          [50, 2, 0],
          [3, 40, 7],
          [0, 5, 45],
        ],
      }),
    "confusion-digits": () => plot.confusionMatrixSVG(digitsConfusion(), { title: "MNIST test set" }),
    "regions-admissions": () =>
      plot.decisionRegionsSVG((points) => points.map(admissionsRule), X, y, { featureNames: ["GPA", "exam"], title: "Admissions" }),
    "regions-quadrants": () =>
      plot.decisionRegionsSVG({ predict: (points) => points.map(([a, b]) => quadrant(a, b)) }, four.X, four.y, { resolution: 40 }),
  };
}
