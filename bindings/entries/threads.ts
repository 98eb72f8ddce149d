// The code only worker threads need: the pool (runtime/thread_pool.ts), the threaded objective
// (objectives/threaded.ts) and the pass encoding it posts (objectives/pass_encoding.ts; the passes
// themselves, which one thread runs too, stay outside this chunk). The browser entry imports it with
// import() when init() starts threads (runtime.ts, setThreadSupport), so in dist/browser.js it is a
// chunk of its own that a page which cannot run threads (not cross-origin isolated) never
// downloads. The other entries import it statically: a dynamic import that a build bundles in wraps
// every module it reaches in a lazy initialiser (+15 KB raw in dist/worker.js).

import { ThreadedObjective } from "../objectives/threaded.js";
import { setThreadedObjective } from "../objectives/threaded_class.js";

setThreadedObjective(ThreadedObjective);

export { setThreadHost, defaultThreads, hasThreadHost, workersStartWhileBlocked, ThreadPool } from "../runtime/thread_pool.js";
