// The product quantizer's nearest-centroid search (fasttext/product_quantizer.ts's CentroidSearch) in
// wasm: the points are copied into one heap block, and each search copies the 256 centroids in, runs
// ftNearestCentroids (assembly/fasttext_pq.ts: native's f32 distances, the first least) and copies
// the codes out.

import type { Runtime } from "../runtime/runtime.js";
import { fastTextKernels } from "../runtime/abi.js";
import { allocRegions } from "../runtime/layout.js";
import type { CentroidSearch, LoadedPoints } from "../fasttext/product_quantizer.js";

const KSUB = 256;

/** A CentroidSearch that runs in `rt`'s wasm memory (which must have the fastText kernels). */
export function wasmCentroidSearch(rt: Runtime): CentroidSearch {
  const E = fastTextKernels(rt.exports);
  return {
    load(points: Float32Array, n: number, stride: number): LoadedPoints {
      const [block, codes] = allocRegions(rt.heap, [points.byteLength, n] as const);
      rt.heap.f32.set(points, block >>> 2);
      let ended = false;
      return {
        nearest(at: number, d: number, centroids: Float32Array, out: Uint8Array): void {
          const [search, scratch] = allocRegions(rt.heap, [KSUB * d * 4, KSUB * d * 4] as const);
          try {
            rt.heap.f32.set(centroids.subarray(0, KSUB * d), search >>> 2);
            E.ftNearestCentroids(block + at * 4, stride, n, d, search, scratch, codes);
            out.set(new Uint8Array(rt.heap.memory.buffer, codes, n));
          } finally {
            rt.heap.release(search);
          }
        },
        end(): void {
          if (ended) return;
          ended = true;
          rt.heap.release(block);
        },
      };
    },
  };
}
