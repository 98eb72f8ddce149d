// Usage: node scripts/bundle-tables.js [results.json]   (default test/artifacts/bundlers.json)
// Writes the bundler test's measurements (test/runtimes/bundlers.test.js, which calls writeTables
// itself at the end of a run) into README.md and docs/*.md, between the markers
//   <!-- generated:bundlers:start --> … <!-- generated:bundlers:end -->          what each bundler emits
//   <!-- generated:bundle-sizes:start --> … <!-- generated:bundle-sizes:end -->  the one-model app and the whole API
// in whichever of those files hold them; nothing outside the markers changes.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const RESULTS = join(ROOT, "test", "artifacts", "bundlers.json");

const kB = (bytes) => (bytes === undefined ? "–" : `${(bytes / 1000).toFixed(1)} kB`);

/**
 * results: { date (kept in the JSON only), api: { files, gzip }, one: [{ name, js, wasm }], fastText: { alone, added }
 * (each { js, wasm }),
 * bundlers: [{ name, howto, emitted: { main, threadCode, relaxed, simd, scalar, worker, thread } }] },
 * sizes in gzipped bytes.
 */
export function tables(results) {
  const bundlers = [
    "Measured by `npm test` (test/runtimes/bundlers.test.js): gzipped sizes of what each build emitted.",
    "",
    "| bundler | what you do | main JS | thread code JS | relaxed.wasm | simd.wasm | scalar.wasm | worker JS | thread JS |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.bundlers.map(({ name, howto, emitted: e }) => {
      const sizes = [e.main, e.threadCode, e.relaxed, e.simd, e.scalar, e.worker, e.thread].map(kB);
      return `| ${[name, howto, ...sizes].join(" | ")} |`;
    }),
  ];
  const sizes = [
    "Measured by `npm test` (test/runtimes/bundlers.test.js): an app that imports only `SoftmaxRegression`",
    "(init, fit, predict), built as the bundler recipes say, on a page that is not cross-origin isolated: the JS",
    "and the one binary the page fetched, each gzipped.",
    "",
    "| bundler | JS | wasm | total |",
    "|---|---|---|---|",
    ...results.one.map(({ name, js, wasm }) => `| ${name} | ${kB(js)} | ${kB(wasm)} | ${kB(js + wasm)} |`),
    "",
    `The whole API without a bundler (\`dist/browser.js\`): ${kB(results.api.gzip)} gzipped, plus one binary.`,
    "",
    "`FastTextClassifier` (from `wasmax/fasttext`, esbuild): an app that uses it alone (init, fit, predict) fetches",
    `${kB(results.fastText.alone.js)} of JS and ${kB(results.fastText.alone.wasm)} of wasm; added to the app above, it adds`,
    `${kB(results.fastText.added.js)} of JS and ${kB(results.fastText.added.wasm)} of wasm (its binary holds fastText's kernels too).`,
  ];
  return { bundlers: bundlers.join("\n"), "bundle-sizes": sizes.join("\n") };
}

/** Rewrites the marked sections in README.md and docs/*.md; returns the files it changed. */
export function writeTables(results, root = ROOT) {
  const generated = tables(results);
  const docs = existsSync(join(root, "docs")) ? readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")) : [];
  const changed = [];
  for (const file of ["README.md", ...docs.map((f) => join("docs", f))]) {
    const path = join(root, file);
    const text = readFileSync(path, "utf8");
    let next = text;
    for (const [name, body] of Object.entries(generated)) {
      const pattern = new RegExp(`(<!-- generated:${name}:start -->)[\\s\\S]*?(<!-- generated:${name}:end -->)`, "g");
      next = next.replace(pattern, (_, start, end) => `${start}\n${body}\n${end}`);
    }
    if (next !== text) {
      writeFileSync(path, next);
      changed.push(file);
    }
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? RESULTS;
  const changed = writeTables(JSON.parse(readFileSync(file, "utf8")));
  console.log(changed.length ? `updated ${changed.join(", ")}` : "no marked section changed");
}
