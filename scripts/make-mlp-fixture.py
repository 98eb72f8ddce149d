#!/usr/bin/env python3
"""scikit-learn's MLPClassifier on iris, for MLPClassifier.fromCoefficients (test/fixtures/mlp-iris.json):
its coefs_ (inputs × outputs per layer), intercepts_, classes_ and predict_proba on the test rows.
Run with Debian's scikit-learn: apt-get install -y python3-sklearn && /usr/bin/python3 scripts/make-mlp-fixture.py
"""
import json, os
import sklearn
from sklearn.datasets import load_iris
from sklearn.neural_network import MLPClassifier

iris = load_iris()
X, y = iris.data, iris.target
model = MLPClassifier(hidden_layer_sizes=(6, 5), activation="tanh", max_iter=2000, random_state=0).fit(X[::2], y[::2])
doc = {
    "source": f"scikit-learn {sklearn.__version__}, scripts/make-mlp-fixture.py",
    "activation": "tanh",
    "classes": model.classes_.tolist(),
    "coefs": [c.tolist() for c in model.coefs_],
    "intercepts": [b.tolist() for b in model.intercepts_],
    "X": X[1::2].tolist(),
    "proba": model.predict_proba(X[1::2]).tolist(),
}
with open(os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "mlp-iris.json"), "w") as f:
    json.dump(doc, f)
    f.write("\n")
print("wrote test/fixtures/mlp-iris.json")
