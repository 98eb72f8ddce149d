/**
 * The library: loading (`init`), the models, the stateless kernels, the data helpers and metrics,
 * and `fitInWorker`. The same exports in every runtime; the package's `exports` map picks the build
 * (Node, browser, workerd).
 * @module wasmax
 */
// Entry point for Node (and Deno/Bun through the "node" condition): the bundled binaries are read
// from the package's wasm/ folder, so init() and initSync() need no argument; fitInWorker starts a
// worker_threads Worker. init() starts worker threads for training (runtime/thread_pool.ts).

import { createRequire } from "node:module";
import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { nodeBinaries } from "./node_binaries.js";
import { setWorkerFactory } from "../worker/client.js";
import type { WorkerReply } from "../worker/protocol.js";
import { nodeThreads } from "./node_threads.js";
import * as threadCode from "./threads.js";

setBinaryLocator(nodeBinaries);
setThreadSupport({ host: nodeThreads, load: async () => threadCode });

// worker_threads is loaded on the first fitInWorker call: importing it up front costs ~5 ms of
// start-up that most users never need.
const require = createRequire(import.meta.url);

setWorkerFactory(() => {
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new Worker(new URL("./worker.node.js", import.meta.url));
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onFailure) {
      worker.on("message", (reply: WorkerReply) => onReply(reply));
      worker.on("error", onFailure);
      worker.on("exit", (code) => onFailure(new Error(`wasmax worker exited with code ${code}`)));
    },
    terminate: () => void worker.terminate(),
  };
});

export * from "../api.js";
