#!/usr/bin/env python3
"""Expected results from scikit-learn for MultiLabelLogisticRegression and the multi-label metrics
(test/fixtures/multilabel.json).

Run with Debian's scikit-learn:  apt-get install -y python3-sklearn && /usr/bin/python3 scripts/make-multilabel-fixture.py
Data: make_multilabel_classification (300 rows, 8 features, 5 labels, random_state=0), the first
240 rows for training. Model: OneVsRestClassifier(LogisticRegression(C=1, lbfgs)) to tight
tolerance; its coefficients, intercepts, test probabilities and predictions, and scikit-learn's
metrics of those predictions. CI only reads the JSON.
"""
import json
import os
import sklearn
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn import metrics

X, Y = make_multilabel_classification(n_samples=300, n_features=8, n_classes=5, n_labels=2, random_state=0)
train, test = slice(0, 240), slice(240, 300)
model = OneVsRestClassifier(LogisticRegression(C=1.0, solver="lbfgs", tol=1e-10, max_iter=100000))
model.fit(X[train], Y[train])
pred = model.predict(X[test])
truth = Y[test]
doc = {
    "source": f"scikit-learn {sklearn.__version__}, scripts/make-multilabel-fixture.py",
    "X": X.tolist(),
    "Y": Y.tolist(),
    "train": 240,
    "C": 1.0,
    "coef": [e.coef_[0].tolist() for e in model.estimators_],
    "intercept": [float(e.intercept_[0]) for e in model.estimators_],
    "testProba": model.predict_proba(X[test]).tolist(),
    "testPredictions": pred.tolist(),
    "metrics": {
        "hammingLoss": metrics.hamming_loss(truth, pred),
        "subsetAccuracy": metrics.accuracy_score(truth, pred),
        **{f"f1_{a}": metrics.f1_score(truth, pred, average=a, zero_division=0) for a in ("micro", "macro", "weighted", "samples")},
        **{f"precision_{a}": metrics.precision_score(truth, pred, average=a, zero_division=0) for a in ("micro", "macro", "weighted", "samples")},
        **{f"recall_{a}": metrics.recall_score(truth, pred, average=a, zero_division=0) for a in ("micro", "macro", "weighted", "samples")},
        "f1_none": metrics.f1_score(truth, pred, average=None, zero_division=0).tolist(),
        # Ranking metrics of the test probabilities.
        **{f"averagePrecision_{a}": metrics.average_precision_score(truth, model.predict_proba(X[test]), average=a) for a in ("micro", "macro", "weighted", "samples")},
        "labelRankingAveragePrecision": metrics.label_ranking_average_precision_score(truth, model.predict_proba(X[test])),
        "coverageError": metrics.coverage_error(truth, model.predict_proba(X[test])),
        "labelRankingLoss": metrics.label_ranking_loss(truth, model.predict_proba(X[test])),
    },
}
with open(os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "multilabel.json"), "w") as f:
    json.dump(doc, f)
    f.write("\n")
print("wrote test/fixtures/multilabel.json")
