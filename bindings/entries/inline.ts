// "wasmax/inline": both binaries embedded as base64 in the JS, for zero-configuration use where
// serving or locating a .wasm file is a nuisance. It compiles from bytes, so it cannot work where
// that is forbidden (Cloudflare Workers, Vercel Edge, a CSP without 'wasm-unsafe-eval'); there, use
// the main entry and pass a compiled module. It adds about 54 KB of JS (17 KB gzipped).

import simd from "../../wasm/simd.wasm";
import scalar from "../../wasm/scalar.wasm";
import { heldBinaries, setBinaryLocator } from "../runtime/runtime.js";

setBinaryLocator(heldBinaries(simd, scalar));

export * from "../api.js";
