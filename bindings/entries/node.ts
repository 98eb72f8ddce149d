/**
 * The library: loading (`init`), the models, the stateless kernels, the data helpers and metrics,
 * and `fitInWorker`. The same exports in every runtime; the package's `exports` map picks the build
 * (Node, browser, workerd).
 * @module wasmax
 */
// Entry point for Node (and Deno/Bun through the "node" condition): the bundled binaries are read
// from the package's wasm/ folder, so init() and initSync() need no argument; fitInWorker starts a
// worker_threads Worker. init() starts worker threads for training (runtime/thread_pool.ts).

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { nodeBinaries } from "./node_binaries.js";
import { setWorkerFactory } from "../worker/client.js";
import { nodeWorkerChannel } from "./node_worker.js";
import { nodeThreads } from "./node_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";

setBinaryLocator(nodeBinaries);
setThreadSupport({ host: nodeThreads, load: async () => linkThreads(threadCode) });

setWorkerFactory(() => nodeWorkerChannel(new URL("./worker.node.js", import.meta.url)));

export * from "../api.js";
