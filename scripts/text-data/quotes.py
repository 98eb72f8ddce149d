"""Quotation topic, 24 classes: the quotations of Debian's fortunes and fortunes-min (fortune-mod's data files),
each labelled by the file it comes from (people, computers, politics, ...).

A fortune file holds quotations separated by lines of "%". The 24 files with the most quotations are the
classes (ties broken by name); quotations found in two files are dropped; TEST_FRACTION of each goes to test.
"""
import os
import re

from common import clean, package_files, package_version, split_per_label

NAME = "quotes"
SEED = 24
CLASSES = 24
TEST_FRACTION = 0.2
PACKAGES = ["fortunes", "fortunes-min"]


def fortune_files():
    """Quotation files (not the .dat indexes, not the .u8 symlinks) by name."""
    files = {}
    for package in PACKAGES:
        for path in package_files(package):
            if "/fortunes/" in path and "." not in os.path.basename(path) and not os.path.islink(path):
                files[os.path.basename(path)] = path
    return files


def build():
    quotes = {}
    for name, path in sorted(fortune_files().items()):
        with open(path, encoding="utf-8", errors="replace") as handle:
            texts = {clean(q) for q in re.split(r"^%$", handle.read(), flags=re.M)}
        quotes[name] = {t for t in texts if t and "\ufffd" not in t}
    owners = {}
    for name, texts in quotes.items():
        for text in texts:
            owners[text] = owners.get(text, 0) + 1
    unique = {name: sorted(t for t in texts if owners[t] == 1) for name, texts in quotes.items()}
    classes = sorted(unique, key=lambda name: (-len(unique[name]), name))[:CLASSES]
    items = [([name], text) for name in sorted(classes) for text in unique[name]]
    train, test = split_per_label(items, TEST_FRACTION, SEED)
    return train, test, {
        "task": f"quotation topic ({CLASSES} classes)",
        "source": "fortune files of Debian's fortunes and fortunes-min, label = file name",
        "packages": {p: package_version(p) for p in PACKAGES},
        "sentencesPerLabel": {name: len(unique[name]) for name in sorted(classes)},
        "rules": f"the {CLASSES} files with the most quotations, cross-file duplicates dropped, "
        f"{TEST_FRACTION} per class to test, seed {SEED}",
    }
