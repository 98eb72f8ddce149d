// Loading: picks and instantiates one wasm binary, then holds the instance and its heap. What init
// may be given, and how it becomes a compiled module, is sources.ts.
//
// init() caches its work as a promise, so concurrent first callers share one compile; initSync()
// does the same work synchronously. Both are idempotent: once loaded, later calls return the
// backend in use. The builds are tried fastest first: relaxed SIMD (fused multiply-add; only where
// the engine validates a relaxed-SIMD probe, so an engine without it never fetches or compiles that
// binary), then SIMD, then scalar. Each must compile and pass a known-answer check. Where training
// may use threads (init's `threads`), the threaded twin of the relaxed or SIMD build is tried first:
// the same kernels on an imported shared memory, with worker threads started on it (thread_pool.ts).
// The code only threads need (the pool and the threaded objective) is imported when init() starts
// threads, so a page that cannot run them (not cross-origin isolated) never downloads it.
//
// The binaries import nothing but the threaded builds' memory (built with `use abort=`) and need
// none of @assemblyscript/loader's helpers, so they are compiled and instantiated with the
// WebAssembly API directly. The loader was used until it measured as 35 of the 40 ms Node took for
// init(): its `instanceof Response` check makes Node load its fetch implementation. It also
// rejects modules compiled in another realm.

import { checkExports, type KernelExports } from "./abi.js";
import { Heap } from "./heap.js";
import { checkOptions, flag } from "../core/checks.js";
import type { ThreadHost, ThreadPool } from "./thread_pool.js";
import type { WasmBytes, WasmModule } from "../core/platform.js";
import { checkSource, compile, isModule, isPair, syncSource, type WasmSource } from "./sources.js";

export type { WasmSource } from "./sources.js";

/** One binary, or the builds so wasmax can choose. */
export type InitSource =
  | WasmSource
  | {
      /** The relaxed-SIMD build (`wasm/relaxed.wasm`), tried first where the engine has relaxed SIMD. */
      relaxed?: WasmSource;
      /** The SIMD build (`wasm/simd.wasm`). */
      simd?: WasmSource;
      /** The scalar build (`wasm/scalar.wasm`), for engines without SIMD. */
      scalar?: WasmSource;
    };

/** How {@link init} and {@link initSync} choose the build and the threads. */
export interface InitOptions {
  /**
   * false forces the scalar build; true requires SIMD (throws where it is unsupported).
   * @default undefined (SIMD where the engine has it, else scalar)
   */
  simd?: boolean;
  /**
   * The relaxed-SIMD build (fused multiply-add in the matrix products and exp): used by default where the
   * engine has relaxed SIMD; false keeps to the plain SIMD build, true requires it.
   * @default undefined (relaxed where the engine has it)
   */
  relaxed?: boolean;
  /**
   * Threads that train (the calling thread included): default the runtime's parallelism (at most 8)
   * where workers and shared memory are available (Node, Deno, Bun; cross-origin-isolated pages),
   * 1 elsewhere. Where threads cannot start, wasmax runs on one; threads() says how many run.
   * Only init() starts threads: initSync() always loads the one-thread builds. A count of threads, 1 to 64.
   * @default the runtime's parallelism, at most 8
   */
  threads?: number;
}

/** The build in use: relaxed SIMD (SIMD with fused multiply-add), SIMD, or scalar. */
export type Backend = "relaxed-simd" | "simd" | "scalar";

/** Where the entry point finds the bundled binaries when init() is given no source. */
export interface BinaryLocator {
  /** Absent where an entry point does not ship the relaxed build (workerd, inline). */
  relaxed?(): WasmSource;
  simd(): WasmSource;
  scalar(): WasmSource;
  /** The builds that import a shared memory, for threads (absent where threads cannot run). */
  relaxedThreads?(): WasmSource;
  simdThreads?(): WasmSource;
  /** The same, synchronously (bytes or a compiled module), where the runtime allows it. */
  relaxedSync?(): WasmBytes | WasmModule;
  simdSync?(): WasmBytes | WasmModule;
  scalarSync?(): WasmBytes | WasmModule;
}

export interface Runtime {
  /**
   * The compiled binary in use, to hand to fitInWorker's worker so it need not fetch and compile
   * again; null for the threaded builds, which import their memory.
   */
  readonly module: WasmModule | null;
  readonly exports: KernelExports;
  readonly heap: Heap;
  readonly backend: Backend;
  /** The worker threads that share the memory, or null for one thread. */
  readonly pool: ThreadPool | null;
}

/**
 * Worker threads where an entry point can start them: its host, and a dynamic import of the code
 * only threads need (entries/threads.ts), which init() calls when it starts threads.
 */
export interface ThreadSupport {
  host: ThreadHost;
  load(): Promise<ThreadCode>;
}

/** The part of the thread code the runtime calls (runtime/thread_pool.ts). */
export interface ThreadCode {
  setThreadHost(host: ThreadHost): void;
  defaultThreads(): number;
  hasThreadHost(): boolean;
  workersStartWhileBlocked(): boolean;
  ThreadPool: typeof ThreadPool;
}

let current: Runtime | undefined;
let pending: Promise<Runtime> | undefined;
let locator: BinaryLocator | undefined;
let threadSupport: ThreadSupport | undefined;
let threadCode: Promise<ThreadCode> | undefined;

/** A locator for binaries an entry point already holds: imported modules or embedded bytes. */
export function heldBinaries(simd: WasmBytes | WasmModule, scalar: WasmBytes | WasmModule): BinaryLocator {
  return { simd: () => simd, scalar: () => scalar, simdSync: () => simd, scalarSync: () => scalar };
}

/** Set by each entry point (Node, browser, workerd) at import time. */
export function setBinaryLocator(value: BinaryLocator): void {
  locator = value;
}

/** Set by the entry points whose runtime has workers and shared memory, at import time. */
export function setThreadSupport(value: ThreadSupport): void {
  threadSupport = value;
}

/**
 * The thread code, imported once; undefined where threads cannot run here (no host, no shared
 * memory, one thread asked for or available), so it is not even fetched. A bundle that left it out
 * trains on one thread, as when a worker cannot start.
 */
async function loadThreadCode(options: InitOptions): Promise<ThreadCode | undefined> {
  const support = threadSupport;
  if (!support || typeof SharedArrayBuffer !== "function" || (options.threads ?? support.host.parallelism()) < 2) return undefined;
  threadCode ??= support.load().then((code) => {
    code.setThreadHost(support.host);
    return code;
  });
  try {
    return await threadCode;
  } catch (error) {
    console.warn(
      `wasmax: the thread code did not load (${error instanceof Error ? error.message : String(error)}); training runs on one thread`,
    );
    return undefined;
  }
}

/** The loaded runtime; throws a clear error before init. */
export function runtime(): Runtime {
  if (current === undefined) {
    throw new Error("wasmax is not initialised: call `await init()` (or `initSync()`) once before using it");
  }
  return current;
}

/**
 * Loads wasmax: compiles the fastest build this engine runs (relaxed SIMD, SIMD or scalar) and, where
 * threads can run, starts the worker threads. Call it once before anything else; later calls resolve
 * to the backend already in use. Without a source, the entry point finds its bundled binaries.
 *
 * @param source A compiled `WebAssembly.Module`, bytes, a URL, a `Response`, or `{ relaxed, simd, scalar }`.
 * @returns The build in use.
 * @throws TypeError for a source of the wrong kind; Error when no build compiles (with a CSP hint where that is why).
 * @example
 * ```ts
 * import { init, backend } from "wasmax";
 * await init();          // or init({ simd: simdUrl, scalar: scalarUrl }) where a bundler gives URLs
 * console.log(backend()); // "relaxed-simd", "simd" or "scalar"
 * ```
 */
export function init(source?: InitSource, options?: InitOptions): Promise<Backend> {
  let checked: InitOptions;
  try {
    checked = checkInitOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (current) return Promise.resolve(current.backend);
  pending ??= load(source, checked).then(
    (loaded) => (current ??= loaded),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending.then((loaded) => loaded.backend);
}

/**
 * Loads wasmax synchronously, where the engine may compile synchronously (Node; browsers up to 8 MB of
 * module, which wasmax's binaries are far below). The source must be bytes or a compiled module. It never
 * starts threads: the one-thread builds are loaded.
 * @returns The build in use.
 */
export function initSync(source?: InitSource, options?: InitOptions): Backend {
  const checked = checkInitOptions(options);
  if (current) return current.backend;
  current = loadSync(source, checked);
  return current.backend;
}

/** The loaded runtime, or undefined before init (for callers that can do without it). */
export function loadedRuntime(): Runtime | undefined {
  return current;
}

/** 'relaxed-simd', 'simd' or 'scalar'; throws before init. */
export function backend(): Backend {
  return runtime().backend;
}

/**
 * Threads that train, the calling thread included: what init() started, or 1 where no worker
 * threads run (or after a worker failed); throws before init.
 */
export function threads(): number {
  return runtime().pool?.threads ?? 1;
}

function checkInitOptions(options: InitOptions | undefined): InitOptions {
  const checked = checkOptions("init options", options, ["simd", "relaxed", "threads"]);
  if (checked.simd !== undefined) flag("simd", checked.simd);
  if (checked.threads !== undefined) {
    const n = checked.threads as unknown;
    if (typeof n !== "number" || !Number.isInteger(n)) throw new TypeError(`init options: threads must be an integer, got ${String(n)}`);
    if (n < 1 || n > MAX_THREADS) throw new RangeError(`init options: threads must be in [1, ${MAX_THREADS}], got ${n}`);
  }
  if (checked.relaxed !== undefined) flag("relaxed", checked.relaxed);
  if (checked.simd === false && checked.relaxed === true)
    throw new RangeError("init options: { simd: false } and { relaxed: true } contradict each other");
  return checked;
}

/** More threads than this would each get too few rows of any batch to pay for their wake-up. */
const MAX_THREADS = 64;

interface Candidates<T> {
  relaxed?: T | undefined;
  simd?: T | undefined;
  scalar?: T | undefined;
}

/** The sources to try, fastest build first, as the options allow. */
function tiers<T>(c: Candidates<T>, options: InitOptions): T[] {
  const list: [T | undefined, boolean][] = [
    [c.relaxed, options.simd !== false && options.relaxed !== false && (options.relaxed === true || hasRelaxedSimd())],
    [c.simd, options.simd !== false && options.relaxed !== true],
    [c.scalar, options.simd !== true && options.relaxed !== true],
  ];
  return list.filter(([source, allowed]) => allowed && source !== undefined).map(([source]) => source!);
}

/**
 * f32x4.relaxed_madd in a one-function module: engines without relaxed SIMD (Node 20, older
 * browsers) reject it, so they never fetch or compile the relaxed build.
 */
const RELAXED_PROBE = "AGFzbQEAAAABBQFgAAF7AwIBAAocARoAQwAAAAD9E0MAAAAA/RNDAAAAAP0T/YUCCw==";
let relaxedSupport: boolean | undefined;

function hasRelaxedSimd(): boolean {
  relaxedSupport ??=
    typeof WebAssembly.validate === "function" && WebAssembly.validate(Uint8Array.from(atob(RELAXED_PROBE), (c) => c.charCodeAt(0)));
  return relaxedSupport;
}

/** Which binaries to try: the pair given, the bundled ones, or a single source in the slot asked for. */
function candidates<T>(source: T | Candidates<T> | undefined, options: InitOptions, bundled: () => Candidates<T>): Candidates<T> {
  if (source === undefined) return bundled();
  if (isPair(source)) {
    const pair = checkOptions("init({ relaxed, simd, scalar })", source as Candidates<T>, ["relaxed", "simd", "scalar"]);
    for (const build of ["relaxed", "simd", "scalar"] as const)
      if (pair[build] !== undefined) checkSource(`init({ ${build} })`, pair[build]);
    return pair;
  }
  checkSource("init(source)", source);
  return options.simd === false ? { scalar: source as T } : options.relaxed === true ? { relaxed: source as T } : { simd: source as T };
}

/** What the binaries are instantiated with: they import nothing. */
const NO_IMPORTS: WebAssembly.Imports = {};

function needLocator(): BinaryLocator {
  if (!locator) throw new Error("wasmax: no bundled binary for this runtime; pass the .wasm to init(source)");
  return locator;
}

async function load(source: InitSource | undefined, options: InitOptions): Promise<Runtime> {
  const code = source === undefined ? await loadThreadCode(options) : undefined;
  const wanted = options.threads ?? code?.defaultThreads() ?? 1;
  if (code && wanted > 1 && code.hasThreadHost()) {
    const threaded = await loadThreaded(code, options, wanted);
    if (threaded) return threaded;
  }
  const builds = candidates<WasmSource | Lazy<WasmSource>>(source, options, () => {
    const l = needLocator();
    return { ...(l.relaxed ? { relaxed: () => l.relaxed!() } : {}), simd: () => l.simd(), scalar: () => l.scalar() };
  });
  const errors: unknown[] = [];
  for (const build of tiers(builds, options)) {
    try {
      const loaded = await instantiateAsync(resolve(build));
      if (accept(loaded, options, errors)) return loaded;
    } catch (error) {
      errors.push(error);
    }
  }
  throw loadError(errors, options);
}

function loadSync(source: InitSource | undefined, options: InitOptions): Runtime {
  const builds = candidates<WasmSource | Lazy<WasmBytes | WasmModule>>(source, options, () => {
    const l = needLocator();
    if (!l.simdSync || !l.scalarSync) {
      throw new Error("wasmax: initSync() needs the .wasm bytes or a compiled module here; use `await init()` or pass one");
    }
    return { ...(l.relaxedSync ? { relaxed: l.relaxedSync.bind(l) } : {}), simd: l.simdSync.bind(l), scalar: l.scalarSync.bind(l) };
  });
  const errors: unknown[] = [];
  for (const build of tiers(builds, options)) {
    try {
      const loaded = instantiateNow(resolveSync(build));
      if (accept(loaded, options, errors)) return loaded;
    } catch (error) {
      errors.push(error);
    }
  }
  throw loadError(errors, options);
}

/** A source, or a function that yields one when it is needed (so an unused build is never read). */
type Lazy<T> = () => T;

function resolve(source: WasmSource | Lazy<WasmSource>): WasmSource {
  return typeof source === "function" ? source() : source;
}

function resolveSync(source: WasmSource | Lazy<WasmBytes | WasmModule>): WasmBytes | WasmModule {
  return syncSource(typeof source === "function" ? source() : source);
}

async function instantiateAsync(source: WasmSource): Promise<Runtime> {
  const module = (await compile(source)) as WebAssembly.Module;
  return wrap(module, await WebAssembly.instantiate(module, NO_IMPORTS));
}

function instantiateNow(source: WasmBytes | WasmModule): Runtime {
  const module = (isModule(source) ? source : new WebAssembly.Module(source as BufferSource)) as WebAssembly.Module;
  return wrap(module, new WebAssembly.Instance(module, NO_IMPORTS));
}

/**
 * The threaded build (relaxed or plain SIMD) on a new shared memory, with `wanted − 1` worker
 * threads spawned on it; undefined if a step fails (no such build, no shared memory, in browsers a
 * worker that does not start), and the caller loads a one-thread build instead.
 */
async function loadThreaded(code: ThreadCode, options: InitOptions, wanted: number): Promise<Runtime | undefined> {
  const l = locator;
  if (!l?.simdThreads) return undefined;
  const builds = { ...(l.relaxedThreads ? { relaxed: () => l.relaxedThreads!() } : {}), simd: () => l.simdThreads!() };
  for (const build of tiers<Lazy<WasmSource>>(builds, options)) {
    try {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_PAGES, shared: true });
      const module = (await compile(build())) as WebAssembly.Module;
      const loaded = wrap(module, await WebAssembly.instantiate(module, { env: { memory } }));
      if (!accept(loaded, options, [])) continue;
      const pool = new code.ThreadPool(module, loaded.heap, wanted - 1);
      // Node's workers start in the background (init stays fast) and the first threaded fit waits
      // for them; a page's cannot start while a fit blocks its thread, so init waits here.
      if (!code.workersStartWhileBlocked()) await pool.started();
      return { ...loaded, module: null, pool };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The shared memory's maximum: 4 GiB, all of wasm32 (engines reserve it as address space only). */
const SHARED_PAGES = 65536;

function wrap(module: WebAssembly.Module, instance: WebAssembly.Instance): Runtime {
  const exports = checkExports(instance.exports as Record<string, unknown>);
  return {
    module,
    exports,
    heap: new Heap(exports.memory, exports.heapBase()),
    backend: (["scalar", "simd", "relaxed-simd"] as const)[exports.simd()] ?? "scalar",
    pool: null,
  };
}

/** Known answer: softmax of [0, ln 2, ln 4, ln 8, −∞] is [1, 2, 4, 8, 0] / 15. */
function passesKnownAnswer(loaded: Runtime): boolean {
  const { heap, exports } = loaded;
  const ptr = heap.alloc(5 * 4);
  try {
    heap.f32.set([0, Math.LN2, 2 * Math.LN2, 3 * Math.LN2, -Infinity], ptr >>> 2);
    exports.softmax(ptr, ptr, 1, 5);
    const got = heap.f32.subarray(ptr >>> 2, (ptr >>> 2) + 5);
    return [1, 2, 4, 8, 0].every((n, i) => Math.abs(got[i]! - n / 15) <= 1e-6);
  } finally {
    heap.release(ptr);
  }
}

function accept(loaded: Runtime, options: InitOptions, errors: unknown[]): boolean {
  const refuse = (why: string) => {
    errors.push(new Error(why));
    return false;
  };
  if (options.simd === false && loaded.backend !== "scalar") return refuse("the binary given uses SIMD but { simd: false } was asked for");
  if (options.relaxed === false && loaded.backend === "relaxed-simd")
    return refuse("the binary given uses relaxed SIMD but { relaxed: false } was asked for");
  if (options.relaxed === true && loaded.backend !== "relaxed-simd")
    return refuse(`the binary given is the ${loaded.backend} build but { relaxed: true } was asked for`);
  if (!passesKnownAnswer(loaded)) {
    errors.push(new Error(`the ${loaded.backend} binary failed its known-answer check`));
    return false;
  }
  return true;
}

function loadError(errors: unknown[], options: InitOptions): Error {
  const reasons = errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ");
  const wanted =
    options.relaxed === true
      ? "the relaxed-SIMD binary"
      : options.simd === true
        ? "the SIMD binary"
        : options.simd === false
          ? "the scalar binary"
          : "a wasmax binary";
  const hint = /Content Security Policy|code generation disallowed/i.test(reasons)
    ? " (this page or runtime forbids compiling wasm from bytes: allow " +
      "'wasm-unsafe-eval' in script-src, or pass init() a compiled WebAssembly.Module)"
    : "";
  return new Error(`wasmax: could not load ${wanted}${reasons ? `: ${reasons}` : ""}${hint}`, { cause: errors[0] });
}
