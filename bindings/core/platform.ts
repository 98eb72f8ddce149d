// The few platform types wasmax's declarations mention, declared here so that the .d.ts files
// compile without the DOM lib (a Node-only project: lib ["es2022"] + @types/node) and so that
// init's source parameter is narrow.

/**
 * A compiled WebAssembly.Module. Declared as a weak type (its one member optional): a module typed
 * by the DOM lib or @types/node fits, but numbers, strings, booleans and plain objects do not,
 * as they would with the DOM's empty `WebAssembly.Module` interface.
 */
export interface WasmModule {
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
  readonly ok: boolean;
  readonly status: number;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What fitInWorker needs of a Web Worker (or anything with its postMessage, events and terminate). */
export interface WebWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(
    type: "message" | "error" | "messageerror",
    listener: (event: { data?: unknown; message?: string; preventDefault?(): void }) => void,
  ): void;
  terminate(): void;
}
