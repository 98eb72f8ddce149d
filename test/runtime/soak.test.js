// Soak: a bounded number of mixed valid and invalid calls, with fitted models dropped without
// dispose(); after garbage collection, wasm memory in use is back at its baseline (the
// FinalizationRegistry frees what users forget). Runs in a child process started with --expose-gc,
// on the build the suite runs on.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BACKEND } from "../setup.js";

const Soak = suite("soak");
const testing = new URL("../../build/testing.js", import.meta.url).href;

const script = `
import * as w from ${JSON.stringify(testing)};
await w.init(undefined, { simd: ${BACKEND === "simd"} });
console.warn = () => {};
const base = w.memoryStats().allocatedBytes;
const X = Array.from({ length: 60 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 3) - 1, i / 60]);
const classes = X.map((_, i) => ["a", "b", "c"][i % 3]);
const targets = (M) => (M.modelName === "MultiLabelLogisticRegression" ? classes.map((c, i) => (i % 2 ? [c] : [c, "d"])) : classes);
const models = w.MODELS;
let failures = 0;
function once(round) {
  const M = models[round % models.length];
  const solver = ["lbfgs", "sgd", "adam"][round % 3];
  try {
    const y = targets(M);
    const model = new M({ solver, maxIter: 3, randomState: round });
    model.fit(X, y);
    model.predictProba(X);
    if (round % 7 === 0) model.fit(X, y.slice(1)); // fails, leaves the model as it was
    if (round % 5 === 0) model.dispose();           // the others are simply dropped
  } catch { failures++; }
  try { w.softmax([[1, "x"]]); } catch { failures++; }
  w.softmaxCrossEntropy(Float32Array.from({ length: 30 }, Math.random), Int32Array.from({ length: 3 }), 10);
  try { M.fromJSON({ format: M.format, classes: [1] }); } catch { failures++; }
}
// One function call per round, so no model stays reachable from this module's scope.
for (let round = 0; round < 300; round++) once(round);
for (let i = 0; i < 20 && w.memoryStats().allocatedBytes !== base; i++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ base, now: w.memoryStats().allocatedBytes, failures }));
`;

Soak("300 rounds of mixed calls with undisposed models: memory returns to baseline after GC", () => {
  const result = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    encoding: "utf8",
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
  });
  assert.is(result.status, 0, result.stderr);
  const { base, now, failures } = JSON.parse(result.stdout.trim().split("\n").pop());
  assert.is(failures, 300 + 300 + Math.ceil(300 / 7), "every invalid call failed");
  assert.is(now, base, "wasm memory in use after GC");
});

Soak.run();
