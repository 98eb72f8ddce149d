// What makes one model differ from another: its ModelSpec. Everything else (fit, partialFit,
// predictions, scores, layers, the saved form, loading) is model.ts's, written once. A new model is
// a class that extends Model with a spec, plus one line in registry.ts; cli/, onnx/ and worker/ use
// it through the registry.

import type { Label } from "../data/labels.js";
import type { ChainShape } from "../objectives/dense_chain.js";
import type { Head } from "../objectives/heads.js";
import type { ResolvedSolverOptions } from "../solvers/options.js";
import type { FitData, TargetForm, TargetKind } from "./fit_data.js";
import type { LabelSetCodec } from "./label_sets.js";
import type { WeightsCodec } from "./weights_json.js";

export interface ModelSpec<R extends ResolvedSolverOptions = ResolvedSolverOptions> {
  /** The class name, for messages and fitInWorker (class names do not survive minifiers). */
  readonly name: string;
  /** The format tag of its JSON, by which loadModel finds the model, and the version it writes. */
  readonly format: string;
  readonly version: number;
  /** The CLI's --model value. */
  readonly cliName: string;
  /** What fit takes as y. */
  readonly targets: TargetKind;
  /** How it reads and writes label sets (label_sets.ts's LABEL_SETS); required when `targets` names them. */
  readonly labelSets?: LabelSetCodec;
  /** Every option name the constructor accepts. */
  readonly optionNames: readonly string[];
  /** Every option value checked and defaulted, as fit and fromJSON both check them. */
  resolve(options: object): R;
  /** The network for `features` inputs and `outputs` outputs. */
  shape(o: R, features: number, outputs: number): ChainShape;
  /** The output head for targets of `form`; with `data`, the head to train on it (class weights, sampling). */
  head(o: R, form: TargetForm, data?: FitData): Head;
  /** λ of the L2 penalty, or λ given the number of training rows. */
  penalty(o: R): number | ((trainRows: number) => number);
  /** Starting parameters of a fresh fit (chain layout); zeros without. */
  initialParams?(o: R, shape: ChainShape): Float32Array;
  /** The layout of its weights in the saved form. */
  readonly weights: WeightsCodec;
  /**
   * Why layers trained elsewhere (ONNX import, the CLI) cannot make this model, or null when they
   * can; `threshold` is the labels' threshold of a sigmoid output, where the source names one.
   */
  refuseLayers(layers: readonly LayerInfo[], threshold: number | undefined): string | null;
  /**
   * The options a network of `shape` implies (hidden sizes and activation; a labels threshold named
   * by the source), which override the caller's when a model is built from layers or saved.
   */
  layerOptions(shape: ChainShape, threshold: number | undefined): object;
}

/** Fitted state every model keeps: where its parameters live and what they mean. */
export interface FittedState {
  readonly blocks: readonly number[];
  nIter: number;
  lossCurve: number[];
  converged: boolean;
  classes: Label[];
  form: TargetForm;
  shape: ChainShape;
  /** Byte offset of the parameter block (chain layout). */
  params: number;
  /** Stochastic solvers' state, carried into partialFit. */
  optimizer: import("../solvers/step_rules.js").OptimizerState | null;
  /** The head predictions use. */
  head: Head;
  /** The columns' names when fit on rows of objects, else null (absent: null). */
  featureNames?: string[] | null;
}

/** One layer of a model, as ONNX export and other readers see it (weights are copies). */
export interface LayerInfo {
  /** The layer's kind: every layer is dense. */
  kind: "dense";
  /** Its input width. */
  inputs: number;
  /** Its output width. */
  outputs: number;
  /** Row-major outputs × inputs (PyTorch's Linear.weight layout). */
  weight: Float32Array;
  /** One bias per output. */
  bias: Float32Array;
  /** What follows the product: the head (softmax, sigmoid) on the last layer, the hidden activation before. */
  activation: "softmax" | "sigmoid" | "identity" | "relu" | "tanh" | "logistic";
}
