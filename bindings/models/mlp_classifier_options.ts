// MLPClassifier's options: the shared solver options with scikit-learn's MLP defaults (adam,
// learningRate 0.001, batchSize min(200, rows), momentum 0.9, maxIter 200, nIterNoChange 10) plus
// the network's own, and the checks fit and fromJSON both run.

import { nonNegative, oneOf } from "../core/checks.js";
import { ACTIVATIONS, type Activation } from "../objectives/dense_chain.js";
import { resolveSampled, type SampledSoftmaxOptions } from "./sampled_options.js";
import { resolveSolverOptions, type ResolvedSolverOptions, type SolverOptions } from "../solvers/options.js";
import { MAX_HIDDEN_LAYERS } from "./weights_json.js";

/**
 * Options of {@link MLPClassifier}: the solver options with scikit-learn's MLP defaults
 * (adam, learningRate 0.001, batchSize min(200, rows), momentum 0.9, maxIter 200, nIterNoChange 10) plus the network's own.
 */
export interface MLPClassifierOptions extends SolverOptions {
  /** Units of each hidden layer, first to last; at most 1000 layers. @default [100] */
  hiddenLayerSizes?: readonly number[];
  /** The hidden layers' activation. @default 'relu' */
  activation?: Activation;
  /** L2 strength: scikit-learn's 0.5·alpha·‖W‖² / rows (rows of the batch for sgd and adam). @default 1e-4 */
  alpha?: number;
  /** A sampled softmax output layer for very many classes (as SoftmaxRegression's). @default undefined */
  sampledSoftmax?: SampledSoftmaxOptions;
}

export type ResolvedMLPOptions = ResolvedSolverOptions & {
  hiddenLayerSizes: number[];
  activation: Activation;
  alpha: number;
  sampledSoftmax: Required<SampledSoftmaxOptions> | undefined;
};

/** Every option value checked and defaulted. */
export function resolveMLPOptions(o: MLPClassifierOptions): ResolvedMLPOptions {
  const solver = resolveSolverOptions(o, {
    solver: "adam",
    batchSize: 200,
    learningRate: () => 0.001,
    momentum: 0.9,
    maxIter: 200,
    nIterNoChange: 10,
  });
  const sizes = o.hiddenLayerSizes ?? [100];
  if (!Array.isArray(sizes))
    throw new TypeError(`hiddenLayerSizes must be an array of layer widths, got ${JSON.stringify(sizes) ?? String(sizes)}`);
  if (sizes.length > MAX_HIDDEN_LAYERS) throw new RangeError(`hiddenLayerSizes has ${sizes.length} layers; at most ${MAX_HIDDEN_LAYERS}`);
  sizes.forEach((n, l) => {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
      throw new RangeError(`hiddenLayerSizes[${l}] must be an integer >= 1, got ${JSON.stringify(n) ?? String(n)}`);
    }
  });
  const alpha = nonNegative("alpha", o.alpha ?? 1e-4);
  if (!Number.isFinite(alpha)) throw new RangeError(`alpha must be a finite number >= 0, got ${alpha}`);
  return {
    ...solver,
    hiddenLayerSizes: [...sizes],
    activation: oneOf("activation", o.activation ?? "relu", ACTIVATIONS),
    alpha,
    sampledSoftmax: resolveSampled(o, solver.solver),
  };
}
