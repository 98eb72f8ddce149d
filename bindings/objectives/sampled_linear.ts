// The linear model's sampled softmax objective (TF's sampled_softmax_loss): per batch, one shared
// set of S distinct candidate classes is drawn; each row's logits are its true class followed by
// the S candidates, each minus the log of its expected count Q (samplers.ts); a candidate that is
// the row's true class (an accidental hit) gets −∞ and so no probability. Cross-entropy against
// column 0, with the fused kernel. Only the rows of W and b of the candidates and of the batch's
// true classes get a gradient: touched() hands those runs to the solver (sparse updates).
//
// Parameters are laid out as LinearObjective's ([W | b], W class-major K × D), so a model trained
// this way predicts with the full softmax unchanged. Memory per batch: the candidates' S rows of
// W, B × (S + 1) logits and the gradients of at most S + B rows; nothing of size K.

import type { Runtime } from "../runtime/runtime.js";
import { Blocks } from "../runtime/blocks.js";
import type { Batch, Objective, ParamGroup, SparseRun } from "./objective.js";
import { drawUnique, logExpectedCount, type CandidateSampler } from "./samplers.js";
import type { LinearShape } from "./linear.js";

export interface SampledOptions {
  /** S: candidates per batch, 1 ≤ S < K. */
  candidates: number;
  sampler: CandidateSampler;
  removeAccidentalHits: boolean;
  /** Uniform [0, 1) numbers for the draws. */
  next: () => number;
}

export class SampledLinearObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  private readonly blocks: Blocks;
  private readonly S: number;
  /** The candidates' W rows (S × D) and biases, gathered per batch. */
  private readonly candW: number;
  private readonly candB: number;
  private readonly candIndex: number;
  /** Sampled logits X·Wcᵀ + bc (B × S), then their gradient. */
  private readonly sampled: number;
  /** The rows' logits [true | candidates] (B × (S + 1)), then their gradient. */
  private readonly logits: number;
  private readonly zeros: number;
  /** Per row: its true class's logit, then the position of its class among the touched rows. */
  private readonly trueLogits: number;
  private readonly positions: number;
  /** Gradients of the touched rows: W rows ((S + B) × D) and biases (S + B). */
  private readonly rowGrads: number;
  private readonly biasGrads: number;
  private readonly candidates: Int32Array;
  private readonly seen: Uint8Array;
  private readonly positionOf: Int32Array;
  private readonly runs: SparseRun[] = [];
  private runCount = 0;

  constructor(private readonly rt: Runtime, private readonly shape: LinearShape, private readonly o: SampledOptions, batchRows: number) {
    this.blocks = new Blocks(rt.heap);
    const { features: D, classes: K } = shape;
    const S = (this.S = o.candidates);
    const B = batchRows;
    this.paramCount = K * D + K;
    const weights: ParamGroup = { start: 0, end: K * D, penalized: true };
    this.groups = shape.fitIntercept ? [weights, { start: K * D, end: K * D + K, penalized: false }] : [weights];
    this.candidates = new Int32Array(S);
    this.seen = new Uint8Array(K);
    this.positionOf = new Int32Array(K).fill(-1);
    try {
      this.params = this.blocks.alloc(this.paramCount * 4);
      this.grads = this.blocks.alloc(4); // no dense gradient: touched() points at the sparse ones
      this.candW = this.blocks.alloc(S * D * 4);
      this.candB = this.blocks.alloc(S * 4);
      this.candIndex = this.blocks.alloc(S * 4);
      this.sampled = this.blocks.alloc(B * S * 4);
      this.logits = this.blocks.alloc(B * (S + 1) * 4);
      this.zeros = this.blocks.alloc(B * 4);
      this.trueLogits = this.blocks.alloc(B * 4);
      this.positions = this.blocks.alloc(B * 4);
      this.rowGrads = this.blocks.alloc((S + B) * D * 4);
      this.biasGrads = this.blocks.alloc((S + B) * 4);
    } catch (error) {
      this.dispose();
      throw error;
    }
    const f32 = rt.heap.f32;
    f32.fill(0, this.params >>> 2, (this.params >>> 2) + this.paramCount);
    rt.heap.i32.fill(0, this.zeros >>> 2, (this.zeros >>> 2) + B);
  }

  lossGrad(batch: Batch, gradScale: number): number {
    const { rt, S } = this;
    const { features: D, classes: K, fitIntercept } = this.shape;
    const E = rt.exports;
    const n = batch.rows;
    const tries = drawUnique(this.o.sampler, S, this.o.next, this.candidates, this.seen);
    const logQ = (k: number) => logExpectedCount(this.o.sampler.probability(k), tries);
    // Candidates' rows of W (and b) side by side, then their logits for every row of the batch.
    rt.heap.i32.set(this.candidates, this.candIndex >>> 2);
    E.gatherRows(this.params, this.candIndex, S, D * 4, this.candW);
    let f32 = rt.heap.f32;
    const bAt = (this.params >>> 2) + K * D;
    for (let j = 0; j < S; j++) f32[(this.candB >>> 2) + j] = fitIntercept ? f32[bAt + this.candidates[j]!]! : 0;
    E.linear(batch.x, this.candW, this.candB, this.sampled, n, D, S);
    // Rows' logits: the true class's (a gathered dot product per row), then the corrected candidates'.
    E.gatheredDots(batch.x, this.params, fitIntercept ? this.params + K * D * 4 : 0, batch.targets, this.trueLogits, n, D);
    const i32 = rt.heap.i32;
    f32 = rt.heap.f32;
    const L = this.logits >>> 2;
    const Z = this.sampled >>> 2;
    const candQ = Array.from(this.candidates, logQ);
    for (let i = 0; i < n; i++) {
      const y = i32[(batch.targets >>> 2) + i]!;
      f32[L + i * (S + 1)] = f32[(this.trueLogits >>> 2) + i]! - logQ(y);
      for (let j = 0; j < S; j++) {
        const hit = this.o.removeAccidentalHits && this.candidates[j] === y;
        f32[L + i * (S + 1) + 1 + j] = hit ? -Infinity : f32[Z + i * S + j]! - candQ[j]!;
      }
    }
    const loss = E.softmaxCrossEntropy(this.logits, this.zeros, n, S + 1, 0, batch.weights, 0, gradScale, 0, this.logits);
    // Gradients: the candidates' through the products, the true classes' row by row.
    f32 = rt.heap.f32;
    for (let i = 0; i < n; i++) for (let j = 0; j < S; j++) f32[Z + i * S + j] = f32[L + i * (S + 1) + 1 + j]!;
    E.linearWeightGrad(this.sampled, batch.x, this.rowGrads, n, D, S, false);
    E.biasGrad(this.sampled, this.biasGrads, n, S, false);
    f32 = rt.heap.f32;
    let rows = S;
    for (let j = 0; j < S; j++) this.positionOf[this.candidates[j]!] = j;
    const G = this.rowGrads >>> 2;
    const GB = this.biasGrads >>> 2;
    const trueRows: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i32[(batch.targets >>> 2) + i]!;
      let p = this.positionOf[y]!;
      if (p < 0) {
        p = this.positionOf[y] = rows++;
        trueRows.push(y);
        f32.fill(0, G + p * D, G + (p + 1) * D);
        f32[GB + p] = 0;
      }
      i32[(this.positions >>> 2) + i] = p;
      f32[GB + p]! += f32[L + i * (S + 1)]!;
    }
    // Each row's true-class gradient (column 0 of the logits' gradient) times its features.
    E.scatterAddRows(this.logits, S + 1, batch.x, this.rowGrads, this.positions, n, D);
    // The runs the solver steps: each touched class's W row, and its bias.
    this.runCount = 0;
    const touch = (k: number, p: number) => {
      this.run(k * D, this.rowGrads + p * D * 4, D, true);
      if (fitIntercept) this.run(K * D + k, this.biasGrads + p * 4, 1, false);
    };
    for (let j = 0; j < S; j++) touch(this.candidates[j]!, j);
    trueRows.forEach((k, t) => touch(k, S + t));
    for (let j = 0; j < S; j++) this.positionOf[this.candidates[j]!] = -1;
    for (const k of trueRows) this.positionOf[k] = -1;
    return loss;
  }

  touched(): readonly SparseRun[] {
    return this.runs.slice(0, this.runCount);
  }

  takeParams(): number {
    this.blocks.handOver(this.params);
    this.dispose();
    return this.params;
  }

  dispose(): void {
    this.blocks.freeAll();
  }

  private run(param: number, grad: number, length: number, penalized: boolean): void {
    const r = (this.runs[this.runCount] ??= { param: 0, grad: 0, length: 0, penalized: false });
    r.param = param;
    r.grad = grad;
    r.length = length;
    r.penalized = penalized;
    this.runCount++;
  }
}
