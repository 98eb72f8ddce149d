// Coefficients trained elsewhere, checked and laid out as wasmax keeps them (W class-major, then b):
//   linear: coef K × D, the layout of scikit-learn's coef_, Spark MLlib's multinomial
//           coefficientMatrix (row by row) and PyTorch's Linear.weight (out × in); intercept K. A
//           binary model's single row (scikit-learn's coef_ for two classes) becomes the softmax
//           pair [0, w], [0, b], which gives the same probabilities.
//   MLP:    per layer, "inputs × outputs" (scikit-learn's coefs_) or "outputs × inputs" (PyTorch's
//           Linear.weight); biases per layer.
// Errors name the argument, the index and the expected shape.

import { finite32 } from "../core/checks.js";

/** A matrix given as rows (number[][]), checked to be rows × cols of finite f32 values. */
function matrix(name: string, value: unknown, rows: number | null, cols: number | null): number[][] {
  if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${name} must be a non-empty array of rows`);
  if (rows !== null && value.length !== rows) throw new RangeError(`${name} has ${value.length} rows, expected ${rows}`);
  const width = cols ?? (Array.isArray(value[0]) ? value[0].length : -1);
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width || width < 1)
      throw new RangeError(`${name}[${i}] must be an array of ${width} numbers`);
    for (let j = 0; j < width; j++)
      if (!finite32(row[j]))
        throw new RangeError(`${name}[${i}][${j}] is ${String(row[j])}, expected a finite number within float32 range`);
  });
  return value as number[][];
}

function vector(name: string, value: unknown, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length) throw new RangeError(`${name} must be an array of ${length} numbers`);
  value.forEach((v, i) => {
    if (!finite32(v)) throw new RangeError(`${name}[${i}] is ${String(v)}, expected a finite number within float32 range`);
  });
  return value as number[];
}

/** [W | b] for K classes from coef (K × D, or 1 × D for a binary model) and intercept. */
export function linearParams(coef: unknown, intercept: unknown, K: number): { params: Float32Array; features: number } {
  const rows = matrix("coef", coef, null, null);
  if (rows.length !== K && !(K === 2 && rows.length === 1))
    throw new RangeError(`coef has ${rows.length} rows, expected ${K} (one per class) or 1 for a binary model`);
  const D = rows[0]!.length;
  const b = intercept === undefined ? new Array<number>(rows.length).fill(0) : vector("intercept", intercept, rows.length);
  const params = new Float32Array(K * D + K);
  if (rows.length === 1 && K === 2) {
    params.set(rows[0]!, D);
    params[K * D + 1] = b[0]!;
  } else {
    rows.forEach((row, k) => params.set(row, k * D));
    params.set(b, K * D);
  }
  return { params, features: D };
}

/** The layers' weights as inputs × outputs (scikit-learn's layout), from either layout. */
export function mlpCoefs(
  coefs: unknown,
  intercepts: unknown,
  layout: "inputs × outputs" | "outputs × inputs",
): { coefs: number[][][]; intercepts: number[][] } {
  if (!Array.isArray(coefs) || coefs.length === 0) throw new TypeError("coefs must be an array of layers");
  if (!Array.isArray(intercepts) || intercepts.length !== coefs.length)
    throw new RangeError(`intercepts must hold ${coefs.length} layers, one per coefs layer`);
  const layers = coefs.map((layer, l) => {
    const m = matrix(`coefs[${l}]`, layer, null, null);
    return layout === "inputs × outputs" ? m : m[0]!.map((_, i) => m.map((row) => row[i]!));
  });
  layers.forEach((m, l) => {
    if (l > 0 && m.length !== layers[l - 1]![0]!.length)
      throw new RangeError(`coefs[${l}] takes ${m.length} inputs, but layer ${l - 1} has ${layers[l - 1]![0]!.length} outputs`);
  });
  return { coefs: layers, intercepts: layers.map((m, l) => vector(`intercepts[${l}]`, intercepts[l], m[0]!.length)) };
}
