#!/usr/bin/env python3
"""Builds the text data sets of bench/data/text/ (fastText format, gzip) and their slices in test/fixtures/text/,
and writes bench/data/text/manifest.json (sources, package versions, line and label counts, this command).

Needs the Debian packages named in each builder (each module's docstring says which):
  apt-get install -y manpages manpages-dev manpages-{de,fr,es,it,pl,ru,pt-br,nl,cs,uk} perl-doc git-man \
      libssl-doc fortunes fortunes-min lz4 && apt-get update -o Acquire::Languages=en
Run: /usr/bin/python3 scripts/text-data/build.py [name ...]   (names: langid quotes manpage-source debtags)
"""
import json
import os
import sys

import debtags
import langid
import manpage_source
import quotes
from common import DATA_DIR, ROOT, write_set

BUILDERS = {m.NAME: m for m in (langid, quotes, manpage_source, debtags)}


def main(names):
    manifest_path = os.path.join(DATA_DIR, "manifest.json")
    manifest = {"command": "/usr/bin/python3 scripts/text-data/build.py", "format": "fastText", "sets": {}}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            manifest["sets"] = json.load(handle)["sets"]
    for name in names or sorted(BUILDERS):
        train, test, info = BUILDERS[name].build()
        info["files"] = write_set(name, train, test)
        info["script"] = os.path.relpath(BUILDERS[name].__file__, ROOT)
        manifest["sets"][name] = info
        print(name, {part: (f["lines"], f["labels"], f["bytes"]) for part, f in info["files"].items()}, flush=True)
    with open(manifest_path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False, sort_keys=False)
        handle.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
