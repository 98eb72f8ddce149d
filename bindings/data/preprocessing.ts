// Data helpers: a seeded stratified train/test split and a standard scaler.

import { toMatrix, type MatrixInput } from "../core/input.js";
import { NotFittedError } from "../core/errors.js";
import { random, seedOf, shuffle } from "../core/random.js";
import type { Label, LabelsInput } from "./labels.js";

export interface SplitOptions {
  /** Fraction (0, 1) or count of rows for the test set; default 0.25. */
  testSize?: number;
  /** Keep each class's share in both parts (default true). */
  stratify?: boolean;
  randomState?: number;
  shuffle?: boolean;
}

export interface Split {
  XTrain: number[][];
  XTest: number[][];
  yTrain: Label[];
  yTest: Label[];
  trainIndex: Int32Array;
  testIndex: Int32Array;
}

/** Splits rows into train and test parts; with stratify, each class is split in the same proportion. */
export function trainTestSplit(X: MatrixInput, y: LabelsInput, options: SplitOptions & { features?: number } = {}): Split {
  const m = toMatrix("X", X, options.features, "features");
  const labels = Array.from(y as ArrayLike<Label>);
  if (labels.length !== m.rows) throw new RangeError(`X has ${m.rows} rows but y has ${labels.length} labels`);
  const testSize = options.testSize ?? 0.25;
  const fraction = testSize >= 1 ? testSize / m.rows : testSize;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`testSize must be a fraction in (0, 1) or a row count in [1, ${m.rows - 1}], got ${testSize}`);
  const next = random(seedOf(options.randomState));
  const groups = new Map<Label, number[]>();
  if (options.stratify === false) groups.set("all", labels.map((_, i) => i));
  else labels.forEach((label, i) => (groups.get(label) ?? groups.set(label, []).get(label)!).push(i));
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of groups.values()) {
    const order = options.shuffle === false ? Int32Array.from(rows) : shuffle(Int32Array.from(rows), next);
    const held = Math.round(order.length * fraction);
    test.push(...order.subarray(order.length - held));
    train.push(...order.subarray(0, order.length - held));
  }
  const trainIndex = Int32Array.from(train.sort((a, b) => a - b));
  const testIndex = Int32Array.from(test.sort((a, b) => a - b));
  const row = (i: number): number[] => {
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

/** Centres each feature to mean 0 and scales it to unit variance (population variance, as scikit-learn). */
export class StandardScaler {
  mean: Float64Array | null = null;
  scale: Float64Array | null = null;

  fit(X: MatrixInput, features?: number): this {
    const m = toMatrix("X", X, features, "features");
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
    return this;
  }

  transform(X: MatrixInput, features?: number): Float32Array {
    if (!this.mean || !this.scale) throw new NotFittedError("this StandardScaler is not fitted yet: call fit(X) first");
    const m = toMatrix("X", X, features ?? this.mean.length, "features");
    if (m.cols !== this.mean.length) throw new RangeError(`X has ${m.cols} features, the scaler was fitted on ${this.mean.length}`);
    const out = new Float32Array(m.rows * m.cols);
    forEachValue(m, (i, j, v) => (out[i * m.cols + j] = (v - this.mean![j]!) / this.scale![j]!));
    return out;
  }

  fitTransform(X: MatrixInput, features?: number): Float32Array {
    return this.fit(X, features).transform(X, features);
  }

  toJSON(): { format: string; version: number; mean: number[]; scale: number[] } {
    if (!this.mean || !this.scale) throw new NotFittedError("this StandardScaler is not fitted yet: call fit(X) first");
    return { format: "wasmax/StandardScaler", version: 1, mean: Array.from(this.mean), scale: Array.from(this.scale) };
  }

  static fromJSON(json: unknown): StandardScaler {
    const j = json as { format?: unknown; mean?: unknown; scale?: unknown };
    const ok = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => Number.isFinite(v));
    if (typeof j !== "object" || j === null || j.format !== "wasmax/StandardScaler" || !ok(j.mean) || !ok(j.scale) || j.mean.length !== j.scale.length) {
      throw new TypeError("StandardScaler.fromJSON: not a valid wasmax/StandardScaler object");
    }
    const s = new StandardScaler();
    s.mean = Float64Array.from(j.mean);
    s.scale = Float64Array.from(j.scale);
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
