// "wasmax/worker" in Node: the worker_threads script that fitInWorker starts; it trains on worker
// threads of its own, as many as the calling thread would.

import { parentPort } from "node:worker_threads";
import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { nodeBinaries } from "./node_binaries.js";
import { handleFit } from "../worker/host.js";
import { nodeThreads } from "./node_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";
import type { FitRequest } from "../worker/protocol.js";

setBinaryLocator(nodeBinaries);
setThreadSupport({ host: nodeThreads, load: async () => linkThreads(threadCode) });

const port = parentPort;
if (!port) throw new Error("wasmax/worker runs inside a worker_threads Worker started by fitInWorker");
port.on("message", (request: FitRequest) => void handleFit(request, (reply) => port.postMessage(reply)));
