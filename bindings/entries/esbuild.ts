/**
 * The esbuild plugin that emits wasmax's binaries and worker scripts beside a bundle.
 * @module wasmax/esbuild
 */
// "wasmax/esbuild": an esbuild plugin that makes wasmax's assets part of the bundle. esbuild does
// not follow `new URL("…", import.meta.url)`, so without it a bundle looks for ../wasm/simd.wasm
// and the worker script where they are not. For each wasmax file the bundle includes, it
//   - emits the binaries (relaxed, simd, scalar and the threaded twins) as assets (esbuild's file
//     loader) and points the URLs there;
//   - bundles the worker scripts into the output folder and points their URLs there: the one
//     fitInWorker starts (wasmax-worker.js in browsers, wasmax-worker.node.mjs in Node) and the
//     training threads' (wasmax-thread.js, wasmax-thread.node.mjs);
//   - resolves those URLs against the bundle itself: import.meta.url in ESM output, __filename in
//     CommonJS output (esbuild's default for --platform=node), where every other import.meta.url of
//     wasmax's (createRequire(import.meta.url) in dist/node.js) becomes the bundle's URL too.
// Browser bundles must be ESM (format "esm"): module workers and top-level await need it.
//
//   import { wasmax } from "wasmax/esbuild";
//   await esbuild.build({ entryPoints: ["app.js"], bundle: true, format: "esm", outdir: "out", plugins: [wasmax()] });

import type { Plugin, PluginBuild } from "esbuild";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `new URL(…)`'s first argument in dist/: "../wasm/<name>.wasm" written literally, or as a template over the name. */
const WASM_LITERAL = String.raw`"\.\.\/wasm\/((?:fasttext-)?(?:relaxed|simd|scalar|relaxed-threads|simd-threads))\.wasm"`;
const WASM_TEMPLATE = String.raw`\x60\.\.\/wasm\/\$\{(\w+)\}\x60`;
/**
 * `new URL(<first>, import.meta.url)` (or the CommonJS builds' __wasmaxFileUrl) as a pattern: the Node
 * builds break their lines by 200 characters, anywhere a line may break, import.meta's dots included.
 */
const META_URL = String.raw`\bimport\s*\.\s*meta\s*\.\s*url\b`;
const newUrl = (first: string) => String.raw`new\s+URL\(\s*${first}\s*,\s*(?:${META_URL}|__wasmaxFileUrl)\s*\)`;

/** wasmax's dist/ folder (this file's own), whose files the plugin rewrites. */
const DIST = dirname(fileURLToPath(import.meta.url));
const WASM = join(DIST, "..", "wasm");

const WORKERS: Record<string, { entry: string; out: string; platform: "browser" | "node" }> = {
  "./worker.js": { entry: "worker.js", out: "wasmax-worker.js", platform: "browser" },
  "./worker.node.js": { entry: "worker.node.js", out: "wasmax-worker.node.mjs", platform: "node" },
  "./worker.fasttext.js": { entry: "worker.fasttext.js", out: "wasmax-worker.fasttext.js", platform: "browser" },
  "./worker.fasttext.node.js": { entry: "worker.fasttext.node.js", out: "wasmax-worker.fasttext.node.mjs", platform: "node" },
  "./thread.js": { entry: "thread.js", out: "wasmax-thread.js", platform: "browser" },
  "./thread.node.js": { entry: "thread.node.js", out: "wasmax-thread.node.mjs", platform: "node" },
};
const BINARIES = ["relaxed", "simd", "scalar", "relaxed-threads", "simd-threads"];

/**
 * The esbuild plugin: emits wasmax's binaries and worker scripts beside the bundle and points their
 * URLs there. Browser bundles must use format 'esm'; Node bundles may be ESM or CommonJS.
 * @example
 * ```ts
 * import * as esbuild from "esbuild";
 * import { wasmax } from "wasmax/esbuild";
 * await esbuild.build({ entryPoints: ["main.js"], bundle: true, format: "esm", outdir: "out", plugins: [wasmax()] });
 * ```
 */
export function wasmax(): Plugin {
  return {
    name: "wasmax",
    setup(build: PluginBuild) {
      const o = build.initialOptions;
      const format = o.format ?? (o.platform === "node" ? "cjs" : "iife");
      if (format === "iife") {
        throw new Error("wasmax/esbuild: bundle with format 'esm' (browsers: module workers and top-level await need it) or 'cjs' (Node)");
      }
      const outdir = o.outdir ?? (o.outfile ? dirname(o.outfile) : undefined);
      if (!outdir)
        throw new Error("wasmax/esbuild: set outdir or outfile, so the .wasm files and the worker script have a place beside the bundle");
      const base = format === "esm" ? "import.meta.url" : 'require("node:url").pathToFileURL(__filename).href';
      const distFile = new RegExp(`^${escape(DIST)}[\\\\/][^\\\\/]+\\.c?js$`);

      build.onLoad({ filter: distFile }, async (args) => {
        let code = await readFile(args.path, "utf8");
        const imports: string[] = [];
        // ../wasm/<name>.wasm, written literally or as a template over the name (dist/node.js).
        code = code.replace(new RegExp(newUrl(`(?:${WASM_LITERAL}|${WASM_TEMPLATE})`), "g"), (_, name?: string, variable?: string) => {
          if (name) return `new URL(${assetVariable(name, imports, format)}, ${base})`;
          const assets = BINARIES.map((build) => `${JSON.stringify(`${build}.wasm`)}: ${assetVariable(build, imports, format)}`);
          return `new URL({ ${assets.join(", ")} }[${variable}], ${base})`;
        });
        for (const [url, worker] of Object.entries(WORKERS)) {
          const pattern = new RegExp(newUrl(`"${escape(url)}"`), "g");
          if (!pattern.test(code)) continue;
          await bundleWorker(build, worker, outdir);
          code = code.replace(pattern, `new URL("./${worker.out}", ${base})`);
        }
        // What is left of import.meta (dist/node.js's createRequire(import.meta.url)) is empty in
        // CommonJS output: it means the bundle's own URL there too.
        if (format === "cjs") code = code.replace(new RegExp(META_URL, "g"), base);
        return { contents: imports.join("\n") + "\n" + code, loader: "js", resolveDir: DIST };
      });
      build.onResolve({ filter: /^wasmax-asset:/ }, (args) => ({
        path: join(WASM, args.path.slice("wasmax-asset:".length)),
        namespace: "wasmax-asset",
      }));
      build.onLoad({ filter: /\.wasm$/, namespace: "wasmax-asset" }, async (args) => ({
        contents: await readFile(args.path),
        loader: "file",
      }));
    },
  };
}

/** The variable holding the emitted asset's path, importing it once per file. */
function assetVariable(name: string, imports: string[], format: string): string {
  const variable = `__wasmax_${name.replace(/-/g, "_")}_wasm`;
  const spec = JSON.stringify(`wasmax-asset:${name}.wasm`);
  const line = format === "esm" ? `import ${variable} from ${spec};` : `var ${variable} = require(${spec});`;
  if (!imports.includes(line)) imports.push(line);
  return variable;
}

/** Bundles a worker script of wasmax (with this plugin) into the output folder. */
async function bundleWorker(build: PluginBuild, worker: (typeof WORKERS)[string], outdir: string): Promise<void> {
  const o = build.initialOptions;
  const result = await build.esbuild.build({
    entryPoints: [join(DIST, worker.entry)],
    bundle: true,
    format: "esm",
    platform: worker.platform,
    outfile: join(outdir, worker.out),
    minify: o.minify ?? false,
    target: o.target ?? "es2022",
    plugins: [wasmax()],
    logLevel: "warning",
  });
  if (result.errors.length) throw new Error(`wasmax/esbuild: bundling ${worker.entry} failed`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
