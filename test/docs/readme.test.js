// The README stays a front page (issue 26): at most 250 lines, the install line and a quick start
// near the top, the two development commands verbatim, and a link to every guide in docs/ (each of
// which the documentation site includes).

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, readdirSync } from "node:fs";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const lines = README.split("\n");
const lineOf = (text) => lines.findIndex((line) => line.includes(text)) + 1;

const Readme = suite("README");

Readme("is at most 250 lines, with the install line and the quick start in its first 80", () => {
  assert.ok(lines.length <= 250, `${lines.length} lines`);
  assert.ok(lineOf("npm install wasmax") > 0 && lineOf("npm install wasmax") <= 80, "npm install wasmax near the top");
  const quickStart = lineOf("## Quick start");
  assert.ok(quickStart > 0 && quickStart <= 80, `the quick start starts on line ${quickStart}`);
  assert.ok(lineOf("npx wasmax train") <= 80, "the command-line quick start is in the first 80 lines too");
});

Readme("keeps the development commands verbatim in its Develop section", () => {
  const develop = README.slice(README.indexOf("## Develop"));
  assert.ok(develop.includes("\nnpm install && npm start     #"), "npm install && npm start");
  assert.ok(develop.includes("\napt-get update && apt-get install -y chromium && npm install && npm test   #"), "the test command");
});

Readme("links to every guide of docs/, and the site includes each", () => {
  const { projectDocuments } = JSON.parse(readFileSync(new URL("../../typedoc.json", import.meta.url), "utf8"));
  for (const page of readdirSync(new URL("../../docs/", import.meta.url)).filter((name) => name.endsWith(".md"))) {
    assert.ok(README.includes(`(docs/${page})`), `a link to docs/${page}`);
    assert.ok(projectDocuments.includes(`docs/${page}`), `docs/${page} in typedoc.json's projectDocuments`);
  }
});

Readme.run();
