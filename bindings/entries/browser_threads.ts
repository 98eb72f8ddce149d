// Worker threads in browsers: module Web Workers running thread.js, only on cross-origin-isolated
// pages (COOP + COEP headers), the only pages where a WebAssembly memory can be shared.
// Bundlers recognise `new URL("...", import.meta.url)` and emit the worker script.

import type { ThreadHost } from "../runtime/thread_pool.js";

export const browserThreads: ThreadHost = {
  startsWhileBlocked: false,
  parallelism() {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    return isolated && typeof Worker === "function" ? (globalThis.navigator?.hardwareConcurrency ?? 1) : 1;
  },
  spawn(start, failed) {
    const worker = new Worker(new URL("./thread.js", import.meta.url), { type: "module" });
    worker.addEventListener("error", (event) =>
      failed(new Error(`wasmax worker thread failed to start: ${event.message || "script error"}`)),
    );
    worker.postMessage(start);
    return { terminate: () => worker.terminate() };
  },
};
