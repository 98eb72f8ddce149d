// The few platform types wasmax's declarations mention, declared here so that the .d.ts files
// compile without the DOM lib (a Node-only project: lib ["es2022"] + @types/node) and so that
// init's source parameter is narrow.

/**
 * A compiled WebAssembly.Module. Declared as a weak type (its one member optional): a module typed
 * by the DOM lib or @types/node fits, but numbers, strings, booleans and plain objects do not,
 * as they would with the DOM's empty `WebAssembly.Module` interface.
 */
export interface WasmModule {
  /** "WebAssembly.Module" on a real module. */
  readonly [Symbol.toStringTag]?: "WebAssembly.Module";
}

/** A WebAssembly.Memory, as wasmax uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The bytes of a binary. */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/** What init() needs of a fetch Response. */
export interface ResponseLike {
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** The HTTP status, for the error message. */
  readonly status: number;
  /** The URL, for the error message. */
  readonly url: string;
  /** Its headers: a content-type of application/wasm allows a streaming compile. */
  readonly headers: {
    /** The header's value, or null. */
    get(name: string): string | null;
  };
  /** The body's bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What fitInWorker needs of a Web Worker (or anything with its postMessage, events and terminate). */
export interface WebWorkerLike {
  /** Sends a message to the worker. */
  postMessage(message: unknown): void;
  /** Listens for the worker's replies and failures. */
  addEventListener(
    type: "message" | "error" | "messageerror",
    listener: (event: { data?: unknown; message?: string; preventDefault?(): void }) => void,
  ): void;
  /** Ends the worker. */
  terminate(): void;
}
