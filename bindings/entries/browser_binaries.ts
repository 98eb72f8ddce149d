// Where browsers find the bundled binaries: fetched next to this file. Bundlers (Vite, webpack,
// Parcel, esbuild with a plugin) recognise `new URL("...", import.meta.url)` and emit the asset.

import type { BinaryLocator } from "../runtime/runtime.js";

export const browserBinaries: BinaryLocator = {
  simd: () => new URL("../wasm/simd.wasm", import.meta.url),
  scalar: () => new URL("../wasm/scalar.wasm", import.meta.url),
};
