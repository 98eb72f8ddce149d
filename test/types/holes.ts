// Each line under a @ts-expect-error is a mistake the types must catch: tsc fails on an unused
// directive, so this file fails to compile if a hole reopens.

import { init, configure, SoftmaxRegression, fitInWorker, SparseMatrix, HashingVectorizer, TfidfTransformer, tokenize } from "wasmax";
import { toONNX, fromONNX } from "wasmax/onnx";
import { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } from "wasmax/plot";

export async function holes(X: Float32Array, rows: number[][], bytes: ArrayBuffer): Promise<void> {
  await init("/assets/simd.wasm"); // a URL string is accepted
  await init(bytes);
  // @ts-expect-error a number is not a wasm source
  await init(42);
  // @ts-expect-error true is not a wasm source
  await init({ simd: true });
  // @ts-expect-error an unknown option name
  await init(undefined, { sim: false });
  // @ts-expect-error threads is a number
  await init(undefined, { threads: "2" });
  // @ts-expect-error threads is a number
  configure({ threads: true });

  // @ts-expect-error onEpoch belongs in the fourth argument
  await fitInWorker(rows, ["a", "b"], { onEpoch: () => {} });
  // @ts-expect-error a typed-array X needs features
  await fitInWorker(X, [0, 1], {});

  const model = new SoftmaxRegression();
  // @ts-expect-error a typed-array X needs features
  model.fit(X, ["a", "b"]);
  // @ts-expect-error an unknown option name
  new SoftmaxRegression({ maxIters: 3 });

  const strings = new SoftmaxRegression().fit(rows, ["cat", "dog"]);
  const labels: string[] = strings.predict(rows);
  // @ts-expect-error a model trained on strings predicts strings
  const wrong: number[] = strings.predict(rows);
  const numbers = new SoftmaxRegression().fit(X, Int32Array.from([0, 1]), { features: 2 });
  const ids: number[] = numbers.predict(X);
  const loaded = SoftmaxRegression.fromJSON(strings.toJSON());
  // @ts-expect-error fromJSON does not know the label type unless told
  const unknownKind: string[] = loaded.predict(rows);
  const tagger = await fitInWorker(rows, [["red"], ["red", "shirt"]], { C: 2 }, { model: "MultiLabelLogisticRegression" });
  const tags = tagger.predict(rows);
  // @ts-expect-error a model of label sets trains on label sets, not single labels
  tagger.partialFit(rows, ["red"]);
  console.log(labels, wrong, ids, unknownKind, tags);
  // @ts-expect-error opset is a number
  toONNX(new SoftmaxRegression(), { opset: "13" });
  // @ts-expect-error a file path is not the model's bytes
  fromONNX("model.onnx");
}

export function textHoles(texts: string[]): SparseMatrix {
  const X: SparseMatrix = new HashingVectorizer({ nFeatures: 2 ** 18, charNgramRange: [2, 4], norm: null }).transform(texts);
  const weighted: SparseMatrix = new TfidfTransformer({ sublinearTf: true }).fitTransform(X);
  const rows: SparseMatrix = SparseMatrix.fromRows([{ 3: 1 }, [[0, 2]], new Map([[1, 0.5]])], 4);
  const tokens: string[] = tokenize("Bonjour à tous", { lowercase: false });
  // @ts-expect-error the constructor is internal: fromCSR or fromRows
  new SparseMatrix();
  // @ts-expect-error an unknown option name
  new HashingVectorizer({ nfeatures: 8 });
  // @ts-expect-error norm is "l2", "l1" or null
  new HashingVectorizer({ norm: "max" });
  // @ts-expect-error an n-gram range is [min, max]
  new HashingVectorizer({ ngramRange: [1, 2, 3] });
  // @ts-expect-error texts are strings
  new HashingVectorizer().transform([1, 2]);
  // @ts-expect-error TfidfTransformer takes a SparseMatrix, not dense rows
  new TfidfTransformer().fit([[1, 2]]);
  // @ts-expect-error fromCSR needs cols
  SparseMatrix.fromCSR({ indptr: [0, 1], indices: [0], data: [1] });
  console.log(weighted, rows, tokens);
  return X.selectRows(Int32Array.of(0)).sliceRows(0, 1);
}

export function plotHoles(rows: number[][]): void {
  // @ts-expect-error the loss curve takes numbers
  lossCurveSVG(["0.5"]);
  // @ts-expect-error an unknown option name
  lossCurveSVG([0.5], { acuracy: [0.9] });
  // @ts-expect-error the confusion matrix is { labels, matrix }
  confusionMatrixSVG([
    [1, 0],
    [0, 1],
  ]);
  // @ts-expect-error a model needs a predict method
  decisionRegionsSVG({ classes: ["a"] }, rows, ["a"]);
  // @ts-expect-error labels are strings or numbers
  decisionRegionsSVG(() => [true], rows, [true]);
}
