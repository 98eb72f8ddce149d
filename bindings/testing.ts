// Test and benchmark entry (built to build/testing.js, never shipped): the Node entry plus the
// internals that tests and kernel benchmarks reach into, in one bundle so they share one runtime.

export * from "./node.js";
export { runtime } from "./runtime.js";
export { TrainingSession } from "./training.js";
