// Every model's contract and the glue that serves it, written once (a model declares only its
// ModelSpec, spec.ts, and typed signatures):
// - The constructor only stores options (an unknown name is a TypeError there); fit() validates,
//   trains and returns the model. fit and partialFit are one training run (as scikit-learn's
//   _fit(incremental)): partialFit is one epoch of sgd or adam continuing the weights and the
//   optimizer state, so chunks streamed through it take the steps one fit epoch takes over them.
// - Failure atomicity: a call that fails (bad input, divergence, a throwing callback) leaves the
//   model exactly as it was. Training works on its own buffers; commit() swaps the result in only
//   when everything succeeded. dispose() inside a callback stops the fit with DisposedError.
// - X is dense rows or a SparseMatrix. A model trained on sparse rows keeps its first layer
//   input-major (objectives/dense_chain.ts) and saves it class-major with `inputMajor: true`, so a
//   copy predicts bit for bit; partialFit continues a model on the kind of rows it was trained on.
// - Fitted state lives in wasm memory blocks that the model owns: dispose() frees them (and is
//   harmless twice); a model collected without dispose() is freed by a FinalizationRegistry where
//   the runtime has one (workerd has none: there, only dispose() frees).
// - Before fit, fitted attributes and predictions throw NotFittedError; after dispose, DisposedError.
// - Predictions on zero rows return empty results of the same types.

import { runtime, type Runtime } from "../runtime/runtime.js";
import { checkOutputSize, ready, rowsPerChunk } from "../runtime/scratch.js";
import { DisposedError, NotFittedError } from "../core/errors.js";
import { checkOptions } from "../core/checks.js";
import { checkFinite, copyOut, toMatrix, type Matrix, type MatrixInput } from "../core/input.js";
import { flatRowError, isRecordRows, recordMatrix } from "../data/records.js";
import { decodeLabels, encodeLabels, type Label, type LabelsInput } from "../data/labels.js";
import {
  DenseChainObjective,
  chainLayout,
  classMajor,
  forwardChain,
  inputMajorIf,
  transposeFirstLayer,
  type ChainShape,
} from "../objectives/dense_chain.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import { readParams } from "../objectives/params.js";
import { stateBlocks } from "../solvers/step_rules.js";
import type { EpochInfo, ResolvedSolverOptions } from "../solvers/options.js";
import { train } from "./train.js";
import { fitData, partialFitData, sameClasses, type FitData } from "./fit_data.js";
import { checkClasses, readEnvelope, readJSONObject, savedModel, type ModelJSON } from "./json.js";
import type { FittedState, LayerInfo, ModelSpec } from "./spec.js";

/** fit's options. */
export interface FitOptions {
  /** One non-negative weight per row. @default undefined (all 1) */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /** Feature count, required when X is a typed array. @default undefined (from X) */
  features?: number;
}

/** partialFit's options. */
export interface PartialFitOptions<L extends Label = Label> {
  /** Every class the model will ever see; required on the first call (label sets: every label). @default undefined (the model's) */
  classes?: readonly L[];
  /** Feature count, required when X is a typed array on the first call; must match the model after it. @default undefined (from X) */
  features?: number;
}

/**
 * What models read as X: a dense matrix (rows of numbers, rows of objects of numbers by column name,
 * or a typed array with `features`) or a SparseMatrix.
 */
export type ModelInput = MatrixInput | NamedRows | SparseMatrix;

/** Rows of objects of numbers, by column name: `[{ gpa: 3.9, exam: 92 }]`. */
export type NamedRows = readonly Readonly<Record<string, number>>[];

/** Rows as arrays of numbers, or as objects of numbers by column name. */
export type DenseRows = readonly (readonly number[])[] | NamedRows;

/** Integer labels in a typed array: the model's labels are then numbers. */
export type TypedLabels = Int32Array | Uint32Array | Float64Array;

// Nothing at module level that a bundler must keep (a registry made here, a method with a computed
// key): that would keep this class, and all it references, in apps that never build a model.
let leaks: FinalizationRegistry<{ rt: Runtime; blocks: readonly number[] }> | undefined;

/** The registry that frees the blocks of a model collected without dispose(), made on first use; none where the runtime has none. */
function leakRegistry(): typeof leaks {
  if (!leaks && typeof FinalizationRegistry === "function") {
    leaks = new FinalizationRegistry(({ rt, blocks }) => {
      for (const ptr of blocks) rt.heap.release(ptr);
    });
  }
  return leaks;
}

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");

/** What predictTopK returns. */
export interface LabelTopK<L extends Label = Label> {
  /** Each row's k labels, most probable first. */
  labels: L[][];
  /** Their probabilities, rows × k, in the same order. */
  probabilities: Float32Array;
}

/**
 * What every model shares: the lifecycle, fit and partialFit, predictions, scores, layers and the
 * saved form. A model class adds its typed signatures and its own fitted attributes.
 */
export abstract class Model<L extends Label = Label, O extends object = object> {
  /** The options the model was constructed with (as given; defaults are filled at fit). */
  readonly options: O;
  private fittedState: FittedState | null = null;
  private disposed = false;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options: O | undefined) {
    this.options = { ...checkOptions(`${this.spec.name} options`, options, this.spec.optionNames) };
    // `using model = …` disposes it at the end of the scope.
    Object.defineProperty(this, disposeSymbol, { value: () => this.dispose() });
  }

  /** The model's spec: its static `spec`. */
  protected get spec(): ModelSpec {
    return (this.constructor as unknown as { spec: ModelSpec }).spec;
  }

  // ---- lifecycle ----

  /** True once fit (or fromJSON) has succeeded and until dispose(). */
  get isFitted(): boolean {
    return this.fittedState !== null && !this.disposed;
  }

  /** Frees the model's wasm memory; later calls throw DisposedError. Calling it twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    if (this.fittedState) this.release(runtime());
    this.disposed = true;
  }

  /** The fitted state; throws DisposedError or NotFittedError. */
  protected state(): FittedState {
    this.usable();
    if (!this.fittedState) throw new NotFittedError(`this ${this.spec.name} is not fitted yet: call fit(X, y) first`);
    return this.fittedState;
  }

  /** Throws DisposedError after dispose(). */
  protected usable(): void {
    if (this.disposed) throw new DisposedError(`this ${this.spec.name} was disposed; create or load a new one`);
  }

  /** Replaces the fitted state (freeing the old one's blocks); the model owns `next`'s blocks from here. */
  private commit(rt: Runtime, next: FittedState): void {
    this.release(rt);
    this.fittedState = next;
    leakRegistry()?.register(this, { rt, blocks: next.blocks }, this);
  }

  private release(rt: Runtime): void {
    if (!this.fittedState) return;
    leaks?.unregister(this);
    for (const ptr of this.fittedState.blocks) rt.heap.release(ptr);
    this.fittedState = null;
  }

  /**
   * @internal Takes `other`'s fitted state (a model of the same class, e.g. trained in a worker):
   * this model then predicts as `other` did, and `other` is disposed.
   */
  adoptFitted(other: Model<Label, object>): void {
    this.usable();
    if (other.constructor !== this.constructor) throw new TypeError(`adoptFitted: expected a ${this.spec.name}`);
    const next = other.state();
    leaks?.unregister(other);
    other.fittedState = null;
    other.disposed = true;
    this.commit(ready(), next);
  }

  /** @internal Names the features of a fitted model (fitStream reads rows of objects into buffers of numbers). */
  nameFeatures(names: string[]): void {
    const f = this.state();
    if (names.length === f.shape.features) f.featureNames = [...names];
  }

  // ---- fitted attributes ----

  /** The classes (labels for label sets), in the order of the output columns. */
  get classes(): L[] {
    return [...this.state().classes] as L[];
  }

  /** Features the model was trained with. */
  get nFeatures(): number {
    return this.state().shape.features;
  }

  /** The columns' names when fit on rows of objects (predict then reads rows of objects by these names), else null. */
  get featureNames(): string[] | null {
    const names = this.state().featureNames;
    return names ? [...names] : null;
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

  // ---- training ----

  /** Trains on X (rows × features) and y; returns the model. A typed-array X needs `features`. */
  protected fitModel(X: ModelInput, y: unknown, options: FitOptions | undefined): void {
    this.usable();
    const fitOptions = checkOptions("fit options", options, ["sampleWeight", "features"]);
    const spec = this.spec;
    const opts = spec.resolve(this.options);
    const rt = ready();
    const rows = byName(X, null, false);
    const data = fitData(spec.targets, spec.labelSets, rows.X, y, rows.names ? { ...fitOptions, features: rows.names.length } : fitOptions);
    const shape = { ...spec.shape(opts, data.X.cols, data.classes.length), inputMajor: isSparseMatrix(data.X) };
    const current = this.fittedState;
    const warm =
      opts.warmStart &&
      current &&
      current.form === data.form &&
      sameClasses(current.classes, data.classes) &&
      sameShape(current.shape, shape)
        ? current
        : null;
    this.commit(rt, { ...this.trainOn(rt, opts, data, shape, warm, null), featureNames: rows.names });
  }

  /**
   * One epoch of sgd or adam over (X, y) in the given order (shuffled when `shuffle` is set),
   * continuing from the current weights and optimizer state. The first call names every class
   * (`{ classes }`; an indicator matrix needs none); later calls take y in the model's form.
   */
  protected partialFitModel(X: ModelInput, y: unknown, options: PartialFitOptions | undefined): void {
    this.usable();
    const partialOptions = checkOptions("partialFit options", options, ["classes", "features"]);
    const spec = this.spec;
    const opts = spec.resolve(this.options);
    if (opts.solver === "lbfgs") throw new TypeError("partialFit needs solver 'sgd' or 'adam' (lbfgs works on the whole data set)");
    const rt = ready();
    const current = this.fittedState;
    const fitted = current && { classes: current.classes, form: current.form, features: current.shape.features };
    const rows = byName(X, current ? (current.featureNames ?? null) : null, current !== null);
    const names = current ? (current.featureNames ?? null) : rows.names;
    const data = partialFitData(
      spec.targets,
      spec.labelSets,
      rows.X,
      y,
      rows.names && !current ? { ...partialOptions, features: rows.names.length } : partialOptions,
      fitted,
    );
    const sparse = isSparseMatrix(data.X);
    if (current && sparse !== (current.shape.inputMajor === true)) {
      throw new TypeError(
        `partialFit: this model was trained on ${sparse ? "dense rows" : "a SparseMatrix"}; ` +
          `continue it with ${sparse ? "dense rows" : "a SparseMatrix"} (or fit a new model)`,
      );
    }
    const shape = current?.shape ?? { ...spec.shape(opts, data.X.cols, data.classes.length), inputMajor: sparse };
    const once = { ...opts, maxIter: 1, earlyStopping: false, tol: 0 };
    this.commit(rt, { ...this.trainOn(rt, once, data, shape, current, current), featureNames: names });
  }

  /** Trains on `data` from `warm`'s weights (the spec's start without), continuing `continued`'s optimizer state and counts. */
  private trainOn(
    rt: Runtime,
    opts: ResolvedSolverOptions,
    data: FitData,
    shape: ChainShape,
    warm: FittedState | null,
    continued: FittedState | null,
  ): FittedState {
    const spec = this.spec;
    const head = spec.head(opts, data.form, data);
    const K = shape.outputs;
    // dispose() inside a callback stops the fit: the next step would work on freed state.
    const onEpoch =
      opts.onEpoch &&
      ((info: EpochInfo) => {
        const go = opts.onEpoch!(info);
        this.usable();
        return go;
      });
    const trained = train(rt, {
      opts: { ...opts, onEpoch },
      set: { ...data, classWeights: head.classWeights ?? null },
      continued,
      penalty: spec.penalty(opts),
      objective: (batchRows, sharedParams, sparse) => new DenseChainObjective(rt, shape, head.train(rt), batchRows, sharedParams, sparse),
      init: (objective) => {
        const f32 = rt.heap.f32;
        const at = objective.params >>> 2;
        if (warm) f32.copyWithin(at, warm.params >>> 2, (warm.params >>> 2) + objective.paramCount);
        else if (spec.initialParams) f32.set(inputMajorIf(shape, spec.initialParams(opts, shape)), at);
        if (!shape.fitIntercept) f32.fill(0, at + objective.paramCount - K, at + objective.paramCount);
      },
      evaluate: (params, v) => head.score(rt, (visit) => forwardChain(rt, params, v.X, shape, visit), v, K),
      snapshot: (p, nIter, lossCurve) =>
        savedModel(spec, opts, { classes: data.classes, form: data.form, shape, params: p, nIter, lossCurve, converged: false }),
    });
    return {
      classes: data.classes,
      form: data.form,
      shape,
      params: trained.params,
      nIter: trained.nIter,
      lossCurve: trained.lossCurve,
      converged: trained.converged,
      optimizer: trained.optimizer,
      head: spec.head(opts, data.form),
      blocks: [trained.params, ...stateBlocks(trained.optimizer)],
    };
  }

  // ---- prediction ----

  /** The output layer's values before the head (logits), rows × classes. */
  decisionFunction(X: ModelInput): Float32Array {
    return this.outputs("decisionFunction", X, null);
  }

  /**
   * Probabilities, rows × classes, columns in `classes` order: the softmax (rows sum to 1) for one
   * label per row, σ per label for label sets.
   */
  predictProba(X: ModelInput): Float32Array {
    return this.outputs("predictProba", X, "probabilities");
  }

  /** Log-probabilities (log-softmax, or −softplus(−x) per label): finite where probabilities underflow. */
  predictLogProba(X: ModelInput): Float32Array {
    return this.outputs("predictLogProba", X, "logProbabilities");
  }

  /**
   * One label per row: the most probable class of each row (the argmax kernel's rule), as labels of
   * the kind fit was given. Label sets: each row's labels whose probability is at least the
   * threshold, in the form fit was given (label sets or indicator rows).
   */
  protected predictRows(X: ModelInput): L[] | Label[][] | number[][] {
    const { classes, form, head } = this.state();
    if (form === "classes") return decodeLabels<L>(this.predictIndices(X), classes);
    const on = this.predictProba(X).map((p) => (p >= head.threshold! ? 1 : 0));
    return this.spec.labelSets!.write(on, classes.length, classes, form);
  }

  /**
   * Accuracy on (X, y): the fraction of rows predicted right (for label sets, whose whole label set
   * is right: the subset accuracy, scikit-learn's score); an unknown label in y is a RangeError.
   */
  protected scoreRows(X: ModelInput, y: unknown): number {
    const { classes, form, head } = this.state();
    if (form !== "classes") {
      const labelSets = this.spec.labelSets!;
      const truth = labelSets.read("y", y, { classes, form });
      const proba = this.predictProba(X);
      if (proba.length !== truth.indicator.length)
        throw new RangeError(`X has ${proba.length / classes.length} rows but y has ${truth.rows} label sets`);
      return truth.rows ? labelSets.subsetHits(proba, truth.indicator, classes.length, head.threshold!) / truth.rows : NaN;
    }
    const truth = encodeLabels("y", y as LabelsInput, classes);
    const predicted = this.predictIndices(X);
    if (truth.length !== predicted.length) throw new RangeError(`X has ${predicted.length} rows but y has ${truth.length} labels`);
    let hits = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
    return truth.length ? hits / truth.length : NaN;
  }

  /**
   * The k most probable classes (labels) of each row, best first, with their probabilities: rows
   * streamed in chunks, so 100,000 classes never need a rows × classes array. Ties go to the lower
   * index.
   */
  predictTopK(X: ModelInput, k: number): LabelTopK<L> {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const K = f.classes.length;
    if (!Number.isInteger(k) || k < 1 || k > K) throw new RangeError(`k must be an integer in [1, ${K}], got ${String(k)}`);
    const labels: L[][] = [];
    const probabilities = new Float32Array(m.rows * k);
    if (m.rows === 0) return { labels, probabilities };
    let scratch = 0;
    try {
      scratch = rt.heap.alloc(2 * rowsPerChunk((f.shape.features + K + 2) * 4) * k * 4);
      forwardChain(rt, f.params, m, f.shape, ({ logits, rows, from }) => {
        f.head.probabilities(rt.exports, logits, rows, K);
        const values = scratch;
        const indices = scratch + rows * k * 4;
        rt.exports.topk(logits, values, indices, rows, K, k);
        copyOut(rt.heap.f32, values >>> 2, rows * k, probabilities, from * k);
        const i32 = rt.heap.i32;
        for (let i = 0; i < rows; i++) labels.push(Array.from({ length: k }, (_, j) => f.classes[i32[(indices >>> 2) + i * k + j]!]! as L));
      });
    } finally {
      if (scratch) rt.heap.release(scratch);
    }
    return { labels, probabilities };
  }

  private predictIndices(X: ModelInput): Int32Array {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const out = new Int32Array(m.rows);
    if (m.rows === 0) return out;
    forwardChain(rt, f.params, m, f.shape, ({ logits, aux, rows, from }) => {
      rt.exports.argmax(logits, aux, rows, f.shape.outputs);
      copyOut(rt.heap.i32, aux >>> 2, rows, out, from);
    });
    return out;
  }

  private outputs(what: string, X: ModelInput, transform: "probabilities" | "logProbabilities" | null): Float32Array {
    const f = this.state();
    const rt = ready();
    const m = this.checkedInput(X, f);
    const K = f.shape.outputs;
    checkOutputSize(what, m.rows, K);
    const out = new Float32Array(m.rows * K);
    if (m.rows === 0) return out;
    forwardChain(rt, f.params, m, f.shape, ({ logits, rows, from }) => {
      if (transform === "probabilities") f.head.probabilities(rt.exports, logits, rows, K);
      else if (transform === "logProbabilities") f.head.logProbabilities(rt, logits, rows, K);
      copyOut(rt.heap.f32, logits >>> 2, rows * K, out, from * K);
    });
    return out;
  }

  /** X checked against the fitted model: its feature count (its column names, for rows of objects), finite values; zero rows allowed. */
  private checkedInput(input: ModelInput, f: FittedState): Matrix | SparseMatrix {
    const D = f.shape.features;
    const X = byName(input, f.featureNames ?? null, true).X;
    if (isSparseMatrix(X)) {
      if (X.cols !== D) throw new RangeError(`X has ${X.cols} features, but the model was trained with ${D}`);
      return X;
    }
    if (Array.isArray(X) && X.length === 0) return { data: [], rows: 0, cols: D };
    const m = toMatrix("X", X, ArrayBuffer.isView(X) ? D : undefined, "features");
    if (m.cols !== D) throw new RangeError(`X has ${m.cols} features, but the model was trained with ${D}`);
    checkFinite("X", m);
    return m;
  }

  // ---- description and persistence ----

  /** The model's layers, first to last (weights are copies). */
  layers(): LayerInfo[] {
    const f = this.state();
    const { widths, weightAt, biasAt, paramCount } = chainLayout(f.shape);
    const params = classMajor(f.shape, readParams(ready(), f.params, new Float32Array(paramCount)));
    return weightAt.map((at, l) => ({
      kind: "dense" as const,
      inputs: widths[l]!,
      outputs: widths[l + 1]!,
      weight: params.slice(at, biasAt[l]!),
      bias: params.slice(biasAt[l]!, biasAt[l]! + widths[l + 1]!),
      activation: l + 1 < weightAt.length ? f.shape.activation : f.head.kind,
    }));
  }

  /** A versioned plain object; loading it (fromJSON, loadModel) predicts bit-identically. */
  toJSON(): ModelJSON {
    const f = this.state();
    const params = readParams(ready(), f.params, new Float32Array(chainLayout(f.shape).paramCount));
    const opts = this.spec.resolve({ ...this.options, ...this.spec.layerOptions(f.shape, undefined) });
    return savedModel(this.spec, opts, { ...f, params });
  }

  /**
   * Fills a new model of class `M` from a saved form, checked as described in json.ts. Each model's
   * static fromJSON calls this.
   */
  protected static restore<M extends Model<Label, object>>(M: new (options?: object) => M, json: unknown): M {
    const spec = (M as unknown as { spec: ModelSpec }).spec;
    const where = `${spec.name}.fromJSON`;
    const fail = (what: string, kind?: "range"): never => {
      throw new (kind === "range" ? RangeError : TypeError)(`${where}: ${what}`);
    };
    const o = readJSONObject(where, json);
    const envelope = readEnvelope(o, fail, spec);
    const model = new M(withName(where, () => checkOptions("options", envelope.options as object, spec.optionNames)));
    const opts = withName(where, () => spec.resolve(model.options));
    const weights = spec.weights.read(o, fail, envelope.classes.length, envelope.nFeatures);
    checkClasses(envelope.classes, fail);
    const inputMajor = o["inputMajor"] === true;
    const featureNames = readFeatureNames(o["featureNames"], envelope.nFeatures, fail);
    const shape = {
      ...spec.shape(opts, envelope.nFeatures, envelope.classes.length),
      hidden: weights.hidden,
      activation: weights.activation,
      inputMajor,
    };
    const rt = ready();
    const params = rt.heap.alloc(weights.params.length * 4);
    rt.heap.f32.set(inputMajor ? transposeFirstLayer(shape, weights.params, true) : weights.params, params >>> 2);
    model.commit(rt, {
      classes: [...envelope.classes],
      form: envelope.form,
      shape,
      params,
      nIter: envelope.nIter,
      lossCurve: envelope.lossCurve,
      converged: envelope.converged,
      optimizer: null,
      head: spec.head(opts, envelope.form),
      blocks: [params],
      featureNames,
    });
    return model;
  }
}

/**
 * X for a model: rows of objects read by `names` (the fitted ones; the first row's at a first fit,
 * `fitted` false) as a Float32Array, with the names; other X as given. One flat row is refused with
 * the fix.
 */
function byName(X: unknown, names: readonly string[] | null, fitted: boolean): { X: MatrixInput | SparseMatrix; names: string[] | null } {
  const flat = flatRowError("X", X);
  if (flat) throw flat;
  if (!isRecordRows(X)) return { X: X as MatrixInput | SparseMatrix, names: null };
  if (fitted && !names)
    throw new TypeError("X: this model was fit on rows of arrays, so it has no column names; pass rows of arrays, in the order fit saw");
  const { data, names: read } = recordMatrix("X", X, names);
  return { X: data, names: read };
}

/** A saved model's column names: absent (null), or one distinct string per feature. */
function readFeatureNames(value: unknown, features: number, fail: (what: string) => never): string[] | null {
  if (value === undefined || value === null) return null;
  const ok =
    Array.isArray(value) && value.length === features && new Set(value).size === features && value.every((n) => typeof n === "string");
  return ok ? [...(value as string[])] : fail(`featureNames must be null or ${features} distinct column names, one per feature`);
}

/** Runs `read`, prefixing any error's message with `where` (the error keeps its class). */
function withName<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Error) error.message = `${where}: options: ${error.message}`;
    throw error;
  }
}

function sameShape(a: ChainShape, b: ChainShape): boolean {
  return (
    a.features === b.features &&
    a.outputs === b.outputs &&
    a.activation === b.activation &&
    a.fitIntercept === b.fitIntercept &&
    a.inputMajor === b.inputMajor &&
    a.hidden.length === b.hidden.length &&
    a.hidden.every((w, l) => w === b.hidden[l])
  );
}
