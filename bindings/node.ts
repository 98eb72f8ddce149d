// Entry point for Node (and Deno/Bun through the "node" condition): the bundled binaries are read
// from the package's wasm/ folder, so init() and initSync() need no argument.

import { readFileSync } from "node:fs";
import { setBinaryLocator } from "./runtime.js";

const file = (name: string): URL => new URL(`../wasm/${name}`, import.meta.url);

setBinaryLocator({
  simd: () => readFileSync(file("simd.wasm")),
  scalar: () => readFileSync(file("scalar.wasm")),
  simdSync: () => readFileSync(file("simd.wasm")),
  scalarSync: () => readFileSync(file("scalar.wasm")),
});

export * from "./api.js";
