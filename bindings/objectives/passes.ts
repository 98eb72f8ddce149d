// The dense chain's gradient pass (the linear model and the MLP alike) as plain data: byte offsets, widths
// and codes, nothing else. The calling thread runs a pass from its objective; a worker thread that
// shares the wasm memory runs the same function on a pass decoded from numbers (pass_encoding.ts),
// so a shard of a batch is computed by one piece of code whichever thread runs it.
//
// A pass computes Σ of the weighted losses of a batch's rows and writes gradScale · its gradient
// into `grads` (adds it there when `accumulate`), using `logits`, `acts` and `deltas` as scratch
// sized for the largest batch the pass is given.

import type { KernelExports } from "../runtime/abi.js";
import type { Batch } from "./objective.js";

/** Output heads: softmax cross-entropy against class indices, sigmoid cross-entropy against 0/1 rows. */
export const SOFTMAX_HEAD = 0;
export const SIGMOID_HEAD = 1;

export interface HeadPass {
  readonly kind: typeof SOFTMAX_HEAD | typeof SIGMOID_HEAD;
  /** Class weights (softmax) or positive-target weights (sigmoid): byte offset, 0 for all ones. */
  readonly table: number;
  /** ε of label smoothing (softmax only). */
  readonly smoothing: number;
}

/**
 * A chain of dense layers: hidden layers a_l = f(a_{l−1}·W_lᵀ + b_l), then an output layer whose
 * logits go to the head. With no hidden layer this is the linear model, and the pass makes exactly
 * the kernel calls a linear model needs (one product, the head, one weight gradient, one bias
 * gradient).
 */
export interface ChainPass {
  /** features, hidden…, outputs. */
  readonly widths: readonly number[];
  /** f32 indices of each layer's W and b in the parameter block. */
  readonly weightAt: readonly number[];
  readonly biasAt: readonly number[];
  /** The output layer's bias is trained; without it b is held at 0 and neither read nor written. */
  readonly outputBias: boolean;
  /**
   * The first layer's W is stored input-major (features × outputs), as sparse training keeps it: a
   * feature's weights are contiguous, so a sparse row touches one run per non-zero. Worker threads
   * only run class-major passes of dense rows.
   */
  readonly inputMajor: boolean;
  /** The kernels' activation code of the hidden layers (assembly/activation.ts). */
  readonly activation: number;
  readonly params: number;
  readonly grads: number;
  readonly logits: number;
  /** Activations of the hidden layers. */
  readonly acts: readonly number[];
  /** Two δ buffers that alternate, each as wide as the widest hidden layer (0 with no hidden layer). */
  readonly deltas: readonly [number, number];
  readonly head: HeadPass;
}

/** f32 values per row of a pass's targets: 1 class index, or one 0/1 value per output. */
export function targetWidth(pass: ChainPass): number {
  return pass.head.kind === SOFTMAX_HEAD ? 1 : pass.widths[pass.widths.length - 1]!;
}

/** The head's loss of rows × K logits; overwrites them with gradScale · ∂loss/∂logits. */
export function headLossGrad(E: KernelExports, head: HeadPass, logits: number, batch: Batch, K: number, gradScale: number): number {
  return head.kind === SOFTMAX_HEAD
    ? E.softmaxCrossEntropy(logits, batch.targets, batch.rows, K, head.table, batch.weights, head.smoothing, gradScale, 0, logits)
    : E.sigmoidCrossEntropy(logits, batch.targets, batch.rows, K, head.table, batch.weights, gradScale, 0, logits);
}

/**
 * Where sparse rows' first-layer gradient goes: row cols[p] of the input-major block at `grad`, for
 * each non-zero p (the features themselves into the dense gradient, or positions in a compact block
 * of the rows a batch touched). The caller zeroes the block when not accumulating.
 */
export interface SparseGrad {
  readonly cols: number;
  readonly grad: number;
}

export function runPass(
  E: KernelExports,
  p: ChainPass,
  batch: Batch,
  gradScale: number,
  accumulate: boolean,
  sparseGrad?: SparseGrad,
): number {
  const L = p.weightAt.length;
  forwardHidden(E, p, batch);
  const K = p.widths[L]!;
  const bias = p.outputBias ? p.params + p.biasAt[L - 1]! * 4 : 0;
  if (L === 1) firstProduct(E, firstLayerOf(p), batch, p.logits, bias);
  else E.linear(p.acts[L - 2]!, p.params + p.weightAt[L - 1]! * 4, bias, p.logits, batch.rows, p.widths[L - 1]!, K);
  const loss = headLossGrad(E, p.head, p.logits, batch, K, gradScale);
  backward(E, p, batch, p.logits, L - 1, accumulate, sparseGrad);
  return loss;
}

/** The identity's activation code (assembly/activation.ts): biasActivation then only adds b. */
const IDENTITY = 0;

/** Layer 0's weights: byte offset, inputs D, outputs K, and their layout. */
export interface FirstLayer {
  readonly W: number;
  readonly D: number;
  readonly K: number;
  readonly inputMajor: boolean;
}

/** A pass's first layer. */
export function firstLayerOf(p: ChainPass): FirstLayer {
  return { W: p.params + p.weightAt[0]! * 4, D: p.widths[0]!, K: p.widths[1]!, inputMajor: p.inputMajor };
}

/**
 * Layer 0's product X·W₀ᵀ, plus b₀ at byte offset `bias` unless 0, into `out`: the rows of `batch`
 * dense or CSR, W₀ class-major or input-major.
 */
export function firstProduct(E: KernelExports, first: FirstLayer, batch: Batch, out: number, bias: number): void {
  const { W, D, K, inputMajor } = first;
  const n = batch.rows;
  if (batch.indptr) E.sparseLinear(batch.indptr, batch.indices!, batch.values!, n, W, inputMajor ? K : 1, inputMajor ? 1 : D, bias, out, K);
  else if (!inputMajor) E.linear(batch.x, W, bias, out, n, D, K);
  else {
    // X·W₀ with W₀ features × outputs is linearInputGrad's product (δ·W with W outputs × inputs).
    E.linearInputGrad(batch.x, W, out, n, K, D);
    if (bias) E.biasActivation(out, bias, n, K, IDENTITY);
  }
}

/** The input rows of layer l: the batch's features, then the hidden activations. */
export function layerInput(p: ChainPass, batch: Batch, l: number): number {
  return l === 0 ? batch.x : p.acts[l - 1]!;
}

/** Hidden layers forward: a_l = f(a_{l−1}·W_lᵀ + b_l) for l < L. */
export function forwardHidden(E: KernelExports, p: ChainPass, batch: Batch): void {
  const { widths, weightAt, biasAt } = p;
  const n = batch.rows;
  for (let l = 0; l + 1 < weightAt.length; l++) {
    if (l === 0) firstProduct(E, firstLayerOf(p), batch, p.acts[0]!, 0);
    else E.linear(p.acts[l - 1]!, p.params + weightAt[l]! * 4, 0, p.acts[l]!, n, widths[l]!, widths[l + 1]!);
    E.biasActivation(p.acts[l]!, p.params + biasAt[l]! * 4, n, widths[l + 1]!, p.activation);
  }
}

/**
 * Backward from layer `top` down, given δ_top (the gradient of layer top's pre-activation):
 *   dW_l = δ_lᵀ·a_{l−1},  db_l = Σ_rows δ_l (not for an output layer without bias),
 *   δ_{l−1} = (δ_l·W_l) ⊙ f′(a_{l−1}).
 * Sparse rows' dW_0 goes where `sparseGrad` says (into the dense gradient without it).
 */
export function backward(
  E: KernelExports,
  p: ChainPass,
  batch: Batch,
  delta: number,
  top: number,
  accumulate: boolean,
  sparseGrad?: SparseGrad,
): void {
  const { widths, weightAt, biasAt } = p;
  const n = batch.rows;
  const L = weightAt.length;
  for (let l = top; l >= 0; l--) {
    const inWidth = widths[l]!;
    const outWidth = widths[l + 1]!;
    const gradW = p.grads + weightAt[l]! * 4;
    if (l > 0 || (!batch.indptr && !p.inputMajor))
      E.linearWeightGrad(delta, layerInput(p, batch, l), gradW, n, inWidth, outWidth, accumulate);
    else if (!batch.indptr)
      E.linearWeightGrad(batch.x, delta, gradW, n, outWidth, inWidth, accumulate); // input-major: Xᵀ·δ
    else {
      if (!accumulate && !sparseGrad) new Float32Array(E.memory.buffer, gradW, inWidth * outWidth).fill(0);
      E.sparseWeightGrad(batch.indptr, sparseGrad?.cols ?? batch.indices!, batch.values!, n, delta, sparseGrad?.grad ?? gradW, outWidth);
    }
    if (l < L - 1 || p.outputBias) E.biasGrad(delta, p.grads + biasAt[l]! * 4, n, outWidth, accumulate);
    if (l === 0) break;
    const next = p.deltas[l % 2]!;
    E.linearInputGrad(delta, p.params + weightAt[l]! * 4, next, n, inWidth, outWidth);
    E.activationGrad(next, p.acts[l - 1]!, n * inWidth, p.activation);
    delta = next;
  }
}
