#!/usr/bin/env python3
"""scikit-learn's OneHotEncoder, ColumnTransformer and a Pipeline ending in multinomial
LogisticRegression, on a small admissions-like table with a text column and a numeric code column,
for test/data/one_hot_encoder.test.js, column_transformer.test.js and test/pipeline/ (writes
test/fixtures/pipeline.json).
Run with Debian's scikit-learn: apt-get install -y python3-sklearn && /usr/bin/python3 scripts/make-pipeline-fixtures.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.default_rng(27)
CITIES = ["Oslo", "Rome", "Paris", "Lima"]
COLUMNS = ["gpa", "exam", "city", "tier"]


def table(n):
    rows = []
    for _ in range(n):
        rows.append([round(float(rng.uniform(2.0, 4.0)), 2), int(rng.integers(40, 100)), CITIES[int(rng.integers(0, 4))], int(rng.integers(1, 4))])
    return rows


train = table(120)
test = table(30)
test[0][2] = "Kyiv"  # a city fit never saw (handleUnknown)
test[1][3] = 7  # a tier fit never saw


def label(r):
    s = 20 * r[0] + r[1] + (15 if r[2] == "Oslo" else -10 if r[2] == "Lima" else 0) + 5 * r[3] + float(rng.normal(0, 6))
    return "admit" if s > 150 else "wait" if s > 135 else "reject"


y = [label(r) for r in train]
cat = lambda rows: np.array([[r[2], r[3]] for r in rows], dtype=object)
num = lambda rows: np.array([[r[0], r[1]] for r in rows], dtype=float)


def encoder_case(options, fit_rows, transform_rows):
    sk = dict(sparse_output=False, handle_unknown=options.get("handleUnknown", "error"), drop=options.get("drop"))
    if "categories" in options:
        sk["categories"] = [np.array(c, dtype=object) for c in options["categories"]]
    enc = OneHotEncoder(**sk).fit(cat(fit_rows))
    return {
        "options": options,
        "categories": [c.tolist() for c in enc.categories_],
        "featureNamesOut": enc.get_feature_names_out(["city", "tier"]).tolist(),
        "transformed": enc.transform(cat(transform_rows)).tolist(),
    }


known = [r for r in test if r[2] in CITIES and r[3] in (1, 2, 3)]
encoders = [
    encoder_case({}, train, known),
    encoder_case({"drop": "first"}, train, known),
    encoder_case({"drop": "if_binary"}, [r for r in train if r[2] in ("Oslo", "Rome")], [r for r in known if r[2] in ("Oslo", "Rome")]),
    encoder_case({"handleUnknown": "ignore"}, train, test),
    encoder_case({"handleUnknown": "ignore", "drop": "first"}, train, test),
    encoder_case({"categories": [["Rome", "Oslo", "Paris", "Lima", "Kyiv"], [1, 2, 3, 7]]}, train, test),
]

columns = ColumnTransformer(
    [("onehot", OneHotEncoder(sparse_output=False, handle_unknown="ignore"), [2, 3]), ("scale", StandardScaler(), [0, 1])]
).fit(np.array(train, dtype=object))
pipe = Pipeline(
    [
        ("columns", ColumnTransformer([("onehot", OneHotEncoder(sparse_output=False, handle_unknown="ignore"), [2]), ("scale", StandardScaler(), [0, 1, 3])])),
        ("model", LogisticRegression(C=1.0, max_iter=1000, tol=1e-10)),
    ]
).fit(np.array(train, dtype=object), y)
doc = {
    "source": f"scikit-learn {sklearn.__version__}, scripts/make-pipeline-fixtures.py",
    "columns": COLUMNS,
    "train": train,
    "test": test,
    "y": y,
    "encoders": encoders,
    "columnTransformer": {"transformed": columns.transform(np.array(test, dtype=object)).tolist()},
    "pipeline": {
        "classes": pipe.classes_.tolist(),
        "proba": pipe.predict_proba(np.array(test, dtype=object)).tolist(),
        "predicted": pipe.predict(np.array(test, dtype=object)).tolist(),
    },
}
with open(os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "pipeline.json"), "w") as f:
    json.dump(doc, f)
    f.write("\n")
print("wrote test/fixtures/pipeline.json")
