// The multi-layer perceptron's objective: hidden layers f(X·Wᵀ + b) with one activation, then a
// linear output layer and an output head's loss (softmax for classes, sigmoid for label sets).
// Parameters, layer after layer: W_l (out × in, class-major as the linear model's) then b_l (out).
// Every W is penalized, no b is. Backward pass per layer, last to first:
//   dW_l = δ_lᵀ·a_{l−1},  db_l = Σ_rows δ_l,  δ_{l−1} = (δ_l·W_l) ⊙ f′(a_{l−1})
// with δ_L the head's gradient of the logits and a_0 the input rows. Activations of the batch are
// kept per layer; two δ buffers alternate. Nothing is allocated per batch.
// With `sampled` options the output layer is a sampled softmax (sampled_output.ts): the output
// layer's gradients are then sparse, and touched() lists them with the hidden layers' dense runs.
//
// forwardMlp is the one forward pass over user data: predict*, score and validation all use it.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import { copyRows, type Matrix } from "../core/input.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";
import { after, regionBytes } from "../runtime/layout.js";
import type { Batch, Objective, ParamGroup } from "./objective.js";
import type { OutputHead } from "./heads.js";
import type { ForwardChunk } from "./linear.js";
import { SampledOutput, type SampledOptions } from "./sampled_output.js";
import type { SparseRun } from "./objective.js";

export type Activation = "identity" | "relu" | "tanh" | "logistic";
export const ACTIVATIONS: readonly Activation[] = ["identity", "relu", "tanh", "logistic"];
/** The kernels' activation codes (assembly/activation.ts). */
const KIND: Record<Activation, number> = { identity: 0, relu: 1, tanh: 2, logistic: 3 };

export interface MlpShape {
  features: number;
  hidden: readonly number[];
  outputs: number;
  activation: Activation;
}

/** Where each layer's W and b start in the parameter block (f32 indices), and the layer widths. */
export interface MlpLayout {
  /** features, hidden…, outputs. */
  widths: number[];
  weightAt: number[];
  biasAt: number[];
  paramCount: number;
}

export function mlpLayout(shape: MlpShape): MlpLayout {
  const widths = [shape.features, ...shape.hidden, shape.outputs];
  const weightAt: number[] = [];
  const biasAt: number[] = [];
  let at = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    weightAt.push(at);
    at += widths[l]! * widths[l + 1]!;
    biasAt.push(at);
    at += widths[l + 1]!;
  }
  return { widths, weightAt, biasAt, paramCount: at };
}

export class MlpObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  private readonly layout: MlpLayout;
  private readonly kind: number;
  /** Activations a_1 … a_{L−1} of the hidden layers, batchRows × width each. */
  private readonly acts: number[] = [];
  private readonly logits: number;
  private readonly deltas: [number, number];
  private readonly blocks: Blocks;
  private readonly sampled: SampledOutput | null = null;
  /** Sampled output layer only: the hidden layers' groups as runs, then the output's touched rows. */
  readonly touched?: () => readonly SparseRun[];

  constructor(private readonly rt: Runtime, shape: MlpShape, private readonly head: OutputHead, batchRows: number, sampled?: SampledOptions) {
    this.blocks = new Blocks(rt.heap);
    this.layout = mlpLayout(shape);
    this.kind = KIND[shape.activation];
    const { widths, weightAt, biasAt, paramCount } = this.layout;
    this.paramCount = paramCount;
    const groups: ParamGroup[] = [];
    for (let l = 0; l < weightAt.length; l++) {
      groups.push({ start: weightAt[l]!, end: biasAt[l]!, penalized: true });
      groups.push({ start: biasAt[l]!, end: biasAt[l]! + widths[l + 1]!, penalized: false });
    }
    this.groups = groups;
    const widest = Math.max(1, ...shape.hidden);
    try {
      this.params = this.blocks.alloc(paramCount * 4);
      this.grads = this.blocks.alloc(paramCount * 4);
      for (const width of shape.hidden) this.acts.push(this.blocks.alloc(batchRows * width * 4));
      this.logits = this.blocks.alloc(batchRows * shape.outputs * 4);
      this.deltas = [this.blocks.alloc(batchRows * widest * 4), this.blocks.alloc(batchRows * widest * 4)];
      if (sampled) {
        const L = weightAt.length;
        this.sampled = new SampledOutput(rt, this.blocks, sampled, { inputs: widths[L - 1]!, classes: shape.outputs, weightAt: weightAt[L - 1]!, biasAt: biasAt[L - 1]! }, batchRows);
        const hidden = groups.slice(0, -2).map((g) => ({ param: g.start, grad: this.grads + g.start * 4, length: g.end - g.start, penalized: g.penalized }));
        this.touched = () => [...hidden, ...this.sampled!.runs()];
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
    rt.heap.f32.fill(0, this.params >>> 2, (this.params >>> 2) + paramCount);
  }

  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number {
    const E = this.rt.exports;
    const { widths, weightAt, biasAt } = this.layout;
    const n = batch.rows;
    const L = weightAt.length;
    const W = (l: number) => this.params + weightAt[l]! * 4;
    const b = (l: number) => this.params + biasAt[l]! * 4;
    const input = (l: number) => (l === 0 ? batch.x : this.acts[l - 1]!);
    for (let l = 0; l + 1 < L; l++) {
      E.linear(input(l), W(l), 0, this.acts[l]!, n, widths[l]!, widths[l + 1]!);
      E.biasActivation(this.acts[l]!, b(l), n, widths[l + 1]!, this.kind);
    }
    let loss: number;
    let delta = this.logits;
    let top = L - 1;
    if (this.sampled) {
      // The sampled output layer steps its own rows; its input gradient starts the backward pass.
      delta = L > 1 ? this.deltas[(L - 1) % 2]! : 0;
      loss = this.sampled.lossGrad(this.params, input(L - 1), batch.targets, batch.weights, n, gradScale, delta);
      if (L === 1) return loss;
      E.activationGrad(delta, this.acts[L - 2]!, n * widths[L - 1]!, this.kind);
      top = L - 2;
    } else {
      E.linear(input(L - 1), W(L - 1), b(L - 1), this.logits, n, widths[L - 1]!, widths[L]!);
      loss = this.head.lossGrad(this.logits, batch, widths[L]!, gradScale);
    }
    for (let l = top; l >= 0; l--) {
      const inWidth = widths[l]!;
      const outWidth = widths[l + 1]!;
      E.linearWeightGrad(delta, input(l), this.grads + weightAt[l]! * 4, n, inWidth, outWidth, accumulate);
      E.biasGrad(delta, this.grads + biasAt[l]! * 4, n, outWidth, accumulate);
      if (l === 0) break;
      const next = this.deltas[l % 2]!;
      E.linearInputGrad(delta, W(l), next, n, inWidth, outWidth);
      E.activationGrad(next, this.acts[l - 1]!, n * inWidth, this.kind);
      delta = next;
    }
    return loss;
  }

  /** Hands the parameter block to the caller, who must release it; frees everything else. */
  takeParams(): number {
    this.blocks.handOver(this.params);
    this.dispose();
    return this.params;
  }

  dispose(): void {
    this.blocks.freeAll();
    this.head.dispose();
  }
}

/**
 * Streams the rows of X (already checked: m.cols = features) through the network with the
 * parameters at byte offset `params`, chunk by chunk; `visit` reads or transforms each chunk's
 * logits before the next chunk overwrites them. Chunks are sized by configure({ chunkBytes }).
 */
export function forwardMlp(rt: Runtime, params: number, m: Matrix, shape: MlpShape, visit: (chunk: ForwardChunk) => void): void {
  const { widths, weightAt, biasAt } = mlpLayout(shape);
  const L = weightAt.length;
  const K = shape.outputs;
  const kind = KIND[shape.activation];
  ready();
  const chunk = rowsPerChunk((widths.reduce((a, w) => a + w, 0) + 2) * 4);
  const most = Math.min(chunk, m.rows);
  try {
    let bytes = 2 * regionBytes(most * 4);
    for (const w of widths) bytes += regionBytes(most * w * 4);
    const x = acquire(rt, bytes);
    const layers = [x];
    for (let l = 0; l < L; l++) layers.push(after(layers[l]!, most * widths[l]! * 4));
    const logits = layers[L]!;
    const aux = after(logits, most * K * 4);
    const aux2 = after(aux, most * 4);
    for (let from = 0; from < m.rows; from += chunk) {
      const n = Math.min(chunk, m.rows - from);
      copyRows(m, from, from + n, rt.heap.f32, x >>> 2);
      for (let l = 0; l < L; l++) {
        const last = l === L - 1;
        rt.exports.linear(layers[l]!, params + weightAt[l]! * 4, last ? params + biasAt[l]! * 4 : 0, layers[l + 1]!, n, widths[l]!, widths[l + 1]!);
        if (!last) rt.exports.biasActivation(layers[l + 1]!, params + biasAt[l]! * 4, n, widths[l + 1]!, kind);
      }
      visit({ logits, aux, aux2, rows: n, from });
    }
  } finally {
    settle(rt);
  }
}
