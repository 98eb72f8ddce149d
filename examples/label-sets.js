// Label sets (docs/label-sets.md): articles that carry any number of topics. A seeded synthetic
// data set (600 articles, 12 features, 5 topics, each topic on where a linear score of the features
// is high) trains a MultiLabelLogisticRegression; the held-out report leads with the Hamming loss and
// F1, and the "predict no topic" baseline shows why accuracy alone misleads here.
//
//   node examples/label-sets.js

import { init, MultiLabelLogisticRegression, hammingLoss, subsetAccuracy, f1Score, multiLabelReport } from "wasmax";

const TOPICS = ["culture", "news", "politics", "sport", "tech"];
const FEATURES = 12;

/** mulberry32: a small seeded generator, so every run sees the same articles. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = generator(7);
const normal = () => next() + next() + next() + next() - 2; // mean 0, variance 1/3
const weights = TOPICS.map(() => Array.from({ length: FEATURES }, () => normal()));
const articles = Array.from({ length: 600 }, () => Array.from({ length: FEATURES }, normal));
const topicsOf = (x) => TOPICS.filter((_, t) => weights[t].reduce((s, w, j) => s + w * x[j], 0) + 0.3 * normal() > 0.3);
const sets = articles.map(topicsOf);

await init();
const [XTrain, XTest] = [articles.slice(0, 480), articles.slice(480)];
const [yTrain, yTest] = [sets.slice(0, 480), sets.slice(480)];
const model = new MultiLabelLogisticRegression({ C: 1 }).fit(XTrain, yTrain);
const predicted = model.predict(XTest);

console.log(`${articles.length} articles, ${FEATURES} features, topics ${TOPICS.join(", ")}`);
console.log(
  `topics per article: ${(sets.flat().length / sets.length).toFixed(2)} on average, ${sets.filter((s) => s.length === 0).length} with none`,
);
console.log(`first test article: truth [${yTest[0].join(", ")}], predicted [${predicted[0].join(", ")}]\n`);
console.log(multiLabelReport(yTest, predicted).text);

const none = yTest.map(() => []);
console.log("\nheld-out scores        model   predict no topic");
const row = (name, f) => console.log(`  ${name.padEnd(20)}${f(predicted).toFixed(4).padStart(7)}   ${f(none).toFixed(4).padStart(7)}`);
row("Hamming loss", (p) => hammingLoss(yTest, p));
row("F1 (samples)", (p) => f1Score(yTest, p, { average: "samples" }));
row("subset accuracy", (p) => subsetAccuracy(yTest, p));
model.dispose();
