// Worker threads in Node (and Bun and Deno through the "node" condition): worker_threads Workers
// running thread.node.js, unref'd so that they never keep a process alive.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { ThreadHost } from "../runtime/thread_pool.js";

const require = createRequire(import.meta.url);
let warned = false;

export const nodeThreads: ThreadHost = {
  startsWhileBlocked: true,
  parallelism() {
    const os = require("node:os") as typeof import("node:os");
    return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  },
  spawn(start, failed) {
    const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
    // The process's V8 flags carry over (wasm features, --no-enable-sse4-1); --input-type, which
    // only applies to -e and stdin, would make the worker fail to start.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--input-type"));
    const script = new URL("./thread.node.js", import.meta.url);
    // A missing script would only show as a worker that never starts: say so now, and init()
    // loads the one-thread build instead.
    if (script.protocol === "file:" && !existsSync(script)) {
      const message =
        `wasmax: the worker thread script ${script.pathname} is missing ` + `(a bundle that left it out?); training runs on one thread`;
      if (!warned) console.warn(message);
      warned = true;
      throw new Error(message);
    }
    const worker = new Worker(script, { workerData: start, execArgv });
    worker.unref();
    worker.on("error", failed);
    worker.on("exit", (code) => failed(new Error(`wasmax worker thread exited with code ${code}`)));
    return { terminate: () => void worker.terminate() };
  },
};
