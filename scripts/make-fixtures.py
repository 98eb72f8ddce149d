#!/usr/bin/env python3
"""Expected results from scikit-learn for the SoftmaxRegression tests (test/fixtures/*.json).

Run with Debian's scikit-learn:  apt-get install -y python3-sklearn && /usr/bin/python3 scripts/make-fixtures.py
For iris and the 8x8 digits it stores the data, a stratified split (random_state=0, 25% test), and
the multinomial LogisticRegression(C=1, lbfgs) fit to tight tolerance: coefficients, intercepts,
test probabilities and test accuracy. CI only reads the JSON; it does not need scikit-learn.
"""
import json
import os
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures")


def fixture(name, X, y):
    index = list(range(len(y)))
    train, test = train_test_split(index, test_size=0.25, stratify=y, random_state=0)
    train.sort()
    test.sort()
    model = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-10, max_iter=100000)
    model.fit(X[train], y[train])
    proba = model.predict_proba(X[test])
    doc = {
        "source": f"scikit-learn {sklearn.__version__}, scripts/make-fixtures.py",
        "X": X.tolist(),
        "y": y.tolist(),
        "train": train,
        "test": test,
        "C": 1.0,
        "classes": model.classes_.tolist(),
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "testProba": proba.tolist(),
        "testAccuracy": float(model.score(X[test], y[test])),
        "nIter": int(model.n_iter_[0]),
    }
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(name, "accuracy", doc["testAccuracy"], "iterations", doc["nIter"])


iris = load_iris()
fixture("iris", iris.data, iris.target)
digits = load_digits()
fixture("digits", digits.data, digits.target)
