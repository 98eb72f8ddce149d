// A sampled softmax output layer (TF's sampled_softmax_loss), shared by the sampled objectives of
// the linear model and the MLP: per batch, one shared set of S distinct candidate classes is drawn;
// each row's logits are its true class followed by the S candidates, each minus the log of its
// expected count Q (samplers.ts); a candidate that is the row's true class (an accidental hit)
// gets −∞ and so no probability. Cross-entropy against column 0, with the fused kernel.
// Only the W rows and biases of the candidates and of the batch's true classes get a gradient,
// kept compact here; runs() says where each belongs in the parameter block (sparse updates).
// Memory per batch: the candidates' S rows of W, B × (S + 1) logits and the gradients of at most
// S + B rows; nothing of size K.

import type { Runtime } from "../runtime/runtime.js";
import type { Blocks } from "../runtime/blocks.js";
import type { SparseRun } from "./objective.js";
import { drawUnique, logExpectedCount, type CandidateSampler } from "./samplers.js";

export interface SampledOptions {
  /** S: candidates per batch, 1 ≤ S < K. */
  candidates: number;
  sampler: CandidateSampler;
  removeAccidentalHits: boolean;
  /** Uniform [0, 1) numbers for the draws. */
  next: () => number;
}

/** Where the output layer lives: W (K × D, class-major) and b as f32 indices of the parameter block. */
export interface OutputLayer {
  inputs: number;
  classes: number;
  weightAt: number;
  /** f32 index of b, or −1 without an intercept. */
  biasAt: number;
}

export class SampledOutput {
  private readonly S: number;
  private readonly candW: number;
  private readonly candB: number;
  private readonly candIndex: number;
  /** Sampled logits (B × S), then their gradient. */
  private readonly sampled: number;
  /** The rows' logits [true | candidates] (B × (S + 1)), then their gradient. */
  private readonly logits: number;
  private readonly zeros: number;
  private readonly trueLogits: number;
  private readonly positions: number;
  /** Gradients of the touched rows: W rows ((S + B) × D) and biases (S + B). */
  private readonly rowGrads: number;
  private readonly biasGrads: number;
  private readonly candidates: Int32Array;
  private readonly seen: Uint8Array;
  private readonly positionOf: Int32Array;
  private readonly runList: SparseRun[] = [];
  private runCount = 0;

  constructor(
    private readonly rt: Runtime,
    blocks: Blocks,
    private readonly o: SampledOptions,
    private readonly layer: OutputLayer,
    batchRows: number,
  ) {
    const { inputs: D, classes: K } = layer;
    const S = (this.S = o.candidates);
    const B = batchRows;
    this.candidates = new Int32Array(S);
    this.seen = new Uint8Array(K);
    this.positionOf = new Int32Array(K).fill(-1);
    this.candW = blocks.alloc(S * D * 4);
    this.candB = blocks.alloc(S * 4);
    this.candIndex = blocks.alloc(S * 4);
    this.sampled = blocks.alloc(B * S * 4);
    this.logits = blocks.alloc(B * (S + 1) * 4);
    this.zeros = blocks.alloc(B * 4);
    this.trueLogits = blocks.alloc(B * 4);
    this.positions = blocks.alloc(B * 4);
    this.rowGrads = blocks.alloc((S + B) * D * 4);
    this.biasGrads = blocks.alloc((S + B) * 4);
    rt.heap.i32.fill(0, this.zeros >>> 2, (this.zeros >>> 2) + B);
  }

  /**
   * The sampled loss of `n` input rows (byte offset `input`, n × D) against class indices at
   * `targets`, with optional row weights; gradients of the touched rows kept for runs(), and
   * ∂loss/∂input written to `inputGrad` (n × D) unless 0.
   */
  lossGrad(params: number, input: number, targets: number, weights: number, n: number, gradScale: number, inputGrad: number): number {
    const { rt, S } = this;
    const { inputs: D, weightAt, biasAt } = this.layer;
    const E = rt.exports;
    const W = params + weightAt * 4;
    const b = biasAt >= 0 ? params + biasAt * 4 : 0;
    const tries = drawUnique(this.o.sampler, S, this.o.next, this.candidates, this.seen);
    const logQ = (k: number) => logExpectedCount(this.o.sampler.probability(k), tries);
    // Candidates' rows of W (and b) side by side, then their logits for every input row.
    rt.heap.i32.set(this.candidates, this.candIndex >>> 2);
    E.gatherRows(W, this.candIndex, S, D * 4, this.candW);
    let f32 = rt.heap.f32;
    for (let j = 0; j < S; j++) f32[(this.candB >>> 2) + j] = b ? f32[(b >>> 2) + this.candidates[j]!]! : 0;
    E.linear(input, this.candW, this.candB, this.sampled, n, D, S);
    // Rows' logits: the true class's (a gathered dot product per row), then the corrected candidates'.
    E.gatheredDots(input, W, b, targets, this.trueLogits, n, D);
    const i32 = rt.heap.i32;
    f32 = rt.heap.f32;
    const L = this.logits >>> 2;
    const Z = this.sampled >>> 2;
    const candQ = Array.from(this.candidates, logQ);
    for (let i = 0; i < n; i++) {
      const y = i32[(targets >>> 2) + i]!;
      f32[L + i * (S + 1)] = f32[(this.trueLogits >>> 2) + i]! - logQ(y);
      for (let j = 0; j < S; j++) {
        const hit = this.o.removeAccidentalHits && this.candidates[j] === y;
        f32[L + i * (S + 1) + 1 + j] = hit ? -Infinity : f32[Z + i * S + j]! - candQ[j]!;
      }
    }
    const loss = E.softmaxCrossEntropy(this.logits, this.zeros, n, S + 1, 0, weights, 0, gradScale, 0, this.logits);
    // Gradients: the candidates' through the products, the true classes' row by row.
    f32 = rt.heap.f32;
    for (let i = 0; i < n; i++) for (let j = 0; j < S; j++) f32[Z + i * S + j] = f32[L + i * (S + 1) + 1 + j]!;
    E.linearWeightGrad(this.sampled, input, this.rowGrads, n, D, S, false);
    E.biasGrad(this.sampled, this.biasGrads, n, S, false);
    if (inputGrad) E.linearInputGrad(this.sampled, this.candW, inputGrad, n, D, S);
    f32 = rt.heap.f32;
    let rows = S;
    for (let j = 0; j < S; j++) this.positionOf[this.candidates[j]!] = j;
    const G = this.rowGrads >>> 2;
    const GB = this.biasGrads >>> 2;
    const trueRows: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i32[(targets >>> 2) + i]!;
      let p = this.positionOf[y]!;
      if (p < 0) {
        p = this.positionOf[y] = rows++;
        trueRows.push(y);
        f32.fill(0, G + p * D, G + (p + 1) * D);
        f32[GB + p] = 0;
      }
      i32[(this.positions >>> 2) + i] = p;
      const g = f32[L + i * (S + 1)]!;
      f32[GB + p]! += g;
      // ∂loss/∂input_i also gets the true class's row: g · W[y_i].
      if (inputGrad) for (let d = 0; d < D; d++) f32[(inputGrad >>> 2) + i * D + d]! += g * f32[(W >>> 2) + y * D + d]!;
    }
    // Each row's true-class gradient (column 0 of the logits' gradient) times its input.
    E.scatterAddRows(this.logits, S + 1, input, this.rowGrads, this.positions, n, D);
    this.runCount = 0;
    const touch = (k: number, p: number) => {
      this.run(weightAt + k * D, this.rowGrads + p * D * 4, D, true);
      if (b) this.run(biasAt + k, this.biasGrads + p * 4, 1, false);
    };
    for (let j = 0; j < S; j++) touch(this.candidates[j]!, j);
    trueRows.forEach((k, t) => touch(k, S + t));
    for (let j = 0; j < S; j++) this.positionOf[this.candidates[j]!] = -1;
    for (const k of trueRows) this.positionOf[k] = -1;
    return loss;
  }

  /** The output layer's runs the last lossGrad touched. */
  runs(): SparseRun[] {
    return this.runList.slice(0, this.runCount);
  }

  private run(param: number, grad: number, length: number, penalized: boolean): void {
    const r = (this.runList[this.runCount] ??= { param: 0, grad: 0, length: 0, penalized: false });
    r.param = param;
    r.grad = grad;
    r.length = length;
    r.penalized = penalized;
    this.runCount++;
  }
}
