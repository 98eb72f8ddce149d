// Facts about this binary that the bindings read when they load it.

/** The instructions this binary uses: 0 scalar, 1 SIMD128, 2 SIMD128 and relaxed SIMD (fused multiply-add). */
export function simd(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 2 : ASC_FEATURE_SIMD ? 1 : 0;
}

/** First byte after the module's static data: the bindings' heap starts here (rounded up). */
export function heapBase(): usize {
  return __heap_base;
}
