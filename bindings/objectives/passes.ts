// The dense chain's gradient pass (the linear model and the MLP alike) as plain data: byte offsets, widths
// and codes, nothing else. The calling thread runs a pass from its objective; a worker thread that
// shares the wasm memory runs the same function on a pass decoded from numbers (encodePass /
// decodePass), so a shard of a batch is computed by one piece of code whichever thread runs it.
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

export function runPass(E: KernelExports, p: ChainPass, batch: Batch, gradScale: number, accumulate: boolean): number {
  const L = p.weightAt.length;
  forwardHidden(E, p, batch);
  const K = p.widths[L]!;
  E.linear(
    layerInput(p, batch, L - 1),
    p.params + p.weightAt[L - 1]! * 4,
    p.outputBias ? p.params + p.biasAt[L - 1]! * 4 : 0,
    p.logits,
    batch.rows,
    p.widths[L - 1]!,
    K,
  );
  const loss = headLossGrad(E, p.head, p.logits, batch, K, gradScale);
  backward(E, p, batch, p.logits, L - 1, accumulate);
  return loss;
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
    E.linear(layerInput(p, batch, l), p.params + weightAt[l]! * 4, 0, p.acts[l]!, n, widths[l]!, widths[l + 1]!);
    E.biasActivation(p.acts[l]!, p.params + biasAt[l]! * 4, n, widths[l + 1]!, p.activation);
  }
}

/**
 * Backward from layer `top` down, given δ_top (the gradient of layer top's pre-activation):
 *   dW_l = δ_lᵀ·a_{l−1},  db_l = Σ_rows δ_l (not for an output layer without bias),  δ_{l−1} = (δ_l·W_l) ⊙ f′(a_{l−1}).
 */
export function backward(E: KernelExports, p: ChainPass, batch: Batch, delta: number, top: number, accumulate: boolean): void {
  const { widths, weightAt, biasAt } = p;
  const n = batch.rows;
  const L = weightAt.length;
  for (let l = top; l >= 0; l--) {
    const inWidth = widths[l]!;
    const outWidth = widths[l + 1]!;
    E.linearWeightGrad(delta, layerInput(p, batch, l), p.grads + weightAt[l]! * 4, n, inWidth, outWidth, accumulate);
    if (l < L - 1 || p.outputBias) E.biasGrad(delta, p.grads + biasAt[l]! * 4, n, outWidth, accumulate);
    if (l === 0) break;
    const next = p.deltas[l % 2]!;
    E.linearInputGrad(delta, p.params + weightAt[l]! * 4, next, n, inWidth, outWidth);
    E.activationGrad(next, p.acts[l - 1]!, n * inWidth, p.activation);
    delta = next;
  }
}

/** The first number of an encoded pass: a worker refuses anything else. */
const PASS_CODE = 1;

/** A pass as numbers: what a worker thread is handed. */
export function encodePass(pass: ChainPass): number[] {
  const L = pass.weightAt.length;
  return [
    PASS_CODE,
    pass.head.kind,
    pass.head.table,
    pass.head.smoothing,
    L,
    pass.outputBias ? 1 : 0,
    pass.activation,
    pass.params,
    pass.grads,
    pass.logits,
    pass.deltas[0],
    pass.deltas[1],
    ...pass.widths,
    ...pass.weightAt,
    ...pass.biasAt,
    ...pass.acts,
  ];
}

/** The inverse of encodePass, reading `values` from index `at`. */
export function decodePass(values: ArrayLike<number>, at: number): ChainPass {
  let i = at;
  const next = () => values[i++]!;
  const code = next();
  if (code !== PASS_CODE) throw new Error(`wasmax thread: unknown pass code ${code}`);
  const head: HeadPass = { kind: next() === SIGMOID_HEAD ? SIGMOID_HEAD : SOFTMAX_HEAD, table: next(), smoothing: next() };
  const L = next();
  const outputBias = next() === 1;
  const activation = next();
  const params = next();
  const grads = next();
  const logits = next();
  const deltas: [number, number] = [next(), next()];
  const take = (count: number) => Array.from({ length: count }, next);
  const widths = take(L + 1);
  const weightAt = take(L);
  const biasAt = take(L);
  const acts = take(L - 1);
  return { head, widths, weightAt, biasAt, outputBias, activation, params, grads, logits, deltas, acts };
}
