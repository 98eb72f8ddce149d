// The module Web Worker script of wasmax's thread pool in browsers (runtime/thread_pool.ts starts it and
// posts it the module and the shared memory).

import { serve } from "../objectives/thread_loop.js";
import type { ThreadStart } from "../runtime/thread_slots.js";

addEventListener("message", (event: MessageEvent<ThreadStart>) => serve(event.data), { once: true });
