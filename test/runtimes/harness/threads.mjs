// The threads probe on 2 threads from the packed package, in Node, Deno or Bun ("node" condition).

import * as wasmax from "wasmax";
import { threadsProbe } from "./threads_probe.js";

console.log(JSON.stringify(await threadsProbe(wasmax, { threads: 2 })));
// Worker threads are unref'd in Node; Deno and Bun may still wait for them.
process.exit(0);
