// The code only worker threads need: the pool (runtime/thread_pool.ts), the threaded objective
// (objectives/threaded.ts) and the pass encoding it posts (objectives/pass_encoding.ts; the passes
// themselves, which one thread runs too, are in the app's code as well). The browser entries import
// it with import() when init() starts threads (runtime.ts, setThreadSupport): dist/threads.js, a
// script of its own that a page which cannot run threads (not cross-origin isolated) never downloads.
// It is built self-contained (its stateless modules copied in, runtime/thread_links.ts says why), so
// it has no side effect: the entry points link it to the app's parts (entries/link_threads.ts). The
// other entries import it statically: a dynamic import that a build bundles in wraps every module it
// reaches in a lazy initialiser (+15 KB raw in dist/worker.js).

export { ThreadedObjective } from "../objectives/threaded.js";
export { linkThreadCode } from "../runtime/thread_links.js";
export { setThreadHost, defaultThreads, hasThreadHost, workersStartWhileBlocked, ThreadPool } from "../runtime/thread_pool.js";
