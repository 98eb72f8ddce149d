// The worker_threads script of wasmax's thread pool in Node (runtime/thread_pool.ts starts it).

import { workerData } from "node:worker_threads";
import { serve } from "../objectives/thread_loop.js";
import type { ThreadStart } from "../runtime/thread_slots.js";

serve(workerData as ThreadStart);
