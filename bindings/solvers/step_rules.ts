// How parameters move after each mini-batch, and the state each rule keeps in wasm memory:
//   sgd   g = grad + decay·θ;  v = momentum·v − lr·g;  θ += v      (velocity only when momentum > 0)
//   adam  g = grad + decay·θ;  m, v moments;  θ −= lr·m̂ / (√v̂ + ε)  (Kingma & Ba, bias-corrected)
// `decay` is the penalty's share per row (λ / N): the gradient a step follows is the mean batch
// gradient plus decay·θ, as TF.js and PyTorch do it. Kernels: assembly/optim.ts.

import type { Runtime } from "../runtime/runtime.js";
import type { KernelExports } from "../runtime/abi.js";
import type { Objective, ParamGroup } from "../objectives/objective.js";
import type { ResolvedSolverOptions } from "./options.js";

/**
 * One optimizer: the state buffers it keeps per parameter and how it moves a run of parameters. A new
 * optimizer is one more UpdateRule and one line in UPDATE_RULES; StepRule and the solvers need no
 * change.
 */
export interface UpdateRule<O extends { learningRate: number }> {
  /** Its options, from the solver options a model resolved. */
  options(o: ResolvedSolverOptions): O;
  /** State buffers (velocity, moments) it keeps per parameter with these options: 0, 1 or 2. */
  buffers(o: O): number;
  /** Counts the step (Adam's bias correction): the step number after this one. */
  count(t: number): number;
  /**
   * Moves `n` parameters at byte offset `params` along the gradient at `grad`, with its state at
   * `first` and `second` (0 when not kept); `t` is the step number, `decay` the penalty's share.
   */
  move(
    E: KernelExports,
    o: O,
    at: { params: number; grad: number; first: number; second: number },
    n: number,
    t: number,
    decay: number,
  ): void;
}

const sgd: UpdateRule<{ learningRate: number; momentum: number }> = {
  options: (o) => ({ learningRate: o.learningRate, momentum: o.momentum }),
  buffers: (o) => (o.momentum !== 0 ? 1 : 0),
  count: () => 0,
  move: (E, o, at, n, _t, decay) => E.sgdUpdate(at.params, at.grad, o.momentum ? at.first : 0, n, o.learningRate, o.momentum, decay),
};

const adam: UpdateRule<{ learningRate: number; beta1: number; beta2: number; epsilon: number }> = {
  options: (o) => ({ learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon }),
  buffers: () => 2,
  count: (t) => t + 1,
  move(E, o, at, n, t, decay) {
    // Bias corrections folded into the step size and epsilon (see adamUpdate in assembly/optim.ts).
    const c2 = Math.sqrt(1 - o.beta2 ** t);
    const stepSize = (o.learningRate * c2) / (1 - o.beta1 ** t);
    E.adamUpdate(at.params, at.grad, at.first, at.second, n, stepSize, o.beta1, o.beta2, o.epsilon * c2, decay);
  },
};

/** The stochastic solvers' update rules, by solver name. */
export const UPDATE_RULES = { sgd, adam } as const;

/** A stochastic solver's name and its rule's options. */
export type StepRuleOptions = {
  [K in keyof typeof UPDATE_RULES]: { kind: K } & ReturnType<(typeof UPDATE_RULES)[K]["options"]>;
}[keyof typeof UPDATE_RULES];

/** The step rule options for a stochastic solver's resolved options. */
export function stepRuleOptions(solver: keyof typeof UPDATE_RULES, o: ResolvedSolverOptions): StepRuleOptions {
  return { kind: solver, ...UPDATE_RULES[solver].options(o) } as StepRuleOptions;
}

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
    const buffers = this.rule().buffers(options as never);
    try {
      if (buffers >= 1) this.first ||= zeroed(rt, n);
      if (buffers >= 2) this.second ||= zeroed(rt, n);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** The rule's step size. */
  get learningRate(): number {
    return this.options.learningRate;
  }

  /** Starts a step: rules that count steps (Adam) count it. */
  begin(): void {
    this.t = this.rule().count(this.t);
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
    const at = param * 4;
    const state = { params: objective.params + at, grad, first: this.first && this.first + at, second: this.second && this.second + at };
    this.rule().move(this.rt.exports, this.options as never, state, n, this.t, decay);
  }

  private rule(): UpdateRule<{ learningRate: number }> {
    return UPDATE_RULES[this.options.kind] as UpdateRule<{ learningRate: number }>;
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
    const state = this.first ? { first: this.first, second: this.second, t: this.t } : null;
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
