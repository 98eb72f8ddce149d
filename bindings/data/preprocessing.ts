// Data helpers: a seeded stratified train/test split and a standard scaler. Both take rows of
// objects ({ gpa: 3.9, exam: 92 }) as well as matrices: the split keeps them as objects; the scaler
// reads numbers by column name and remembers the names it was fit on.

import { checkFinite, toMatrix, type MatrixInput } from "../core/input.js";
import { NotFittedError } from "../core/errors.js";
import { checkOptions, checkVersion, flag } from "../core/checks.js";
import { random, seedOf, shuffle } from "../core/random.js";
import { checkLabels, type Label, type LabelsInput } from "./labels.js";
import { isRecordRows, recordMatrix } from "./records.js";

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** Fraction in (0, 1), or count of rows, for the test set. @default 0.25 */
  testSize?: number;
  /** Keep each class's share in both parts. @default true */
  stratify?: boolean;
  /** Seed of the shuffle. @default undefined (a fresh one) */
  randomState?: number;
  /** Shuffle before splitting; false keeps the rows' order (the test rows are each class's last). @default true */
  shuffle?: boolean;
}

/** What {@link trainTestSplit} returns; `R` is a row: number[] for a matrix, the object type for rows of objects. */
export interface Split<R = number[]> {
  /** The training rows (rows of objects: shallow copies). */
  XTrain: R[];
  /** The test rows (rows of objects: shallow copies). */
  XTest: R[];
  /** The training labels. */
  yTrain: Label[];
  /** The test labels. */
  yTest: Label[];
  /** The index in X of each training row. */
  trainIndex: Int32Array;
  /** The index in X of each test row. */
  testIndex: Int32Array;
}

/**
 * Splits rows into train and test parts; with stratify, each class is split in the same proportion.
 * @example
 * ```ts
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, randomState: 0 });
 * ```
 */
export function trainTestSplit<R extends Readonly<Record<string, unknown>>>(
  X: readonly R[],
  y: LabelsInput,
  options?: SplitOptions,
): Split<R>;
export function trainTestSplit(X: MatrixInput, y: LabelsInput, options?: SplitOptions & { features?: number }): Split;
export function trainTestSplit(
  X: MatrixInput | readonly Readonly<Record<string, unknown>>[],
  y: LabelsInput,
  options: SplitOptions & { features?: number } = {},
): Split<number[] | Readonly<Record<string, unknown>>> {
  const o = checkOptions("trainTestSplit options", options, ["testSize", "stratify", "randomState", "shuffle", "features"]);
  const records = isRecordRows(X) ? X : null;
  const m = records ? { rows: records.length, cols: 0, data: [] as number[][] } : toMatrix("X", X as MatrixInput, o.features, "features");
  checkLabels("y", y);
  const labels = Array.from(y as ArrayLike<Label>);
  if (labels.length !== m.rows) throw new RangeError(`X has ${m.rows} rows but y has ${labels.length} labels`);
  if (m.rows < 2) throw new RangeError(`trainTestSplit needs at least 2 rows, X has ${m.rows}`);
  const testSize = o.testSize ?? 0.25;
  if (typeof testSize !== "number") throw new TypeError(`testSize must be a number, got ${JSON.stringify(testSize) ?? String(testSize)}`);
  const fraction = testSize >= 1 && Number.isInteger(testSize) ? testSize / m.rows : testSize;
  if (!(fraction > 0 && fraction < 1))
    throw new RangeError(`testSize must be a fraction in (0, 1) or a row count in [1, ${m.rows - 1}], got ${testSize}`);
  const stratify = flag("stratify", o.stratify ?? true);
  const shuffled = flag("shuffle", o.shuffle ?? true);
  if (o.randomState !== undefined && !Number.isInteger(o.randomState))
    throw new TypeError(`randomState must be an integer, got ${String(o.randomState)}`);
  const next = random(seedOf(o.randomState));
  const groups = new Map<Label, number[]>();
  if (!stratify)
    groups.set(
      "all",
      labels.map((_, i) => i),
    );
  else labels.forEach((label, i) => (groups.get(label) ?? groups.set(label, []).get(label)!).push(i));
  const train: number[] = [];
  const test: number[] = [];
  const orders: Int32Array[] = [];
  for (const rows of groups.values()) {
    const order = shuffled ? shuffle(Int32Array.from(rows), next) : Int32Array.from(rows);
    const held = Math.round(order.length * fraction);
    test.push(...order.subarray(order.length - held));
    train.push(...order.subarray(0, order.length - held));
    orders.push(order.subarray(0, order.length - held));
  }
  // Per-class rounding can hold out nothing (or everything) on tiny inputs: move one row over,
  // from the largest group that can spare it, so that neither part is empty.
  if (test.length === 0) {
    const from = orders.reduce((a, b) => (b.length > a.length ? b : a));
    const row = from[from.length - 1]!;
    train.splice(train.indexOf(row), 1);
    test.push(row);
  }
  if (train.length === 0) {
    const row = test.shift()!;
    train.push(row);
  }
  const trainIndex = Int32Array.from(train.sort((a, b) => a - b));
  const testIndex = Int32Array.from(test.sort((a, b) => a - b));
  const row = (i: number): number[] | Readonly<Record<string, unknown>> => {
    if (records) return { ...records[i]! };
    const out = new Array<number>(m.cols);
    if (ArrayBuffer.isView(m.data)) for (let j = 0; j < m.cols; j++) out[j] = (m.data as Float32Array)[i * m.cols + j]!;
    else for (let j = 0; j < m.cols; j++) out[j] = (m.data as number[][])[i]![j]!;
    return out;
  };
  return {
    XTrain: Array.from(trainIndex, row),
    XTest: Array.from(testIndex, row),
    yTrain: Array.from(trainIndex, (i) => labels[i]!),
    yTest: Array.from(testIndex, (i) => labels[i]!),
    trainIndex,
    testIndex,
  };
}

/**
 * Centres each feature to mean 0 and scales it to unit variance (population variance, as scikit-learn).
 * @example
 * ```ts
 * const scaler = new StandardScaler().fit(XTrain); // learn each feature's mean and deviation on the training rows
 * const model = new SoftmaxRegression().fit(scaler.transform(XTrain), yTrain, { features: XTrain[0].length });
 * model.predict(scaler.transform(XTest));
 * ```
 */
export class StandardScaler {
  /** Each feature's mean (null before fit). */
  mean: Float64Array | null = null;
  /** Each feature's standard deviation, 1 for a constant feature (null before fit). */
  scale: Float64Array | null = null;
  /** The column names when fit on rows of objects (transform then reads rows of objects by them), else null. */
  featureNames: string[] | null = null;

  /**
   * Learns each feature's mean and standard deviation; returns the scaler. `features` is required for a typed-array X.
   * Rows of objects (numbers by column name) are read as float32, as models read them, in the first row's column order.
   */
  fit(X: MatrixInput | readonly Readonly<Record<string, number>>[], features?: number): this {
    const named = isRecordRows(X) ? recordMatrix("X", X, null) : null;
    const m = named ? toMatrix("X", named.data, named.names.length, "features") : toMatrix("X", X as MatrixInput, features, "features");
    if (m.rows === 0) throw new RangeError("StandardScaler.fit needs at least one row");
    checkFinite("X", m);
    const mean = new Float64Array(m.cols);
    const sq = new Float64Array(m.cols);
    forEachValue(m, (_i, j, v) => (mean[j]! += v));
    for (let j = 0; j < m.cols; j++) mean[j]! /= Math.max(1, m.rows);
    forEachValue(m, (_i, j, v) => (sq[j]! += (v - mean[j]!) ** 2));
    const scale = sq.map((s) => {
      const sd = Math.sqrt(s / Math.max(1, m.rows));
      return sd > 0 ? sd : 1; // constant features are left unscaled
    });
    this.mean = mean;
    this.scale = scale;
    this.featureNames = named ? named.names : null;
    return this;
  }

  /**
   * (x − mean) / scale for every value, as a rows × features Float32Array. Rows of objects need a scaler
   * fit on rows of objects; their columns are read by the names it was fit on (a missing or extra one is refused).
   */
  transform(X: MatrixInput | readonly Readonly<Record<string, number>>[], features?: number): Float32Array {
    if (!this.mean || !this.scale) throw new NotFittedError("this StandardScaler is not fitted yet: call fit(X) first");
    let input = X as MatrixInput;
    if (isRecordRows(X)) {
      if (!this.featureNames)
        throw new TypeError("X is rows of objects, but the scaler was fit on rows of numbers (no column names): fit it on rows of objects");
      input = recordMatrix("X", X, this.featureNames).data;
    }
    const m = toMatrix("X", input, features ?? this.mean.length, "features");
    if (m.cols !== this.mean.length) throw new RangeError(`X has ${m.cols} features, the scaler was fitted on ${this.mean.length}`);
    checkFinite("X", m);
    const out = new Float32Array(m.rows * m.cols);
    forEachValue(m, (i, j, v) => (out[i * m.cols + j] = (v - this.mean![j]!) / this.scale![j]!));
    return out;
  }

  /** fit(X), then transform(X). */
  fitTransform(X: MatrixInput | readonly Readonly<Record<string, number>>[], features?: number): Float32Array {
    return this.fit(X, features).transform(X, features);
  }

  /** A versioned plain object for fromJSON. */
  toJSON(): {
    /** "wasmax/StandardScaler". */
    format: string;
    /** The format's version. */
    version: number;
    /** Each feature's mean. */
    mean: number[];
    /** Each feature's standard deviation. */
    scale: number[];
    /** The column names, when fit on rows of objects. */
    featureNames?: string[];
  } {
    if (!this.mean || !this.scale) throw new NotFittedError("this StandardScaler is not fitted yet: call fit(X) first");
    const saved = { format: "wasmax/StandardScaler", version: 1, mean: Array.from(this.mean), scale: Array.from(this.scale) };
    return this.featureNames ? { ...saved, featureNames: [...this.featureNames] } : saved;
  }

  /** The scaler saved by toJSON. */
  static fromJSON(json: unknown): StandardScaler {
    const j = json as { format?: unknown; version?: unknown; mean?: unknown; scale?: unknown; featureNames?: unknown };
    const numbers = (a: unknown, ok: (v: number) => boolean): a is number[] =>
      Array.isArray(a) && a.length > 0 && Array.from(a).every((v) => typeof v === "number" && ok(v));
    if (typeof j !== "object" || j === null || j.format !== "wasmax/StandardScaler")
      throw new TypeError("StandardScaler.fromJSON: not a wasmax/StandardScaler object");
    checkVersion("StandardScaler.fromJSON", j.version, 1);
    if (!numbers(j.mean, Number.isFinite)) throw new TypeError("StandardScaler.fromJSON: mean must be an array of finite numbers");
    if (!numbers(j.scale, (v) => Number.isFinite(v) && v > 0))
      throw new RangeError("StandardScaler.fromJSON: scale must be an array of finite numbers > 0");
    if (j.mean.length !== j.scale.length) throw new RangeError("StandardScaler.fromJSON: mean and scale differ in length");
    const names = j.featureNames;
    if (
      names !== undefined &&
      (!Array.isArray(names) ||
        names.length !== j.mean.length ||
        !names.every((n) => typeof n === "string" && n !== "") ||
        new Set(names).size !== names.length)
    )
      throw new TypeError("StandardScaler.fromJSON: featureNames must be distinct column names, one per feature");
    const s = new StandardScaler();
    s.mean = Float64Array.from(j.mean);
    s.scale = Float64Array.from(j.scale);
    s.featureNames = names === undefined ? null : [...(names as string[])];
    return s;
  }
}

function forEachValue(m: ReturnType<typeof toMatrix>, fn: (i: number, j: number, v: number) => void): void {
  const typed = ArrayBuffer.isView(m.data) ? (m.data as Float32Array) : null;
  for (let i = 0; i < m.rows; i++) {
    const row = typed ? null : (m.data as number[][])[i]!;
    for (let j = 0; j < m.cols; j++) fn(i, j, typed ? typed[i * m.cols + j]! : row![j]!);
  }
}
