// FastTextClassifier: fastText's supervised model (the mean of word and n-gram embeddings, then a
// softmax, hierarchical softmax, negative sampling or one-vs-all output), trained and predicted in
// wasm (assembly/fasttext_*.ts) with fastText's dictionary (features/fasttext_dictionary.ts).
//
// It is not a dense-chain Model (model.ts): its input is text, its first layer an embedding bag. It
// keeps the same contract: the constructor only stores options; fit validates, trains on its own
// blocks and swaps them in only when everything succeeded (a failed fit leaves the model as it
// was); NotFittedError before fit, DisposedError after dispose(); dispose() frees every block; a
// model collected without dispose() is freed by a FinalizationRegistry where there is one.
//
// Labels are given without fastText's prefix ("en", or label sets ["a", "b"]) and come back the
// same way; the dictionary holds them with the prefix (options.label) as .bin files do.

import { ready } from "../runtime/scratch.js";
import { fastTextKernels } from "../runtime/abi.js";
import type { Runtime } from "../runtime/runtime.js";
import { threads as runtimeThreads } from "../runtime/runtime.js";
import { checkOptions, describeValue } from "../core/checks.js";
import { DisposedError, NotFittedError } from "../core/errors.js";
import { fastTextArgs, type FastTextArgs } from "../features/fasttext_args.js";
import { FastTextDictionary, type FastTextCorpus } from "../features/fasttext_dictionary.js";
import { buildRecorded, encodeRecorded } from "../features/fasttext_recorded_corpus.js";
import { buildContext } from "../objectives/fasttext_context.js";
import { matrixToWasm, readMatrix, type MatrixData } from "../objectives/fasttext_matrix.js";
import { readFastText } from "../fasttext/reader.js";
import { writeFastText } from "../fasttext/writer.js";
import { readJSONObject } from "./json.js";
import { predictBatches, type BatchVisitor } from "./fasttext_predict.js";
import { scannerBlock } from "./fasttext_scanner.js";
import { ScopeDisposable } from "./scope_disposable.js";
import { trainFastText } from "./fasttext_fit.js";
import { dictionaryJSON, inputRows, matrixJSON, readDictionaryJSON, readMatrixJSON } from "./fasttext_json.js";
import {
  FASTTEXT_OPTION_NAMES,
  type FastTextClassifierOptions,
  type FastTextEpochInfo,
  type FastTextProgress,
} from "./fasttext_classifier_options.js";

export type { FastTextClassifierOptions, FastTextEpochInfo, FastTextProgress };

/** One text's label or label set, without the prefix. */
export type FastTextLabel = string | readonly string[];

/** predict's options, as fastText's predict-prob. */
export interface FastTextPredictOptions {
  /** Labels per text at most. @default 1 */
  k?: number;
  /** Labels below this probability are left out. @default 0 */
  threshold?: number;
}

/** What predict returns: per text, up to k labels, most probable first, and their probabilities. */
export interface FastTextPredictions {
  /** Each text's labels, most probable first. */
  labels: string[][];
  /** Their probabilities, in the same order. */
  probabilities: number[][];
}

/** What test returns, as fastText's test prints it. */
export interface FastTextTestResult {
  /** Texts with at least one known label and one input row. */
  n: number;
  /** P@k: predicted labels that are right, over predicted labels. */
  precision: number;
  /** R@k: right predicted labels over the texts' labels. */
  recall: number;
}

/** The saved form. */
export interface FastTextClassifierJSON {
  /** The format tag, by which loadModel finds the class. */
  format: "wasmax/FastTextClassifier";
  /** The version of the format. */
  version: 1;
  /** The options the model was constructed with (without onEpoch). */
  options: Record<string, unknown>;
  /** fastText's arguments of the model. */
  args: FastTextArgs;
  /** The dictionary: words and labels, counts (base64 of float64), sizes, pruneidx. */
  dictionary: object;
  /** The input matrix: dense (base64 of float32 rows) or product-quantized (codes and centroids). */
  input: object;
  /** The output matrix, likewise. */
  output: object;
  /** The training loss of each epoch of the last fit. */
  lossCurve: number[];
}

/** A model's parts, as the .bin reader gives them and the writer takes them. */
export interface FastTextParts {
  /** fastText's arguments. */
  args: FastTextArgs;
  /** The dictionary. */
  dictionary: FastTextDictionary;
  /** The input matrix: (nwords + buckets) × dim. */
  input: MatrixData;
  /** The output matrix: nlabels × dim. */
  output: MatrixData;
}

interface Fitted {
  args: FastTextArgs;
  dictionary: FastTextDictionary;
  /** Heap blocks of the matrices and of the prediction context (fasttext_context.ts). */
  input: number;
  output: number;
  ctx: number;
  /** The dictionary's block for ftScan (fasttext_scanner.ts), made at the first prediction. */
  scanner?: number;
  /** The plain form of a quantized matrix (they are read-only). */
  inputData: MatrixData | null;
  outputData: MatrixData | null;
  lossCurve: number[];
}

/** The runtime, checked to have the fastText kernels before anything is allocated or trained. */
function fastTextRuntime(): Runtime {
  const rt = ready();
  fastTextKernels(rt.exports);
  return rt;
}

let leaksOnce: FinalizationRegistry<{ rt: Runtime; blocks: readonly number[] }> | null | undefined;

/** The registry that frees a collected model's blocks (made on first use; null where there is none). */
function leaks(): FinalizationRegistry<{ rt: Runtime; blocks: readonly number[] }> | null {
  if (leaksOnce === undefined)
    leaksOnce =
      typeof FinalizationRegistry === "function"
        ? new FinalizationRegistry(({ rt, blocks }) => {
            for (const ptr of blocks) rt.heap.release(ptr);
          })
        : null;
  return leaksOnce;
}

/**
 * fastText's supervised text classifier: the mean of the embeddings of a text's words and n-grams,
 * then a softmax, hierarchical softmax, negative sampling or one-vs-all output. Trains as
 * `fasttext supervised` (Hogwild on worker threads, or deterministic on one), predicts as
 * `fasttext predict-prob`, reads and writes fastText's .bin and .ftz files.
 */
export class FastTextClassifier extends ScopeDisposable {
  /** The name fitInWorker and messages use. */
  static readonly modelName = "FastTextClassifier";
  /** The format tag of its JSON, by which loadModel finds the class. */
  static readonly format = "wasmax/FastTextClassifier";
  /** The version of the JSON format it writes. */
  static readonly version = 1;

  /** The options the model was constructed with (defaults are filled at fit). */
  readonly options: FastTextClassifierOptions;
  #fitted: Fitted | null = null;
  #disposed = false;

  /** Stores the options (an unknown option name is a TypeError here); values are checked by fit. */
  constructor(options?: FastTextClassifierOptions) {
    super();
    this.options = { ...checkOptions("FastTextClassifier options", options, FASTTEXT_OPTION_NAMES) };
  }

  // ---- lifecycle ----

  /** True once fit (or a load) has succeeded and until dispose(). */
  get isFitted(): boolean {
    return this.#fitted !== null && !this.#disposed;
  }

  /** Frees the model's wasm memory; later calls throw DisposedError. Calling it twice is harmless. */
  dispose(): void {
    if (this.#disposed) return;
    if (this.#fitted) this.#release(ready());
    this.#disposed = true;
  }

  #usable(): void {
    if (this.#disposed) throw new DisposedError("this FastTextClassifier was disposed; create or load a new one");
  }

  #state(): Fitted {
    this.#usable();
    if (!this.#fitted) throw new NotFittedError("this FastTextClassifier is not fitted yet: call fit(texts, labels) first");
    return this.#fitted;
  }

  #commit(rt: Runtime, next: Fitted): void {
    this.#release(rt);
    this.#fitted = next;
    leaks()?.register(this, { rt, blocks: blocksOf(next) }, this);
  }

  #release(rt: Runtime): void {
    const f = this.#fitted;
    if (!f) return;
    leaks()?.unregister(this);
    for (const ptr of blocksOf(f)) rt.heap.release(ptr);
    this.#fitted = null;
  }

  // ---- fitted attributes ----

  /** The labels (without prefix), in the order of the output rows (by decreasing count in training). */
  get classes(): string[] {
    const { dictionary, args } = this.#state();
    return Array.from({ length: dictionary.nlabels }, (_, i) => stripPrefix(dictionary.label(i), args.label));
  }

  /** fastText's arguments of the model (the options resolved, bucket 0 when nothing is hashed). */
  get args(): FastTextArgs {
    return { ...this.#state().args };
  }

  /** The dictionary (immutable). */
  get dictionary(): FastTextDictionary {
    return this.#state().dictionary;
  }

  /**
   * Mean training loss of each epoch of the last fit (empty for imported models). On a corpus of fewer
   * tokens than lrUpdateRate (100), fastText's token counter passes several epochs at once: those
   * repeat the loss of the examples that passed them.
   */
  get lossCurve(): number[] {
    return [...this.#state().lossCurve];
  }

  /** Whether the input matrix (and with qout the output matrix) is product-quantized. */
  get isQuantized(): boolean {
    return this.#state().inputData !== null;
  }

  // ---- training ----

  /**
   * Trains on texts (one line each, no "\n") and their labels (a label, or a label set per text, as
   * loss "ova" takes them; other losses train on one label of a set drawn per example, as fastText).
   */
  fit(texts: readonly string[], labels: readonly FastTextLabel[]): this {
    this.#usable();
    const rt = fastTextRuntime();
    const args = this.#resolvedArgs();
    const prefixed = prefixedLabels(texts, labels, args.label);
    // One read of the texts: the count records each line's tokens, so the encode is a remap of them
    // (without a record, after the vocabulary outgrew fastText's table, the dictionary reads them again).
    // The record (4 bytes a token, and the count's tables) is let go once encoded, before training.
    let { dictionary, record } = buildRecorded(texts, prefixed, args);
    const encode = () => {
      const recorded = record;
      record = null;
      return recorded ? encodeRecorded(recorded, dictionary, prefixed) : dictionary.encode(texts, prefixed);
    };
    this.#commit(rt, this.#trained(rt, args, dictionary, encode, null));
    return this;
  }

  /** The options as fastText's arguments, checked (TypeError / RangeError naming the option). */
  #resolvedArgs(): FastTextArgs {
    const { onEpoch, onProgress, thread, ...rest } = this.options;
    for (const [name, f] of [
      ["onEpoch", onEpoch],
      ["onProgress", onProgress],
    ] as const)
      if (f !== undefined && typeof f !== "function") throw new TypeError(`${name} must be a function, got ${describeValue(f)}`);
    return fastTextArgs({ ...rest, thread: thread ?? runtimeThreads() });
  }

  /** trainFastText (fasttext_fit.ts) with this model's callbacks, as the fitted state. */
  #trained(
    rt: Runtime,
    args: FastTextArgs,
    dictionary: FastTextDictionary,
    encode: () => FastTextCorpus,
    start: { input: MatrixData; output: MatrixData } | null,
  ): Fitted {
    const { onEpoch, onProgress } = this.options;
    const trained = trainFastText(rt, args, dictionary, encode, start, { onEpoch, onProgress, usable: () => this.#usable() });
    return { args, dictionary, ...trained, inputData: null, outputData: null };
  }

  // ---- prediction ----

  /**
   * fastText's predict-prob for each text: up to k labels (fewer when below threshold, none for a
   * text with no known word or n-gram), most probable first. Probabilities are exp of fastText's
   * scores, log(p + 1e-5) in f32, as native prints them: a certain label's reads 1.00001, above 1.
   */
  predict(texts: readonly string[], options?: FastTextPredictOptions): FastTextPredictions {
    const f = this.#state();
    const { k, threshold } = predictOptions(options, f.dictionary.nlabels);
    const labels: string[][] = [];
    const probabilities: number[][] = [];
    const names = this.classes;
    this.#predictIds(texts, k, threshold, (ids, scores, at, count) => {
      const l: string[] = new Array(count);
      const p: number[] = new Array(count);
      for (let j = 0; j < count; j++) {
        l[j] = names[ids[at + j]!]!;
        p[j] = Math.exp(scores[at + j]!);
      }
      labels.push(l);
      probabilities.push(p);
    });
    return { labels, probabilities };
  }

  /**
   * fastText's test: over the texts with at least one known label and one input row, P@k (right
   * predictions over predictions) and R@k (right predictions over the texts' known labels).
   */
  test(texts: readonly string[], labels: readonly FastTextLabel[], k = 1, threshold = 0): FastTextTestResult {
    const f = this.#state();
    const checked = predictOptions({ k, threshold }, f.dictionary.nlabels);
    const prefixed = prefixedLabels(texts, labels, f.args.label);
    const gold = prefixed.map((l) => (typeof l === "string" ? [l] : l).map((x) => f.dictionary.labelId(x)).filter((id) => id >= 0));
    let n = 0;
    let predicted = 0;
    let right = 0;
    let goldCount = 0;
    let i = 0;
    this.#predictIds(texts, checked.k, checked.threshold, (ids, _scores, at, count, empty) => {
      const truth = gold[i++]!;
      if (truth.length === 0 || empty) return;
      n++;
      goldCount += truth.length;
      predicted += count;
      for (let j = 0; j < count; j++) if (truth.includes(ids[at + j]!)) right++;
    });
    return { n, precision: predicted ? right / predicted : NaN, recall: goldCount ? right / goldCount : NaN };
  }

  /** P@1 on (texts, labels): the accuracy for one label per text. */
  score(texts: readonly string[], labels: readonly FastTextLabel[]): number {
    return this.test(texts, labels, 1).precision;
  }

  /** predictBatches over this model (see fasttext_predict.ts). */
  #predictIds(texts: readonly string[], k: number, threshold: number, visit: BatchVisitor): void {
    const f = this.#state();
    const rt = fastTextRuntime();
    if (f.scanner === undefined) {
      f.scanner = scannerBlock(rt, f.dictionary);
      leaks()?.unregister(this);
      leaks()?.register(this, { rt, blocks: blocksOf(f) }, this);
    }
    predictBatches(rt, { ctx: f.ctx, scanner: f.scanner, dictionary: f.dictionary, dim: f.args.dim }, texts, k, threshold, visit);
  }

  // ---- persistence ----

  /** The model's parts as plain data (copies), for the .bin writer and quantize. */
  parts(): FastTextParts {
    const f = this.#state();
    const rt = fastTextRuntime();
    return {
      args: { ...f.args },
      dictionary: f.dictionary,
      input: f.inputData ? copyMatrix(f.inputData) : readMatrix(rt, f.input),
      output: f.outputData ? copyMatrix(f.outputData) : readMatrix(rt, f.output),
    };
  }

  /** A fitted model of the given parts (a .bin's, or quantize's); RangeError when their shapes disagree. */
  static fromParts(parts: FastTextParts, options?: FastTextClassifierOptions): FastTextClassifier {
    const { args, dictionary, input, output } = parts;
    const rows = inputRows(dictionary.toData(), args.bucket);
    if (input.rows !== rows || input.cols !== args.dim)
      throw new RangeError(`fastText model: input matrix is ${input.rows} × ${input.cols}, expected ${rows} × ${args.dim}`);
    if (output.rows !== dictionary.nlabels || output.cols !== args.dim)
      throw new RangeError(
        `fastText model: output matrix is ${output.rows} × ${output.cols}, expected ${dictionary.nlabels} × ${args.dim}`,
      );
    if (dictionary.nlabels === 0) throw new RangeError("fastText model: the dictionary has no label");
    const model = new FastTextClassifier(options ?? optionsOf(args));
    const rt = fastTextRuntime();
    const blocks: number[] = [];
    try {
      blocks.push(matrixToWasm(rt, input));
      blocks.push(matrixToWasm(rt, output));
      const labelCounts = Array.from(dictionary.labelCounts());
      blocks.push(buildContext(rt, { dim: args.dim, loss: args.loss, neg: args.neg, input: blocks[0]!, output: blocks[1]!, labelCounts }));
    } catch (error) {
      for (const ptr of blocks) rt.heap.release(ptr);
      throw error;
    }
    model.#commit(rt, {
      args: { ...args },
      dictionary,
      input: blocks[0]!,
      output: blocks[1]!,
      ctx: blocks[2]!,
      inputData: input.kind === "quantized" ? input : null,
      outputData: output.kind === "quantized" ? output : null,
      lossCurve: [],
    });
    return model;
  }

  /**
   * @internal Retrains this model's dictionary and dense matrices on (texts, labels) for args.epoch
   * epochs (quantize's retrain, on a pruned dictionary): a new model; this one is unchanged.
   */
  retrained(parts: FastTextParts, texts: readonly string[], labels: readonly FastTextLabel[]): FastTextClassifier {
    this.#usable();
    const model = new FastTextClassifier(this.options);
    const rt = fastTextRuntime();
    const prefixed = prefixedLabels(texts, labels, parts.args.label);
    const encode = () => parts.dictionary.encode(texts, prefixed);
    model.#commit(rt, model.#trained(rt, parts.args, parts.dictionary, encode, { input: parts.input, output: parts.output }));
    return model;
  }

  /**
   * A model from the bytes of a supervised fastText .bin or .ftz (fastText 0.9.2): FastTextError,
   * naming the field and byte offset, for anything else (bindings/fasttext/reader.ts). A .bin does
   * not store the label prefix: give `label` when the model was trained with another than
   * "__label__" (labels come back without it).
   */
  static fromFastText(bytes: Uint8Array, options?: { label?: string }): FastTextClassifier {
    const { label } = checkOptions("fromFastText options", options, ["label"]);
    const data = readFastText(bytes);
    const args = label === undefined ? data.args : fastTextArgs({ ...data.args, label });
    return FastTextClassifier.fromParts({ ...data, args, dictionary: new FastTextDictionary(data.dictionary, args) });
  }

  /** A versioned plain object; fromJSON (and loadModel) read it back bit-identically. */
  toJSON(): FastTextClassifierJSON {
    const f = this.#state();
    const p = this.parts();
    const { onEpoch: _onEpoch, onProgress: _onProgress, ...options } = this.options;
    return {
      format: FastTextClassifier.format,
      version: FastTextClassifier.version,
      options,
      args: { ...f.args },
      dictionary: dictionaryJSON(f.dictionary.toData()),
      input: matrixJSON(p.input),
      output: matrixJSON(p.output),
      lossCurve: [...f.lossCurve],
    };
  }

  /** A fitted model from toJSON()'s object or its JSON string, checked field by field. */
  static fromJSON(json: unknown): FastTextClassifier {
    const where = "FastTextClassifier.fromJSON";
    const fail = (what: string, kind?: "range"): never => {
      throw new (kind === "range" ? RangeError : TypeError)(`${where}: ${what}`);
    };
    const o = readJSONObject(where, json);
    if (o["format"] !== FastTextClassifier.format) fail(`format must be ${JSON.stringify(FastTextClassifier.format)}`);
    if (o["version"] !== FastTextClassifier.version)
      fail(`version ${describeValue(o["version"])} is not one this wasmax reads (1)`, "range");
    const options = o["options"];
    if (typeof options !== "object" || options === null || Array.isArray(options)) fail("options must be an object");
    const argsObject = o["args"];
    if (typeof argsObject !== "object" || argsObject === null || Array.isArray(argsObject)) fail("args must be an object");
    let args: FastTextArgs;
    let dictionary: FastTextDictionary;
    try {
      args = fastTextArgs(argsObject as Partial<FastTextArgs>);
      dictionary = new FastTextDictionary(readDictionaryJSON(o["dictionary"], fail), args);
    } catch (error) {
      if (error instanceof Error && !error.message.startsWith(where)) error.message = `${where}: ${error.message}`;
      throw error;
    }
    const input = readMatrixJSON(o["input"], "input", args.dim, fail);
    const output = readMatrixJSON(o["output"], "output", args.dim, fail);
    const lossCurve = o["lossCurve"];
    if (!Array.isArray(lossCurve) || !lossCurve.every((x) => typeof x === "number")) fail("lossCurve must be an array of numbers");
    const model = FastTextClassifier.fromParts(
      { args, dictionary, input, output },
      checkOptions(`${where}: options`, options as FastTextClassifierOptions, FASTTEXT_OPTION_NAMES),
    );
    model.#fitted!.lossCurve = [...(lossCurve as number[])];
    return model;
  }
}

/** The heap blocks a fitted state owns. */
function blocksOf(f: Fitted): number[] {
  return f.scanner === undefined ? [f.input, f.output, f.ctx] : [f.input, f.output, f.ctx, f.scanner];
}

/** A copy of a quantized matrix's arrays (a model's parts are the caller's to change). */
function copyMatrix(m: MatrixData): MatrixData {
  if (m.kind === "dense") return { ...m, data: m.data.slice() };
  const pq = (q: NonNullable<typeof m.normPq>) => ({ ...q, centroids: q.centroids.slice() });
  const norms = m.normCodes && m.normPq ? { normCodes: m.normCodes.slice(), normPq: pq(m.normPq) } : {};
  return { ...m, codes: m.codes.slice(), pq: pq(m.pq), ...norms };
}

/** The bytes of a .bin (a .ftz when the model is quantized) that native fastText 0.9.2 loads. */
export function toFastText(model: FastTextClassifier): Uint8Array {
  const { args, dictionary, input, output } = model.parts();
  return writeFastText({ args, dictionary: dictionary.toData(), input, output });
}

/** Labels with the prefix, checked against the texts. */
function prefixedLabels(texts: readonly string[], labels: readonly FastTextLabel[], prefix: string): (string | string[])[] {
  if (!Array.isArray(texts)) throw new TypeError(`texts must be an array of strings, got ${describeValue(texts)}`);
  if (!Array.isArray(labels)) throw new TypeError(`labels must be an array (a label or label set per text), got ${describeValue(labels)}`);
  if (labels.length !== texts.length) throw new RangeError(`${texts.length} texts but ${labels.length} labels`);
  const one = (l: unknown, i: number): string => {
    if (typeof l !== "string" || l === "" || /\s/.test(l))
      throw new TypeError(`labels[${i}]: a label must be a non-empty string without whitespace, got ${describeValue(l)}`);
    return l.startsWith(prefix) ? l : prefix + l;
  };
  return labels.map((l, i) => (typeof l === "string" ? one(l, i) : Array.isArray(l) ? l.map((x) => one(x, i)) : one(l, i)));
}

function stripPrefix(label: string, prefix: string): string {
  return label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

function predictOptions(options: FastTextPredictOptions | undefined, nlabels: number): { k: number; threshold: number } {
  const { k = 1, threshold = 0 } = checkOptions("predict options", options, ["k", "threshold"]);
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${describeValue(k)}`);
  if (typeof threshold !== "number" || !(threshold >= 0 && threshold <= 1))
    throw new RangeError(`threshold must be a number in [0, 1], got ${describeValue(threshold)}`);
  return { k: Math.min(k, nlabels), threshold };
}

/** The constructor options that give `args` (every option but the callbacks is an argument of the same name). */
function optionsOf(args: FastTextArgs): FastTextClassifierOptions {
  return Object.fromEntries(FASTTEXT_OPTION_NAMES.filter((name) => name in args).map((name) => [name, args[name as keyof FastTextArgs]]));
}
