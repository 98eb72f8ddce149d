// TF.js with its wasm backend (XNNPACK, SIMD), ready to use. In Node it runs on one thread.
// The union package is used because @tensorflow/tfjs-core alone registers no gradients.

import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`);
await tf.setBackend("wasm");
await tf.ready();

export { tf };
