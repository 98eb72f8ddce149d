// The one dense objective: a chain of dense layers and an output head. Zero hidden layers is the
// linear model (logits = X·Wᵀ + b); hidden layers make the MLP, a_l = f(a_{l−1}·W_lᵀ + b_l) with one
// activation f. Parameters, layer after layer: W_l (out × in, class-major like PyTorch's
// Linear.weight) then b_l (out); for the linear model that is [W | b] with W K × D. Every W is
// penalized, no b is. Without `fitIntercept` the output layer's b is held at 0 and not trained (the
// hidden layers always have biases, as scikit-learn's MLP).
//
// The forward and backward passes are passes.ts's, which worker threads run too. Activations of the
// batch are kept per layer; two δ buffers alternate. Nothing is allocated per batch. With a sampled
// softmax head the output layer is sampled_output.ts's: its gradients are sparse, and touched()
// lists them with the hidden layers' dense runs; no K-wide logits or gradient block is allocated.
//
// forwardChain is the one forward pass over user data: predictions, scores and validation use it.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import { copyRows, type Matrix } from "../core/input.js";
import { acquire, ready, rowsPerChunk, settle } from "../runtime/scratch.js";
import { after, regionBytes } from "../runtime/layout.js";
import type { Batch, ForwardChunk, Objective, ParamGroup, SparseRun } from "./objective.js";
import type { OutputHead } from "./heads.js";
import { backward, firstProduct, forwardHidden, layerInput, runPass, type ChainPass } from "./passes.js";
import { SampledOutput } from "./sampled_output.js";
import { SparseSteps } from "./sparse_steps.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";

/** A hidden layer's activation: identity, ReLU, tanh or the logistic sigmoid. */
export type Activation = "identity" | "relu" | "tanh" | "logistic";
export const ACTIVATIONS: readonly Activation[] = ["identity", "relu", "tanh", "logistic"];
/** The kernels' activation codes (assembly/activation.ts). */
const KIND: Record<Activation, number> = { identity: 0, relu: 1, tanh: 2, logistic: 3 };

export interface ChainShape {
  features: number;
  /** Widths of the hidden layers, first to last; empty for the linear model. */
  hidden: readonly number[];
  outputs: number;
  /** The hidden layers' activation. */
  activation: Activation;
  /** The output layer has a trained bias (false: held at 0). */
  fitIntercept: boolean;
  /** The first layer's W is stored features × outputs (a model trained on sparse rows); class-major otherwise. */
  inputMajor?: boolean;
}

/** Where each layer's W and b start in the parameter block (f32 indices), and the layer widths. */
export interface ChainLayout {
  /** features, hidden…, outputs. */
  widths: number[];
  weightAt: number[];
  biasAt: number[];
  paramCount: number;
}

export function chainLayout(shape: Pick<ChainShape, "features" | "hidden" | "outputs">): ChainLayout {
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

export class DenseChainObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  /** The dense gradient pass, as a worker thread runs it too; null for sampled output or sparse rows. */
  readonly pass: ChainPass | null;
  /**
   * Sparse updates (stochastic solvers only): with a sampled output layer, the other layers' groups
   * as runs, then the output's touched rows; with sparse steps, W₀'s touched features, then the
   * other groups.
   */
  readonly touched?: () => readonly SparseRun[];
  readonly lazyPenalty?: { shrink: number; settle(): void };
  private readonly blocks: Blocks;
  private readonly sampled: SampledOutput | null = null;
  private readonly sparseSteps: SparseSteps | null = null;
  private readonly hiddenPass: ChainPass;

  /**
   * `sharedParams`: the byte offset of another objective's parameter block to compute with (a
   * thread's shard of the same model), which this one neither initialises nor frees. `sparse`: the
   * batches are CSR rows of at most `nnz` non-zeros; with `steps`, W₀'s gradient is kept for the
   * touched features only (SparseSteps), else it is the dense gradient (full-batch solvers).
   */
  constructor(
    private readonly rt: Runtime,
    shape: ChainShape,
    private readonly head: OutputHead,
    batchRows: number,
    sharedParams?: number,
    sparse?: { nnz: number; steps: boolean },
  ) {
    this.blocks = new Blocks(rt.heap);
    const { widths, weightAt, biasAt, paramCount } = chainLayout(shape);
    const L = weightAt.length;
    this.paramCount = paramCount;
    const groups: ParamGroup[] = [];
    for (let l = 0; l < L; l++) {
      groups.push({ start: weightAt[l]!, end: biasAt[l]!, penalized: true });
      if (l < L - 1 || shape.fitIntercept) groups.push({ start: biasAt[l]!, end: biasAt[l]! + widths[l + 1]!, penalized: false });
    }
    this.groups = groups;
    const sampled = head.sampled;
    const steps = sparse?.steps === true;
    if (sparse && sampled) throw new TypeError("sampledSoftmax needs dense rows: sparse rows train the full output layer");
    if (sparse && !shape.inputMajor) throw new TypeError("sparse rows train an input-major first layer");
    try {
      this.params = sharedParams ?? this.blocks.alloc(paramCount * 4);
      // A sampled output layer keeps its own gradients: the block holds the hidden layers' only.
      // Sparse steps keep W₀'s compact: the block starts where W₀ ends (its base is moved back by
      // W₀'s size, so every other layer's gradient is still at grads + its parameter index · 4).
      const first = steps ? biasAt[0]! : 0;
      const block = this.blocks.alloc(Math.max(1, sampled ? weightAt[L - 1]! : paramCount - first) * 4);
      this.grads = block - first * 4;
      const acts = shape.hidden.map((width) => this.blocks.alloc(batchRows * width * 4));
      const logits = sampled ? 0 : this.blocks.alloc(batchRows * shape.outputs * 4);
      const widest = Math.max(0, ...shape.hidden);
      const deltas: [number, number] = widest
        ? [this.blocks.alloc(batchRows * widest * 4), this.blocks.alloc(batchRows * widest * 4)]
        : [0, 0];
      this.hiddenPass = {
        widths,
        weightAt,
        biasAt,
        outputBias: shape.fitIntercept,
        inputMajor: shape.inputMajor === true,
        activation: KIND[shape.activation],
        params: this.params,
        grads: this.grads,
        logits,
        acts,
        deltas,
        head: head.pass,
      };
      this.pass = sampled || sparse || shape.inputMajor ? null : this.hiddenPass;
      if (steps) {
        this.sparseSteps = new SparseSteps(rt, this.blocks, widths[0]!, widths[1]!, weightAt[0]!, sparse!.nnz);
        const rest = groups
          .slice(1)
          .map((g) => ({ param: g.start, grad: this.grads + g.start * 4, length: g.end - g.start, penalized: g.penalized }));
        this.touched = () => [...this.sparseSteps!.runs(), ...rest];
        const steps = this.sparseSteps;
        const params = this.params;
        this.lazyPenalty = { shrink: 1, settle: () => steps.settle(params, this.lazyPenalty!.shrink) };
      }
      if (sampled) {
        this.sampled = new SampledOutput(
          rt,
          this.blocks,
          sampled,
          { inputs: widths[L - 1]!, classes: shape.outputs, weightAt: weightAt[L - 1]!, biasAt: shape.fitIntercept ? biasAt[L - 1]! : -1 },
          batchRows,
        );
        const outputGroups = shape.fitIntercept ? 2 : 1;
        const hidden = groups
          .slice(0, -outputGroups)
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
    if (this.sparseSteps) {
      const grad = this.sparseSteps.prepare(batch);
      this.sparseSteps.catchUp(this.params, this.lazyPenalty!.shrink);
      return runPass(E, this.hiddenPass, batch, gradScale, accumulate, grad);
    }
    if (!this.sampled) return runPass(E, this.hiddenPass, batch, gradScale, accumulate);
    // The sampled output layer steps its own rows; its input gradient starts the backward pass.
    const p = this.hiddenPass;
    const L = p.weightAt.length;
    forwardHidden(E, p, batch);
    const delta = L > 1 ? p.deltas[(L - 1) % 2]! : 0;
    const loss = this.sampled.lossGrad(
      this.params,
      layerInput(p, batch, L - 1),
      batch.targets,
      batch.weights,
      batch.rows,
      gradScale,
      delta,
    );
    if (L === 1) return loss;
    E.activationGrad(delta, p.acts[L - 2]!, batch.rows * p.widths[L - 1]!, p.activation);
    backward(E, p, batch, delta, L - 2, accumulate);
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
 * Streams the rows of X (already checked: X.cols = features; dense or sparse) through the chain with
 * the parameters at byte offset `params`, chunk by chunk; `visit` reads or transforms each chunk's
 * logits before the next chunk overwrites them. Chunks are sized by configure({ chunkBytes }) (sparse
 * rows: by their mean non-zeros). The output bias is always added: a model trained without one
 * holds it at 0.
 */
export function forwardChain(
  rt: Runtime,
  params: number,
  m: Matrix | SparseMatrix,
  shape: Pick<ChainShape, "features" | "hidden" | "outputs" | "activation" | "inputMajor">,
  visit: (chunk: ForwardChunk) => void,
): void {
  const { widths, weightAt, biasAt } = chainLayout(shape);
  const L = weightAt.length;
  const K = shape.outputs;
  const kind = KIND[shape.activation];
  const sparse = isSparseMatrix(m) ? m : null;
  const first = { W: params + weightAt[0]! * 4, D: widths[0]!, K: widths[1]!, inputMajor: shape.inputMajor === true };
  ready();
  // A sparse row costs its non-zeros (index and value) instead of its features.
  const inputFloats = sparse ? 2 * Math.ceil(sparse.nnz / Math.max(1, sparse.rows)) + 1 : widths[0]!;
  const chunk = rowsPerChunk((widths.slice(1).reduce((a, w) => a + w, inputFloats) + 2) * 4);
  const most = Math.min(chunk, m.rows);
  let mostNnz = 0;
  if (sparse) for (let from = 0; from < m.rows; from += chunk) mostNnz = Math.max(mostNnz, nonZeros(sparse, from, from + chunk));
  try {
    let bytes = 2 * regionBytes(most * 4);
    bytes += sparse ? regionBytes((most + 1) * 4) + 2 * regionBytes(mostNnz * 4) : regionBytes(most * widths[0]! * 4);
    for (const w of widths.slice(1)) bytes += regionBytes(most * w * 4);
    const x = acquire(rt, bytes);
    const input = sparse ? { indptr: x, indices: after(x, (most + 1) * 4), values: after(after(x, (most + 1) * 4), mostNnz * 4) } : null;
    const layers = [x];
    layers.push(input ? after(input.values, mostNnz * 4) : after(x, most * widths[0]! * 4));
    for (let l = 1; l < L; l++) layers.push(after(layers[l]!, most * widths[l]! * 4));
    const logits = layers[L]!;
    const aux = after(logits, most * K * 4);
    const aux2 = after(aux, most * 4);
    for (let from = 0; from < m.rows; from += chunk) {
      const n = Math.min(chunk, m.rows - from);
      if (sparse) copySparseRows(rt, sparse, from, from + n, input!);
      else copyRows(m as Matrix, from, from + n, rt.heap.f32, x >>> 2);
      const rows = input ? { x: 0, ...input, targets: 0, weights: 0, rows: n } : { x, targets: 0, weights: 0, rows: n };
      for (let l = 0; l < L; l++) {
        const last = l === L - 1;
        const b = last ? params + biasAt[l]! * 4 : 0;
        if (l === 0) firstProduct(rt.exports, first, rows, layers[1]!, b);
        else rt.exports.linear(layers[l]!, params + weightAt[l]! * 4, b, layers[l + 1]!, n, widths[l]!, widths[l + 1]!);
        if (!last) rt.exports.biasActivation(layers[l + 1]!, params + biasAt[l]! * 4, n, widths[l + 1]!, kind);
      }
      visit({ logits, aux, aux2, rows: n, from });
    }
  } finally {
    settle(rt);
  }
}

/** Non-zeros of rows [from, to) of X. */
function nonZeros(X: SparseMatrix, from: number, to: number): number {
  return X.indptr[Math.min(to, X.rows)]! - X.indptr[from]!;
}

/** Rows [from, to) of X into wasm memory as CSR whose indptr counts from the chunk's own arrays. */
function copySparseRows(
  rt: Runtime,
  X: SparseMatrix,
  from: number,
  to: number,
  at: { indptr: number; indices: number; values: number },
): void {
  const start = X.indptr[from]!;
  const end = X.indptr[to]!;
  const i32 = rt.heap.i32;
  for (let i = from; i <= to; i++) i32[(at.indptr >>> 2) + i - from] = X.indptr[i]! - start;
  i32.set(X.indices.subarray(start, end), at.indices >>> 2);
  rt.heap.f32.set(X.data.subarray(start, end), at.values >>> 2);
}

/**
 * `params` (chain layout) with W₀ moved between the two layouts: to input-major (features × outputs)
 * when `toInputMajor`, else back to class-major (outputs × features). The other layers are copied.
 */
export function transposeFirstLayer(
  shape: Pick<ChainShape, "features" | "hidden" | "outputs">,
  params: Float32Array,
  toInputMajor: boolean,
): Float32Array {
  const D = shape.features;
  const K = shape.hidden[0] ?? shape.outputs;
  const out = Float32Array.from(params);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < D; d++) {
      if (toInputMajor) out[d * K + k] = params[k * D + d]!;
      else out[k * D + d] = params[d * K + k]!;
    }
  }
  return out;
}

/** `params` in the chain's class-major layout (W₀ outputs × features), whatever layout `shape` keeps. */
export function classMajor(shape: Pick<ChainShape, "features" | "hidden" | "outputs" | "inputMajor">, params: Float32Array): Float32Array {
  return shape.inputMajor ? transposeFirstLayer(shape, params, false) : params;
}

/** Class-major `params` in the layout `shape` keeps. */
export function inputMajorIf(
  shape: Pick<ChainShape, "features" | "hidden" | "outputs" | "inputMajor">,
  params: Float32Array,
): Float32Array {
  return shape.inputMajor ? transposeFirstLayer(shape, params, true) : params;
}
