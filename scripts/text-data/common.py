"""Shared pieces of the text data builders: man page (roff) to sentences, sentence filters, deterministic
splits, fastText-format writers and Debian package versions.

Everything here is deterministic: inputs are read in sorted order, shuffles use random.Random(seed) on sorted
lists, and gzip files are written with mtime 0, so a rerun with the same Debian package versions writes the
same bytes.
"""
import gzip
import os
import random
import re
import subprocess
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA_DIR = os.path.join(ROOT, "bench", "data", "text")
FIXTURE_DIR = os.path.join(ROOT, "test", "fixtures", "text")
FIXTURE_LINES = 300  # lines per fixture file (train and test each)

# roff escapes that stand for a character; every other \(xx or \[xxx] escape is dropped.
NAMED_CHARS = {
    "aq": "'", "dq": '"', "em": "—", "en": "–", "lq": "“", "rq": "”", "oq": "‘", "cq": "’", "Fo": "«", "Fc": "»",
    "fo": "‹", "fc": "›", "bu": "•", "hy": "-", "mi": "-", "ti": "~", "ha": "^", "co": "©", "rg": "®", "tm": "™",
    "lA": "⇐", "rA": "⇒", "<-": "←", "->": "→", "ga": "`", "aa": "´", "Bq": "„", "bq": "‚", "mc": "µ", "de": "°",
}
ESCAPE = re.compile(r"\\(?:f(?:\[[^\]]*\]|\(..|.)|s[-+]?\d+|\*?\((..)|\*?\[([^\]]*)\]|\*.|[-e&~ ,/|^0c:%\\'`.])")
# Macros whose arguments are running text: separated by spaces (B, I, ...) or by nothing (alternating fonts).
TEXT_MACROS = {"B", "I", "SM", "SB"}
ALTERNATING_MACROS = {"BR", "BI", "IB", "IR", "RB", "RI"}
# Macros that end a paragraph; TP also makes the next line a tag (an option list entry), which is skipped.
BREAK_MACROS = {"PP", "P", "LP", "TP", "IP", "HP", "SH", "SS", "sp", "br", "RS", "RE", "TQ", "in", "ti", "bp", "ne"}
# Blocks of code, tables, equations and macro definitions: their lines are not prose.
SKIP_BLOCKS = {"nf": "fi", "EX": "EE", "TS": "TE", "EQ": "EN", "de": "..", "ig": "..", "PS": "PE"}


def unescape(text):
    """Replaces roff escapes by the characters they stand for (font changes and spacing marks by nothing)."""

    def one(match):
        name = match.group(1) or match.group(2)
        token = match.group(0)
        if name is not None:
            return NAMED_CHARS.get(name, "")
        if token in ("\\-", "\\e", "\\\\"):
            return "-" if token == "\\-" else "\\"
        if token in ("\\~", "\\ ", "\\0"):
            return " "
        return ""

    return ESCAPE.sub(one, text)


def macro_args(rest):
    """Splits a macro's argument string as roff does: on spaces, except inside double quotes."""
    return [a[1:-1] if a.startswith('"') and a.endswith('"') and len(a) > 1 else a for a in re.findall(r'"[^"]*"?|\S+', rest)]


def roff_paragraphs(source):
    """Yields (section, paragraph text) of a man(7) page; mdoc pages and .so redirects yield nothing.

    Text lines and the text of font macros are joined within a paragraph; code blocks (.nf/.fi, .EX/.EE),
    tables, comments, other requests and the tag line after .TP are dropped.
    """
    lines = source.split("\n")
    if any(line.startswith((".Dd", ".so ")) for line in lines[:40]):
        return
    section, words, block_end, skip_next = "", [], None, False
    for line in lines:
        if block_end is not None:
            if line.startswith("." + block_end) or (block_end == ".." and line.startswith("..")):
                block_end = None
            continue
        if line.startswith((".\\\"", "'\\\"", '\\"')):
            continue
        if line.startswith((".", "'")):
            name, _, rest = line[1:].strip().partition(" ")
            if name in SKIP_BLOCKS:
                block_end = SKIP_BLOCKS[name]
                continue
            if name in BREAK_MACROS or name == "":
                if words:
                    yield section, " ".join(words)
                words = []
                if name in ("SH", "SS"):
                    section = unescape(" ".join(macro_args(rest))).strip().upper()
                skip_next = name in ("TP", "TQ")
                continue
            if skip_next:
                skip_next = False
                continue
            args = [unescape(a) for a in macro_args(rest)]
            if name in TEXT_MACROS:
                words.append(" ".join(args))
            elif name in ALTERNATING_MACROS:
                words.append("".join(args))
            continue
        if skip_next:
            skip_next = False
            continue
        if line.strip() == "":
            if words:
                yield section, " ".join(words)
            words = []
            continue
        words.append(unescape(line))
    if words:
        yield section, " ".join(words)


def read_page(path):
    """Text of a man page file (gzip or plain); invalid UTF-8 becomes U+FFFD, which the filters reject."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'«»„“(¿¡]?[^\W\d_])")


def sentences(paragraph):
    """Splits a paragraph after . ! or ? when the next word starts with a capital letter."""
    text = " ".join(paragraph.split())
    parts, start = [], 0
    for match in SENTENCE_END.finditer(text):
        following = text[match.end():].lstrip("\"'«»„“(¿¡")
        if following[:1].isupper():
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


CODE_TOKEN = re.compile(r"^[-<{\[$#*]|[/_=(){}<>\\|$@;]|^\d+[\d.,]*$")


def is_prose(sentence, min_words=4, max_words=60):
    """A clean sentence: starts with a capital, ends with . ! or ?, 4–60 words, mostly letters, at most two
    code-like words (options, paths, identifiers, calls, numbers) and never one word in five."""
    if "\ufffd" in sentence or not (25 <= len(sentence) <= 400):
        return False
    first = sentence.lstrip("\"'«»„“(¿¡")[:1]
    if not first.isupper() or sentence[-1] not in ".!?":
        return False
    words = sentence.split()
    if not (min_words <= len(words) <= max_words):
        return False
    chars = [c for c in sentence if not c.isspace()]
    letters = sum(1 for c in chars if unicodedata.category(c).startswith("L"))
    if letters < 0.8 * len(chars):
        return False
    code = sum(1 for w in words if CODE_TOKEN.search(w.strip(".,;:!?\"'«»„“”()")))
    return code <= 2 and code * 5 < len(words)


def clean(text):
    """One line of fastText input: whitespace runs (newlines, tabs) become single spaces."""
    return " ".join(text.split())


def split_per_label(items, test_fraction, seed):
    """Deterministic stratified split of (labels, text) items: per first label, sorted, shuffled with `seed`,
    the first round(n × test_fraction) go to test. Returns (train, test), each shuffled with `seed`."""
    by_label = {}
    for item in items:
        by_label.setdefault(item[0][0], []).append(item)
    rng = random.Random(seed)
    train, test = [], []
    for label in sorted(by_label):
        group = sorted(by_label[label])
        rng.shuffle(group)
        cut = round(len(group) * test_fraction)
        test += group[:cut]
        train += group[cut:]
    train.sort()
    test.sort()
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def fasttext_line(labels, text):
    return " ".join("__label__" + label for label in labels) + " " + clean(text) + "\n"


def write_set(name, train, test):
    """Writes bench/data/text/<name>.{train,test}.txt.gz (gzip, mtime 0) and the first FIXTURE_LINES lines of
    each to test/fixtures/text/<name>.{train,test}.txt. Returns the manifest's file entries."""
    os.makedirs(DATA_DIR, exist_ok=True)
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    files = {}
    for part, items in (("train", train), ("test", test)):
        lines = [fasttext_line(labels, text) for labels, text in items]
        path = os.path.join(DATA_DIR, f"{name}.{part}.txt.gz")
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write("".join(lines).encode("utf-8"))
        with open(os.path.join(FIXTURE_DIR, f"{name}.{part}.txt"), "w", encoding="utf-8") as fixture:
            fixture.write("".join(lines[:FIXTURE_LINES]))
        files[part] = {
            "path": os.path.relpath(path, ROOT),
            "lines": len(lines),
            "bytes": os.path.getsize(path),
            "labels": len({label for labels, _ in items for label in labels}),
            "fixture": os.path.relpath(os.path.join(FIXTURE_DIR, f"{name}.{part}.txt"), ROOT),
            "fixtureLines": min(len(lines), FIXTURE_LINES),
        }
    return files


def package_files(package):
    """Files a Debian package installed (dpkg -L), sorted."""
    out = subprocess.run(["dpkg", "-L", package], check=True, capture_output=True, text=True).stdout
    return sorted(line for line in out.split("\n") if line and os.path.isfile(line))


def package_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], check=True, capture_output=True, text=True).stdout


def split_random(items, test_fraction, seed):
    """Deterministic unstratified split (for multi-label sets): sorted, shuffled with `seed`, the first
    round(n × test_fraction) go to test."""
    items = sorted(items)
    random.Random(seed).shuffle(items)
    cut = round(len(items) * test_fraction)
    return items[cut:], items[:cut]
