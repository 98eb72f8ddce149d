// "wasmax/worker" in browsers: the module Web Worker script that fitInWorker starts. On a
// cross-origin-isolated page it trains on worker threads of its own, as the page would.

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { browserBinaries } from "./browser_binaries.js";
import { handleFit } from "../worker/host.js";
import { browserThreads } from "./browser_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";
import type { FitRequest } from "../worker/protocol.js";

setBinaryLocator(browserBinaries);
setThreadSupport({ host: browserThreads, load: async () => linkThreads(threadCode) });

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent<FitRequest>) => void): void;
};

scope.addEventListener("message", (event) => void handleFit(event.data, (reply) => scope.postMessage(reply)));
