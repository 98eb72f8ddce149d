// fitInWorker's worker script for "wasmax/fasttext" (browser): worker_browser.ts with the fastText binaries
// (used when the client's compiled module is not passed: threaded builds) and the text model
// registered, so it trains FastTextClassifier too.

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { fastTextBrowserBinaries } from "./fasttext_browser_binaries.js";
import { registerTextModels } from "../models/registry.js";
import { TEXT_MODELS } from "../models/text_models.js";
import { handleFit } from "../worker/host.js";
import { browserThreads } from "./browser_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";
import type { FitRequest } from "../worker/protocol.js";

setBinaryLocator(fastTextBrowserBinaries);
registerTextModels(TEXT_MODELS);
setThreadSupport({ host: browserThreads, load: async () => linkThreads(threadCode) });

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent<FitRequest>) => void): void;
};

scope.addEventListener("message", (event) => void handleFit(event.data, (reply) => scope.postMessage(reply)));
