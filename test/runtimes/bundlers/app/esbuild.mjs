// `node esbuild.mjs <browser|browser-one|browser-fasttext|browser-one-fasttext|node|node-esm|node-require> <outdir>`: the README's esbuild
// recipes (the Node one verbatim, with an ESM or a require source, and with format "esm").
import * as esbuild from "esbuild";
import { wasmax } from "wasmax/esbuild";

const [target, outdir] = process.argv.slice(2);
const browser = { bundle: true, format: "esm", splitting: true, minify: true, outdir, plugins: [wasmax()] };
const node = { entryPoints: ["server.js"], bundle: true, platform: "node", outdir, plugins: [wasmax()] };
const options = {
  browser: { ...browser, entryPoints: ["main.js"] },
  "browser-one": { ...browser, entryPoints: ["one/main.js"] },
  "browser-fasttext": { ...browser, entryPoints: ["one-fasttext/main.js"] },
  "browser-one-fasttext": { ...browser, entryPoints: ["one-plus-fasttext/main.js"] },
  node,
  "node-esm": { ...node, format: "esm", outExtension: { ".js": ".mjs" } },
  "node-require": { ...node, entryPoints: ["server.cjs"] },
}[target];
await esbuild.build(options);
