/**
 * Everything in "wasmax" plus fastText's text classifier: `FastTextClassifier`, `toFastText`,
 * `quantize`, `FastTextDictionary`, `FastTextError`. Its `init` loads the binaries with the fastText
 * kernels, which the other entries leave out, so apps that do not import this pay nothing for it.
 * Import everything from here (not also from "wasmax") in an app that uses fastText: each entry
 * has its own runtime.
 * @module wasmax/fasttext
 */
// Entry point for Node (and Deno/Bun) of "wasmax/fasttext": node.ts with the fastText binaries, the
// text model registered, and fitInWorker's worker script that knows it.

import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { fastTextNodeBinaries } from "./fasttext_node_binaries.js";
import { setWorkerFactory } from "../worker/client.js";
import { nodeWorkerChannel } from "./node_worker.js";
import { nodeThreads } from "./node_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";
import { registerTextModels } from "../models/registry.js";
import { TEXT_MODELS } from "../models/text_models.js";

setBinaryLocator(fastTextNodeBinaries);
setThreadSupport({ host: nodeThreads, load: async () => linkThreads(threadCode) });
registerTextModels(TEXT_MODELS);

setWorkerFactory(() => nodeWorkerChannel(new URL("./worker.fasttext.node.js", import.meta.url)));

export * from "../api.js";
export * from "../fasttext_api.js";
