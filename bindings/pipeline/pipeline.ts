// Pipeline: data steps (StandardScaler, OneHotEncoder, ColumnTransformer, HashingVectorizer,
// TfidfTransformer) then a registered model, fit and used as one model (scikit-learn's Pipeline).
// - Input: rows of objects by column name, rows of arrays (numbers, or text for a first step that
//   encodes it), a typed matrix with `features`, a SparseMatrix, or texts (a HashingVectorizer
//   first). A pipeline fit on rows of objects keeps their column names (in its JSON too) and reads
//   later rows by name: a missing or extra column is refused, by name.
// - Each step's output is the next one's input; the model predicts from the last.
// - Failure atomicity: a fit that fails leaves every step as it was (the data steps' fitted fields
//   are restored; the model is atomic itself).
// - dispose() frees the model's wasm memory (the data steps hold none).

import { checkOptions } from "../core/checks.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import type { FitLabel, Label } from "../data/labels.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";
import { numericMatrix, readTable, type Table, type TableInput } from "../data/table.js";
import { flatRowError, isRecordRows } from "../data/records.js";
import type { LabelTopK, ModelInput, TypedLabels } from "../models/model.js";
import { MODELS, loadRowModel, type AnyModel } from "../models/registry.js";
import { fitInWorker, type WorkerFitOptions } from "../worker/client.js";
import { inputWidth, isTableStep, takesTexts, isTransformer, loadTransformer, outputWidth, stepName, type Transformer } from "./steps.js";

/** What a Pipeline reads as X: rows of objects or arrays (a table), a typed matrix with `features`, a SparseMatrix, or texts. */
export type PipelineInput = TableInput | SparseMatrix | readonly string[];

/** A step of a Pipeline: data steps, then a registered model last. */
export type PipelineStep = Transformer | AnyModel;

/** Pipeline.fit's options. */
export interface PipelineFitOptions {
  /** One non-negative weight per row, for the model. @default undefined (all 1) */
  sampleWeight?: Float32Array | Float64Array | readonly number[];
  /** The width of a typed-array X. @default undefined (from X) */
  features?: number;
}

/** The saved form of a Pipeline. */
export interface PipelineJSON {
  /** "wasmax/Pipeline". */
  format: "wasmax/Pipeline";
  /** The format's version. */
  version: 1;
  /** The input columns' names when fit on rows of objects (or a CSV), else null. */
  featureNames: string[] | null;
  /** Each step's saved form, the model's last. */
  steps: unknown[];
}

/** What the model gets: X after the data steps, its width, and the row count. */
interface Prepared {
  X: ModelInput;
  features: number | undefined;
}

/**
 * Data steps and a model, used as one model.
 * @example
 * ```ts
 * const pipe = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression()]);
 * pipe.fit([{ gpa: 3.9, exam: 92, city: "Oslo" }, { gpa: 2.1, exam: 60, city: "Rome" }], ["in", "out"]);
 * pipe.predict([{ gpa: 3.5, exam: 80, city: "Rome" }]);
 * ```
 */
export class Pipeline<L extends Label = Label, P = L> {
  /** The format tag of its JSON. */
  static readonly format = "wasmax/Pipeline";
  /** The steps, in order; the last is the model. */
  readonly steps: readonly PipelineStep[];
  private names: string[] | null = null;

  /** Checks the steps: data steps, then one registered model; none given twice. */
  constructor(steps: readonly PipelineStep[]) {
    // scikit-learn's Pipeline(steps, memory=…, verbose=…) has options; this one has none, and says so rather than ignore them.
    if (arguments.length > 1)
      throw new TypeError(`Pipeline takes one argument, the array of steps (it has no options); got ${arguments.length}`);
    if (!Array.isArray(steps) || steps.length === 0)
      throw new TypeError(`Pipeline takes a non-empty array of steps (data steps, then a model), got ${stepName(steps)}`);
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      if (last && !isModel(step))
        throw new TypeError(
          `Pipeline: the last step must be a model (${MODELS.map((M) => M.modelName).join(", ")}), got ${stepName(step)}`,
        );
      if (!last && !isTransformer(step))
        throw new TypeError(
          `Pipeline: steps[${i}] must be a StandardScaler, OneHotEncoder, ColumnTransformer, HashingVectorizer or ` +
            `TfidfTransformer (only the last step is a model), got ${stepName(step)}`,
        );
      if (steps.indexOf(step) !== i)
        throw new TypeError(`Pipeline: steps[${i}] is also steps[${steps.indexOf(step)}]; give each step once`);
    });
    this.steps = [...steps];
  }

  /** The model (the last step). */
  get model(): AnyModel {
    return this.steps[this.steps.length - 1] as AnyModel;
  }

  private get transformers(): Transformer[] {
    return this.steps.slice(0, -1) as Transformer[];
  }

  /** True once fit (or fromJSON) has succeeded and until dispose(). */
  get isFitted(): boolean {
    return this.model.isFitted;
  }

  /** The model's classes, in the order of predictProba's columns. */
  get classes(): L[] {
    return this.model.classes as L[];
  }

  /** The input columns' names when fit on rows of objects (or loaded from a CSV model file), else null. */
  get featureNames(): string[] | null {
    this.requireFitted();
    return this.names && [...this.names];
  }

  // ---- training ----

  /** Fits each data step on the output of the one before, then the model; returns the pipeline. */
  fit<Y extends {} = L>(X: PipelineInput, y: readonly FitLabel<Y, L>[], options?: PipelineFitOptions): Pipeline<FitLabel<Y, L>>;
  fit(X: PipelineInput, y: TypedLabels, options?: PipelineFitOptions): Pipeline<number>;
  /** Label sets or an indicator matrix (a multi-label model last): predict then answers in that form. */
  fit(X: PipelineInput, y: LabelSets | IndicatorMatrix, options?: PipelineFitOptions): Pipeline<Label, Label[] | number[]>;
  fit(X: PipelineInput, y: unknown, options?: PipelineFitOptions): Pipeline<Label, unknown> {
    const o = checkOptions("Pipeline.fit options", options, ["sampleWeight", "features"]);
    const restore = this.snapshot();
    try {
      const input = this.prepare(X, o.features, true);
      const fitOptions = {
        ...(input.features !== undefined && !Array.isArray(input.X) ? { features: input.features } : {}),
        ...(o.sampleWeight !== undefined ? { sampleWeight: o.sampleWeight } : {}),
      };
      (this.model.fit as (X: unknown, y: unknown, o: object) => unknown).call(this.model, input.X, y, fitOptions);
    } catch (error) {
      restore();
      throw error;
    }
    return this;
  }

  /**
   * fit, with the model trained in a worker (fitInWorker: the calling thread stays responsive); the
   * data steps fit here first. Resolves to the pipeline, its model fitted in place. Until then the
   * pipeline predicts as before; if the fit fails, it stays as it was.
   */
  async fitInWorker(X: PipelineInput, y: unknown, run: Omit<WorkerFitOptions, "model"> = {}): Promise<this> {
    const { features, ...rest } = run;
    const { onEpoch: _callback, ...options } = this.model.options as Record<string, unknown>;
    const modelName = (this.model.constructor as unknown as { modelName: string }).modelName;
    const restore = this.snapshot();
    let input: Prepared;
    let fresh: ReturnType<Pipeline["snapshot"]>;
    try {
      input = this.prepare(X, features, true);
      fresh = this.snapshot();
    } finally {
      restore(); // the new data steps are taken only once the model has trained
    }
    const width = input.features !== undefined && !Array.isArray(input.X) && !isSparseMatrix(input.X) ? { features: input.features } : {};
    const trained = await (fitInWorker as (...args: unknown[]) => Promise<AnyModel>)(input.X, y, options, {
      ...rest,
      ...width,
      model: modelName,
    });
    fresh();
    (this.model as unknown as { adoptFitted(other: AnyModel): void }).adoptFitted(trained);
    return this;
  }

  /**
   * A function that puts the data steps' fitted fields (and the column names) back as they are now:
   * each step replaces its fitted fields at fit, never mutates them, so a shallow copy holds them.
   */
  private snapshot(): () => void {
    const saved = this.transformers.map((step) => ({ ...step }));
    const names = this.names;
    return () => {
      this.transformers.forEach((step, i) => Object.assign(step, saved[i]));
      this.names = names;
    };
  }

  /**
   * X through the data steps: at fit each step is fit first. Rows of objects are read by name (the
   * names fit saw, after fit); a first step that reads tables gets the table itself.
   */
  private prepare(X: PipelineInput, features: number | undefined, fitting: boolean): Prepared {
    const [first, ...rest] = this.transformers;
    const flat = first && takesTexts(first) ? undefined : flatRowError("X", X);
    if (flat) throw flat;
    if (!fitting && this.names === null && isRecordRows(X))
      throw new TypeError(
        "X: this pipeline was fit on rows of arrays, so it has no column names; pass rows of arrays, in the order fit saw",
      );
    let current: unknown = X;
    let width = features;
    const expected = fitting ? null : this.names;
    if (first && isTableStep(first)) {
      const table = readTable("X", X, { names: expected, features });
      if (fitting) first.fitTable(table);
      if (table.rows === 0) return { X: [], features: undefined };
      current = first.transformTable(table);
      width = first.nOutputs;
      if (fitting) this.names = table.names && [...table.names];
    } else if (isRecordRows(X) || (!fitting && expected && Array.isArray(X) && X.length === 0)) {
      const table = readTable("X", X, { names: expected });
      if (table.rows === 0) return { X: [], features: undefined };
      current = numericMatrix("X", table, columnsOf(table), first ? stepName(first) : "the model");
      width = table.columns.length;
      if (fitting) this.names = [...table.names!];
      if (first) ({ current, width } = this.apply(first, current, width, fitting));
    } else {
      if (fitting) this.names = null;
      if (first) ({ current, width } = this.apply(first, current, width, fitting));
    }
    for (const step of rest) ({ current, width } = this.apply(step, current, width, fitting));
    return { X: current as ModelInput, features: width };
  }

  /** One data step on `X` of `width` columns (fit first when fitting): its output and width. */
  private apply(
    step: Transformer,
    X: unknown,
    width: number | undefined,
    fitting: boolean,
  ): { current: unknown; width: number | undefined } {
    const typed = X instanceof Float32Array || X instanceof Float64Array;
    const call = (method: "fit" | "transform") =>
      (step[method] as (X: unknown, features?: number) => unknown).call(step, X, typed ? width : undefined);
    if (fitting) call("fit");
    const out = call("transform");
    if (isSparseMatrix(out)) return { current: out, width: out.cols };
    return { current: out, width: outputWidth(step) ?? width };
  }

  // ---- prediction ----

  /**
   * The model's prediction for each row: labels of the kind fit was given, or for a multi-label model
   * label sets (or indicator rows), as fit was given them.
   */
  predict(X: PipelineInput): P[] {
    return (this.model.predict as (X: unknown) => P[]).call(this.model, this.modelInput(X));
  }

  /** Probabilities, rows × classes, columns in `classes` order. */
  predictProba(X: PipelineInput): Float32Array {
    return this.model.predictProba(this.modelInput(X));
  }

  /** Log-probabilities, rows × classes (finite where probabilities underflow). */
  predictLogProba(X: PipelineInput): Float32Array {
    return this.model.predictLogProba(this.modelInput(X));
  }

  /** The model's output layer before its head (logits), rows × classes. */
  decisionFunction(X: PipelineInput): Float32Array {
    return this.model.decisionFunction(this.modelInput(X));
  }

  /** Each row's k most probable classes, best first, with their probabilities. */
  predictTopK(X: PipelineInput, k: number): LabelTopK<L> {
    return this.model.predictTopK(this.modelInput(X), k) as LabelTopK<L>;
  }

  /** The model's score on (X, y): accuracy (subset accuracy for label sets). */
  score(X: PipelineInput, y: readonly L[] | TypedLabels | LabelSets | IndicatorMatrix): number {
    return (this.model.score as (X: unknown, y: unknown) => number).call(this.model, this.modelInput(X), y);
  }

  /** X as the model sees it (after every data step): rows × the model's features, or a SparseMatrix. */
  transform(X: PipelineInput): Float32Array | SparseMatrix {
    const input = this.modelInput(X);
    return Array.isArray(input) ? new Float32Array(0) : (input as Float32Array | SparseMatrix);
  }

  private modelInput(X: PipelineInput): ModelInput {
    this.requireFitted(); // before any step runs
    return this.prepare(X, this.firstWidth(), false).X;
  }

  /** The width a typed-array X must have: the first step's (or the model's) input width. */
  private firstWidth(): number | undefined {
    const first = this.transformers[0];
    return this.names?.length ?? (first ? inputWidth(first) : this.model.nFeatures);
  }

  // ---- lifecycle and saved form ----

  /** Throws the model's NotFittedError (before fit) or DisposedError (after dispose). */
  private requireFitted(): void {
    if (!this.model.isFitted) void this.model.nFeatures;
  }

  /** Frees the model's wasm memory; later calls throw DisposedError. */
  dispose(): void {
    this.model.dispose();
  }

  /** A versioned plain object; loadModel (or Pipeline.fromJSON) reads it back and predicts identically. */
  toJSON(): PipelineJSON {
    this.requireFitted();
    const steps = this.steps.map((step) => step.toJSON() as unknown);
    return { format: "wasmax/Pipeline", version: 1, featureNames: this.names && [...this.names], steps };
  }

  /** A pipeline from its saved form: every step checked, and each step's width against the next's. */
  static fromJSON<L extends Label = Label>(json: unknown): Pipeline<L> {
    const where = "Pipeline.fromJSON";
    const j = json as Partial<PipelineJSON> | null;
    if (typeof j !== "object" || j === null || j.format !== Pipeline.format) throw new TypeError(`${where}: not a wasmax/Pipeline object`);
    if (j.version !== 1) throw new TypeError(`${where}: version ${JSON.stringify(j.version)} is not supported (this wasmax reads 1)`);
    const names = j.featureNames ?? null;
    if (names !== null && !(Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === "string")))
      throw new TypeError(`${where}: featureNames must be null or an array of column names`);
    if (names && new Set(names).size !== names.length) throw new RangeError(`${where}: featureNames names a column twice`);
    if (!Array.isArray(j.steps) || j.steps.length === 0) throw new TypeError(`${where}: steps must be a non-empty array`);
    const transformers = j.steps.slice(0, -1).map((step, i) => loadTransformer(`${where}: steps[${i}]`, step));
    checkWidths(where, names, transformers);
    const model = loadModelStep(`${where}: steps[${j.steps.length - 1}]`, j.steps[j.steps.length - 1]);
    const pipeline = new Pipeline<L>([...transformers, model]);
    try {
      const last = transformers.length ? outputWidth(transformers[transformers.length - 1]!) : names?.length;
      if (last !== undefined && last !== model.nFeatures)
        throw new RangeError(`${where}: the model takes ${model.nFeatures} features but the step before gives ${last}`);
    } catch (error) {
      model.dispose();
      throw error;
    }
    pipeline.names = names && [...names];
    return pipeline;
  }
}

/**
 * A Pipeline of the given steps (data steps, then a model).
 * @example
 * ```ts
 * const pipe = makePipeline(new StandardScaler(), new MLPClassifier({ hiddenLayerSizes: [32] }));
 * ```
 */
export function makePipeline<L extends Label = Label>(...steps: PipelineStep[]): Pipeline<L> {
  return new Pipeline<L>(steps);
}

function isModel(step: unknown): step is AnyModel {
  return MODELS.some((M) => step instanceof M);
}

function columnsOf(table: Table): number[] {
  return table.columns.map((_, j) => j);
}

/** Each data step's input width against the one before (the first's against the column names). */
function checkWidths(where: string, names: readonly string[] | null, steps: readonly Transformer[]): void {
  let width = names?.length;
  steps.forEach((step, i) => {
    const takes = inputWidth(step);
    if (width !== undefined && takes !== undefined && takes !== width)
      throw new RangeError(
        `${where}: steps[${i}] takes ${takes} columns but ${i === 0 ? "featureNames names" : "the step before gives"} ${width}`,
      );
    width = outputWidth(step) ?? width;
  });
}

/** The model saved as `json`, for a pipeline's last step. */
function loadModelStep(where: string, json: unknown): AnyModel {
  try {
    return loadRowModel(json);
  } catch (error) {
    (error as Error).message = `${where}: ${(error as Error).message}`;
    throw error;
  }
}
