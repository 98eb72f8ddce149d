// Where browsers find the binaries with the fastText kernels ("wasmax/fasttext"): fetched next to
// this file, as browser_binaries.ts's, which bundlers recognise and emit the same way.

import type { BinaryLocator } from "../runtime/runtime.js";

export const fastTextBrowserBinaries: BinaryLocator = {
  relaxed: () => new URL("../wasm/fasttext-relaxed.wasm", import.meta.url),
  simd: () => new URL("../wasm/fasttext-simd.wasm", import.meta.url),
  scalar: () => new URL("../wasm/fasttext-scalar.wasm", import.meta.url),
  relaxedThreads: () => new URL("../wasm/fasttext-relaxed-threads.wasm", import.meta.url),
  simdThreads: () => new URL("../wasm/fasttext-simd-threads.wasm", import.meta.url),
};
