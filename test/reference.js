// Plain float64 references for every kernel, written for clarity, not speed; and the comparison
// helpers that name the failing index.

/** The non-finite contract: NaN or +Infinity anywhere, or no finite/−∞ max, makes the row NaN. */
function rowIsUndefined(row) {
  let max = -Infinity;
  for (const v of row) {
    if (Number.isNaN(v) || v === Infinity) return true;
    if (v > max) max = v;
  }
  return max === -Infinity;
}

export function softmax64(x, K) {
  return logSoftmax64(x, K).map(Math.exp);
}

/**
 * |p_i| · |x_i − max| per element: an f32 kernel rounds the shifted logit x − max to f32, which moves
 * p by up to 2^-24 · |x − max| relative. Zero for rows outside the finite contract.
 */
export function shiftRounding(x, K) {
  const p = softmax64(x, K);
  const out = new Float64Array(x.length);
  for (let r = 0; r * K < x.length; r++) {
    const row = x.subarray(r * K, r * K + K);
    const max = Math.max(...row);
    row.forEach((v, k) => {
      const i = r * K + k;
      out[i] = Number.isFinite(p[i]) && Number.isFinite(v - max) ? Math.abs(p[i] * (v - max)) : 0;
    });
  }
  return out;
}

export function logSoftmax64(x, K) {
  const out = new Float64Array(x.length);
  for (let r = 0; r * K < x.length; r++) {
    const row = Array.from(x.subarray(r * K, r * K + K));
    if (rowIsUndefined(row)) {
      out.fill(NaN, r * K, r * K + K);
      continue;
    }
    const max = Math.max(...row);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const lse = max + Math.log(sum);
    row.forEach((v, k) => (out[r * K + k] = v - lse));
  }
  return out;
}

/**
 * Cross-entropy per row: w_i Σ_k c_k q_k (lse − z_k); gradient w_i (p_k A − c_k q_k) times scale.
 * Also returns `size`, the magnitude of the terms behind each gradient element (for tolerances).
 */
export function crossEntropy64(
  z,
  labels,
  K,
  { classWeight: classWeights, sampleWeight: sampleWeights, labelSmoothing = 0, gradScale = 1 } = {},
) {
  const N = labels.length;
  const losses = new Float64Array(N);
  const grad = new Float64Array(N * K);
  const size = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    const row = Array.from(z.subarray(i * K, i * K + K)).map(Number);
    const max = Math.max(...row);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const lse = max + Math.log(sum);
    const w = sampleWeights ? sampleWeights[i] : 1;
    let loss = 0;
    let A = 0;
    const a = row.map((_, k) => {
      const q = (k === labels[i] ? 1 - labelSmoothing : 0) + labelSmoothing / K;
      return (classWeights ? classWeights[k] : 1) * q;
    });
    row.forEach((v, k) => {
      if (a[k] !== 0) loss += a[k] * (lse - v);
      A += a[k];
    });
    losses[i] = w * loss;
    row.forEach((v, k) => {
      const p = Math.exp(v - lse);
      grad[i * K + k] = w * gradScale * (p * A - a[k]);
      size[i * K + k] = Math.abs(w * gradScale) * (p * A + a[k]);
    });
  }
  return { losses, grad, size };
}

export function linear64(x, w, b, B, D, K) {
  const y = new Float64Array(B * K);
  const size = new Float64Array(B * K);
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < K; k++) {
      let s = b ? b[k] : 0;
      let m = Math.abs(s);
      for (let d = 0; d < D; d++) {
        s += x[i * D + d] * w[k * D + d];
        m += Math.abs(x[i * D + d] * w[k * D + d]);
      }
      y[i * K + k] = s;
      size[i * K + k] = m;
    }
  }
  return { y, size };
}

export function linearBackward64(g, x, B, D, K) {
  const dw = new Float64Array(K * D);
  const dwSize = new Float64Array(K * D);
  const db = new Float64Array(K);
  const dbSize = new Float64Array(K);
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < K; k++) {
      const gik = g[i * K + k];
      db[k] += gik;
      dbSize[k] += Math.abs(gik);
      for (let d = 0; d < D; d++) {
        dw[k * D + d] += gik * x[i * D + d];
        dwSize[k * D + d] += Math.abs(gik * x[i * D + d]);
      }
    }
  }
  return { dw, dwSize, db, dbSize };
}

/**
 * Element-wise check: NaN must match NaN, infinities must match exactly, and finite values must
 * satisfy |got − want| <= atol + rtol·|want| (+ sizeTol·size[i] when `size` is given). The first
 * failing index is reported as row/column when `cols` is given. Returns the largest error as a
 * fraction of its tolerance (<= 1 when the check passes).
 */
export function assertClose(got, want, { rtol = 0, atol = 0, size, sizeTol = 0, cols, what = "value" } = {}) {
  if (got.length !== want.length) throw new Error(`${what}: length ${got.length}, expected ${want.length}`);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    // The f32 rounding of the reference is the best answer there is when it leaves f32's range.
    const w = Math.abs(want[i]) > 3.4028234663852886e38 ? Math.fround(want[i]) : want[i];
    const where = cols ? `[row ${Math.floor(i / cols)}, col ${i % cols}]` : `[${i}]`;
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      if (!Object.is(g, w) && !(Number.isNaN(w) && Number.isNaN(g))) {
        throw new Error(`${what}${where}: got ${g}, expected ${w}`);
      }
      continue;
    }
    const tol = atol + rtol * Math.abs(w) + (size ? sizeTol * size[i] : 0);
    const err = Math.abs(g - w);
    if (!(err <= tol)) {
      throw new Error(`${what}${where}: got ${g}, expected ${w} (error ${err.toExponential(3)} > tolerance ${tol.toExponential(3)})`);
    }
    worst = Math.max(worst, tol > 0 ? err / tol : err > 0 ? Infinity : 0);
  }
  return worst;
}

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
export function rng(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** A Float32Array of n values from `make(i)`. */
export function f32(n, make) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = make(i);
  return out;
}

/** Bit-for-bit equality of two numeric arrays, naming the first index that differs. */
export function assertSame(got, want, what = "value") {
  if (got.length !== want.length) throw new Error(`${what}: length ${got.length}, expected ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${what}[${i}]: got ${got[i]}, expected ${want[i]}`);
  }
}

/** Float64 activations (scikit-learn's four) and their slopes in terms of the outputs. */
export const ACTIVATIONS = {
  identity: { kind: 0, f: (v) => v, slope: () => 1 },
  relu: { kind: 1, f: (v) => Math.max(v, 0), slope: (y) => (y > 0 ? 1 : 0) },
  tanh: { kind: 2, f: Math.tanh, slope: (y) => 1 - y * y },
  logistic: { kind: 3, f: (v) => 1 / (1 + Math.exp(-v)), slope: (y) => y * (1 - y) },
};

/** Float64 binary cross-entropy with logits (PyTorch's BCEWithLogitsLoss, pos_weight) and its gradient. */
export function sigmoidCrossEntropy64(x, z, K, { posWeight, sampleWeight, gradScale = 1 } = {}) {
  const N = x.length / K;
  const losses = new Float64Array(N);
  const grad = new Float64Array(x.length);
  for (let i = 0; i < N; i++) {
    const w = sampleWeight ? sampleWeight[i] : 1;
    for (let k = 0; k < K; k++) {
      const v = x[i * K + k];
      const t = z[i * K + k];
      const p = posWeight ? posWeight[k] : 1;
      const softplusNeg = Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v))); // −log σ(v)
      const softplusPos = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))); // −log(1 − σ(v))
      losses[i] += w * (p * t * softplusNeg + (1 - t) * softplusPos);
      const s = 1 / (1 + Math.exp(-v));
      grad[i * K + k] = gradScale * w * (s * (1 + (p - 1) * t) - p * t);
    }
  }
  return { losses, grad };
}

/**
 * Float64 MLP (test/objectives/mlp.test.js): params laid out as wasmax's (per layer W out × in,
 * then b), softmax cross-entropy over class labels. Returns Σ row losses.
 */
export function mlpLoss64(theta, X, labels, widths, activation) {
  const f = ACTIVATIONS[activation].f;
  const N = labels.length;
  let at = 0;
  let a = X;
  for (let l = 0; l + 1 < widths.length; l++) {
    const [inW, outW] = [widths[l], widths[l + 1]];
    const W = theta.subarray(at, at + inW * outW);
    const b = theta.subarray(at + inW * outW, at + inW * outW + outW);
    at += inW * outW + outW;
    const z = new Float64Array(N * outW);
    for (let i = 0; i < N; i++)
      for (let o = 0; o < outW; o++) {
        let s = b[o];
        for (let d = 0; d < inW; d++) s += a[i * inW + d] * W[o * inW + d];
        z[i * outW + o] = l + 2 < widths.length ? f(s) : s;
      }
    a = z;
  }
  const K = widths[widths.length - 1];
  return crossEntropy64(a, labels, K).losses.reduce((s, v) => s + v, 0);
}
