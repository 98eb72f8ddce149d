// Entry point of "wasmax/fasttext" for browsers and bundlers: browser.ts with the fastText
// binaries, the text model registered, and fitInWorker's worker script that knows it.

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { fastTextBrowserBinaries } from "./fasttext_browser_binaries.js";
import { setWorkerFactory, webWorkerChannel } from "../worker/client.js";
import { browserThreads } from "./browser_threads.js";
import { linkThreads } from "./link_threads.js";
import { registerTextModels } from "../models/registry.js";
import { TEXT_MODELS } from "../models/text_models.js";

setBinaryLocator(fastTextBrowserBinaries);
setThreadSupport({ host: browserThreads, load: () => import("./threads.js").then(linkThreads) });
registerTextModels(TEXT_MODELS);
setWorkerFactory(() => webWorkerChannel(new Worker(new URL("./worker.fasttext.js", import.meta.url), { type: "module" })));

export * from "../api.js";
export * from "../fasttext_api.js";
