"""Multi-label tags: Debian package descriptions (short and long, bookworm main, amd64) labelled by the
package's debtags (the Tag: field, facet::value, e.g. `implemented-in::python`, `use::editing`).

The Packages and Translation-en indexes are those apt keeps in /var/lib/apt/lists (fetch the English
descriptions with `apt-get update -o Acquire::Languages=en`). Tags used by fewer than MIN_TAG_COUNT packages
and the `::TODO` placeholders are dropped, then packages left without a tag; packages whose description another package (earlier by name)
already has are dropped. TEST_FRACTION of the packages go to test, unstratified.
"""
import glob
import re
import subprocess

from common import split_random

NAME = "debtags"
SEED = 24
MIN_TAG_COUNT = 40
TEST_FRACTION = 0.1
LISTS = "/var/lib/apt/lists/"
PACKAGES_INDEX = LISTS + "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"
TRANSLATION_INDEX = LISTS + "deb.debian.org_debian_dists_bookworm_main_i18n_Translation-en.lz4"
RELEASE = LISTS + "deb.debian.org_debian_dists_bookworm_InRelease"


def stanzas(path):
    """Yields each stanza of a deb822 index (lz4-compressed) as {field: value}, continuation lines kept."""
    text = subprocess.run(["lz4cat", path], check=True, capture_output=True).stdout.decode("utf-8", errors="replace")
    for block in text.split("\n\n"):
        fields, name = {}, None
        for line in block.split("\n"):
            if line.startswith((" ", "\t")) and name:
                fields[name] += "\n" + line
            elif ":" in line:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        if fields:
            yield fields


def description_text(description):
    """Short description and long description as one line (the " ." paragraph marks dropped)."""
    lines = [line.strip() for line in description.split("\n")]
    return " ".join(line for line in lines if line and line != ".")


def build():
    descriptions = {}
    for fields in stanzas(TRANSLATION_INDEX):
        if "Description-en" in fields:
            descriptions[(fields["Package"], fields["Description-md5"])] = description_text(fields["Description-en"])
    tagged = []
    for fields in stanzas(PACKAGES_INDEX):
        key = (fields.get("Package"), fields.get("Description-md5"))
        if "Tag" in fields and key in descriptions:
            tags = sorted({t for t in re.split(r"[,\s]+", fields["Tag"]) if t and not t.endswith("::TODO")})
            tagged.append((key[0], tags, descriptions[key]))
    tagged.sort()
    counts = {}
    for _, tags, _ in tagged:
        for tag in tags:
            counts[tag] = counts.get(tag, 0) + 1
    items, seen = [], set()
    for _, tags, text in tagged:
        kept = [t for t in tags if counts[t] >= MIN_TAG_COUNT]
        if kept and text not in seen:
            seen.add(text)
            items.append((kept, text))
    train, test = split_random(items, TEST_FRACTION, SEED)
    release = {}
    with open(RELEASE, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(("Suite:", "Version:", "Date:")):
                release[line.split(":", 1)[0].lower()] = line.split(":", 1)[1].strip()
    labels = sorted({t for tags, _ in items for t in tags})
    return train, test, {
        "task": f"multi-label debtags ({len(labels)} labels, {sum(len(t) for t, _ in items) / len(items):.2f} per text)",
        "source": "Debian bookworm main amd64 Packages (Tag:) and Translation-en (Description-en) indexes",
        "packages": {"debian-archive": f"bookworm {release.get('version')} ({release.get('date')})"},
        "labelsPerText": round(sum(len(t) for t, _ in items) / len(items), 3),
        "rules": f"tags on at least {MIN_TAG_COUNT} packages, duplicate descriptions dropped, "
        f"{TEST_FRACTION} to test (unstratified), seed {SEED}",
    }
