// scripts/bundle-tables.js itself: it rewrites only what lies between its markers, in README.md and
// docs/*.md alike, and leaves files without markers untouched.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeTables } from "../../scripts/bundle-tables.js";

const Tables = suite("scripts/bundle-tables.js");

const results = {
  date: "2026-12-06",
  bundlers: [
    {
      name: "Vite 8",
      howto: "nothing",
      emitted: { main: 28600, threadCode: 2100, relaxed: 8921, simd: 8954, scalar: 2953, worker: 25500, thread: 1600 },
    },
    {
      name: "esbuild (Node)",
      howto: "the plugin",
      emitted: { main: 37500, relaxed: 8921, simd: 8954, scalar: 2953, worker: 32500, thread: 2100 },
    },
  ],
  one: [{ name: "Vite 8", js: 19089, wasm: 8921 }],
  api: { files: ["dist/browser.js"], gzip: 38425 },
  fastText: { alone: { js: 20855, wasm: 12455 }, added: { js: 15438, wasm: 3248 } },
};

Tables("rewrites the marked sections of README.md and docs/*.md, and nothing else", () => {
  const root = mkdtempSync(join(tmpdir(), "wasmax-tables-"));
  try {
    mkdirSync(join(root, "docs"));
    const marked = (name) => `<!-- generated:${name}:start -->\nstale\n<!-- generated:${name}:end -->`;
    writeFileSync(join(root, "README.md"), `# Title\n\nbefore\n${marked("bundle-sizes")}\nafter\n`);
    writeFileSync(join(root, "docs", "bundlers.md"), `intro\n${marked("bundlers")}\n\n${marked("bundle-sizes")}\nend\n`);
    writeFileSync(join(root, "docs", "other.md"), "no markers here\n");
    assert.equal(writeTables(results, root).sort(), ["README.md", join("docs", "bundlers.md")]);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    assert.ok(readme.startsWith("# Title\n\nbefore\n<!-- generated:bundle-sizes:start -->\n"));
    assert.ok(readme.endsWith("<!-- generated:bundle-sizes:end -->\nafter\n"));
    assert.match(readme, "| Vite 8 | 19.1 kB | 8.9 kB | 28.0 kB |");
    assert.not.match(readme, "stale");
    const docs = readFileSync(join(root, "docs", "bundlers.md"), "utf8");
    assert.match(docs, "| Vite 8 | nothing | 28.6 kB | 2.1 kB | 8.9 kB | 9.0 kB | 3.0 kB | 25.5 kB | 1.6 kB |");
    assert.match(docs, "| esbuild (Node) | the plugin | 37.5 kB | – |", "no thread code chunk: a dash");
    assert.match(docs, "38.4 kB gzipped");
    assert.match(docs, "fetches\n20.9 kB of JS and 12.5 kB of wasm; added to the app above, it adds\n15.4 kB of JS and 3.2 kB of wasm");
    assert.ok(docs.startsWith("intro\n") && docs.endsWith("end\n"));
    assert.is(readFileSync(join(root, "docs", "other.md"), "utf8"), "no markers here\n");
    assert.equal(writeTables(results, root), [], "a second run changes nothing");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

Tables.run();
