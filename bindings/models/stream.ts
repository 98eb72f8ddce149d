// Training on data larger than memory: fitStream feeds a model's partialFit from an async
// iterable of chunks (one label per row, or label sets). Rows collect in a buffer of `bufferRows`;
// a full buffer is one partialFit call (an epoch over those rows, shuffled within them when the
// model's `shuffle` is on). A `validationFraction` of the rows, chosen by the seeded generator, is
// held out instead, up to `validationRows`, and scored after every buffer. Memory stays at about
// one buffer, one chunk and the held-out rows, whatever the stream's length: the buffer grows with
// the rows that arrive, up to bufferRows × features f32 (at most 2 GiB, refused before any is
// allocated), and partialFit holds a copy of it in wasm memory while it trains.
// Every chunk is checked as it arrives, so an error names the chunk and its row ("chunk 5: X[7][1]").
// Rows of objects are read by the first such chunk's column names, which the model then keeps.
// A stream of SparseMatrix chunks (texts hashed as they arrive) collects their rows as CSR
// (models/sparse_rows.ts): memory is then about one buffer's non-zeros, whatever the feature count.
// Failure: each buffer's partialFit commits on its own (and is atomic, as partialFit is). A bad
// chunk, or a source that throws, rejects the promise with the model as the buffers before it
// left it. Invalid options, or a failure before the first buffer fills, leave it untouched.

import { random, seedOf } from "../core/random.js";
import { checkOptions, inRange } from "../core/checks.js";
import { checkCount, checkFinite, toMatrix, type MatrixInput } from "../core/input.js";
import { encodeLabels, uniqueLabels, type Label, type LabelsInput } from "../data/labels.js";
import { declaredForm, readMultiLabel, type IndicatorMatrix, type LabelSets } from "../data/multilabel.js";
import { logLoss } from "../data/metrics.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import { SparseRows } from "./sparse_rows.js";
import { isRecordRows, recordMatrix } from "../data/records.js";

/**
 * What fitStream needs of a model (solver sgd or adam): SoftmaxRegression and MLPClassifier for
 * one label per row, MultiLabelLogisticRegression and MLPClassifier for label sets.
 */
export interface StreamableModel {
  /** Trains on one buffer of rows (classes on the first call). */
  partialFit(X: MatrixInput | SparseMatrix, y: never, options?: { classes?: readonly Label[]; features?: number }): unknown;
  /** Probabilities of the held-out rows, for the validation loss. */
  predictProba(X: MatrixInput | SparseMatrix): Float32Array;
  /** Accuracy (or subset accuracy) of the held-out rows. */
  score(X: MatrixInput | SparseMatrix, y: never): number;
  /** The classes in column order. */
  readonly classes: readonly Label[];
  /** The training loss per partialFit call. */
  readonly lossCurve: number[];
}

/** One piece of the stream: any number of rows. */
export interface StreamChunk {
  /** Rows × features: dense rows (arrays, or objects by column name), or a SparseMatrix (then every chunk is one). */
  X: MatrixInput | readonly Readonly<Record<string, number>>[] | SparseMatrix;
  /** One label per row, or one label set (or 0/1 indicator row) per row. */
  y: LabelsInput | LabelSets | IndicatorMatrix;
}

/** What onProgress receives after every buffer. */
export interface StreamProgress {
  /** Rows trained on so far (held-out rows not counted). */
  rows: number;
  /** partialFit calls so far. */
  buffers: number;
  /** The last buffer's training loss. */
  loss: number;
  /** Held-out log loss; for label sets the mean binary cross-entropy per label. */
  validationLoss?: number;
  /** Held-out accuracy; for label sets the subset accuracy (the whole set right). */
  validationAccuracy?: number;
}

/** Options of {@link fitStream}. */
export interface StreamOptions {
  /** Every class (or label) the stream will ever hold (required: a stream cannot be scanned first); 0 … K−1 for indicator rows. */
  classes: readonly Label[];
  /** Features per row, required when chunks hold typed arrays. @default undefined */
  features?: number;
  /** Rows per partialFit call. @default 10000 */
  bufferRows?: number;
  /** Fraction of rows held out for validation. @default 0 */
  validationFraction?: number;
  /** The most rows held out. @default 10000 */
  validationRows?: number;
  /** Seed of the held-out choice. @default undefined (fresh) */
  randomState?: number;
  /** Called after every buffer. @default undefined */
  onProgress?: (progress: StreamProgress) => void;
}

/**
 * The most bytes the training buffer may take (bufferRows × features f32): half of wasm32's 4 GiB,
 * since partialFit copies the buffer into wasm memory beside the model and its working memory.
 */
const MAX_BUFFER_BYTES = 2 ** 31;

/**
 * Trains on data larger than memory: reads an (async) iterable of `{ X, y }` chunks, gathers rows
 * into buffers of `bufferRows` and calls the model's partialFit on each (solver sgd or adam). Each
 * buffer commits: a failure mid-stream leaves what the earlier buffers trained. With
 * `validationFraction`, rows are held out as they pass and scored after every buffer.
 *
 * @returns The model, trained.
 * @example
 * ```ts
 * const model = new SoftmaxRegression({ solver: "adam" });
 * await fitStream(model, readChunks("big.csv"), {
 *   classes: ["a", "b", "c"],
 *   validationFraction: 0.05,
 *   onProgress: ({ rows, validationAccuracy }) => console.log(rows, validationAccuracy),
 * });
 * ```
 */
export async function fitStream<M extends StreamableModel>(
  model: M,
  source: AsyncIterable<StreamChunk> | Iterable<StreamChunk>,
  options: StreamOptions,
): Promise<M> {
  const o = checkOptions("fitStream options", options, [
    "classes",
    "features",
    "bufferRows",
    "validationFraction",
    "validationRows",
    "randomState",
    "onProgress",
  ]);
  if (!Array.isArray(o.classes)) throw new TypeError("fitStream: options.classes (every class the stream holds) is required");
  const classes = uniqueLabels("fitStream: classes", o.classes);
  if (classes.length !== o.classes.length) throw new RangeError("fitStream: classes has duplicates");
  const bufferRows = checkCount("bufferRows", o.bufferRows ?? 10_000);
  const validationRows = checkCount("validationRows", o.validationRows ?? 10_000, 0);
  const fraction = inRange("validationFraction", o.validationFraction ?? 0, 0, 1);
  if (o.features !== undefined) checkBufferSize(bufferRows, checkCount("features", o.features));
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") throw new TypeError("onProgress must be a function");
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    throw new TypeError("fitStream: source must be an iterable or async iterable of { X, y } chunks");
  }
  const next = random(seedOf(o.randomState));
  let width = o.features;
  // The training buffer: up to bufferRows rows of `width` features, filled in place. It grows (doubling)
  // as rows arrive, so a short stream never holds a full buffer. Every chunk is checked as it arrives
  // (features finite in f32, targets among the classes), so partialFit never refuses a buffer and
  // an error names the chunk and row the caller sent; f32 holds the values exactly as partialFit would.
  let X = new Float32Array(0);
  /** The column names of a stream of rows of objects (its first chunk's). */
  let names: string[] | null = null;
  let filled = 0;
  let y: Target[] = [];
  const heldX: number[][] = [];
  const heldY: Target[] = [];
  // A sparse stream (its first chunk a SparseMatrix) collects CSR rows instead.
  let sparse: { buffer: SparseRows; held: SparseRows } | null = null;
  let rows = 0;
  let buffers = 0;
  /** How targets are written (one label per row, label sets, indicator rows), fixed by the first chunk with rows. */
  let form: TargetForm | undefined;
  const flush = (): void => {
    if (filled === 0) return;
    const batch = sparse ? sparse.buffer.matrix() : X.subarray(0, filled * width!);
    model.partialFit(batch, y as never, { features: width!, ...(buffers === 0 ? { classes: o.classes } : {}) });
    sparse?.buffer.clear();
    rows += filled;
    buffers++;
    filled = 0;
    y = [];
    const progress: StreamProgress = { rows, buffers, loss: model.lossCurve[model.lossCurve.length - 1] ?? NaN };
    if (heldY.length > 0) Object.assign(progress, heldOutScores(model, sparse ? sparse.held.matrix() : heldX, heldY, form!));
    o.onProgress?.(progress);
  };
  /** A sparse chunk's rows, checked, into the buffer or the held-out rows; returns the next chunk's index. */
  const takeSparse = (where: string, chunk: StreamChunk, at: number): number => {
    const m = chunk.X as SparseMatrix;
    width ??= m.cols;
    if (m.cols !== width) throw new RangeError(`${where} has ${m.cols} features, the stream started with ${width}`);
    const labels = chunk.y as ArrayLike<Target>;
    if (labels?.length !== m.rows) throw new RangeError(`${where} has ${m.rows} rows but ${labels?.length} labels`);
    if (m.rows > 0) {
      form ??= Array.isArray(labels[0]) ? declaredForm(chunk.y, classes) : "labels";
      checkTargets(`${where}: y`, chunk.y, form, classes);
    }
    for (let i = 0; i < m.rows; i++) {
      if (fraction > 0 && heldY.length < validationRows && next() < fraction) {
        sparse!.held.push(m, i);
        heldY.push(labels[i]!);
      } else {
        sparse!.buffer.push(m, i);
        filled++;
        y.push(labels[i]!);
        if (filled >= bufferRows) flush();
      }
    }
    return at + 1;
  };
  let index = 0;
  for await (const chunk of source as AsyncIterable<StreamChunk>) {
    const where = `fitStream: chunk ${index}`;
    if (chunk === null || typeof chunk !== "object") throw new TypeError(`${where} must be { X, y }`);
    if (index === 0 && isSparseMatrix(chunk.X)) sparse = { buffer: new SparseRows(chunk.X.cols), held: new SparseRows(chunk.X.cols) };
    if (isSparseMatrix(chunk.X) !== (sparse !== null)) {
      const [got, began] = sparse ? ["dense rows", "a SparseMatrix"] : ["a SparseMatrix", "dense rows"];
      throw new TypeError(`${where}: X is ${got}, but the stream started with ${began}`);
    }
    if (sparse) {
      index = takeSparse(where, chunk, index);
      continue;
    }
    if (isRecordRows(chunk.X) && names === null && index > 0)
      throw new TypeError(`${where}: X is rows of objects, but the stream started with rows of arrays (no column names)`);
    const records: { data: Float32Array; names: string[] } | null = isRecordRows(chunk.X)
      ? recordMatrix(`${where}: X`, chunk.X, names)
      : null;
    names ??= records?.names ?? null;
    const dense = records ? records.data : (chunk.X as MatrixInput);
    const m = toMatrix(`${where}: X`, dense, ArrayBuffer.isView(dense) ? (records?.names.length ?? width) : undefined, "features");
    if (width === undefined) checkBufferSize(bufferRows, m.cols);
    width ??= m.cols;
    if (m.cols !== width) throw new RangeError(`${where} has ${m.cols} features, the stream started with ${width}`);
    const labels = chunk.y as ArrayLike<Target>;
    if (labels?.length !== m.rows) throw new RangeError(`${where} has ${m.rows} rows but ${labels?.length} labels`);
    checkFinite(`${where}: X`, m);
    if (m.rows > 0) {
      form ??= Array.isArray(labels[0]) ? declaredForm(chunk.y, classes) : "labels";
      checkTargets(`${where}: y`, chunk.y, form, classes);
    }
    if (filled + m.rows > X.length / width && X.length < bufferRows * width) {
      // Room for this chunk's rows (at most a full buffer): at least double the rows held now, and 64 KiB.
      const capacity = Math.min(bufferRows, Math.max(filled + m.rows, (2 * X.length) / width, Math.ceil(65536 / (4 * width))));
      const grown = new Float32Array(capacity * width);
      grown.set(X.subarray(0, filled * width));
      X = grown;
    }
    const rowAt = (i: number): ArrayLike<number> =>
      ArrayBuffer.isView(m.data) ? (m.data as Float32Array).subarray(i * m.cols, (i + 1) * m.cols) : (m.data as number[][])[i]!;
    for (let i = 0; i < m.rows; i++) {
      if (fraction > 0 && heldX.length < validationRows && next() < fraction) {
        heldX.push(Array.from(rowAt(i)));
        heldY.push(labels[i]!);
      } else {
        X.set(rowAt(i), filled * width);
        filled++;
        y.push(labels[i]!);
        if (filled >= bufferRows) flush();
      }
    }
    index++;
  }
  flush();
  if (buffers === 0) throw new RangeError("fitStream: the stream held no training rows");
  if (names) (model as unknown as { nameFeatures?(names: string[]): void }).nameFeatures?.(names);
  return model;
}

/** Refuses, before anything is allocated, a buffer larger than MAX_BUFFER_BYTES, saying what it would need. */
function checkBufferSize(bufferRows: number, features: number): void {
  const bytes = bufferRows * features * 4;
  if (bytes <= MAX_BUFFER_BYTES) return;
  throw new RangeError(
    `fitStream: a buffer of ${bufferRows} rows × ${features} features needs ${bytes} bytes (f32), above the ${MAX_BUFFER_BYTES} ` +
      `(2 GiB, half of wasm32's 4 GiB) a buffer may take: set bufferRows to at most ${Math.floor(MAX_BUFFER_BYTES / (features * 4))}`,
  );
}

/** A chunk's targets, checked against the stream's classes in the stream's form (errors name the chunk's own rows). */
function checkTargets(name: string, y: unknown, form: TargetForm, classes: readonly Label[]): void {
  if (form === "labels") encodeLabels(name, y as LabelsInput, classes);
  else readMultiLabel(name, y, { classes, form });
}

/** A row's target: a label, or a label set (or 0/1 indicator row). */
type Target = Label | readonly Label[];
type TargetForm = "labels" | "sets" | "indicator";

/**
 * The held-out rows' loss and accuracy. One label per row: log loss, and accuracy from the same
 * probabilities (the highest, ties to the first class, as the argmax kernel). Label sets (`form`):
 * the mean binary cross-entropy per label, each probability clipped to [1e-15, 1 − 1e-15] as
 * logLoss clips, and the model's score, subset accuracy (a second forward pass: the threshold that
 * turns probabilities into sets is the model's).
 */
function heldOutScores(
  model: StreamableModel,
  X: number[][] | SparseMatrix,
  y: Target[],
  form: TargetForm,
): { validationLoss: number; validationAccuracy: number } {
  const proba = model.predictProba(X);
  const K = model.classes.length;
  if (form === "labels") {
    let hits = 0;
    y.forEach((label, i) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[i * K + k]! > proba[i * K + best]!) best = k;
      if (model.classes[best] === label) hits++;
    });
    return { validationLoss: logLoss(y as Label[], proba, model.classes), validationAccuracy: hits / y.length };
  }
  const truth = readMultiLabel("held-out y", y, { classes: model.classes, form }).indicator;
  let loss = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, proba[i]!));
    loss -= Math.log(truth[i] === 1 ? p : 1 - p);
  }
  return { validationLoss: loss / truth.length, validationAccuracy: model.score(X, y as never) };
}
