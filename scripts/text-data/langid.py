"""Sentence language ID, 11 languages: sentences of Debian's man pages in English (manpages, manpages-dev) and
in the translations of manpages-l10n (manpages-de, -fr, ...), labelled by language (ISO 639-1).

Each page is read as roff (common.roff_paragraphs), split into sentences and kept if it is prose
(common.is_prose). A translated sentence with an English marker word (the, and, of, ...) is dropped: those are
the untranslated paragraphs a partly translated page keeps. Sentences found in two languages are dropped;
each language keeps at most CAP sentences, TEST_FRACTION of them go to test.
"""
import random

from common import is_prose, package_files, package_version, read_page, roff_paragraphs, sentences, split_per_label

NAME = "langid"
SEED = 24
CAP = 5500
TEST_FRACTION = 0.1
PACKAGES = {
    "en": ["manpages", "manpages-dev"], "de": ["manpages-de"], "fr": ["manpages-fr"], "es": ["manpages-es"],
    "it": ["manpages-it"], "pt": ["manpages-pt-br"], "nl": ["manpages-nl"], "pl": ["manpages-pl"],
    "cs": ["manpages-cs"], "ru": ["manpages-ru"], "uk": ["manpages-uk"],
}
ENGLISH_MARKERS = {"the", "and", "of", "which", "with", "from", "this", "that", "these", "should", "would", "their", "are"}


def language_sentences(language):
    found = set()
    for package in PACKAGES[language]:
        for path in package_files(package):
            if "/man/" not in path:
                continue
            for _, paragraph in roff_paragraphs(read_page(path)):
                for sentence in sentences(paragraph):
                    if not is_prose(sentence):
                        continue
                    words = {w.strip(".,;:!?\"'()«»„“”").lower() for w in sentence.split()}
                    if language != "en" and words & ENGLISH_MARKERS:
                        continue
                    found.add(sentence)
    return found


def build():
    by_language = {language: language_sentences(language) for language in sorted(PACKAGES)}
    counts = {}
    for found in by_language.values():
        for sentence in found:
            counts[sentence] = counts.get(sentence, 0) + 1
    items, kept = [], {}
    for language, found in by_language.items():
        unique = sorted(s for s in found if counts[s] == 1)
        random.Random(SEED).shuffle(unique)
        kept[language] = min(len(unique), CAP)
        items += [([language], s) for s in unique[:CAP]]
    train, test = split_per_label(items, TEST_FRACTION, SEED)
    packages = sorted({p for names in PACKAGES.values() for p in names})
    return train, test, {
        "task": "sentence language ID (11 languages)",
        "source": "man pages (roff) of Debian's manpages, manpages-dev and manpages-l10n translations",
        "packages": {p: package_version(p) for p in packages},
        "sentencesPerLabel": kept,
        "rules": f"prose filter, no English marker word in translations, cross-language duplicates dropped, "
        f"at most {CAP} per language, {TEST_FRACTION} per language to test, seed {SEED}",
    }
