// Sums of per-thread partial gradients. The bindings add each worker's block into the calling
// thread's in a fixed thread order, so a threaded run is bit-reproducible for its thread count.

/** dst[i] += src[i] for n f32. */
export function addInto(dst: usize, src: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}
