// The module Web Worker script of wasmax's thread pool in browsers (threads/pool.ts starts it and
// posts it the module and the shared memory).

import { serve } from "../threads/serve.js";
import type { ThreadStart } from "../threads/slots.js";

addEventListener("message", (event: MessageEvent<ThreadStart>) => serve(event.data), { once: true });
