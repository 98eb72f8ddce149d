// The threaded objective's class (threaded.ts), once the thread code is loaded: entries/threads.ts
// sets it when init() loads that code to start threads, so that an app on one thread never
// downloads it; models/train.ts reads it. A module of its own, importing nothing at run time,
// because the thread code is a chunk of its own in browsers and a module both it and the app
// read lands in a chunk they share: a large shared chunk costs a page that never starts threads
// about 1 kB gzipped (two files compress worse than one).

import type { ThreadedObjective } from "./threaded.js";

let Threaded: typeof ThreadedObjective | undefined;

/** Called by the thread code when it loads. */
export function setThreadedObjective(value: typeof ThreadedObjective): void {
  Threaded = value;
}

/** The threaded objective's class, or undefined while the thread code is not loaded. */
export function threadedObjective(): typeof ThreadedObjective | undefined {
  return Threaded;
}
