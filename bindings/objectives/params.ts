// Moving parameter blocks between wasm memory and JS, and the few reductions solvers need over the
// groups of an Objective. Views are taken after any allocation (see runtime/heap.ts).

import type { Runtime } from "../runtime/runtime.js";
import type { Objective } from "./objective.js";

/** Copies out.length f32 values starting at byte offset `ptr` of wasm memory into `out`. */
export function readParams<T extends Float32Array | Float64Array>(rt: Runtime, ptr: number, out: T): T {
  out.set(rt.heap.f32.subarray(ptr >>> 2, (ptr >>> 2) + out.length));
  return out;
}

/** Writes `values` (rounded to f32) into the block at byte offset `ptr`. */
export function writeParams(rt: Runtime, ptr: number, values: Float32Array | Float64Array): void {
  rt.heap.f32.set(values, ptr >>> 2);
}

/** Σ θ² over the penalized groups, accumulated in f64. */
export function penalizedSquares(rt: Runtime, objective: Objective): number {
  const f32 = rt.heap.f32;
  const at = objective.params >>> 2;
  let s = 0;
  for (const g of objective.groups) {
    if (!g.penalized) continue;
    for (let i = g.start; i < g.end; i++) s += f32[at + i]! * f32[at + i]!;
  }
  return s;
}

/** True when every parameter is finite. */
export function paramsFinite(rt: Runtime, objective: Objective): boolean {
  const f32 = rt.heap.f32;
  const at = objective.params >>> 2;
  for (let i = 0; i < objective.paramCount; i++) if (!Number.isFinite(f32[at + i]!)) return false;
  return true;
}
