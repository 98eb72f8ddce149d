// "wasmax/rollup": a Rollup plugin that makes wasmax's assets part of the build. Rollup copies
// `new URL("…", import.meta.url)` unchanged and emits nothing for it, so without the plugin a page
// 404s on ../wasm/relaxed.wasm. For each wasmax file in the build it
//   - emits the binaries (relaxed, simd, scalar and the threaded twins) as assets and points the
//     URLs there (import.meta.ROLLUP_FILE_URL_…, which Rollup resolves against the chunk);
//   - emits the worker scripts as chunks of their own (each is one self-contained file in dist/)
//     and points their URLs there: the one fitInWorker starts (worker.js; worker.node.js in Node)
//     and the training threads' (thread.js, thread.node.js).
// The thread code is a dynamic import, and the workers are chunks: set output.dir (not file), and
// format "es" for browsers (module workers). Use it with @rollup/plugin-node-resolve:
//
//   import { nodeResolve } from "@rollup/plugin-node-resolve";
//   import { wasmax } from "wasmax/rollup";
//   export default { input: "main.js", output: { dir: "out", format: "es" }, plugins: [nodeResolve(), wasmax()] };

import type { Plugin, PluginContext } from "rollup";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `new URL(…)`'s first argument in dist/: "../wasm/<name>.wasm" written literally, or as a template over the name. */
const WASM_LITERAL = String.raw`"\.\.\/wasm\/((?:fasttext-)?(?:relaxed|simd|scalar|relaxed-threads|simd-threads))\.wasm"`;
const WASM_TEMPLATE = String.raw`\x60\.\.\/wasm\/\$\{(\w+)\}\x60`;
/** `new URL(<first>, import.meta.url)` as a pattern, whitespace and line breaks allowed wherever JS allows them. */
const newUrl = (first: string) => String.raw`new\s+URL\(\s*${first}\s*,\s*\bimport\s*\.\s*meta\s*\.\s*url\b\s*\)`;

/** wasmax's dist/ folder (this file's own), whose files the plugin rewrites. */
const DIST = dirname(fileURLToPath(import.meta.url));
const WASM = join(DIST, "..", "wasm");
const BINARIES = ["relaxed", "simd", "scalar", "relaxed-threads", "simd-threads"];
const WORKERS = ["worker.js", "worker.node.js", "worker.fasttext.js", "worker.fasttext.node.js", "thread.js", "thread.node.js"];

export function wasmax(): Plugin {
  return {
    name: "wasmax",
    async transform(code, id) {
      if (dirname(id) !== DIST || !/\.c?js$/.test(id)) return null;
      const assets = new Map<string, string>();
      const asset = async (context: PluginContext, name: string): Promise<string> => {
        if (!assets.has(name)) {
          const source = await readFile(join(WASM, `${name}.wasm`));
          assets.set(name, context.emitFile({ type: "asset", name: `${name}.wasm`, source }));
        }
        return `import.meta.ROLLUP_FILE_URL_${assets.get(name)}`;
      };
      let changed = false;
      // ../wasm/<name>.wasm, written literally or as a template over the name (dist/node.js).
      const wasm = new RegExp(newUrl(`(?:${WASM_LITERAL}|${WASM_TEMPLATE})`), "g");
      for (const match of [...code.matchAll(wasm)].reverse()) {
        const [text, name, variable] = match;
        let replacement: string;
        if (name) replacement = `new URL(${await asset(this, name)})`;
        else {
          const urls = await Promise.all(BINARIES.map(async (build) => `${JSON.stringify(`${build}.wasm`)}: ${await asset(this, build)}`));
          replacement = `new URL({ ${urls.join(", ")} }[${variable}])`;
        }
        code = code.slice(0, match.index) + replacement + code.slice(match.index + text.length);
        changed = true;
      }
      for (const worker of WORKERS) {
        const pattern = new RegExp(newUrl(`"\\./${worker.replace(/\./g, "\\.")}"`), "g");
        if (!pattern.test(code)) continue;
        const ref = this.emitFile({ type: "chunk", id: join(DIST, worker), name: `wasmax-${worker.replace(/\.js$/, "")}` });
        code = code.replace(pattern, `new URL(import.meta.ROLLUP_FILE_URL_${ref})`);
        changed = true;
      }
      return changed ? { code, map: null } : null;
    },
  };
}
