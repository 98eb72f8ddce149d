// log(x) in f64 without a lookup table: musl's log.c (fdlibm's e_log.c, Sun Microsystems 1993,
// "Permission to use, copy, modify, and distribute this software is freely granted, provided that
// this notice is preserved"), as AssemblyScript's own NativeMath.log compiles at shrink level >= 1.
// At our shrink level 0, Math.log picks the table-driven log_lut instead, whose two f64 tables
// (4 KB of near-random bits) were 3.9 of each binary's 13.5 KB gzipped, for one log per row.
//
// Numerics: x = 2^k·(1 + f) with 1 + f in [√2/2, √2); log(1 + f) = f − f²/2 + s(f²/2 + R(z)),
// s = f/(2 + f), R a degree-7 polynomial in z = s² (|error| < 2^-58.45); error < 1 ulp. Callers pass
// a row's Σ exp(x − max), which is >= 1 or NaN; zero, negative, subnormal, infinite and NaN inputs
// still give musl's −Infinity, NaN, exact, +Infinity and NaN.

export function logF64(x: f64): f64 {
  const ln2Hi = reinterpret<f64>(0x3fe62e42fee00000); // 6.93147180369123816490e-01
  const ln2Lo = reinterpret<f64>(0x3dea39ef35793c76); // 1.90821492927058770002e-10
  const Lg1 = reinterpret<f64>(0x3fe5555555555593); // 6.666666666666735130e-01
  const Lg2 = reinterpret<f64>(0x3fd999999997fa04); // 3.999999999940941908e-01
  const Lg3 = reinterpret<f64>(0x3fd2492494229359); // 2.857142874366239149e-01
  const Lg4 = reinterpret<f64>(0x3fcc71c51d8e78af); // 2.222219843214978396e-01
  const Lg5 = reinterpret<f64>(0x3fc7466496cb03de); // 1.818357216161805012e-01
  const Lg6 = reinterpret<f64>(0x3fc39a09d078c69f); // 1.531383769920937332e-01
  const Lg7 = reinterpret<f64>(0x3fc2f112df3e5244); // 1.479819860511658591e-01
  const twoTo54 = reinterpret<f64>(0x4350000000000000); // 2^54, scales subnormals up
  let u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32);
  let k = 0;
  if (hx >> 31 || hx < 0x00100000) {
    if (u << 1 == 0) return -1 / (x * x); // ±0: −Infinity
    if (hx >> 31) return (x - x) / 0.0; // negative: NaN
    k -= 54;
    x *= twoTo54;
    u = reinterpret<u64>(x);
    hx = <u32>(u >> 32);
  } else if (hx >= 0x7ff00000) {
    return x; // +Infinity or NaN
  } else if (hx == 0x3ff00000 && u << 32 == 0) {
    return 0;
  }
  // Reduce x into [√2/2, √2).
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (<i32>hx >> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  x = reinterpret<f64>((<u64>hx << 32) | (u & 0xffffffff));
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const dk = <f64>k;
  return s * (hfsq + t2 + t1) + dk * ln2Lo - hfsq + f + dk * ln2Hi;
}
