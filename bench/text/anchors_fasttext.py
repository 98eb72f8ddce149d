#!/usr/bin/env python3
"""Native fastText's anchors (Debian's `fasttext` CLI, python3-fasttext for predict throughput) on the text sets of
bench/data/text, one thread, written to bench/results/text_anchors.json under "fasttext/<set>/<setting>":

  default   fasttext supervised -thread 1 (fastText's defaults otherwise: lr 0.1, dim 100, epoch 5, unigrams)
  tuned     ... -wordNgrams 2 -minn 2 -maxn 5 -epoch 25 -lr 0.5 -thread 1
  ova       (multi-label) ... -loss ova -wordNgrams 2 -epoch 25 -lr 0.5 -thread 1

"trainSeconds" is the wall time of `fasttext supervised` (reading the file included); "test" holds N, P@k, R@k as
`fasttext test model.bin test.txt k` prints them (k = 1, and 5 for multi-label); "predictPerSecond" is test
lines / seconds of python3-fasttext's model.predict(lines) in one call (model already loaded);
"cliPredictPerSecond" is test lines / wall seconds of `fasttext predict model.bin test.txt` (loading the model
included). Timings are repeated (--repeats, 3 by default): median, min, max.
Run: apt-get install -y fasttext python3-fasttext && /usr/bin/python3 bench/text/anchors_fasttext.py langid:default ...
"""
import gzip
import os
import shutil
import subprocess
import sys
import tempfile

import fasttext

from anchor_common import debian_version, read_set, record, timed

SETTINGS = {
    "default": [],
    "tuned": ["-wordNgrams", "2", "-minn", "2", "-maxn", "5", "-epoch", "25", "-lr", "0.5"],
    "ova": ["-loss", "ova", "-wordNgrams", "2", "-epoch", "25", "-lr", "0.5"],
}


def unpack(name, part, directory):
    path = os.path.join(directory, f"{name}.{part}.txt")
    with gzip.open(os.path.join(os.path.dirname(__file__), "..", "data", "text", f"{name}.{part}.txt.gz"), "rb") as src:
        with open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return path


def fasttext_test(model, test_path, k):
    """{"N": ..., "P@k": ..., "R@k": ...} parsed from `fasttext test` output (lines "N\t4755", "P@1\t0.97", ...)."""
    out = subprocess.run(["fasttext", "test", model, test_path, str(k)], check=True, capture_output=True, text=True).stdout
    values = dict(line.split("\t") for line in out.strip().split("\n"))
    return {key: float(value) if "@" in key else int(value) for key, value in values.items()}


def run(name, setting, repeats, directory):
    train_path, test_path = unpack(name, "train", directory), unpack(name, "test", directory)
    prefix = os.path.join(directory, f"{name}-{setting}")
    args = ["fasttext", "supervised", "-input", train_path, "-output", prefix, *SETTINGS[setting], "-thread", "1"]
    _, train_seconds = timed(lambda: subprocess.run(args, check=True, capture_output=True), repeats)
    model_path = prefix + ".bin"
    test = {f"k={k}": fasttext_test(model_path, test_path, k) for k in ((1, 5) if setting == "ova" else (1,))}
    predict_args = ["fasttext", "predict", model_path, test_path]
    _, cli_predict_seconds = timed(lambda: subprocess.run(predict_args, check=True, capture_output=True), repeats)
    _, texts = read_set(name, "test")
    model = fasttext.load_model(model_path)
    _, predict_seconds = timed(lambda: model.predict(texts, k=1), repeats)
    entry = {
        "command": f"/usr/bin/python3 bench/text/anchors_fasttext.py {name}:{setting} --repeats {repeats}",
        "fasttextCommand": " ".join(["fasttext", "supervised", "-input", f"{name}.train.txt", "-output", "model",
                                     *SETTINGS[setting], "-thread", "1"]),
        "trainSeconds": train_seconds, "test": test, "predictSeconds": predict_seconds,
        "predictPerSecond": round(len(texts) / predict_seconds["median"]),
        "cliPredictSeconds": cli_predict_seconds, "cliPredictPerSecond": round(len(texts) / cli_predict_seconds["median"]),
        "versions": {"fasttext": debian_version("fasttext"), "python3-fasttext": debian_version("python3-fasttext")},
    }
    for path in (model_path, prefix + ".vec"):
        if os.path.exists(path):
            os.remove(path)
    return entry


def main(args):
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 3
    jobs = [a for a in args if ":" in a]
    with tempfile.TemporaryDirectory(prefix="wasmax-text-anchors-") as directory:
        for job in jobs:
            name, setting = job.split(":")
            record(f"fasttext/{name}/{setting}", run(name, setting, repeats, directory))


if __name__ == "__main__":
    main(sys.argv[1:])
