// Independent sigmoids and the fused sigmoid binary cross-entropy with logits (multi-label outputs).

import { copyOut, copyRows, toMatrix, toOutput, toVector, type MatrixInput } from "../core/input.js";
import { checkOptions } from "../core/checks.js";
import { after, regionBytes } from "../runtime/layout.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";
import type { Reduction } from "./cross_entropy.js";

/** Element-wise σ(x) = 1 / (1 + e^−x) of a rows × labels matrix (same input forms as softmax). */
export function sigmoid(logits: MatrixInput, labels?: number, out?: Float32Array): Float32Array {
  const rt = ready();
  const m = toMatrix("logits", logits, labels, "labels");
  const result = toOutput("out", out, m.rows * m.cols, "logits", logits);
  const chunk = rowsPerChunk(m.cols * 4);
  try {
    const ptr = acquire(rt, Math.min(chunk, m.rows) * m.cols * 4);
    for (let from = 0; from < m.rows; from += chunk) {
      const to = Math.min(from + chunk, m.rows);
      copyRows(m, from, to, rt.heap.f32, ptr >>> 2);
      rt.exports.sigmoid(ptr, ptr, (to - from) * m.cols);
      copyOut(rt.heap.f32, ptr >>> 2, (to - from) * m.cols, result, from * m.cols);
    }
  } finally {
    settle(rt);
  }
  return result;
}

/** Options of {@link sigmoidCrossEntropy}. */
export interface SigmoidCrossEntropyOptions {
  /** One weight per label for its positive targets (PyTorch's pos_weight): > 1 raises recall. @default undefined (all 1) */
  posWeight?: Float32Array | Float64Array | readonly number[];
  /** One weight per row. @default undefined (all 1) */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /**
   * 'mean': Σ losses / (rows × labels), as PyTorch; 'sum'; 'none': each row's loss (Σ over its labels).
   * @default "mean"
   */
  reduction?: Reduction;
  /** false skips the gradient. @default true */
  grad?: boolean;
  /** Where to write the gradient (rows × labels), instead of a new array; may be `logits` itself. @default undefined */
  out?: Float32Array;
}

const OPTIONS = ["posWeight", "sampleWeight", "reduction", "grad", "out"];

/**
 * Binary cross-entropy of independent sigmoids against `targets` (rows × labels, each in [0, 1]:
 * 0/1 for label sets, or probabilities), from the logits, with its gradient σ(x) − z (scaled like
 * the loss, and by posWeight and sampleWeight) in the same pass. Stable for any logit:
 * −log σ(1.5) = 0.201413 and −log σ(20) = 2.06e-9.
 */
export function sigmoidCrossEntropy(
  logits: MatrixInput,
  targets: MatrixInput,
  labels?: number,
  options?: SigmoidCrossEntropyOptions,
): {
  /** The reduced loss, or a Float32Array of row losses for reduction 'none'. */
  loss: number | Float32Array;
  /** d loss / d logits (rows × labels), scaled like the loss; null when options.grad is false. */
  grad: Float32Array | null;
} {
  const o = checkOptions("sigmoidCrossEntropy options", options, OPTIONS);
  const rt = ready();
  const m = toMatrix("logits", logits, labels, "labels");
  const t = toMatrix("targets", targets, m.cols, "labels");
  if (t.rows !== m.rows || t.cols !== m.cols) throw new RangeError(`targets is ${t.rows} × ${t.cols}, logits ${m.rows} × ${m.cols}`);
  checkTargets(t);
  const { reduction = "mean", grad: wantGrad = true } = o;
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new RangeError(`options.reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`);
  }
  if (typeof wantGrad !== "boolean") throw new TypeError(`options.grad must be a boolean, got ${typeof wantGrad}`);
  const K = m.cols;
  const N = m.rows;
  const pw = o.posWeight === undefined ? null : toVector("options.posWeight", o.posWeight, K, "one per label");
  const sw = o.sampleWeight === undefined ? null : toVector("options.sampleWeight", o.sampleWeight, N, "one per row");
  if (reduction === "mean" && N === 0) throw new RangeError("logits has no rows: a 'mean' loss is undefined (use 'sum')");
  const gradScale = reduction === "mean" ? 1 / (N * K) : 1;
  const rowLosses = reduction === "none" ? new Float32Array(N) : null;
  const grad = wantGrad ? toOutput("options.out", o.out, N * K, "logits", logits) : null;
  const chunk = rowsPerChunk(K * 8 + 8);
  const rows = Math.min(chunk, N);
  try {
    const pwAt = acquire(rt, regionBytes(K * 4) + 2 * regionBytes(rows * K * 4) + 2 * regionBytes(rows * 4));
    const xAt = after(pwAt, K * 4);
    const zAt = after(xAt, rows * K * 4);
    const swAt = after(zAt, rows * K * 4);
    const lossAt = after(swAt, rows * 4);
    if (pw) rt.heap.f32.set(pw, pwAt >>> 2);
    let total = 0;
    for (let from = 0; from < N; from += chunk) {
      const to = Math.min(from + chunk, N);
      const n = to - from;
      const f32 = rt.heap.f32;
      copyRows(m, from, to, f32, xAt >>> 2);
      copyRows(t, from, to, f32, zAt >>> 2);
      if (sw) copyOut(sw, from, n, f32, swAt >>> 2);
      total += rt.exports.sigmoidCrossEntropy(
        xAt,
        zAt,
        n,
        K,
        pw ? pwAt : 0,
        sw ? swAt : 0,
        gradScale,
        rowLosses ? lossAt : 0,
        grad ? xAt : 0,
      );
      if (rowLosses) copyOut(f32, lossAt >>> 2, n, rowLosses, from);
      if (grad) copyOut(f32, xAt >>> 2, n * K, grad, from * K);
    }
    return { loss: rowLosses ?? (reduction === "mean" ? total / (N * K) : total), grad };
  } finally {
    settle(rt);
  }
}

/** Targets must lie in [0, 1]; the error names the cell. One tight loop per input kind. */
function checkTargets(t: ReturnType<typeof toMatrix>): void {
  const { data, cols } = t;
  const fail = (i: number, j: number, v: number): never => {
    throw new RangeError(`targets[${i}][${j}] is ${v}: targets must be in [0, 1]`);
  };
  if (ArrayBuffer.isView(data)) {
    const a = data as Float32Array;
    for (let i = 0; i < a.length; i++) if (!(a[i]! >= 0 && a[i]! <= 1)) fail(Math.floor(i / cols), i % cols, a[i]!);
    return;
  }
  const rows = data as readonly (readonly number[])[];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let j = 0; j < cols; j++) if (!(row[j]! >= 0 && row[j]! <= 1)) fail(i, j, row[j]!);
  }
}
