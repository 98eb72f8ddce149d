// `node esbuild.mjs <browser|node> <outdir>`: the README's esbuild recipe.
import * as esbuild from "esbuild";
import { wasmax } from "wasmax/esbuild";

const [target, outdir] = process.argv.slice(2);
await esbuild.build(
  target === "browser"
    ? { entryPoints: ["main.js"], bundle: true, format: "esm", minify: true, outdir, plugins: [wasmax()] }
    : { entryPoints: ["node.js"], bundle: true, platform: "node", minify: true, outdir, plugins: [wasmax()] },
);
