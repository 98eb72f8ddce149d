// Entry point for browsers and bundlers: the binaries are fetched next to this file
// (`new URL(..., import.meta.url)`, which bundlers rewrite to the emitted asset). initSync() needs
// the bytes or a compiled module passed in.

import { setBinaryLocator } from "./runtime.js";

setBinaryLocator({
  simd: () => new URL("../wasm/simd.wasm", import.meta.url),
  scalar: () => new URL("../wasm/scalar.wasm", import.meta.url),
});

export * from "./api.js";
