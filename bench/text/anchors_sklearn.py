#!/usr/bin/env python3
"""scikit-learn's anchors on the text sets of bench/data/text (see scripts/text-data), one thread, written to
bench/results/text_anchors.json under "sklearn/<set>/<method>":

  hashing-sgd     HashingVectorizer(HASHING) + SGDClassifier(log_loss, alpha 1e-4, random_state 0, n_jobs 1)
  hashing-logreg  LogisticRegression(lbfgs, C, max_iter 1000) on exactly the same hashed features
  tfidf-logreg    TfidfVectorizer(TFIDF) + LogisticRegression(lbfgs, C, max_iter 1000)
  chars-sgd, chars-logreg  as hashing-*, with character n-grams (char_wb, CHAR_RANGE) hashed into the same space
  hashing-ovr     (multi-label) OneVsRestClassifier(LogisticRegression(lbfgs, C)) on the hashed features:
                  P@1, R@1, P@5, R@5 as fastText's `test` prints them

"fitSeconds" is vectorize + fit of the train file; "predictPerSecond" is test sentences / seconds of vectorize +
predict; P@1 is test accuracy. Each timing is repeated (--repeats, 3 by default): median, min, max.
Run: apt-get install -y python3-sklearn && /usr/bin/python3 bench/text/anchors_sklearn.py langid:hashing-sgd ...
"""
import re
import sys
import unicodedata

import numpy as np
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from threadpoolctl import threadpool_limits

from anchor_common import debian_version, precision_recall_at_k, read_set, record, timed


def token_pattern():
    """wasmax's tokens (bindings/features/tokenizer.ts) as a regular expression: maximal runs of Unicode letters,
    marks, numbers and "_", one character being enough (scikit-learn's default (?u)\\b\\w\\w+\\b drops
    one-character tokens and splits at combining marks). The class lists every code point of Python's Unicode
    tables whose category starts with L, M or N."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and (code == 0x5F or unicodedata.category(chr(code))[0] in "LMN")
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(code - 1)) if code - 1 > start else ""))
            start = None
    return "[" + "".join(ranges) + "]+"


TOKENS = token_pattern()
# The vectorizer wasmax reproduces: new HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2], norm: "l2" }):
# lowercased, wasmax's tokens, unigrams and bigrams, MurmurHash3 (seed 0) |h| mod 2^18, counts without sign
# flips, each row scaled to unit L2 norm.
HASHING = dict(n_features=2**18, ngram_range=(1, 2), alternate_sign=False, norm="l2", lowercase=True,
               analyzer="word", token_pattern=TOKENS, binary=False)
TFIDF = dict(ngram_range=(1, 2), sublinear_tf=True, smooth_idf=True, norm="l2", lowercase=True, token_pattern=TOKENS)
# Word n-grams as HASHING plus character n-grams within words (scikit-learn's char_wb analyzer), one list of
# features hashed into one space: new HashingVectorizer({ nFeatures: 2 ** 18, ngramRange: [1, 2],
# charNgramRange: [2, 4], norm: "l2" }).
CHAR_RANGE = (2, 4)
WORDS = HashingVectorizer(**HASHING).build_analyzer()
CHARS = HashingVectorizer(analyzer="char_wb", ngram_range=CHAR_RANGE, lowercase=True).build_analyzer()
# (ngram_range and token_pattern are the word analyzer's: a callable analyzer takes the raw text.)
HASHING_CHARS = {**HASHING, "analyzer": lambda text: WORDS(text) + CHARS(text), "ngram_range": (1, 1), "token_pattern": None}
VECTORIZERS = {
    "hashing": (lambda: HashingVectorizer(**HASHING), HASHING),
    "tfidf": (lambda: TfidfVectorizer(**TFIDF), TFIDF),
    "chars": (lambda: HashingVectorizer(**HASHING_CHARS), {**HASHING, "analyzer": f"word + char_wb {CHAR_RANGE}"}),
}
C = 10.0
SGD = dict(loss="log_loss", alpha=1e-4, max_iter=1000, tol=1e-3, random_state=0, n_jobs=1)
LOGREG = dict(C=C, solver="lbfgs", max_iter=1000)


def described(options, name):
    """The vectorizer's options for the JSON, the long token class named instead of spelled out."""
    return {"class": name, **options, "token_pattern": "wasmax tokens: runs of Unicode L, M, N and _ (token_pattern())"}


def single_label(name, method, repeats):
    train_labels, train_texts = read_set(name, "train")
    test_labels, test_texts = read_set(name, "test")
    y_train = [labels[0] for labels in train_labels]
    y_test = np.array([labels[0] for labels in test_labels])
    features, solver = method.split("-")
    make_vectorizer, options = VECTORIZERS[features]
    make_model = (lambda: SGDClassifier(**SGD)) if solver == "sgd" else (lambda: LogisticRegression(**LOGREG))

    def fit():
        vectorizer = make_vectorizer()
        model = make_model().fit(vectorizer.fit_transform(train_texts), y_train)
        return vectorizer, model

    (vectorizer, model), fit_seconds = timed(fit, repeats)
    predicted, predict_seconds = timed(lambda: model.predict(vectorizer.transform(test_texts)), repeats)
    entry = {
        "command": f"/usr/bin/python3 bench/text/anchors_sklearn.py {name}:{method} --repeats {repeats}",
        "trainLines": len(train_texts), "testLines": len(test_texts), "classes": len(model.classes_),
        "P@1": round(float(np.mean(predicted == y_test)), 4),
        "fitSeconds": fit_seconds, "predictSeconds": predict_seconds,
        "predictPerSecond": round(len(test_texts) / predict_seconds["median"]),
        "vectorizer": described(options, type(vectorizer).__name__),
        "model": {"class": type(model).__name__, **(SGD if solver == "sgd" else LOGREG)},
        "nIter": np.asarray(model.n_iter_).max().item(),
    }
    if features == "tfidf":
        entry["vocabulary"] = len(vectorizer.vocabulary_)
    return entry


def multi_label(name, repeats):
    train_labels, train_texts = read_set(name, "train")
    test_labels, test_texts = read_set(name, "test")
    binarizer = MultiLabelBinarizer().fit(train_labels + test_labels)

    def fit():
        vectorizer = HashingVectorizer(**HASHING)
        model = OneVsRestClassifier(LogisticRegression(**LOGREG), n_jobs=1)
        return vectorizer, model.fit(vectorizer.transform(train_texts), binarizer.transform(train_labels))

    (vectorizer, model), fit_seconds = timed(fit, repeats)
    scores, predict_seconds = timed(lambda: model.decision_function(vectorizer.transform(test_texts)), repeats)
    ranked = [[binarizer.classes_[j] for j in np.argsort(-row, kind="stable")[:5]] for row in scores]
    entry = {
        "command": f"/usr/bin/python3 bench/text/anchors_sklearn.py {name}:hashing-ovr --repeats {repeats}",
        "trainLines": len(train_texts), "testLines": len(test_texts), "labels": len(binarizer.classes_),
        "fitSeconds": fit_seconds, "predictSeconds": predict_seconds,
        "predictPerSecond": round(len(test_texts) / predict_seconds["median"]),
        "vectorizer": described(HASHING, "HashingVectorizer"),
        "model": {"class": "OneVsRestClassifier(LogisticRegression)", **LOGREG},
    }
    for k in (1, 5):
        entry[f"P@{k}"], entry[f"R@{k}"] = precision_recall_at_k(ranked, test_labels, k)
    return entry


def main(args):
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 3
    jobs = [a for i, a in enumerate(args) if ":" in a and (i == 0 or args[i - 1] != "--repeats")]
    versions = {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "python3-sklearn": debian_version("python3-sklearn")}
    with threadpool_limits(1):
        for job in jobs:
            name, method = job.split(":")
            entry = multi_label(name, repeats) if method == "hashing-ovr" else single_label(name, method, repeats)
            record(f"sklearn/{name}/{method}", {**entry, "versions": versions})


if __name__ == "__main__":
    main(sys.argv[1:])
