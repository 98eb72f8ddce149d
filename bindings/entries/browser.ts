// Entry point for browsers and bundlers: the binaries are fetched next to this file, so init()
// needs no argument (initSync() needs the bytes or a compiled module passed in); fitInWorker starts
// a module Web Worker.

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { browserBinaries } from "./browser_binaries.js";
import { setWorkerFactory, webWorkerChannel } from "../worker/client.js";
import { browserThreads } from "./browser_threads.js";
import { linkThreads } from "./link_threads.js";

setBinaryLocator(browserBinaries);
setThreadSupport({ host: browserThreads, load: () => import("./threads.js").then(linkThreads) });
setWorkerFactory(() => webWorkerChannel(new Worker(new URL("./worker.js", import.meta.url), { type: "module" })));

export * from "../api.js";
