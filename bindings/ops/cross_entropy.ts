// Fused softmax cross-entropy: loss and gradient with respect to the logits.

import { copyOut, copyRows, toLabels, toMatrix, toOutput, toVector, type LabelInput, type MatrixInput } from "../core/input.js";
import { checkOptions } from "../core/checks.js";
import { after, regionBytes } from "../runtime/layout.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";

/** How per-row losses are combined: a (weighted) mean, a sum, or one loss per row. */
export type Reduction = "mean" | "sum" | "none";

/** Options of {@link softmaxCrossEntropy}. */
export interface CrossEntropyOptions {
  /** One weight per class (PyTorch's `weight`): scales each class's share of the loss. @default undefined (all 1) */
  classWeight?: Float32Array | Float64Array | readonly number[];
  /** One weight per row: scales that row's loss and gradient (spelled as in the estimators' fit). @default undefined (all 1) */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /** ε in [0, 1]: the target is (1 − ε)·onehot + ε/classes. @default 0 */
  labelSmoothing?: number;
  /**
   * 'mean' (default): Σ row losses / Σ_i sampleWeight_i · classWeight_{label_i} (a weighted mean,
   * as PyTorch with `weight`); 'sum': Σ row losses; 'none': each row's loss.
   * @default "mean"
   */
  reduction?: Reduction;
  /** false skips the gradient (grad is null). @default true */
  grad?: boolean;
  /**
   * Where to write the gradient (a Float32Array of rows × classes, may be `logits` itself), instead of a new array.
   * @default undefined (a new array)
   */
  out?: Float32Array;
}

const OPTIONS = ["classWeight", "sampleWeight", "labelSmoothing", "reduction", "grad", "out"];

/** What {@link softmaxCrossEntropy} returns: the loss and its gradient with respect to the logits. */
export interface CrossEntropyResult<L extends number | Float32Array = number | Float32Array> {
  /** The reduced loss, or a Float32Array of row losses for reduction 'none'. */
  loss: L;
  /** d loss / d logits (rows × classes), scaled like the loss; null when options.grad is false. */
  grad: Float32Array | null;
}

/**
 * Softmax cross-entropy of `logits` (rows × classes) against integer `labels`, with its gradient
 * in the same pass. Row i's loss is w_i · Σ_k c_k q_k (lse_i − z_ik) with q the smoothed one-hot
 * target, c the class weights and w the sample weights; the loss stays finite and exact where a
 * probability underflows. The gradient of 'none' is that of 'sum'.
 *
 * @param logits rows × classes: a Float32Array or Float64Array (row-major, `classes` required) or number[][].
 * @param labels One integer class index per row, in [0, classes).
 * @param classes Classes per row (the row length); inferred from a number[][].
 * @example
 * ```ts
 * const { loss, grad } = softmaxCrossEntropy([[2, 1, 0.1], [0.5, 2.5, 0.3]], [0, 1]);
 * // loss: the mean over the two rows; grad: softmax − one-hot, divided by 2 (rows × classes)
 * ```
 */
export function softmaxCrossEntropy(
  logits: MatrixInput,
  labels: LabelInput,
  classes?: number,
  options?: CrossEntropyOptions & { reduction?: "mean" | "sum" },
): CrossEntropyResult<number>;
export function softmaxCrossEntropy(
  logits: MatrixInput,
  labels: LabelInput,
  classes: number | undefined,
  options: CrossEntropyOptions & { reduction: "none" },
): CrossEntropyResult<Float32Array>;
export function softmaxCrossEntropy(
  logits: MatrixInput,
  labels: LabelInput,
  classes?: number,
  options?: CrossEntropyOptions,
): CrossEntropyResult;
export function softmaxCrossEntropy(
  logits: MatrixInput,
  labels: LabelInput,
  classes?: number,
  options?: CrossEntropyOptions,
): CrossEntropyResult {
  const o = checkOptions("softmaxCrossEntropy options", options, OPTIONS);
  const rt = ready();
  const m = toMatrix("logits", logits, classes, "classes");
  const K = m.cols;
  const N = m.rows;
  const y = toLabels("labels", labels, N, K);
  const { reduction = "mean", labelSmoothing = 0, grad: wantGrad = true } = o;
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new RangeError(`options.reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`);
  }
  if (typeof labelSmoothing !== "number" || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new RangeError(`options.labelSmoothing must be a number in [0, 1], got ${String(labelSmoothing)}`);
  }
  if (typeof wantGrad !== "boolean") throw new TypeError(`options.grad must be a boolean, got ${typeof wantGrad}`);
  const cw = o.classWeight === undefined ? null : toVector("options.classWeight", o.classWeight, K, "one per class");
  const sw = o.sampleWeight === undefined ? null : toVector("options.sampleWeight", o.sampleWeight, N, "one per row");

  let weightSum = N;
  if (cw || sw) {
    weightSum = 0;
    for (let i = 0; i < N; i++) weightSum += (sw ? sw[i]! : 1) * (cw ? cw[y[i]!]! : 1);
  }
  if (reduction === "mean" && !(weightSum > 0)) {
    throw new RangeError(
      N === 0
        ? "logits has no rows: a 'mean' loss is undefined (use 'sum')"
        : `the weights of the labelled classes sum to ${weightSum}: a 'mean' loss is undefined (use 'sum')`,
    );
  }
  const gradScale = reduction === "mean" ? 1 / weightSum : 1;

  const rowLosses = reduction === "none" ? new Float32Array(N) : null;
  const grad = wantGrad ? toOutput("options.out", o.out, N * K, "logits", logits) : null;
  const chunk = rowsPerChunk(K * 4 + 12);
  const rows = Math.min(chunk, N);
  try {
    const cwAt = acquire(rt, regionBytes(K * 4) + regionBytes(rows * K * 4) + 3 * regionBytes(rows * 4));
    const zAt = after(cwAt, K * 4);
    const yAt = after(zAt, rows * K * 4);
    const swAt = after(yAt, rows * 4);
    const lossAt = after(swAt, rows * 4);
    if (cw) rt.heap.f32.set(cw, cwAt >>> 2);
    let total = 0;
    for (let from = 0; from < N; from += chunk) {
      const to = Math.min(from + chunk, N);
      const n = to - from;
      const f32 = rt.heap.f32;
      copyRows(m, from, to, f32, zAt >>> 2);
      copyOut(y, from, n, rt.heap.i32, yAt >>> 2);
      if (sw) copyOut(sw, from, n, f32, swAt >>> 2);
      total += rt.exports.softmaxCrossEntropy(
        zAt,
        yAt,
        n,
        K,
        cw ? cwAt : 0,
        sw ? swAt : 0,
        labelSmoothing,
        gradScale,
        rowLosses ? lossAt : 0,
        grad ? zAt : 0,
      );
      if (rowLosses) copyOut(f32, lossAt >>> 2, n, rowLosses, from);
      if (grad) copyOut(f32, zAt >>> 2, n * K, grad, from * K);
    }
    const loss = rowLosses ?? (reduction === "mean" ? total / weightSum : total);
    return { loss, grad };
  } finally {
    settle(rt);
  }
}
