// Entry point for Node (and Deno/Bun through the "node" condition): the bundled binaries are read
// from the package's wasm/ folder, so init() and initSync() need no argument.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setBinaryLocator } from "./runtime.js";
import { setFileReader } from "./csv.js";

const file = (name: string): URL => new URL(`../wasm/${name}`, import.meta.url);

setBinaryLocator({
  simd: () => readFileSync(file("simd.wasm")),
  scalar: () => readFileSync(file("scalar.wasm")),
  simdSync: () => readFileSync(file("simd.wasm")),
  scalarSync: () => readFileSync(file("scalar.wasm")),
});

setFileReader((path) => readFile(path, "utf8"));

export * from "./api.js";
