#!/usr/bin/env python3
"""scikit-learn's side of bench/multilabel.js: OneVsRestClassifier(LogisticRegression(C=1, lbfgs))
on the same 1,500 × 103 × 14 data (the generator of bench/multilabel_data.mjs, ported), median of
5 fits, written to bench/results/multilabel-sklearn.json with the machine.
Run with Debian's scikit-learn: apt-get install -y python3-sklearn && /usr/bin/python3 bench/multilabel_sklearn.py
"""
import json, os, platform, time
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

ROWS, FEATURES, LABELS = 1500, 103, 14

def mulberry32(seed):
    a = seed & 0xFFFFFFFF
    def imul(x, y):
        return (x * y) & 0xFFFFFFFF
    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return nxt

nxt = mulberry32(12345)
normal = lambda: nxt() + nxt() + nxt() + nxt() - 2
W = [[normal() * 0.3 for _ in range(FEATURES)] for _ in range(LABELS)]
X = [[normal() for _ in range(FEATURES)] for _ in range(ROWS)]
Y = [[1 if sum(v * w[j] for j, v in enumerate(row)) + normal() > 0.8 else 0 for w in W] for row in X]
X, Y = np.array(X), np.array(Y)
times = []
for _ in range(5):
    start = time.perf_counter()
    model = OneVsRestClassifier(LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000)).fit(X, Y)
    times.append(time.perf_counter() - start)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
doc = {"date": time.strftime("%Y-%m-%d"), "cpu": cpu, "sklearn": sklearn.__version__, "seconds": sorted(times)[2],
       "labelsOn": int(Y.sum()), "trainAccuracy": float(model.score(X, Y)), "firstRowX": X[0][:3].tolist()}
with open(os.path.join(os.path.dirname(__file__), "results", "multilabel-sklearn.json"), "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
print(doc)
