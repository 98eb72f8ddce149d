// scripts/check-imports.js itself: it must catch a forbidden import and a cycle, and pass bindings/.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../scripts/check-imports.js", import.meta.url));
const Check = suite("scripts/check-imports.js");

function check(tree) {
  const dir = mkdtempSync(join(tmpdir(), "wasmax-imports-"));
  try {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

Check("bindings/ passes", () => {
  const result = spawnSync(process.execPath, [script], { encoding: "utf8" });
  assert.is(result.status, 0, result.stderr);
});

Check("data/ importing runtime/ and a solver importing a model are refused", () => {
  const result = check({
    "runtime/heap.ts": "export const heap = 1;\n",
    "data/metrics.ts": 'import { heap } from "../runtime/heap.js";\nexport const m = heap;\n',
    "models/m.ts": "export const model = 1;\n",
    "solvers/s.ts": 'import type { model } from "../models/m.js";\nexport type S = typeof model;\n',
  });
  assert.is(result.status, 1);
  assert.match(result.stderr, /data\/metrics\.ts imports runtime\/heap\.ts/);
  assert.match(result.stderr, /solvers\/s\.ts imports models\/m\.ts/);
});

Check("a cycle is refused, naming its files", () => {
  const result = check({
    "models/a.ts": 'import { b } from "./b.js";\nexport const a = b;\n',
    "models/b.ts": 'export { a as b } from "./a.js";\n',
  });
  assert.is(result.status, 1);
  assert.match(result.stderr, /import cycle: models\/a\.ts → models\/b\.ts → models\/a\.ts/);
});

Check.run();
