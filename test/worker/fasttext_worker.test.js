// fitInWorker with a FastTextClassifier, from the shipped Node entry, in a real worker_threads Worker:
// the model trained there predicts as one trained here (thread: 1 is deterministic), and epochs are
// reported to this thread.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { init, fitInWorker, FastTextClassifier } from "../../dist/fasttext.js";
import { benchText } from "../models/fasttext_data.js";

const Worker = suite("fitInWorker: FastTextClassifier");

await init();

const train = benchText("langid.train");
const texts = train.texts.slice(0, 800);
const labels = train.labels.slice(0, 800);

Worker("trains the same model as fit() here, reporting each epoch", async () => {
  const options = { dim: 10, epoch: 3, thread: 1, wordNgrams: 2, bucket: 10000 };
  const epochs = [];
  const remote = await fitInWorker(texts, labels, options, { model: "FastTextClassifier", onEpoch: (info) => epochs.push(info.epoch) });
  const local = new FastTextClassifier(options).fit(texts, labels);
  try {
    assert.ok(remote instanceof FastTextClassifier);
    assert.equal(remote.toJSON(), local.toJSON(), "bit-identical model");
    assert.equal(epochs, [1, 2, 3]);
    const json = await fitInWorker(texts, labels, options, { model: "FastTextClassifier", output: "json" });
    assert.equal(json, local.toJSON());
  } finally {
    remote.dispose();
    local.dispose();
  }
});

Worker("onProgress cannot cross to a worker: a TypeError before any worker starts", async () => {
  try {
    await fitInWorker(texts, labels, { onProgress: () => {} }, { model: "FastTextClassifier" });
    assert.unreachable("should have rejected");
  } catch (error) {
    assert.instance(error, TypeError);
    assert.match(error.message, /onProgress/);
  }
});

Worker("an option the model refuses rejects with the same error kind", async () => {
  try {
    await fitInWorker(texts, labels, { dim: -1 }, { model: "FastTextClassifier" });
    assert.unreachable("should have rejected");
  } catch (error) {
    assert.instance(error, RangeError);
    assert.match(error.message, /dim/);
  }
});

Worker.run();
