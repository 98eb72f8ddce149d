"""Shared pieces of the text anchors: reading the fastText-format sets of bench/data/text, timing with repeats,
fastText's P@k / R@k, the machine stamp, and merging results into bench/results/text_anchors.json."""
import fcntl
import gzip
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA_DIR = os.path.join(ROOT, "bench", "data", "text")
RESULTS = os.path.join(ROOT, "bench", "results", "text_anchors.json")


def read_set(name, part):
    """(label lists, texts) of bench/data/text/<name>.<part>.txt.gz: leading __label__ tokens are the labels."""
    labels, texts = [], []
    with gzip.open(os.path.join(DATA_DIR, f"{name}.{part}.txt.gz"), "rt", encoding="utf-8") as handle:
        for line in handle:
            tokens = line.split()
            cut = next(i for i, t in enumerate(tokens) if not t.startswith("__label__"))
            labels.append([t[len("__label__"):] for t in tokens[:cut]])
            texts.append(" ".join(tokens[cut:]))
    return labels, texts


def timed(run, repeats):
    """Calls run() `repeats` times; returns (last result, {median, min, max, runs} of the wall seconds)."""
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    return result, {"median": round(statistics.median(seconds), 3), "min": round(min(seconds), 3),
                    "max": round(max(seconds), 3), "runs": repeats}


def precision_recall_at_k(ranked, gold, k):
    """fastText's `test` numbers: P@k = true positives / (examples × k), R@k = true positives / gold labels,
    where each example predicts its k top-ranked labels."""
    hits = sum(len(set(r[:k]) & set(g)) for r, g in zip(ranked, gold))
    return round(hits / (len(gold) * k), 4), round(hits / sum(len(g) for g in gold), 4)


def load_average():
    with open("/proc/loadavg") as handle:
        return [float(v) for v in handle.read().split()[:3]]


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def debian_version(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return out.stdout or None


def record(key, entry):
    """Merges one result under results[key] (with the date and the load average now) and rewrites the file,
    holding a lock so that the sklearn and fastText scripts can run at the same time."""
    entry = {**entry, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "loadAverageAfter": load_average()}
    with open(os.path.join(tempfile.gettempdir(), "wasmax-text-anchors.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        doc = {"machine": machine(), "results": {}}
        if os.path.exists(RESULTS):
            with open(RESULTS, encoding="utf-8") as handle:
                doc = json.load(handle)
        doc["machine"] = machine()
        doc["results"][key] = entry
        doc["results"] = dict(sorted(doc["results"].items()))
        with open(RESULTS, "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=2)
            handle.write("\n")
    print(key, json.dumps(entry), flush=True)
