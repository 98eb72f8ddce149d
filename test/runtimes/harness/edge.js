// Vercel Edge (edge-runtime): bundled like Vercel bundles an edge function; the compiled modules
// come from outside, as `import wasm from "wasmax/wasm/simd.wasm?module"` would give them.

import * as wasmax from "wasmax";
import { probe } from "./probe.js";

globalThis.runProbe = (iris, modules) => probe(wasmax, iris, modules);
