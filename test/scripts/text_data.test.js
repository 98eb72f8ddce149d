// bench/data/text (built by scripts/text-data/build.py): every file is fastText format, the manifest's counts
// are the files' counts, and each fixture in test/fixtures/text is the first lines of its data file.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}bench/data/text/manifest.json`, "utf8"));
const TextData = suite("bench/data/text");

/** Lines of a fastText file as { labels, text }; throws naming the line if one has no label or no text. */
function parse(content, where) {
  const lines = content.split("\n");
  assert.is(lines.pop(), "", `${where} ends with a newline`);
  return lines.map((line, i) => {
    const tokens = line.split(" ");
    const cut = tokens.findIndex((t) => !t.startsWith("__label__"));
    if (cut < 1 || tokens.slice(cut).join("") === "") throw new Error(`${where}:${i + 1} is not "__label__x text": ${line}`);
    return { labels: tokens.slice(0, cut).map((t) => t.slice("__label__".length)), text: tokens.slice(cut).join(" ") };
  });
}

TextData("the four sets are listed", () => {
  assert.equal(Object.keys(manifest.sets).sort(), ["debtags", "langid", "manpage-source", "quotes"]);
});

for (const [name, set] of Object.entries(manifest.sets)) {
  TextData(`${name}: files match the manifest and the fixtures are their first lines`, () => {
    const labelsOf = {};
    for (const [part, file] of Object.entries(set.files)) {
      const content = gunzipSync(readFileSync(root + file.path)).toString("utf8");
      const rows = parse(content, file.path);
      assert.is(rows.length, file.lines, `${file.path} lines`);
      labelsOf[part] = new Set(rows.flatMap((r) => r.labels));
      assert.is(labelsOf[part].size, file.labels, `${file.path} labels`);
      const fixture = readFileSync(root + file.fixture, "utf8");
      assert.is(fixture, content.split("\n").slice(0, file.fixtureLines).join("\n") + "\n", `${file.fixture} is the head of ${file.path}`);
    }
    for (const label of labelsOf.test) assert.ok(labelsOf.train.has(label), `${name}: test label ${label} is in train`);
  });
}

TextData.run();
