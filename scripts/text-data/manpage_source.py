"""Sentence source, 563 classes: English sentences of man pages (Debian's manpages, manpages-dev, perl-doc,
git-man and libssl-doc), each labelled by the page it comes from (open.2, perlre.1, git-rebase.1, ...).

Pages are read as roff and split into prose sentences as for langid. A sentence found in two pages is dropped
(boilerplate such as the colophon), as are pages that are links to another (.so). The pages with at least
MIN_SENTENCES sentences are the classes; each keeps at most CAP sentences, TEST_FRACTION of them go to test.
"""
import os
import random

from common import is_prose, package_files, package_version, read_page, roff_paragraphs, sentences, split_per_label

NAME = "manpage-source"
SEED = 24
MIN_SENTENCES = 30
CAP = 150
TEST_FRACTION = 0.2
PACKAGES = ["manpages", "manpages-dev", "perl-doc", "git-man", "libssl-doc"]


def page_name(path):
    """open.2.gz -> open.2"""
    return os.path.basename(path).removesuffix(".gz")


def build():
    pages = {}
    for package in PACKAGES:
        for path in package_files(package):
            if "/man/man" not in path:
                continue
            found = {s for _, p in roff_paragraphs(read_page(path)) for s in sentences(p) if is_prose(s)}
            if found:
                pages[page_name(path)] = found
    counts = {}
    for found in pages.values():
        for sentence in found:
            counts[sentence] = counts.get(sentence, 0) + 1
    items, kept = [], {}
    for name in sorted(pages):
        unique = sorted(s for s in pages[name] if counts[s] == 1)
        if len(unique) < MIN_SENTENCES:
            continue
        random.Random(SEED).shuffle(unique)
        kept[name] = min(len(unique), CAP)
        items += [([name], s) for s in unique[:CAP]]
    train, test = split_per_label(items, TEST_FRACTION, SEED)
    return train, test, {
        "task": f"sentence source ({len(kept)} classes: which man page a sentence comes from)",
        "source": "English man pages of Debian's manpages and manpages-dev, label = page file name",
        "packages": {p: package_version(p) for p in PACKAGES},
        "sentencesPerLabel": kept,
        "rules": f"prose filter, cross-page duplicates dropped, pages with at least {MIN_SENTENCES} sentences, at most "
        f"{CAP} per page, {TEST_FRACTION} per page to test, seed {SEED}",
    }
