// The worker thread's side of the pool (runtime/thread_pool.ts): instantiates the threaded binary
// on the shared memory, then runs the gradient passes the calling thread posts in its slot
// (runtime/thread_slots.ts) until the pool terminates the worker. It allocates nothing in wasm
// memory: every byte it touches was allocated by the caller.

import { checkExports, type KernelExports } from "../runtime/abi.js";
import { decodePass, runPass } from "./passes.js";
import * as S from "../runtime/thread_slots.js";

/** Runs the worker loop for the worker's lifetime. Throws if the module does not instantiate. */
export function serve(start: S.ThreadStart): void {
  const memory = start.memory as WebAssembly.Memory;
  // The slot lies below the memory's size when the worker starts, so these views stay valid.
  const i32 = new Int32Array(memory.buffer, start.slot, S.SLOT_BYTES / 4);
  const f64 = new Float64Array(memory.buffer, start.slot, S.SLOT_BYTES / 8);
  const text = new Uint8Array(memory.buffer, start.slot + S.MESSAGE, S.MESSAGE_BYTES);
  const report = (error: unknown) => {
    const message = new TextEncoder().encode(String((error as Error)?.message ?? error)).subarray(0, S.MESSAGE_BYTES - 1);
    text.set(message);
    text[message.length] = 0;
  };
  let E: KernelExports;
  try {
    const instance = new WebAssembly.Instance(start.module as WebAssembly.Module, { env: { memory } });
    E = checkExports(instance.exports as Record<string, unknown>);
  } catch (error) {
    report(error);
    Atomics.store(i32, S.READY, -1);
    Atomics.notify(i32, S.READY);
    throw error;
  }
  Atomics.store(i32, S.READY, 1);
  Atomics.notify(i32, S.READY);
  // Jobs count from 1 in a zeroed slot: one posted before this worker started is run at once.
  let last = 0;
  for (;;) {
    last = S.awaitChange(i32, S.SEQ, last, true, Infinity);
    try {
      // A fresh view: the caller may have grown the memory since the last job.
      const pass = decodePass(new Float64Array(memory.buffer, f64[S.PASS_AT]!, f64[S.PASS_LENGTH]!), 0);
      const batch = { x: f64[S.X]!, targets: f64[S.TARGETS]!, weights: f64[S.WEIGHTS]!, rows: f64[S.ROWS]! };
      f64[S.LOSS] = runPass(E, pass, batch, f64[S.GRAD_SCALE]!, f64[S.ACCUMULATE] === 1);
      i32[S.STATUS] = 0;
    } catch (error) {
      report(error);
      i32[S.STATUS] = 1;
    }
    Atomics.store(i32, S.DONE, last);
    Atomics.notify(i32, S.DONE);
  }
}
