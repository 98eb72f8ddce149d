// fitInWorker's worker in Node: a worker_threads Worker running `script` (the entry's worker script).

import { createRequire } from "node:module";
import type { WorkerChannel } from "../worker/protocol.js";
import type { WorkerReply } from "../worker/protocol.js";

// worker_threads is loaded on the first fitInWorker call: importing it up front costs ~5 ms of
// start-up that most users never need.
const require = createRequire(import.meta.url);

/** A channel to a new worker_threads Worker running `script`. */
export function nodeWorkerChannel(script: URL): WorkerChannel {
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new Worker(script);
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onFailure) {
      worker.on("message", (reply: WorkerReply) => onReply(reply));
      worker.on("error", onFailure);
      worker.on("exit", (code) => onFailure(new Error(`wasmax worker exited with code ${code}`)));
    },
    terminate: () => void worker.terminate(),
  };
}
