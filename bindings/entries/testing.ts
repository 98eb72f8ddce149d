// Test and benchmark entry (built to build/testing.js, never shipped): the Node entry of
// "wasmax/fasttext" (everything in "wasmax", with the fastText binaries) plus the
// internals that tests and kernel benchmarks reach into, in one bundle so they share one runtime.

export * from "./fasttext_node.js";
export { runtime } from "../runtime/runtime.js";
export { checkExports, fastTextKernels } from "../runtime/abi.js";
export { ready } from "../runtime/scratch.js";
export { TrainingData } from "../objectives/training_data.js";
export { DenseChainObjective, chainLayout, forwardChain } from "../objectives/dense_chain.js";
export { SparseMatrix } from "../core/sparse.js";
export { ThreadedObjective } from "../objectives/threaded.js";
export { ThreadPool } from "../runtime/thread_pool.js";
export { encodePass, decodePass } from "../objectives/pass_encoding.js";
export { uniformSampler, logUniformSampler, unigramSampler, drawUnique, logExpectedCount } from "../objectives/samplers.js";
export { softmaxHead, sigmoidHead } from "../objectives/heads.js";
export { readParams, writeParams } from "../objectives/params.js";
export { lbfgs } from "../solvers/lbfgs.js";
export { fitFullBatch, fullObjective, FULL_BATCH_ROWS } from "../solvers/full_batch.js";
export { fitStochastic } from "../solvers/stochastic.js";
export { StepRule } from "../solvers/step_rules.js";
export { toONNX, fromONNX, readONNXMetadata, ONNXError } from "./onnx.js";
export { onnx as onnxProto } from "../onnx/proto.js";
export { main as cliMain } from "../cli/main.js";
export { formatG, progressLine, testReport, writeG } from "../cli/fasttext_format.js";
export { parseFastTextFlags } from "../cli/fasttext_flags.js";
export * as fastTextInternals from "./fasttext_testing.js";
export { fastTextMain } from "../cli/fasttext_commands.js";
export { fastTextLines } from "../cli/fasttext_input.js";
