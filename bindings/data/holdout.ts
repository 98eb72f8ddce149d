// The validation split of early stopping: about `fraction` of each class's rows, at least one and
// never all, chosen by the seeded generator. Row indices come back sorted.

import { shuffle } from "../core/random.js";

export function stratifiedHoldout(labels: Int32Array, fraction: number, next: () => number): { train: Int32Array; validation: Int32Array } {
  const byClass = new Map<number, number[]>();
  labels.forEach((y, i) => (byClass.get(y) ?? byClass.set(y, []).get(y)!).push(i));
  const train: number[] = [];
  const validation: number[] = [];
  for (const rows of byClass.values()) {
    const order = shuffle(Int32Array.from(rows), next);
    const held = Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
    validation.push(...order.subarray(0, held));
    train.push(...order.subarray(held));
  }
  if (train.length === 0 || validation.length === 0) throw new RangeError("earlyStopping needs more rows: the validation split is empty");
  return { train: Int32Array.from(train.sort((a, b) => a - b)), validation: Int32Array.from(validation.sort((a, b) => a - b)) };
}

/** The given rows of a matrix, copied into a new Float32Array (rows × cols). */
export function pickRows(
  m: { data: Float32Array | Float64Array | readonly (readonly number[])[]; cols: number },
  rows: Int32Array,
): Float32Array {
  const out = new Float32Array(rows.length * m.cols);
  const { data, cols } = m;
  rows.forEach((r, i) => {
    if (ArrayBuffer.isView(data)) out.set((data as Float32Array).subarray(r * cols, (r + 1) * cols), i * cols);
    else out.set((data as readonly (readonly number[])[])[r]!, i * cols);
  });
  return out;
}

/** The given entries of a typed array, in a new array of the same type. */
export function pickEntries<T extends Int32Array | Float32Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, i) => (out[i] = values[r]!));
  return out;
}
