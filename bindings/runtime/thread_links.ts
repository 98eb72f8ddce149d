// What the thread code (entries/threads.ts) takes from the app's own copy of wasmax instead of
// importing it. In browsers the thread code is a script of its own (dist/threads.js), built with
// its own copies of the stateless modules it uses, so that it shares no chunk with the app: with a
// shared chunk, a page that never starts threads fetches two files, which gzip worse than one (the
// one-model app's JS, esbuild, 2026-12-07: 25.4 kB in two files, 24.2 kB in one). The stateful
// ones must be the app's: the ThreadError class users catch, and configure({ threads }). The entry
// points link them when init() loads the thread code (entries/link_threads.ts), before any pool exists.

/** The app's parts the thread code uses. */
export interface ThreadLinks {
  /** The error a failed or lost worker thread becomes (core/errors.ts's, as the app exports it). */
  readonly ThreadError: new (message: string) => Error;
  /** Most threads a fit may use now (configure({ threads })), at most `started`. */
  threadLimit(started: number): number;
}

let links: ThreadLinks | undefined;

/** Called by the entry points when they load the thread code. */
export function linkThreadCode(value: ThreadLinks): void {
  links = value;
}

/** The app's parts; the thread code runs only after the entry point linked them. */
export function linked(): ThreadLinks {
  if (!links) throw new Error("wasmax: the thread code was loaded without linking it (entries/link_threads.ts)");
  return links;
}
