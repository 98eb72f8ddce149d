// The wasm side of training a softmax regression: data uploaded once, parameters [W | b] in one
// block (W class-major K × D, then b), and the passes that the solvers need:
//   objective()  the full-data loss Σ_i s_i c_{y_i} CE_i and its gradient (for L-BFGS);
//   epoch()      one pass of mini-batch SGD or Adam over the data in a given order.
// Nothing is allocated per batch: every buffer is sized once when the session starts.

import type { Runtime } from "./runtime.js";
import { copyRows, type Matrix } from "./input.js";

export interface SessionData {
  X: Matrix;
  labels: Int32Array;
  /** Per-row weights, or null for all ones. */
  sampleWeights: Float32Array | null;
  /** Per-class weights, or null for all ones. */
  classWeights: Float32Array | null;
  classes: number;
}

export interface SessionOptions {
  fitIntercept: boolean;
  labelSmoothing: number;
  /** Largest batch the session will be asked to run (sizes the batch buffers). */
  batchSize: number;
}

/** Rows per pass of the full-data objective: enough to amortise calls, small enough to stay in cache. */
const OBJECTIVE_ROWS = 1024;

export class TrainingSession {
  readonly rows: number;
  readonly features: number;
  readonly classes: number;
  readonly paramCount: number;
  private readonly blocks: number[] = [];
  private readonly x: number;
  private readonly labels: number;
  private readonly sampleWeights: number;
  private readonly classWeights: number;
  readonly params: number;
  private readonly grads: number;
  private readonly logits: number;
  private readonly batchX: number;
  private readonly batchIndex: number;
  private readonly batchLabels: number;
  private readonly batchWeights: number;
  private state1 = 0;
  private state2 = 0;

  constructor(private readonly rt: Runtime, data: SessionData, private readonly options: SessionOptions) {
    const { heap } = rt;
    const N = (this.rows = data.X.rows);
    const D = (this.features = data.X.cols);
    const K = (this.classes = data.classes);
    this.paramCount = K * D + K;
    const B = Math.max(1, Math.min(options.batchSize, N));
    try {
      this.x = this.alloc(N * D * 4);
      this.labels = this.alloc(N * 4);
      this.sampleWeights = data.sampleWeights ? this.alloc(N * 4) : 0;
      this.classWeights = data.classWeights ? this.alloc(K * 4) : 0;
      this.params = this.alloc(this.paramCount * 4);
      this.grads = this.alloc(this.paramCount * 4);
      this.logits = this.alloc(Math.max(B, Math.min(OBJECTIVE_ROWS, N)) * K * 4);
      this.batchX = this.alloc(B * D * 4);
      this.batchIndex = this.alloc(B * 4);
      this.batchLabels = this.alloc(B * 4);
      this.batchWeights = this.alloc(B * 4);
    } catch (error) {
      this.dispose();
      throw error;
    }
    copyRows(data.X, 0, N, heap.f32, this.x >>> 2);
    heap.i32.set(data.labels, this.labels >>> 2);
    if (data.sampleWeights) heap.f32.set(data.sampleWeights, this.sampleWeights >>> 2);
    if (data.classWeights) heap.f32.set(data.classWeights, this.classWeights >>> 2);
    heap.f32.fill(0, this.params >>> 2, (this.params >>> 2) + this.paramCount);
  }

  private alloc(bytes: number): number {
    const ptr = this.rt.heap.alloc(bytes);
    this.blocks.push(ptr);
    return ptr;
  }

  /** Frees every buffer of the session except those handed over with takeParams(). */
  dispose(): void {
    for (const ptr of this.blocks.splice(0)) this.rt.heap.release(ptr);
  }

  /** Hands the parameter block to the caller (who must release it) and frees the rest. */
  takeParams(): number {
    const i = this.blocks.indexOf(this.params);
    if (i >= 0) this.blocks.splice(i, 1);
    this.dispose();
    return this.params;
  }

  /** The current parameters [W | b], copied into `out` (a new array when omitted). */
  getParams(out: Float32Array = new Float32Array(this.paramCount)): Float32Array {
    return readParams(this.rt, this.params, out);
  }

  /** Sets [W | b] from `values` (paramCount numbers); b stays 0 without an intercept. */
  setParams(values: Float32Array | Float64Array): void {
    const f32 = this.rt.heap.f32;
    const at = this.params >>> 2;
    f32.set(values.length === this.paramCount ? values : values.subarray(0, this.paramCount), at);
    if (!this.options.fitIntercept) f32.fill(0, at + this.classes * this.features, at + this.paramCount);
  }

  /**
   * Σ_i s_i c_{y_i} CE_i at the current parameters, over all rows, with its gradient with respect
   * to [W | b] written into `grad` (the intercept part is 0 without an intercept).
   */
  objective(grad: Float64Array): number {
    const { exports: E, heap } = this.rt;
    const { rows: N, features: D, classes: K } = this;
    const W = this.params;
    const b = this.options.fitIntercept ? W + K * D * 4 : 0;
    const dW = this.grads;
    const db = dW + K * D * 4;
    let loss = 0;
    for (let from = 0; from < N; from += OBJECTIVE_ROWS) {
      const n = Math.min(OBJECTIVE_ROWS, N - from);
      const x = this.x + from * D * 4;
      E.linear(x, W, b, this.logits, n, D, K);
      loss += E.softmaxCrossEntropy(
        this.logits, this.labels + from * 4, n, K, this.classWeights,
        this.sampleWeights ? this.sampleWeights + from * 4 : 0, this.options.labelSmoothing, 1, 0, this.logits,
      );
      E.linearWeightGrad(this.logits, x, dW, n, D, K, from > 0);
      if (b) E.biasGrad(this.logits, db, n, K, from > 0);
    }
    const f32 = heap.f32;
    const at = dW >>> 2;
    for (let i = 0; i < K * D; i++) grad[i] = f32[at + i]!;
    for (let k = 0; k < K; k++) grad[K * D + k] = b ? f32[(db >>> 2) + k]! : 0;
    return loss;
  }

  /** Allocates optimizer state (velocity, or Adam's two moments), zeroed, once. */
  private ensureState(count: 1 | 2): void {
    if (!this.state1) {
      this.state1 = this.alloc(this.paramCount * 4);
      this.rt.heap.f32.fill(0, this.state1 >>> 2, (this.state1 >>> 2) + this.paramCount);
    }
    if (count === 2 && !this.state2) {
      this.state2 = this.alloc(this.paramCount * 4);
      this.rt.heap.f32.fill(0, this.state2 >>> 2, (this.state2 >>> 2) + this.paramCount);
    }
  }

  /** Continues from optimizer state saved by takeState() (the session now owns those blocks). */
  adoptState(state: OptimizerState): void {
    for (const ptr of [state.first, state.second]) if (ptr) this.blocks.push(ptr);
    this.state1 = state.first;
    this.state2 = state.second;
  }

  /** Hands the optimizer state to the caller (who must release it or adopt it into a later session). */
  takeState(): OptimizerState {
    const state = { first: this.state1, second: this.state2 };
    for (const ptr of [this.state1, this.state2]) {
      const i = this.blocks.indexOf(ptr);
      if (ptr && i >= 0) this.blocks.splice(i, 1);
    }
    this.state1 = this.state2 = 0;
    return state;
  }

  /**
   * One pass over `order` (row indices) in batches of `batchSize`, updating the parameters after
   * each batch with lr × (mean batch gradient + decay·W). Returns Σ of the weighted batch losses
   * (each measured before its update), NaN as soon as one is not finite.
   */
  epoch(order: Int32Array | null, step: StepRule, batchSize: number, decay: number): number {
    const { exports: E, heap } = this.rt;
    const { rows: N, features: D, classes: K } = this;
    const W = this.params;
    const b = W + K * D * 4;
    const dW = this.grads;
    const db = dW + K * D * 4;
    const rowBytes = D * 4;
    if (step.kind !== "sgd" || step.momentum !== 0) this.ensureState(step.kind === "adam" ? 2 : 1);
    let total = 0;
    for (let from = 0; from < N; from += batchSize) {
      const n = Math.min(batchSize, N - from);
      let x = this.x + from * rowBytes;
      let labels = this.labels + from * 4;
      let weights = this.sampleWeights ? this.sampleWeights + from * 4 : 0;
      if (order) {
        const i32 = heap.i32;
        const f32 = heap.f32;
        for (let i = 0; i < n; i++) {
          const row = order[from + i]!;
          i32[(this.batchIndex >>> 2) + i] = row;
          i32[(this.batchLabels >>> 2) + i] = i32[(this.labels >>> 2) + row]!;
          if (weights) f32[(this.batchWeights >>> 2) + i] = f32[(this.sampleWeights >>> 2) + row]!;
        }
        E.gatherRows(this.x, this.batchIndex, n, rowBytes, this.batchX);
        x = this.batchX;
        labels = this.batchLabels;
        if (weights) weights = this.batchWeights;
      }
      E.linear(x, W, this.options.fitIntercept ? b : 0, this.logits, n, D, K);
      const loss = E.softmaxCrossEntropy(
        this.logits, labels, n, K, this.classWeights, weights, this.options.labelSmoothing, 1 / n, 0, this.logits,
      );
      if (!Number.isFinite(loss)) return NaN;
      total += loss;
      if (step.kind === "adam") step.t++;
      E.linearWeightGrad(this.logits, x, dW, n, D, K, false);
      this.update(step, W, dW, 0, K * D, decay);
      if (this.options.fitIntercept) {
        E.biasGrad(this.logits, db, n, K, false);
        this.update(step, b, db, K * D, K, 0);
      }
    }
    return total;
  }

  private update(step: StepRule, param: number, grad: number, offset: number, n: number, decay: number): void {
    const E = this.rt.exports;
    if (step.kind === "sgd") {
      E.sgdUpdate(param, grad, step.momentum ? this.state1 + offset * 4 : 0, n, step.learningRate, step.momentum, decay);
    } else {
      // Bias corrections folded into the step size and epsilon (see adamUpdate in assembly/optim.ts).
      const c2 = Math.sqrt(1 - step.beta2 ** step.t);
      const stepSize = (step.learningRate * c2) / (1 - step.beta1 ** step.t);
      E.adamUpdate(param, grad, this.state1 + offset * 4, this.state2 + offset * 4, n, stepSize, step.beta1, step.beta2, step.eps * c2, decay);
    }
  }

  /** Σ_k,d W², for the penalty term of reported losses. */
  weightSquares(): number {
    const f32 = this.rt.heap.f32;
    const at = this.params >>> 2;
    let s = 0;
    for (let i = 0; i < this.classes * this.features; i++) s += f32[at + i]! * f32[at + i]!;
    return s;
  }

  /** True when every parameter is finite. */
  paramsFinite(): boolean {
    const f32 = this.rt.heap.f32;
    const at = this.params >>> 2;
    for (let i = 0; i < this.paramCount; i++) if (!Number.isFinite(f32[at + i]!)) return false;
    return true;
  }
}

/** Copies out.length f32 values starting at byte offset `params` of wasm memory into `out`. */
export function readParams<T extends Float32Array | Float64Array>(rt: Runtime, params: number, out: T): T {
  out.set(rt.heap.f32.subarray(params >>> 2, (params >>> 2) + out.length));
  return out;
}

/** How parameters move after each batch. Adam's step count `t` advances as batches run. */
export type StepRule =
  | { kind: "sgd"; learningRate: number; momentum: number }
  | { kind: "adam"; learningRate: number; beta1: number; beta2: number; eps: number; t: number };

/** Optimizer buffers (velocity; or Adam's first and second moments, with `t` kept by the caller). */
export interface OptimizerState {
  first: number;
  second: number;
}
