// Where Node, Deno and Bun find the bundled binaries: the package's wasm/ folder, read from disk.

import { readFileSync } from "node:fs";
import type { BinaryLocator } from "../runtime/runtime.js";

const file = (name: string): URL => new URL(`../wasm/${name}`, import.meta.url);

export const nodeBinaries: BinaryLocator = {
  relaxed: () => readFileSync(file("relaxed.wasm")),
  simd: () => readFileSync(file("simd.wasm")),
  scalar: () => readFileSync(file("scalar.wasm")),
  relaxedThreads: () => readFileSync(file("relaxed-threads.wasm")),
  simdThreads: () => readFileSync(file("simd-threads.wasm")),
  relaxedSync: () => readFileSync(file("relaxed.wasm")),
  simdSync: () => readFileSync(file("simd.wasm")),
  scalarSync: () => readFileSync(file("scalar.wasm")),
};
