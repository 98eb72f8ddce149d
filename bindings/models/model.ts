// The lifecycle every model shares, and the requirements it puts in writing:
// - The constructor only stores options; fit() validates, trains and returns the model.
// - Failure atomicity: a call that fails (bad input, divergence, a throwing callback) leaves the
//   model exactly as it was. Training works on its own buffers; commit() swaps the result in only
//   when everything succeeded.
// - Fitted state lives in wasm memory blocks that the model owns: dispose() frees them (and is
//   harmless twice); a model collected without dispose() is freed by a FinalizationRegistry where
//   the runtime has one (workerd has none: there, only dispose() frees).
// - Before fit, fitted attributes and predictions throw NotFittedError; after dispose, DisposedError.

import { runtime, type Runtime } from "../runtime/runtime.js";
import { DisposedError, NotFittedError } from "../core/errors.js";

/** What every fitted state holds: the wasm blocks it owns and how its training went. */
export interface FittedBase {
  readonly blocks: readonly number[];
  nIter: number;
  lossCurve: number[];
  converged: boolean;
}

/** One layer of a model, as ONNX export and other readers see it (weights are copies). */
export interface LayerInfo {
  /** Every layer is dense (a matrix product plus a bias, then the activation). */
  kind: "dense";
  /** Inputs of the layer. */
  inputs: number;
  /** Outputs (units) of the layer. */
  outputs: number;
  /** Row-major outputs × inputs (PyTorch's Linear.weight layout). */
  weight: Float32Array;
  /** One bias per output. */
  bias: Float32Array;
  /** The function applied to the layer's outputs. */
  activation: "softmax" | "sigmoid" | "identity" | "relu" | "tanh" | "logistic";
}

const leaks =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<{ rt: Runtime; blocks: readonly number[] }>(({ rt, blocks }) => {
        for (const ptr of blocks) rt.heap.release(ptr);
      })
    : undefined;

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");

export abstract class Model<F extends FittedBase> {
  private fittedState: F | null = null;
  private disposed = false;

  /** The model's name, for messages: its class's static modelName. */
  private get kind(): string {
    return (this.constructor as unknown as { modelName: string }).modelName;
  }

  /** True once fit (or fromJSON) has succeeded and until dispose(). */
  get isFitted(): boolean {
    return this.fittedState !== null && !this.disposed;
  }

  /** Iterations (lbfgs) or epochs (sgd, adam) the last fit ran. */
  get nIter(): number {
    return this.state().nIter;
  }

  /** The training loss after every iteration or epoch. */
  get lossCurve(): number[] {
    return [...this.state().lossCurve];
  }

  /**
   * False when training stopped short of its stopping rule: lbfgs before meeting tol (iterations,
   * line search, onEpoch), sgd/adam at maxIter while tol > 0. A warning says why.
   */
  get converged(): boolean {
    return this.state().converged;
  }

  /** The fitted state; throws DisposedError or NotFittedError. */
  protected state(): F {
    this.usable();
    if (!this.fittedState) throw new NotFittedError(`this ${this.kind} is not fitted yet: call fit(X, y) first`);
    return this.fittedState;
  }

  /** The fitted state or null before fit; throws DisposedError. */
  protected current(): F | null {
    this.usable();
    return this.fittedState;
  }

  /** Throws DisposedError after dispose(). */
  protected usable(): void {
    if (this.disposed) throw new DisposedError(`this ${this.kind} was disposed; create or load a new one`);
  }

  /** Replaces the fitted state (freeing the old one's blocks); the model owns `next`'s blocks from here. */
  protected commit(rt: Runtime, next: F): void {
    this.release(rt);
    this.fittedState = next;
    leaks?.register(this, { rt, blocks: next.blocks }, this);
  }

  /** Frees the model's wasm memory; later calls throw DisposedError. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    if (this.fittedState) this.release(runtime());
    this.disposed = true;
  }

  /** `using model = …` disposes it at the end of the scope. */
  [disposeSymbol](): void {
    this.dispose();
  }

  /** The model's layers, first to last. */
  abstract layers(): LayerInfo[];

  abstract toJSON(): unknown;

  private release(rt: Runtime): void {
    if (!this.fittedState) return;
    leaks?.unregister(this);
    for (const ptr of this.fittedState.blocks) rt.heap.release(ptr);
    this.fittedState = null;
  }
}
