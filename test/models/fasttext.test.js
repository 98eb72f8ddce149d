// FastTextClassifier: training reaches native fastText's test P@1 (within 0.3 points) on the
// 11-language sentence set with the default arguments and each loss (native numbers:
// scripts/fasttext-native-training.py), on one thread and on the run's threads; and the model
// contract (NotFittedError, DisposedError, memory back to its baseline, a bit-identical JSON round
// trip through fromJSON and loadModel, failed calls leaving the model as it was).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { wasmax, checkMemory, THREADS } from "../setup.js";
import { rejects } from "../assertions.js";
import { benchText } from "./fasttext_data.js";

const { FastTextClassifier, loadModel, NotFittedError, DisposedError } = wasmax;
const FastText = suite("FastTextClassifier");
checkMemory(FastText);

const NATIVE = JSON.parse(readFileSync(new URL("../fixtures/fasttext/native_training.json", import.meta.url), "utf8")).results;
const train = benchText("langid.train");
const test = benchText("langid.test");

for (const loss of ["softmax", "hs", "ns", "ova"]) {
  FastText(`langid, loss ${loss}, default arguments, one thread: test P@1 within 0.3 points of native fastText's`, () => {
    const model = new FastTextClassifier({ loss, thread: 1 }).fit(train.texts, train.labels);
    try {
      const result = model.test(test.texts, test.labels, 1);
      assert.is(result.n, NATIVE[loss].n);
      const gap = Math.abs(result.precision - NATIVE[loss].precision);
      assert.ok(gap <= 0.003, `P@1 ${result.precision}, native ${NATIVE[loss].precision}`);
      assert.is(model.lossCurve.length, 5);
      assert.ok(model.lossCurve[4] < model.lossCurve[0], "the loss fell");
    } finally {
      model.dispose();
    }
  });
}

// softmax and ova: with threads, each thread trains its own copy of the output rows (objectives/fasttext_training.ts).
for (const loss of ["softmax", "ova"]) {
  FastText(`langid, ${loss}, thread: ${THREADS} (Hogwild on the run's threads): test P@1 within 0.3 points of native's`, () => {
    const model = new FastTextClassifier({ loss, thread: THREADS }).fit(train.texts, train.labels);
    try {
      const result = model.test(test.texts, test.labels, 1);
      assert.ok(Math.abs(result.precision - NATIVE[loss].precision) <= 0.003, `P@1 ${result.precision}`);
    } finally {
      model.dispose();
    }
  });
}

const small = { texts: train.texts.slice(0, 600), labels: train.labels.slice(0, 600).map((set) => set[0]) };
const OPTIONS = { dim: 8, epoch: 2, thread: 1, wordNgrams: 2, minn: 2, maxn: 3, bucket: 5000 };

FastText(`onProgress: about every 1% of the fit (thread: ${THREADS}), lr falling with progress; a throw stops the fit`, () => {
  const seen = [];
  const model = new FastTextClassifier({ thread: THREADS, onProgress: (info) => seen.push(info) }).fit(train.texts, train.labels);
  try {
    // A call after each step of 1% of the tokens from where the counter stands; workers move it too, so
    // with threads the count depends on how the work was shared (43 of 100 at load 6 on 2 cores).
    assert.ok(seen.length >= (THREADS === 1 ? 90 : 10) && seen.length <= 110, `${seen.length} calls`);
    assert.ok(
      seen.every((p, i) => i === 0 || (p.progress >= seen[i - 1].progress && p.lr <= seen[i - 1].lr)),
      "progress rises, lr falls",
    );
    assert.is(seen.at(-1).progress, 1);
    assert.ok(seen.every((p) => p.threads >= 1 && p.loss > 0 && Number.isFinite(p.seconds) && p.tokens > 0));
    const before = model.toJSON();
    let calls = 0;
    const stop = () => {
      if (++calls === 10) throw new Error("enough");
    };
    const failing = new FastTextClassifier({ thread: THREADS, onProgress: stop });
    rejects(() => failing.fit(train.texts, train.labels), Error, /enough/);
    assert.is(failing.isFitted, false);
    assert.is(calls, 10, "no call after the throw");
    assert.equal(model.toJSON(), before);
  } finally {
    model.dispose();
  }
});

FastText("a corpus of fewer tokens than lrUpdateRate: every epoch of the loss curve and of onEpoch is a loss, none 0", () => {
  const texts = ["I love this film", "what a great movie", "terrible acting", "I hated it", "wonderful story", "boring and slow"];
  const labels = ["pos", "pos", "neg", "neg", "pos", "neg"];
  const told = [];
  const model = new FastTextClassifier({ epoch: 40, lr: 0.5, dim: 8, thread: 1, onEpoch: ({ loss }) => void told.push(loss) });
  try {
    model.fit(texts, labels);
    // 24 tokens an epoch: the counter moves every 5 epochs, and the 4 it passes have no example of their own.
    const curve = model.lossCurve;
    assert.is(curve.length, 40);
    assert.ok(
      curve.every((loss) => Number.isFinite(loss) && loss > 0),
      `a loss for each epoch: ${curve}`,
    );
    assert.equal(told, curve, "onEpoch is told the same losses");
    assert.ok(curve[39] < curve[0], "the loss fell");
  } finally {
    model.dispose();
  }
});

FastText("a negative seed trains (seed -2 made fastText's generator state 0, and drawing a label looped forever)", () => {
  for (const loss of ["softmax", "ns", "hs"]) {
    const model = new FastTextClassifier({ seed: -2, neg: 1, loss, dim: 5, thread: 1 });
    try {
      model.fit(["日本 日本", "dd-ee \t", "__label__z"], ["q", ["q"], ["r", "p"]]);
      assert.ok(model.lossCurve.every(Number.isFinite), loss);
    } finally {
      model.dispose();
    }
  }
});

FastText("thread: 1 is deterministic: two fits give the same bits", () => {
  const a = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  const b = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  try {
    assert.equal(a.toJSON(), b.toJSON());
  } finally {
    a.dispose();
    b.dispose();
  }
});

FastText("before fit: NotFittedError; after dispose: DisposedError; dispose twice is harmless", () => {
  const model = new FastTextClassifier(OPTIONS);
  rejects(() => model.predict(["a"]), NotFittedError, /not fitted/);
  rejects(() => model.test(["a"], ["x"]), NotFittedError);
  rejects(() => model.toJSON(), NotFittedError);
  rejects(() => model.classes, NotFittedError);
  assert.is(model.isFitted, false);
  model.fit(small.texts, small.labels);
  assert.is(model.isFitted, true);
  model.dispose();
  model.dispose();
  rejects(() => model.predict(["a"]), DisposedError, /disposed/);
  rejects(() => model.fit(small.texts, small.labels), DisposedError);
});

FastText("JSON round trip: the same JSON and the same predictions, through fromJSON and loadModel", () => {
  const model = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  const json = model.toJSON();
  const copy = FastTextClassifier.fromJSON(JSON.stringify(json));
  const loaded = loadModel(json);
  try {
    assert.ok(loaded instanceof FastTextClassifier);
    assert.equal(copy.toJSON(), json);
    assert.equal(loaded.toJSON(), json);
    const texts = test.texts.slice(0, 200);
    const want = model.predict(texts, { k: 3 });
    assert.equal(copy.predict(texts, { k: 3 }), want);
    assert.equal(loaded.predict(texts, { k: 3 }), want);
  } finally {
    for (const m of [model, copy, loaded]) m.dispose();
  }
});

FastText("fromJSON refuses a damaged form with a typed error naming the field", () => {
  const model = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  const json = model.toJSON();
  model.dispose();
  rejects(() => FastTextClassifier.fromJSON({ ...json, version: 2 }), RangeError, /version/);
  rejects(() => FastTextClassifier.fromJSON({ ...json, input: { ...json.input, rows: 3 } }), RangeError, /input/);
  rejects(() => FastTextClassifier.fromJSON({ ...json, output: { ...json.output, data: "AAAA" } }), RangeError, /output\.data/);
  rejects(() => FastTextClassifier.fromJSON({ ...json, args: { ...json.args, dim: 0 } }), RangeError, /dim/);
  rejects(() => FastTextClassifier.fromJSON({ ...json, dictionary: { ...json.dictionary, words: [] } }), RangeError, /words/);
  rejects(() => FastTextClassifier.fromJSON("{"), TypeError, /JSON/);
});

FastText("a failed fit leaves the model as it was: bad labels, a throwing onEpoch, dispose inside onEpoch", () => {
  let fail = false;
  const model = new FastTextClassifier({
    ...OPTIONS,
    onEpoch: () =>
      fail
        ? (() => {
            throw new Error("stop here");
          })()
        : undefined,
  });
  model.fit(small.texts, small.labels);
  const before = model.toJSON();
  rejects(() => model.fit(small.texts, small.labels.slice(1)), RangeError, /labels/);
  rejects(
    () =>
      model.fit(
        small.texts,
        small.labels.map((l, i) => (i === 5 ? 7 : l)),
      ),
    TypeError,
    /labels\[5\]/,
  );
  rejects(() => model.fit(["a\nb"], ["x"]), RangeError);
  rejects(() => model.fit(["a b", 3], ["x", "y"]), TypeError, /text 1 is 3/);
  fail = true;
  rejects(() => model.fit(small.texts, small.labels), Error, /stop here/);
  assert.equal(model.toJSON(), before);
  model.dispose();
  const disposing = new FastTextClassifier({ ...OPTIONS, onEpoch: () => disposing.dispose() });
  rejects(() => disposing.fit(small.texts, small.labels), DisposedError);
});

FastText("predict: a text holding a newline is a RangeError naming its index in the whole list, past the first batch too", () => {
  const model = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  try {
    const texts = Array.from({ length: 5000 }, (_, i) => (i === 4500 ? "two\nlines" : `text ${i}`));
    rejects(() => model.predict(texts), RangeError, /text 4500 holds a newline/);
    rejects(() => model.predict(["a", "b\nc"]), RangeError, /text 1 holds a newline/);
  } finally {
    model.dispose();
  }
});

FastText("an lr that overflows the weights is a TrainingDivergedError, and the model keeps what it had", () => {
  for (const loss of ["softmax", "ova"]) {
    const model = new FastTextClassifier({ ...OPTIONS, loss, lr: 1e30 });
    rejects(() => model.fit(small.texts, small.labels), wasmax.TrainingDivergedError, /lr 1e\+30 is too large/);
    rejects(() => model.predict(small.texts), NotFittedError);
    model.dispose();
  }
});

FastText("options: unknown names are TypeErrors at construction, bad values RangeErrors at fit", () => {
  rejects(() => new FastTextClassifier({ dims: 3 }), TypeError, /dims/);
  rejects(() => new FastTextClassifier({ dim: 0 }).fit(small.texts, small.labels), RangeError, /dim/);
  rejects(() => new FastTextClassifier({ loss: "hinge" }).fit(small.texts, small.labels), RangeError, /loss/);
  rejects(() => new FastTextClassifier({ onEpoch: 3 }).fit(small.texts, small.labels), TypeError, /onEpoch/);
});

FastText("predict: k and threshold as predict-prob, empty batches, texts without known words", () => {
  const model = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  try {
    const K = model.classes.length;
    const all = model.predict(test.texts.slice(0, 50), { k: 100 });
    for (const p of all.probabilities) {
      assert.is(p.length, K);
      assert.ok(
        p.every((v, j) => j === 0 || v <= p[j - 1]),
        "best first",
      );
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1 - K * 1e-5) < 1e-4, "softmax: sums to 1 (plus 1e-5 each, as native)");
    }
    const some = model.predict(test.texts.slice(0, 50), { k: 3, threshold: 0.2 });
    some.probabilities.forEach((p, i) => {
      assert.ok(p.length <= 3 && p.every((v) => v >= 0.2));
      assert.equal(some.labels[i], all.labels[i].slice(0, p.length));
    });
    assert.equal(model.predict([]), { labels: [], probabilities: [] });
    // "</s>" is in every dictionary: a text of unknown words still predicts, from the end of line.
    assert.is(model.predict(["qqqqzzzz"]).labels[0].length, 1);
    rejects(() => model.predict(test.texts, { k: 0 }), RangeError, /k/);
    rejects(() => model.predict(test.texts, { threshold: 2 }), RangeError, /threshold/);
    rejects(() => model.predict("text"), TypeError, /texts/);
  } finally {
    model.dispose();
  }
});

FastText("test and score: fastText's N, P@k and R@k, label sets included", () => {
  const model = new FastTextClassifier(OPTIONS).fit(small.texts, small.labels);
  try {
    const texts = test.texts.slice(0, 300);
    const labels = test.labels.slice(0, 300);
    const one = model.test(texts, labels, 1);
    const predicted = model.predict(texts).labels.map((l) => l[0]);
    const right = predicted.filter((p, i) => labels[i].includes(p)).length;
    assert.equal(one, { n: 300, precision: right / 300, recall: right / 300 });
    assert.is(model.score(texts, labels), one.precision);
    const two = model.test(texts, labels, 2);
    assert.is(two.n, 300);
    assert.ok(two.recall >= one.recall && two.precision <= 0.5 + 1e-12);
    assert.is(model.test(["x"], [["unknown-label"]]).n, 0, "a text whose labels are all unknown is not counted");
  } finally {
    model.dispose();
  }
});

FastText.run();
