// The worker_threads script of wasmax's thread pool in Node (threads/pool.ts starts it).

import { workerData } from "node:worker_threads";
import { serve } from "../threads/serve.js";
import type { ThreadStart } from "../threads/slots.js";

serve(workerData as ThreadStart);
