#!/usr/bin/env python3
"""Expected results from scikit-learn for the text features (test/fixtures/text/*.json):
murmurhash.json (sklearn.utils.murmurhash3_32), hashing.json (HashingVectorizer) and tfidf.json
(TfidfTransformer), on a small multilingual corpus.

Run with Debian's scikit-learn:  apt-get install -y python3-sklearn && /usr/bin/python3 scripts/make-text-fixtures.py
CI only reads the JSON.

wasmax's tokens are runs of Unicode letters, marks, numbers and "_" (one character is enough), where
scikit-learn's default token_pattern (?u)\\b\\w\\w+\\b drops one-character tokens and splits at marks
(bindings/features/tokenizer.ts says why). The word cases therefore pass scikit-learn the tokenizer
below, which implements wasmax's rule with unicodedata; char_wb cases use scikit-learn's own analyzer.
Word and character n-grams in one space: an analyzer returning both lists, as wasmax sums them.
"""
import json
import os
import unicodedata

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.utils import murmurhash3_32

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "text")
SOURCE = f"scikit-learn {sklearn.__version__}, scripts/make-text-fixtures.py"

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "A cat, a dog -- and I: one-letter words stay.",
    "L'été à Paris: où est la crème brûlée? Ça coûte 5 €.",
    "Größe und Maß: Straße, Äpfel, ÖL, Übermut.",
    "Привет, мир! Съешь же ещё этих мягких французских булок.",
    "ΟΔΟΣ Αθηνάς και Σωκράτης — ὁ λόγος.",
    "我爱北京天安门。今天天气很好！",
    "日本語のテキスト、ひらがなとカタカナ。東京タワー",
    "emoji 😀👍🏽 family 👨‍👩‍👧 flags 🇫🇷 mixed😀text",
    "",
    "?!... --- ;;; ()",
    "   ",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp\u3000ideographic\x1cfile-sep\u2028line",
    "हिन्दी भाषा में लिखा गया वाक्य",
    "İstanbul IŞIK ıi — Turkish dotted İ",
    "snake_case and CamelCase, x1 2x 3.14 1,000 ½ ² Ⅻ",
    "Decomposed: cafe\u0301 vs café, e\u0301te\u0301",
    "the the the the repeated repeated words words words",
    "a",
    "ab  cd\t\tef  gh  (non-single separators between tokens)",
]

# Texts fit does not see, for the transform of a fitted TfidfTransformer.
HELD_OUT = [
    "The lazy cat and the quick fox.",
    "Unseen words: zebra quagga okapi.",
    "",
    "Привет, Париж!",
]


def wasmax_tokens(text):
    """wasmax's tokenizer: maximal runs of letters, marks, numbers and '_'."""
    tokens, current = [], []
    for ch in text:
        if ch == "_" or unicodedata.category(ch)[0] in "LMN":
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def csr(X, explicit_zeros="refuse"):
    X = sp.csr_matrix(X)
    X.sort_indices()
    zeros = int((X.data == 0).sum())
    if zeros:
        if explicit_zeros == "refuse":
            raise SystemExit("scikit-learn kept explicit zeros here: change the case so the fixture is its raw output")
        X.eliminate_zeros()
    return {"indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "data": X.data.tolist()}, zeros


def sklearn_vectorizer(o):
    """The scikit-learn HashingVectorizer for wasmax options `o`."""
    common = dict(
        n_features=o["nFeatures"],
        lowercase=o.get("lowercase", True),
        alternate_sign=o.get("alternateSign", False),
        norm=o.get("norm", "l2"),
        binary=o.get("binary", False),
    )
    word = o.get("ngramRange", [1, 1])
    char = o.get("charNgramRange")
    if word and not char:
        return HashingVectorizer(tokenizer=wasmax_tokens, token_pattern=None, ngram_range=tuple(word), **common)
    if char and not word:
        return HashingVectorizer(analyzer="char_wb", ngram_range=tuple(char), **common)
    words = HashingVectorizer(tokenizer=wasmax_tokens, token_pattern=None, ngram_range=tuple(word), lowercase=common["lowercase"])
    chars = HashingVectorizer(analyzer="char_wb", ngram_range=tuple(char), lowercase=common["lowercase"])
    word_analyzer, char_analyzer = words.build_analyzer(), chars.build_analyzer()
    return HashingVectorizer(analyzer=lambda doc: word_analyzer(doc) + char_analyzer(doc), **common)


HASHING_CASES = [
    ({"nFeatures": 2**20}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": [1, 2], "norm": "l1"}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": [1, 3], "norm": None, "binary": True}, "raw"),
    ({"nFeatures": 2**18, "ngramRange": [2, 2], "lowercase": False}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": None, "charNgramRange": [2, 4]}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": None, "charNgramRange": [1, 5], "norm": None}, "raw"),
    ({"nFeatures": 64, "ngramRange": None, "charNgramRange": [3, 3], "norm": "l1"}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": [1, 2], "charNgramRange": [2, 4]}, "raw"),
    ({"nFeatures": 2**18, "ngramRange": [1, 2], "alternateSign": True, "norm": None}, "raw"),
    ({"nFeatures": 2**20, "ngramRange": [1, 1], "charNgramRange": [3, 5], "alternateSign": True, "binary": True}, "raw"),
    # Collisions in 8 columns make signed counts cancel: scikit-learn stores those zeros, wasmax drops
    # them (its only difference here), so this case records scikit-learn's matrix without them.
    ({"nFeatures": 8, "ngramRange": [1, 2], "alternateSign": True, "norm": None}, "zeros dropped"),
    ({"nFeatures": 1, "ngramRange": [1, 1], "norm": None}, "raw"),
]

# Checks of the Python tokenizer against the rule, so a fixture cannot silently test something else.
assert wasmax_tokens("a cat's 3.14 हिन्दी") == ["a", "cat", "s", "3", "14", "हिन्दी"]
assert wasmax_tokens("我爱北京。东京") == ["我爱北京", "东京"]


def murmur_cases():
    keys = ["", "a", "ab", "abc", "abcd", "abcde", "hello", "hello world", "The quick brown fox jumps over the lazy dog"]
    keys += ["été", "中", "我爱北京天安门", "привет", "😀", "👨‍👩‍👧", "हिन्दी", " ab ", "\u0000", "x" * 37]
    cases = [{"key": k, "seed": 0, "hash": murmurhash3_32(k, seed=0)} for k in keys]
    cases += [{"key": k, "seed": s, "hash": murmurhash3_32(k, seed=s)} for k in ["", "abc", "été"] for s in [1, 42, 2**31 - 1, 2**32 - 1]]
    return cases


def hashing_cases():
    out = []
    for options, kind in HASHING_CASES:
        X = sklearn_vectorizer(options).transform(CORPUS)
        matrix, zeros = csr(X, "drop" if kind == "zeros dropped" else "refuse")
        if kind == "zeros dropped" and zeros == 0:
            raise SystemExit("the 'zeros dropped' case has no cancelled count: pick other options")
        out.append({"options": options, "explicitZerosDropped": zeros, **matrix})
    return out


def tfidf_cases():
    counter = HashingVectorizer(
        tokenizer=wasmax_tokens, token_pattern=None, ngram_range=(1, 2), n_features=2**10, norm=None, alternate_sign=False
    )
    X = counter.transform(CORPUS)
    X_held_out = counter.transform(HELD_OUT)
    counts, _ = csr(X)
    held_out, _ = csr(X_held_out)
    seen = np.unique(sp.csr_matrix(X).indices)
    cases = []
    for options in [
        {},
        {"smoothIdf": False},
        {"sublinearTf": True},
        {"useIdf": False},
        {"norm": "l1", "sublinearTf": True},
        {"norm": None},
    ]:
        t = TfidfTransformer(
            norm=options.get("norm", "l2"),
            use_idf=options.get("useIdf", True),
            smooth_idf=options.get("smoothIdf", True),
            sublinear_tf=options.get("sublinearTf", False),
        )
        with np.errstate(divide="ignore"):  # smooth_idf=False: infinite idf for unseen columns
            t.fit(X)
        case = {"options": options, "transform": csr(t.transform(X))[0]}
        if t.use_idf:
            # idf of the columns fit saw; without smooth_idf scikit-learn's idf of the others is infinite
            case["idfSeen"] = t.idf_[seen].tolist()
            if t.smooth_idf:
                case["transformHeldOut"] = csr(t.transform(X_held_out))[0]
        cases.append(case)
    return {"nFeatures": 2**10, "counts": counts, "heldOut": held_out, "seenColumns": seen.tolist(), "cases": cases}


def write(name, doc):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump({"source": SOURCE, **doc}, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")


write("murmurhash.json", {"cases": murmur_cases()})
write("hashing.json", {"corpus": CORPUS, "tokens": [wasmax_tokens(t.lower()) for t in CORPUS], "cases": hashing_cases()})
write("tfidf.json", {"corpus": CORPUS, "heldOutTexts": HELD_OUT, **tfidf_cases()})
print("wrote", ", ".join(sorted(os.listdir(OUT))))
