// The most threads a fit uses (configure({ threads }), scratch.ts): its own module, which imports
// nothing, because the thread code (entries/threads.ts, a chunk of its own in browsers) reads it
// too, and a module both read lands in a chunk they share; a large shared chunk costs a page that
// never starts threads about 1 kB gzipped (two files compress worse than one).

/** Most threads a fit uses; 0 for all that init() started. */
let fitThreads = 0;

/** configure({ threads })'s current value. */
export function fitThreadSetting(): number {
  return fitThreads;
}

/** Sets configure({ threads }) (checked by configure). */
export function setFitThreads(value: number): void {
  fitThreads = value;
}

/** Most threads a fit may use now (configure({ threads })), at most `started`. */
export function threadLimit(started: number): number {
  return fitThreads === 0 ? started : Math.min(fitThreads, started);
}
