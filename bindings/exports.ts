// The raw exports of a wasmax wasm binary (assembly/index.ts). Offsets are byte offsets into
// `memory`; see assembly/ for each kernel's contract.

export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  simd(): number;
  heapBase(): number;
  softmax(x: number, y: number, rows: number, classes: number): void;
  logSoftmax(x: number, y: number, rows: number, classes: number): void;
  softmaxCrossEntropy(
    logits: number, labels: number, rows: number, classes: number,
    classWeights: number, sampleWeights: number, smoothing: number, gradScale: number,
    lossOut: number, gradOut: number,
  ): number;
  argmax(x: number, out: number, rows: number, classes: number): void;
  topk(x: number, values: number, indices: number, rows: number, classes: number, k: number): void;
  linear(x: number, w: number, b: number, y: number, batch: number, features: number, classes: number): void;
  linearWeightGrad(g: number, x: number, dw: number, batch: number, features: number, classes: number, accumulate: boolean): void;
  biasGrad(g: number, db: number, batch: number, classes: number, accumulate: boolean): void;
  sgdUpdate(param: number, grad: number, velocity: number, n: number, lr: number, momentum: number, decay: number): void;
  adamUpdate(
    param: number, grad: number, m: number, v: number, n: number,
    stepSize: number, beta1: number, beta2: number, eps: number, decay: number,
  ): void;
  gatherRows(src: number, index: number, n: number, rowBytes: number, dst: number): void;
}
