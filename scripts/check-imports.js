// Usage: node scripts/check-imports.js [dir]   (dir defaults to bindings/)
// Fails when a bindings/ folder imports one it should not, or when imports form a cycle. Run before
// the tests (npm test). The table is ../shared/ARCHITECTURE.md's layering, as this project uses it:
//   core      pure JS helpers, no wasm          runtime, features   may use core
//   data      may use core, features            ops, objectives     may use core, runtime
//   fasttext  the .bin/.ftz format: core, features (pure JS, never models: models import it)
//   solvers   + objectives                      models    + ops, objectives, solvers, data, features, fasttext
//   worker    + models (not ops)                pipeline  core, data, features, models, worker
//   onnx      core and the public api.ts only (the "wasmax/onnx" build imports "wasmax" for it)
//   plot      nothing: pure JS SVG charts, no wasm (the "wasmax/plot" entry)
//   cli       api.ts and fasttext_api.ts (""), core, data, the formats (onnx, fasttext) and plot: never entries/
//             (the proof that the API is enough)
//   api.ts, fasttext_api.ts and entries/ may use anything.
// `import type` counts: a type-only cycle still ties the files together for a reader.
// Also fails when code in cli/, onnx/ or worker/ names a registered model class: they find models
// through the registry (models/registry.ts's MODELS), so a new model is its file plus one line there.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "../bindings"));
const ALLOWED = {
  core: [],
  runtime: ["core"],
  data: ["core", "features"],
  features: ["core"],
  fasttext: ["core", "features"],
  ops: ["core", "runtime"],
  objectives: ["core", "runtime"],
  solvers: ["core", "runtime", "objectives"],
  models: ["core", "runtime", "ops", "objectives", "solvers", "data", "features", "fasttext"],
  worker: ["core", "runtime", "data", "objectives", "solvers", "models"],
  pipeline: ["core", "data", "features", "models", "worker"],
  onnx: ["core", ""], // "": bindings/api.ts
  cli: ["", "core", "data", "onnx", "fasttext", "plot"],
  plot: [],
  entries: [
    "",
    "core",
    "runtime",
    "data",
    "ops",
    "objectives",
    "solvers",
    "models",
    "worker",
    "onnx",
    "cli",
    "features",
    "fasttext",
    "pipeline",
    "plot",
  ],
};
/** Folders that reach models only through the registry. */
const REGISTRY_ONLY = ["cli", "onnx", "worker"];

const files = readdirSync(root, { recursive: true })
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => join(root, f));
const folderOf = (file) => relative(root, file).split("/").slice(0, -1)[0] ?? "";
const problems = [];
const graph = new Map();

for (const file of files) {
  const text = readFileSync(file, "utf8");
  const targets = [];
  for (const [, spec] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"';]*?from\s+"([^"]+)"/g)) {
    if (!spec.startsWith(".")) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
    if (target.endsWith(".wasm")) continue;
    targets.push(target);
    const from = folderOf(file);
    const to = folderOf(target);
    if (from in ALLOWED && to !== from && !ALLOWED[from].includes(to)) {
      problems.push(
        `${relative(root, file)} imports ${relative(root, target)}: ${from}/ may import ${ALLOWED[from].join(", ") || "nothing else"}`,
      );
    }
  }
  graph.set(file, targets);
}

// Model class names, from the registry's list; code lines (comments aside) of REGISTRY_ONLY must not use them.
const registryFile = join(root, "models/registry.ts");
const registry = files.includes(registryFile) ? readFileSync(registryFile, "utf8") : "";
const listed = /export const MODELS = \[([^\]]*)\]/.exec(registry);
if (registry && !listed) problems.push("models/registry.ts: no `export const MODELS = [...]` line to read the model classes from");
const classNames = (listed?.[1] ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
for (const file of files.filter((f) => REGISTRY_ONLY.includes(folderOf(f)))) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const code = line
        .replace(/\/\/.*$/, "")
        .replace(/^\s*\*.*$/, "")
        .replace(/\/\*\*.*$/, "");
      for (const name of classNames) {
        if (new RegExp(`\\b${name}\\b`).test(code)) {
          problems.push(`${relative(root, file)}:${i + 1} names ${name}: ${folderOf(file)}/ finds models through models/registry.ts`);
        }
      }
    });
}

// Depth-first search for cycles; each is reported once, from its first file in path order.
const state = new Map();
const stack = [];
function visit(file) {
  state.set(file, "open");
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === "open") {
      const cycle = stack
        .slice(stack.indexOf(next))
        .concat(next)
        .map((f) => relative(root, f));
      problems.push(`import cycle: ${cycle.join(" → ")}`);
    } else if (!state.has(next)) {
      visit(next);
    }
  }
  stack.pop();
  state.set(file, "done");
}
for (const file of files.sort()) if (!state.has(file)) visit(file);

if (problems.length) {
  console.error(`bindings/ layering: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`bindings/ layering: ${files.length} files, no forbidden import, no cycle`);
