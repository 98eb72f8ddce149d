// The weights of a dense chain in a saved model, in the two layouts the saved formats use. Values are
// f32 written as JSON numbers, so a round trip is exact. Readers check every size against the bytes
// wasm memory can hold before anything is allocated, and every value by index.
//   linear  coef (K rows of D) and intercept (K): scikit-learn's coef_ / intercept_ layout, for a
//           chain with no hidden layer (SoftmaxRegression, MultiLabelLogisticRegression);
//   layers  hiddenLayerSizes, activation, and per layer coefs[l] (inputs × outputs, scikit-learn's
//           coefs_) and intercepts[l] (MLPClassifier).
// In wasm memory a chain is laid out per layer W (outputs × inputs) then b (dense_chain.ts).

import { finite32 } from "../core/checks.js";
import { ACTIVATIONS, chainLayout, type Activation } from "../objectives/dense_chain.js";

/** Wasm32 memory ends at 4 GiB. */
const MAX_PARAM_BYTES = 2 ** 32;
/** The most hidden layers a model may have (fit and load alike). */
export const MAX_HIDDEN_LAYERS = 1000;

export type Fail = (what: string, kind?: "range") => never;

/** What a saved model's weight fields give: the hidden layers and the parameters in wasm's layout. */
export interface ReadWeights {
  hidden: number[];
  activation: Activation;
  params: Float32Array;
}

/**
 * A weights layout of the saved formats. `fail` throws a TypeError naming the model and the field (a
 * RangeError with "range": sizes beyond wasm memory).
 */
export interface WeightsCodec {
  write(params: Float32Array, shape: { features: number; hidden: readonly number[]; outputs: number; activation: Activation }): object;
  read(o: Record<string, unknown>, fail: Fail, outputs: number, features: number): ReadWeights;
}

export const linearWeights: WeightsCodec = {
  write(params, { features: D, outputs: K }) {
    return {
      coef: Array.from({ length: K }, (_, k) => Array.from(params.subarray(k * D, (k + 1) * D))),
      intercept: Array.from(params.subarray(K * D, K * D + K)),
    };
  },
  read(o, fail, K, D) {
    checkSize(fail, (K * D + K) * 4, `${K} outputs × ${D} features`);
    const { coef, intercept } = o;
    const params = new Float32Array(K * D + K);
    if (!Array.isArray(coef) || coef.length !== K) fail(`coef must have ${K} rows (one per output)`);
    for (let k = 0; k < K; k++) {
      const row: unknown = (coef as unknown[])[k];
      if (!Array.isArray(row) || row.length !== D) fail(`coef[${k}] must be an array of ${D} numbers`);
      for (let d = 0; d < D; d++) params[k * D + d] = value(fail, (row as unknown[])[d], `coef[${k}][${d}]`);
    }
    if (!Array.isArray(intercept) || intercept.length !== K) fail(`intercept must be an array of ${K} numbers`);
    for (let k = 0; k < K; k++) params[K * D + k] = value(fail, (intercept as unknown[])[k], `intercept[${k}]`);
    return { hidden: [], activation: "identity", params };
  },
};

export const layerWeights: WeightsCodec = {
  write(params, shape) {
    const { widths, weightAt, biasAt } = chainLayout(shape);
    const coefs = weightAt.map((at, l) => {
      const inW = widths[l]!;
      const outW = widths[l + 1]!;
      return Array.from({ length: inW }, (_, d) => Array.from({ length: outW }, (_, c) => params[at + c * inW + d]!));
    });
    const intercepts = biasAt.map((at, l) => Array.from(params.subarray(at, at + widths[l + 1]!)));
    return { hiddenLayerSizes: [...shape.hidden], activation: shape.activation, coefs, intercepts };
  },
  read(o, fail, K, D) {
    const sizes = o["hiddenLayerSizes"];
    if (!Array.isArray(sizes) || sizes.length > MAX_HIDDEN_LAYERS)
      fail(`hiddenLayerSizes must be an array of at most ${MAX_HIDDEN_LAYERS} layer widths`);
    const hidden = (sizes as unknown[]).map((n, l) =>
      Number.isInteger(n) && (n as number) >= 1 ? (n as number) : fail(`hiddenLayerSizes[${l}] must be an integer >= 1`),
    );
    const activation = o["activation"] as Activation;
    if (!ACTIVATIONS.includes(activation)) fail(`activation is ${JSON.stringify(activation)}, expected one of ${ACTIVATIONS.join(", ")}`);
    const { widths, weightAt, biasAt, paramCount } = chainLayout({ features: D, hidden, outputs: K });
    checkSize(fail, paramCount * 4, "the declared layers");
    const { coefs, intercepts } = o;
    const L = widths.length - 1;
    if (!Array.isArray(coefs) || coefs.length !== L) fail(`coefs must hold ${L} layers`);
    if (!Array.isArray(intercepts) || intercepts.length !== L) fail(`intercepts must hold ${L} layers`);
    const params = new Float32Array(paramCount);
    for (let l = 0; l < L; l++) {
      const inW = widths[l]!;
      const outW = widths[l + 1]!;
      const layer: unknown = (coefs as unknown[])[l];
      if (!Array.isArray(layer) || layer.length !== inW) fail(`coefs[${l}] must have ${inW} rows (inputs)`);
      for (let d = 0; d < inW; d++) {
        const row: unknown = (layer as unknown[])[d];
        if (!Array.isArray(row) || row.length !== outW) fail(`coefs[${l}][${d}] must be an array of ${outW} numbers`);
        for (let c = 0; c < outW; c++) params[weightAt[l]! + c * inW + d] = value(fail, (row as unknown[])[c], `coefs[${l}][${d}][${c}]`);
      }
      const bias: unknown = (intercepts as unknown[])[l];
      if (!Array.isArray(bias) || bias.length !== outW) fail(`intercepts[${l}] must be an array of ${outW} numbers`);
      for (let c = 0; c < outW; c++) params[biasAt[l]! + c] = value(fail, (bias as unknown[])[c], `intercepts[${l}][${c}]`);
    }
    return { hidden, activation, params };
  },
};

function checkSize(fail: Fail, bytes: number, what: string): void {
  if (bytes > MAX_PARAM_BYTES) fail(`${what} need ${bytes} bytes, more than wasm memory can hold (4 GiB)`, "range");
}

function value(fail: Fail, v: unknown, where: string): number {
  if (!finite32(v)) fail(`${where} is ${String(v)}, expected a finite number within float32 range`);
  return v as number;
}
