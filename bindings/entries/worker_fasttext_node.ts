// fitInWorker's worker script for "wasmax/fasttext" (node): worker_node.ts with the fastText binaries
// (used when the client's compiled module is not passed: threaded builds) and the text model
// registered, so it trains FastTextClassifier too.

import { parentPort } from "node:worker_threads";
import { setBinaryLocator, setThreadSupport } from "../runtime/runtime.js";
import { fastTextNodeBinaries } from "./fasttext_node_binaries.js";
import { registerTextModels } from "../models/registry.js";
import { TEXT_MODELS } from "../models/text_models.js";
import { handleFit } from "../worker/host.js";
import { nodeThreads } from "./node_threads.js";
import { linkThreads } from "./link_threads.js";
import * as threadCode from "./threads.js";
import type { FitRequest } from "../worker/protocol.js";

setBinaryLocator(fastTextNodeBinaries);
registerTextModels(TEXT_MODELS);
setThreadSupport({ host: nodeThreads, load: async () => linkThreads(threadCode) });

const port = parentPort;
if (!port) throw new Error("wasmax/worker runs inside a worker_threads Worker started by fitInWorker");
port.on("message", (request: FitRequest) => void handleFit(request, (reply) => port.postMessage(reply)));
