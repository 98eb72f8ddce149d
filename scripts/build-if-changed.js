// `npm start`'s build step: runs what `npm run build` would, but only the parts whose sources are
// newer than their outputs, so a start after an unchanged checkout trains within seconds and a fresh
// clone (no dist/, no wasm/) builds everything first.
//   wasm/  is stale when a file of assembly/ or an asconfig is newer than the oldest binary (or one is missing);
//   dist/  is stale when wasm/ was, or a file of bindings/, scripts/build.js, tsconfig.json or package.json
//          is newer than the oldest file of dist/ (dist/inline.js embeds the binaries).
// Modification times, not hashes: a checkout or an edit touches the file, which is all this needs.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// The binaries, and their twins with fastText's kernels (asconfig.fasttext.json).
const BINARIES = ["relaxed", "simd", "scalar", "relaxed-threads", "simd-threads"].flatMap((name) => [
  `wasm/${name}.wasm`,
  `wasm/fasttext-${name}.wasm`,
]);

/** Modification times (ms) of `path` and, for a folder, of every file below it. */
function mtimes(path) {
  if (!existsSync(path)) return [];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs];
  return readdirSync(path).flatMap((name) => mtimes(join(path, name)));
}
const newest = (paths) => Math.max(...paths.flatMap(mtimes));
const oldest = (paths) => Math.min(...paths.flatMap(mtimes));

const wasmStale = !BINARIES.every(existsSync) || newest(["assembly", "asconfig.json", "asconfig.fasttext.json"]) > oldest(BINARIES);
const distStale =
  wasmStale || !existsSync("dist/node.js") || newest(["bindings", "scripts/build.js", "tsconfig.json", "package.json"]) > oldest(["dist"]);

const npm = (script, why) => {
  console.log(`wasmax: npm run ${script} (${why})`);
  execFileSync("npm", ["run", "--silent", script], { stdio: "inherit" });
};
if (wasmStale) npm("build:wasm", "assembly/ changed since the last build, or wasm/ is missing");
if (distStale) npm("build:ts", wasmStale ? "the binaries changed" : "bindings/ changed since the last build, or dist/ is missing");
if (!wasmStale && !distStale) console.log("wasmax: dist/ and wasm/ are up to date with their sources (npm run build rebuilds anyway)");
