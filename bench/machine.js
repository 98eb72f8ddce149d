// What a benchmark result is stamped with: when, where and on what it ran; `wasmaxThreads` is the
// thread count wasmax trained on in that run (wasmax.threads()), for benches that train.

import os from "node:os";

export function machine(wasmaxThreads) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    runtime: `Node ${process.version}`,
    v8: process.versions.v8,
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.arch()}`,
    ...(wasmaxThreads === undefined ? {} : { wasmaxThreads }),
  };
}

/**
 * Initialises `wasmax` (a build exposing runtime()) and waits for its worker threads: the milliseconds
 * init() took, those until the workers were up (init() returns before Node's workers are), and the
 * threads started.
 */
export async function startThreads(wasmax) {
  let t = performance.now();
  await wasmax.init();
  const initMs = performance.now() - t;
  t = performance.now();
  wasmax.runtime().pool?.ready();
  return { initMs, workersReadyMs: performance.now() - t, started: wasmax.threads() };
}
