#!/usr/bin/env python3
"""Native fastText 0.9.2's test numbers after training on the 11-language sentence set (bench/data/text
langid: 42,791 training and 4,755 test lines) with `fasttext supervised`'s default arguments and each
loss, on one thread: what test/models/fasttext_training.test.js holds FastTextClassifier's P@1 to
(within 0.3 points). Writes test/fixtures/fasttext/native_training.json.

Run with Debian's fastText:  apt-get install -y python3-fasttext && /usr/bin/python3 scripts/fasttext-native-training.py
"""
import gzip
import json
import os
import tempfile

import fasttext

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "bench", "data", "text")
OUT = os.path.join(ROOT, "test", "fixtures", "fasttext", "native_training.json")
fasttext.FastText.eprint = lambda *args, **kwargs: None


def unpacked(name, into):
    path = os.path.join(into, name)
    with gzip.open(os.path.join(DATA, name + ".gz"), "rb") as src, open(path, "wb") as dst:
        dst.write(src.read())
    return path


def main():
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        train = unpacked("langid.train.txt", tmp)
        test = unpacked("langid.test.txt", tmp)
        for loss in ["softmax", "hs", "ns", "ova"]:
            model = fasttext.train_supervised(input=train, loss=loss, thread=1, verbose=0)
            n, precision, recall = model.test(test)
            results[loss] = {"args": {"loss": loss, "thread": 1}, "n": n, "precision": precision, "recall": recall}
    with open(OUT, "w") as f:
        json.dump({"source": "fastText 0.9.2 (Debian), scripts/fasttext-native-training.py", "data": "langid", "results": results}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
