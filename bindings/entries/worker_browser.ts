// "wasmax/worker" in browsers: the module Web Worker script that fitInWorker starts.

import { setBinaryLocator } from "../runtime/runtime.js";
import { browserBinaries } from "./browser_binaries.js";
import { handleFit } from "../worker/host.js";
import type { FitRequest } from "../worker/protocol.js";

setBinaryLocator(browserBinaries);

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent<FitRequest>) => void): void;
};

scope.addEventListener("message", (event) => void handleFit(event.data, (reply) => scope.postMessage(reply)));
