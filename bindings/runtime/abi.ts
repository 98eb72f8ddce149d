// The raw exports of a wasmax wasm binary (assembly/index.ts), and the table they are checked
// against when a binary loads: a foreign or stale binary passed to init() fails with the export it
// lacks or the arity it disagrees on, instead of misbehaving later. Offsets are byte offsets into
// `memory`; see assembly/ for each kernel's contract.

import type { WasmMemory } from "../core/platform.js";

export interface KernelExports {
  readonly memory: WasmMemory;
  simd(): number;
  heapBase(): number;
  softmax(x: number, y: number, rows: number, classes: number): void;
  logSoftmax(x: number, y: number, rows: number, classes: number): void;
  softmaxCrossEntropy(
    logits: number,
    labels: number,
    rows: number,
    classes: number,
    classWeights: number,
    sampleWeights: number,
    smoothing: number,
    gradScale: number,
    lossOut: number,
    gradOut: number,
  ): number;
  argmax(x: number, out: number, rows: number, classes: number): void;
  topk(x: number, values: number, indices: number, rows: number, classes: number, k: number): void;
  linear(x: number, w: number, b: number, y: number, batch: number, features: number, classes: number): void;
  linearWeightGrad(g: number, x: number, dw: number, batch: number, features: number, classes: number, accumulate: boolean): void;
  biasGrad(g: number, db: number, batch: number, classes: number, accumulate: boolean): void;
  sgdUpdate(param: number, grad: number, velocity: number, n: number, lr: number, momentum: number, decay: number): void;
  adamUpdate(
    param: number,
    grad: number,
    m: number,
    v: number,
    n: number,
    stepSize: number,
    beta1: number,
    beta2: number,
    eps: number,
    decay: number,
  ): void;
  gatherRows(src: number, index: number, n: number, rowBytes: number, dst: number): void;
  biasActivation(x: number, b: number, rows: number, cols: number, kind: number): void;
  activationGrad(g: number, y: number, n: number, kind: number): void;
  linearInputGrad(g: number, w: number, dx: number, batch: number, features: number, classes: number): void;
  sigmoid(x: number, y: number, n: number): void;
  gatheredDots(x: number, w: number, b: number, index: number, out: number, batch: number, features: number): void;
  scatterAddRows(g: number, stride: number, x: number, dst: number, index: number, batch: number, features: number): void;
  sigmoidCrossEntropy(
    logits: number,
    targets: number,
    rows: number,
    labels: number,
    posWeight: number,
    sampleWeights: number,
    gradScale: number,
    lossOut: number,
    gradOut: number,
  ): number;
  addInto(dst: number, src: number, n: number): void;
  sparseLinear(
    indptr: number,
    indices: number,
    values: number,
    rows: number,
    w: number,
    strideD: number,
    strideK: number,
    b: number,
    y: number,
    classes: number,
  ): void;
  sparseWeightGrad(indptr: number, cols: number, values: number, rows: number, g: number, grad: number, classes: number): void;
}

/**
 * The fastText kernels (assembly/fasttext_*.ts). They are optional in the ABI: a build may leave them
 * out, and FastTextClassifier asks for them through fastTextKernels, which says what to load instead.
 */
export interface FastTextKernels {
  ftUpdate(ctx: number, thread: number, words: number, nwords: number, labels: number, nlabels: number, lr: number): number;
  ftTrain(ctx: number, thread: number, stop: number): void;
  ftUniformFill(data: number, from: number, to: number, seed: number, a: number): void;
  ftPredict(
    ctx: number,
    scratch: number,
    ids: number,
    offsets: number,
    rows: number,
    k: number,
    threshold: number,
    labels: number,
    scores: number,
    counts: number,
  ): void;
  ftNearestCentroids(points: number, stride: number, n: number, d: number, centroids: number, scratch: number, codes: number): void;
  ftScan(
    dict: number,
    text: number,
    length: number,
    lines: number,
    cursor: number,
    rows: number,
    rowCapacity: number,
    rowStarts: number,
    labels: number,
    labelCapacity: number,
    labelStarts: number,
    tokens: number,
    hashes: number,
  ): number;
}

type KernelName = Exclude<keyof KernelExports, "memory">;

/** Parameter count of every exported function, as the bindings call it. */
const ARITY: Record<KernelName, number> = {
  simd: 0,
  heapBase: 0,
  softmax: 4,
  logSoftmax: 4,
  softmaxCrossEntropy: 10,
  argmax: 4,
  topk: 6,
  linear: 7,
  linearWeightGrad: 7,
  biasGrad: 5,
  sgdUpdate: 7,
  adamUpdate: 10,
  gatherRows: 5,
  biasActivation: 5,
  activationGrad: 4,
  linearInputGrad: 6,
  sigmoid: 3,
  gatheredDots: 7,
  scatterAddRows: 7,
  sigmoidCrossEntropy: 9,
  addInto: 3,
  sparseLinear: 10,
  sparseWeightGrad: 7,
};

/** Parameter count of the fastText kernels, which a binary exports all or none of. */
const FASTTEXT_ARITY: Record<keyof FastTextKernels, number> = {
  ftUpdate: 7,
  ftTrain: 3,
  ftUniformFill: 5,
  ftPredict: 10,
  ftScan: 13,
  ftNearestCentroids: 7,
};

/** The instance's exports as KernelExports, after checking each against the table. */
export function checkExports(exports: Record<string, unknown>): KernelExports {
  if (Object.prototype.toString.call(exports["memory"]) !== "[object WebAssembly.Memory]") {
    throw new TypeError("this binary is not a wasmax build: it exports no memory");
  }
  const fastText = Object.keys(FASTTEXT_ARITY).some((name) => exports[name] !== undefined);
  for (const [name, arity] of Object.entries(fastText ? { ...ARITY, ...FASTTEXT_ARITY } : ARITY)) {
    const fn = exports[name] as ((...args: number[]) => unknown) | undefined;
    if (typeof fn !== "function") throw new TypeError(`this binary is not this version's wasmax build: it lacks export ${name}`);
    if (fn.length !== arity) {
      throw new TypeError(
        `this binary is not this version's wasmax build: export ${name} expects ${fn.length} arguments, this wasmax passes ${arity}`,
      );
    }
  }
  return exports as unknown as KernelExports;
}

/**
 * The exports with the fastText kernels; a TypeError when the loaded binary was built without them
 * (checkExports has checked their arity where they are present).
 */
export function fastTextKernels(exports: KernelExports): KernelExports & FastTextKernels {
  if (typeof (exports as Partial<FastTextKernels>).ftTrain !== "function") {
    throw new TypeError(
      'FastTextClassifier: the loaded wasmax binary has no fastText kernels: call init from "wasmax/fasttext", ' +
        "without a source or with its wasm/fasttext-*.wasm",
    );
  }
  return exports as KernelExports & FastTextKernels;
}
