// Usage: node scripts/fma-probe.mjs   (also: deno run --allow-read, bun)
// Says whether this engine fuses f32x4.relaxed_madd in wasm/relaxed.wasm: linear() of x = [−1, u],
// w = [1, u] with u = 1 + 2⁻¹² gives −1 + u² = 2⁻¹¹ + 2⁻²⁴ with one rounding (fused) and 2⁻¹¹ with
// two (u² rounds to 1 + 2⁻¹¹ first). Needs `npm run build:wasm` first.

import { readFileSync } from "node:fs";

const { instance } = await WebAssembly.instantiate(readFileSync(new URL("../wasm/relaxed.wasm", import.meta.url)), {});
const e = instance.exports;
const base = (e.heapBase() + 15) & ~15;
const f32 = new Float32Array(e.memory.buffer);
const u = 1 + 2 ** -12;
f32.set([-1, 0, 0, 0, u, 0, 0, 0], base / 4);
f32.set([1, 0, 0, 0, u, 0, 0, 0], base / 4 + 16);
e.linear(base, base + 64, 0, base + 128, 1, 8, 1);
const got = f32[base / 4 + 32];
console.log(got === 2 ** -11 + 2 ** -24 ? "fused" : got === 2 ** -11 ? "unfused" : `neither: ${got}`);
