// Where Node, Deno and Bun find the binaries with the fastText kernels ("wasmax/fasttext"): the
// package's wasm/ folder. Each URL is written out in full, so the bundler plugins find and emit it.

import { readFileSync } from "node:fs";
import type { BinaryLocator } from "../runtime/runtime.js";

const relaxed = (): Uint8Array => readFileSync(new URL("../wasm/fasttext-relaxed.wasm", import.meta.url));
const simd = (): Uint8Array => readFileSync(new URL("../wasm/fasttext-simd.wasm", import.meta.url));
const scalar = (): Uint8Array => readFileSync(new URL("../wasm/fasttext-scalar.wasm", import.meta.url));

export const fastTextNodeBinaries: BinaryLocator = {
  relaxed,
  simd,
  scalar,
  relaxedThreads: () => readFileSync(new URL("../wasm/fasttext-relaxed-threads.wasm", import.meta.url)),
  simdThreads: () => readFileSync(new URL("../wasm/fasttext-simd-threads.wasm", import.meta.url)),
  relaxedSync: relaxed,
  simdSync: simd,
  scalarSync: scalar,
};
