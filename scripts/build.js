// Builds dist/ from bindings/: one esbuild bundle per entry point and module format, and the type
// declarations from tsc (checked in strict mode first; a type error fails the build).
//
// The only runtime dependency is csv-parse, which only the "wasmax/csv" entry imports (browsers
// get its browser build bundled). The .wasm files stay outside the bundles
// (wasm/ beside dist/), except in the "inline" entry, which embeds them as base64.

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
execFileSync("npx", ["tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
cpSync("dist/types/esm", "dist/types/cjs", { recursive: true });
writeFileSync("dist/types/cjs/package.json", `${JSON.stringify({ type: "commonjs" })}\n`);

// Whitespace and syntax are minified but names are kept, so stack traces read without source maps, and
// lines end by 200 characters (Node prints the source line of an uncaught error: one line, not the file);
// the scripts browsers fetch as they are (the browser entry, its chunks, the worker and thread
// scripts) minify names too (`browserScript`): 5 kB less of the whole API gzipped.
const common = {
  bundle: true,
  minifyWhitespace: true,
  minifySyntax: true,
  lineLimit: 200,
  target: "es2022",
  logLevel: "warning",
  external: ["*.wasm", "csv-parse", "csv-parse/*"],
};

// In CommonJS, import.meta.url is this file's URL; every .cjs bundle sits in dist/ beside its ESM twin.
const cjs = {
  format: "cjs",
  define: { "import.meta.url": "__wasmaxFileUrl" },
  banner: { js: 'var __wasmaxFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  outExtension: { ".js": ".cjs" },
};

// "wasmax/onnx" imports the models from "wasmax" itself at run time, so that an application has one
// copy of them (and of the wasm runtime). protobufjs/minimal is bundled; its optional long.js is
// left out, so int64 fields decode as numbers (onnx/proto.ts reads both).
const publicApi = {
  name: "wasmax-public-api",
  setup(b) {
    b.onResolve({ filter: /\/api\.js$/ }, (args) =>
      args.importer.includes("/bindings/onnx/") ? { path: "wasmax", external: true } : undefined,
    );
  },
};
const onnx = { entryPoints: { onnx: "bindings/entries/onnx.ts" }, plugins: [publicApi], external: [...common.external, "long"] };

// Bundling turns a class that names itself in its body into `var X = class _X`, whose .name is "_X":
// the builds Node and edge workers import keep the public names (console.log(model) reads
// "SoftmaxRegression {…}", not "_SoftmaxRegression {…}"), for 6% more bytes (esbuild's keepNames).
const publicNames = { keepNames: true };
// Browsers print no source line, and line breaks cost gzip 5% here: no line limit.
const browserScript = { platform: "browser", format: "esm", minifyIdentifiers: true, lineLimit: 0 };
// The browser entries' import("./threads.js") stays an import of dist/threads.js (built on its own, below).
const threadScript = {
  name: "wasmax-thread-script",
  setup(b) {
    b.onResolve({ filter: /^\.\/threads\.js$/ }, (args) =>
      args.kind === "dynamic-import" ? { path: "./threads.js", external: true } : undefined,
    );
  },
};

const bundles = [
  { entryPoints: { node: "bindings/entries/node.ts" }, platform: "node", format: "esm", ...publicNames },
  { entryPoints: { node: "bindings/entries/node.ts" }, platform: "node", ...cjs, ...publicNames },
  // The code only threads need (entries/threads.ts) is dist/threads.js, a script of its own that init()
  // imports only where it starts threads (bundlers follow the import() and emit it), built
  // self-contained: a chunk it shared with browser.js would be a second file for every page to fetch.
  { entryPoints: { browser: "bindings/entries/browser.ts" }, ...browserScript, plugins: [threadScript] },
  { entryPoints: { threads: "bindings/entries/threads.ts" }, ...browserScript },
  // "wasmax/fasttext" in browsers, built the same way on its own (a build shared with browser.js would
  // leave browser.js only its set-up calls, which bundlers then drop ("sideEffects": false) as they
  // take the exports straight from the shared chunks); the same dist/threads.js.
  { entryPoints: { "fasttext.browser": "bindings/entries/fasttext_browser.ts" }, ...browserScript, plugins: [threadScript] },
  // "wasmax/fasttext" in Node: node.ts's builds with the fastText binaries and the text model; its worker scripts.
  { entryPoints: { fasttext: "bindings/entries/fasttext_node.ts" }, platform: "node", format: "esm", ...publicNames },
  { entryPoints: { fasttext: "bindings/entries/fasttext_node.ts" }, platform: "node", ...cjs, ...publicNames },
  { entryPoints: { "worker.fasttext": "bindings/entries/worker_fasttext_browser.ts" }, ...browserScript },
  { entryPoints: { "worker.fasttext.node": "bindings/entries/worker_fasttext_node.ts" }, platform: "node", format: "esm" },
  { entryPoints: { "worker.fasttext.node": "bindings/entries/worker_fasttext_node.ts" }, platform: "node", ...cjs },
  { entryPoints: { workerd: "bindings/entries/workerd.ts" }, platform: "neutral", format: "esm", ...publicNames },
  {
    entryPoints: { inline: "bindings/entries/inline.ts" },
    platform: "neutral",
    format: "esm",
    loader: { ".wasm": "binary" },
    external: [],
  },
  { entryPoints: { inline: "bindings/entries/inline.ts" }, platform: "neutral", ...cjs, loader: { ".wasm": "binary" }, external: [] },
  { entryPoints: { worker: "bindings/entries/worker_browser.ts" }, ...browserScript },
  { entryPoints: { "worker.node": "bindings/entries/worker_node.ts" }, platform: "node", format: "esm" },
  { entryPoints: { "worker.node": "bindings/entries/worker_node.ts" }, platform: "node", ...cjs },
  { entryPoints: { "thread.node": "bindings/entries/thread_node.ts" }, platform: "node", format: "esm" },
  { entryPoints: { thread: "bindings/entries/thread_browser.ts" }, ...browserScript },
  { entryPoints: { esbuild: "bindings/entries/esbuild.ts" }, platform: "node", format: "esm", external: ["esbuild"] },
  { entryPoints: { esbuild: "bindings/entries/esbuild.ts" }, platform: "node", ...cjs, external: ["esbuild"] },
  { entryPoints: { rollup: "bindings/entries/rollup.ts" }, platform: "node", format: "esm", external: ["rollup"] },
  { entryPoints: { rollup: "bindings/entries/rollup.ts" }, platform: "node", ...cjs, external: ["rollup"] },
  { entryPoints: { cli: "bindings/entries/cli.ts" }, platform: "node", format: "esm", banner: { js: "#!/usr/bin/env node" } },
  { ...onnx, platform: "neutral", format: "esm" },
  { ...onnx, platform: "node", ...cjs },
  // "wasmax/plot": SVG charts, pure JS (no wasm, no dependency), the same file for every runtime.
  { entryPoints: { plot: "bindings/entries/plot.ts" }, platform: "neutral", format: "esm" },
  { entryPoints: { plot: "bindings/entries/plot.ts" }, platform: "neutral", ...cjs },
  { entryPoints: { csv: "bindings/entries/csv_node.ts" }, platform: "node", format: "esm" },
  { entryPoints: { csv: "bindings/entries/csv_node.ts" }, platform: "node", ...cjs },
  {
    entryPoints: { "csv.browser": "bindings/data/csv.ts" },
    platform: "browser",
    format: "esm",
    external: [],
    alias: { "csv-parse/sync": "csv-parse/browser/esm/sync" },
  },
];

mkdirSync("dist", { recursive: true });
await Promise.all([
  ...bundles.map((options) => build({ ...common, outdir: "dist", ...options })),
  // ignoreAnnotations: the package's `sideEffects: false` would otherwise drop node.ts's setup, which
  // testing.ts only re-exports.
  build({
    ...common,
    entryPoints: { testing: "bindings/entries/testing.ts" },
    platform: "node",
    format: "esm",
    outdir: "build",
    ignoreAnnotations: true,
  }),
  // The thread pool starts its worker script from beside the bundle that imports it.
  build({ ...common, entryPoints: { "thread.node": "bindings/entries/thread_node.ts" }, platform: "node", format: "esm", outdir: "build" }),
]);
