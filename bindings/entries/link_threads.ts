// The app's side of the thread code (threads.ts): every entry point's ThreadSupport.load passes the
// loaded code through linkThreads, which hands it the app's ThreadError and configure({ threads })
// (runtime/thread_links.ts) and gives training the threaded objective (models/train.ts).

import { ThreadError } from "../core/errors.js";
import { threadLimit } from "../runtime/scratch.js";
import { setThreadedObjective } from "../models/train.js";
import type { ThreadCode } from "../runtime/runtime.js";
import type * as Threads from "./threads.js";

/** Links the loaded thread code to this copy of wasmax; returns it for the runtime. */
export function linkThreads(code: typeof Threads): ThreadCode {
  code.linkThreadCode({ ThreadError, threadLimit });
  setThreadedObjective(code.ThreadedObjective);
  return code;
}
