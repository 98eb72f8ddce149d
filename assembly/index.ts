// The wasm module's exports (the ABI that bindings/runtime/abi.ts checks). One source, five
// binaries (asconfig.json; index_fasttext.ts adds fastText's kernels for five more): built with
// --enable simd the kernels run their f32x4 versions, built
// without it their scalar twins (same signatures, same contracts); each op file makes that choice
// itself. relaxed adds fused multiply-adds (inline/madd.ts); the -threads twins of relaxed and simd
// are the same code on an imported shared memory, for worker threads.
// Every export takes byte offsets into this module's memory, which the TS bindings own: nothing here
// allocates. Buffers must be 16-byte aligned and followed by 16 bytes of padding (reads may run past
// the last row; writes never do).

export { simd, heapBase } from "./module";
export { softmax, logSoftmax } from "./softmax";
export { softmaxCrossEntropy } from "./cross_entropy";
export { argmax, topk } from "./argmax";
export { linear, linearWeightGrad, biasGrad, linearInputGrad } from "./linear";
export { sgdUpdate, adamUpdate } from "./optim";
export { gatherRows } from "./gather";
export { biasActivation, activationGrad } from "./activation";
export { sigmoid, sigmoidCrossEntropy } from "./sigmoid";
export { gatheredDots, scatterAddRows } from "./sampled";
export { addInto } from "./reduce";
export { sparseLinear, sparseWeightGrad } from "./sparse";
