// How parameters move after each mini-batch, and the state each rule keeps in wasm memory:
//   sgd   g = grad + decay·θ;  v = momentum·v − lr·g;  θ += v      (velocity only when momentum > 0)
//   adam  g = grad + decay·θ;  m, v moments;  θ −= lr·m̂ / (√v̂ + ε)  (Kingma & Ba, bias-corrected)
// `decay` is the penalty's share per row (λ / N): the gradient a step follows is the mean batch
// gradient plus decay·θ, as TF.js and PyTorch do it. Kernels: assembly/optim.ts.

import type { Runtime } from "../runtime/runtime.js";
import type { Objective, ParamGroup } from "../objectives/objective.js";

export type StepRuleOptions =
  | { kind: "sgd"; learningRate: number; momentum: number }
  | { kind: "adam"; learningRate: number; beta1: number; beta2: number; epsilon: number };

/**
 * Optimizer state carried from one fit to the next (partialFit): the blocks of the first and second
 * buffers (0 when absent) and Adam's step count. Whoever holds it owns the blocks.
 */
export interface OptimizerState {
  readonly first: number;
  readonly second: number;
  readonly t: number;
}

export class StepRule {
  private first = 0;
  private second = 0;
  private t: number;

  /** `from` is copied, so the caller's state survives a failed fit. */
  constructor(
    private readonly rt: Runtime,
    private readonly n: number,
    private readonly options: StepRuleOptions,
    from: OptimizerState | null,
  ) {
    this.t = from?.t ?? 0;
    if (from) {
      this.first = copyBlock(rt, from.first, n);
      this.second = copyBlock(rt, from.second, n);
    }
    try {
      if (options.kind === "adam" || options.momentum !== 0) this.first ||= zeroed(rt, n);
      if (options.kind === "adam") this.second ||= zeroed(rt, n);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Starts a step: Adam counts it. */
  begin(): void {
    if (this.options.kind === "adam") this.t++;
  }

  /** Moves the group's parameters of `objective` along its gradient block. */
  apply(objective: Objective, group: ParamGroup, decay: number): void {
    this.applyRun(objective, group.start, objective.grads + group.start * 4, group.end - group.start, decay);
  }

  /**
   * Moves `n` parameters from index `param` along the gradient at byte offset `grad`; their
   * optimizer state is the state at the same indices. For sparse runs, Adam's moments move only
   * where a step touches (TF's LazyAdam), with the bias correction of the global step count.
   */
  applyRun(objective: Objective, param: number, grad: number, n: number, decay: number): void {
    const E = this.rt.exports;
    const at = param * 4;
    const o = this.options;
    if (o.kind === "sgd") {
      E.sgdUpdate(objective.params + at, grad, o.momentum ? this.first + at : 0, n, o.learningRate, o.momentum, decay);
    } else {
      // Bias corrections folded into the step size and epsilon (see adamUpdate in assembly/optim.ts).
      const c2 = Math.sqrt(1 - o.beta2 ** this.t);
      const stepSize = (o.learningRate * c2) / (1 - o.beta1 ** this.t);
      E.adamUpdate(objective.params + at, grad, this.first + at, this.second + at, n, stepSize, o.beta1, o.beta2, o.epsilon * c2, decay);
    }
  }

  /** True when every value of the state is finite (a non-finite moment is divergence). */
  finite(): boolean {
    const f32 = this.rt.heap.f32;
    for (const ptr of [this.first, this.second]) {
      if (!ptr) continue;
      for (let i = ptr >>> 2, end = i + this.n; i < end; i++) if (!Number.isFinite(f32[i]!)) return false;
    }
    return true;
  }

  /** Hands the state to the caller (who must release it), or null when the rule keeps none. */
  take(): OptimizerState | null {
    const state = this.first ? { first: this.first, second: this.second, t: this.options.kind === "adam" ? this.t : 0 } : null;
    this.first = this.second = 0;
    return state;
  }

  dispose(): void {
    for (const ptr of [this.first, this.second]) if (ptr) this.rt.heap.release(ptr);
    this.first = this.second = 0;
  }
}

/** The blocks an OptimizerState owns. */
export function stateBlocks(state: OptimizerState | null): number[] {
  return state ? [state.first, state.second].filter((p) => p !== 0) : [];
}

function zeroed(rt: Runtime, n: number): number {
  const ptr = rt.heap.alloc(n * 4);
  rt.heap.f32.fill(0, ptr >>> 2, (ptr >>> 2) + n);
  return ptr;
}

function copyBlock(rt: Runtime, ptr: number, n: number): number {
  if (!ptr) return 0;
  const to = rt.heap.alloc(n * 4);
  rt.heap.f32.copyWithin(to >>> 2, ptr >>> 2, (ptr >>> 2) + n);
  return to;
}
