// The multi-layer perceptron's objective: hidden layers f(X·Wᵀ + b) with one activation, then a
// linear output layer and an output head's loss (softmax for classes, sigmoid for label sets).
// Parameters, layer after layer: W_l (out × in, class-major as the linear model's) then b_l (out).
// Every W is penalized, no b is. The forward and backward passes are in passes.ts. Activations of
// the batch are kept per layer; two δ buffers alternate. Nothing is allocated per batch.
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
import { mlpBackward, mlpForwardHidden, mlpInput, runPass, type MlpPass } from "./passes.js";
import type { ForwardChunk } from "./linear.js";
import { SampledOutput, type SampledOptions } from "./sampled_output.js";
import type { SparseRun } from "./objective.js";

/** A hidden layer's activation, as scikit-learn names them (logistic is the sigmoid). */
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
  /** The gradient pass, as a worker thread runs it too (without the sampled output layer). */
  readonly pass: MlpPass;
  private readonly blocks: Blocks;
  private readonly sampled: SampledOutput | null = null;
  /** Sampled output layer only: the hidden layers' groups as runs, then the output's touched rows. */
  readonly touched?: () => readonly SparseRun[];

  /**
   * `sharedParams`: the byte offset of another objective's parameter block to compute with (a
   * thread's shard of the same model), which this one neither initialises nor frees.
   */
  constructor(
    private readonly rt: Runtime,
    shape: MlpShape,
    private readonly head: OutputHead,
    batchRows: number,
    sampled?: SampledOptions,
    sharedParams?: number,
  ) {
    this.blocks = new Blocks(rt.heap);
    const layout = mlpLayout(shape);
    const { widths, weightAt, biasAt, paramCount } = layout;
    this.paramCount = paramCount;
    const groups: ParamGroup[] = [];
    for (let l = 0; l < weightAt.length; l++) {
      groups.push({ start: weightAt[l]!, end: biasAt[l]!, penalized: true });
      groups.push({ start: biasAt[l]!, end: biasAt[l]! + widths[l + 1]!, penalized: false });
    }
    this.groups = groups;
    const widest = Math.max(1, ...shape.hidden);
    try {
      this.params = sharedParams ?? this.blocks.alloc(paramCount * 4);
      this.grads = this.blocks.alloc(paramCount * 4);
      const acts = shape.hidden.map((width) => this.blocks.alloc(batchRows * width * 4));
      const logits = this.blocks.alloc(batchRows * shape.outputs * 4);
      const deltas: [number, number] = [this.blocks.alloc(batchRows * widest * 4), this.blocks.alloc(batchRows * widest * 4)];
      this.pass = {
        kind: "mlp",
        widths,
        weightAt,
        biasAt,
        activation: KIND[shape.activation],
        params: this.params,
        grads: this.grads,
        logits,
        acts,
        deltas,
        head: head.pass,
      };
      if (sampled) {
        const L = weightAt.length;
        this.sampled = new SampledOutput(
          rt,
          this.blocks,
          sampled,
          { inputs: widths[L - 1]!, classes: shape.outputs, weightAt: weightAt[L - 1]!, biasAt: biasAt[L - 1]! },
          batchRows,
        );
        const hidden = groups
          .slice(0, -2)
          .map((g) => ({ param: g.start, grad: this.grads + g.start * 4, length: g.end - g.start, penalized: g.penalized }));
        this.touched = () => [...hidden, ...this.sampled!.runs()];
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
    if (sharedParams === undefined) rt.heap.f32.fill(0, this.params >>> 2, (this.params >>> 2) + paramCount);
  }

  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number {
    const E = this.rt.exports;
    if (!this.sampled) return runPass(E, this.pass, batch, gradScale, accumulate);
    // The sampled output layer steps its own rows; its input gradient starts the backward pass.
    const p = this.pass;
    const L = p.weightAt.length;
    mlpForwardHidden(E, p, batch);
    const delta = L > 1 ? p.deltas[(L - 1) % 2]! : 0;
    const loss = this.sampled.lossGrad(this.params, mlpInput(p, batch, L - 1), batch.targets, batch.weights, batch.rows, gradScale, delta);
    if (L === 1) return loss;
    E.activationGrad(delta, p.acts[L - 2]!, batch.rows * p.widths[L - 1]!, p.activation);
    mlpBackward(E, p, batch, delta, L - 2, accumulate);
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
        rt.exports.linear(
          layers[l]!,
          params + weightAt[l]! * 4,
          last ? params + biasAt[l]! * 4 : 0,
          layers[l + 1]!,
          n,
          widths[l]!,
          widths[l + 1]!,
        );
        if (!last) rt.exports.biasActivation(layers[l + 1]!, params + biasAt[l]! * 4, n, widths[l + 1]!, kind);
      }
      visit({ logits, aux, aux2, rows: n, from });
    }
  } finally {
    settle(rt);
  }
}
