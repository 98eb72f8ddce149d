// The "no library" baseline: numerically stable Float32Array loops in plain JS, the same arithmetic
// as the wasm kernels (row max, exp(x − max), sum; class-major weights).

export function softmax(x, y, rows, K) {
  for (let r = 0, o = 0; r < rows; r++, o += K) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (x[o + k] > max) max = x[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += y[o + k] = Math.exp(x[o + k] - max);
    const inv = 1 / sum;
    for (let k = 0; k < K; k++) y[o + k] *= inv;
  }
}

export function logSoftmax(x, y, rows, K) {
  for (let r = 0, o = 0; r < rows; r++, o += K) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (x[o + k] > max) max = x[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(x[o + k] - max);
    const lse = max + Math.log(sum);
    for (let k = 0; k < K; k++) y[o + k] = x[o + k] - lse;
  }
}

/** Mean cross-entropy over rows; writes d loss / d logits into g. */
export function softmaxCrossEntropy(x, labels, g, rows, K) {
  let total = 0;
  for (let r = 0, o = 0; r < rows; r++, o += K) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (x[o + k] > max) max = x[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += g[o + k] = Math.exp(x[o + k] - max);
    const y = labels[r];
    total += max + Math.log(sum) - x[o + y];
    const scale = 1 / (sum * rows);
    for (let k = 0; k < K; k++) g[o + k] *= scale;
    g[o + y] -= 1 / rows;
  }
  return total / rows;
}

export function linear(x, w, b, y, B, D, K) {
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += x[i * D + d] * w[k * D + d];
      y[i * K + k] = s + b[k];
    }
  }
}

export function linearWeightGrad(g, x, dw, B, D, K) {
  dw.fill(0);
  for (let i = 0; i < B; i++) {
    for (let k = 0; k < K; k++) {
      const gik = g[i * K + k];
      for (let d = 0; d < D; d++) dw[k * D + d] += gik * x[i * D + d];
    }
  }
}
