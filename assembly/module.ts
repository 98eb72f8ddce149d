// Facts about this binary that the bindings read when they load it.

/** 1 when this binary uses SIMD instructions, 0 for the scalar build. */
export function simd(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

/** First byte after the module's static data: the bindings' heap starts here (rounded up). */
export function heapBase(): usize {
  return __heap_base;
}
