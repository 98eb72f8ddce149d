// Entry point for Cloudflare Workers and workerd (the "workerd" export condition). Workers refuse to
// compile wasm from bytes, but a `.wasm` import arrives compiled, so the binaries are imported here
// and init() needs no argument. initSync() works too: instantiating a compiled module is allowed.

// The paths are relative to dist/workerd.js: the build keeps these imports as they are written.
import simd from "../wasm/simd.wasm";
import scalar from "../wasm/scalar.wasm";
import { heldBinaries, setBinaryLocator } from "../runtime/runtime.js";

setBinaryLocator(heldBinaries(simd, scalar));

export * from "../api.js";
