// TF.js (the union package: core, layers, gradients) with two backends in one process: "wasm"
// (XNNPACK, SIMD; one thread in Node, where its threads are switched off) and "cpu" (plain JS).
// Tensors belong to the backend that made them, so each contender makes its own after useBackend.

import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`);
await tf.setBackend("cpu");
await tf.setBackend("wasm");
await tf.ready();

/** Switches the global backend (synchronous once both are initialised, as they are here). */
export function useBackend(name) {
  if (tf.getBackend() === name) return;
  void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new Error(`TF.js did not switch to ${name}`);
}

export { tf };
