// Where browsers find the bundled binaries: fetched next to this file. Bundlers (Vite, webpack,
// Parcel, esbuild with a plugin) recognise `new URL("...", import.meta.url)` and emit the asset.
// A browser fetches one of them: relaxed where it has relaxed SIMD, else simd, else scalar.

import type { BinaryLocator } from "../runtime/runtime.js";

export const browserBinaries: BinaryLocator = {
  relaxed: () => new URL("../wasm/relaxed.wasm", import.meta.url),
  simd: () => new URL("../wasm/simd.wasm", import.meta.url),
  scalar: () => new URL("../wasm/scalar.wasm", import.meta.url),
  relaxedThreads: () => new URL("../wasm/relaxed-threads.wasm", import.meta.url),
  simdThreads: () => new URL("../wasm/simd-threads.wasm", import.meta.url),
};
