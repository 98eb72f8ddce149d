// What a wasm binary can be handed to init() as, and how each becomes a compiled module: checked
// by kind (duck-typed where a realm check would fail or load more than it needs), fetched and
// compiled (streaming where the response allows it).

import type { ResponseLike, WasmBytes, WasmModule } from "../core/platform.js";

/**
 * What a wasm binary can be given as: a compiled module, its bytes, a URL (or URL string, fetched:
 * relative strings resolve against the page), or a fetch Response (or a promise of one).
 */
export type WasmSource = WasmModule | WasmBytes | URL | string | ResponseLike | PromiseLike<ResponseLike>;

/** A TypeError that says what was given and what is accepted, for anything init cannot load. */
export function checkSource(where: string, source: unknown): void {
  const ok =
    isModule(source) ||
    isBytes(source) ||
    (source as unknown as object) instanceof URL ||
    typeof source === "string" ||
    isResponse(source) ||
    typeof (source as PromiseLike<unknown> | null)?.then === "function";
  if (ok) return;
  const given =
    source === null
      ? "null"
      : typeof source === "object"
        ? `an object with keys [${Object.keys(source as object).join(", ")}]`
        : `${typeof source} ${String(source)}`;
  throw new TypeError(
    `wasmax: ${where} got ${given}; expected a compiled WebAssembly.Module, the bytes (ArrayBuffer or typed array), ` +
      "a URL or URL string, a Response or a promise of one, or { relaxed, simd, scalar } holding one of those each",
  );
}

/** Duck-typed so that merely checking does not make Node load its fetch implementation. */
export function isResponse(value: unknown): value is ResponseLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ResponseLike).arrayBuffer === "function" &&
    typeof (value as ResponseLike).headers === "object" &&
    typeof (value as ResponseLike).ok === "boolean"
  );
}

/**
 * A compiled module from any realm: edge sandboxes (Vercel's, edge-runtime) hand in modules
 * compiled outside their own realm, where `instanceof WebAssembly.Module` is false.
 */
export function isModule(value: unknown): value is WasmModule {
  return Object.prototype.toString.call(value) === "[object WebAssembly.Module]";
}

export function isBytes(value: unknown): value is WasmBytes {
  return (value as object) instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

export function isPair(source: unknown): boolean {
  return (
    typeof source === "object" &&
    source !== null &&
    !(source instanceof ArrayBuffer) &&
    !(source instanceof URL) &&
    !ArrayBuffer.isView(source) &&
    !isModule(source) &&
    !isResponse(source) &&
    typeof (source as PromiseLike<unknown>).then !== "function" &&
    ("simd" in source || "scalar" in source || "relaxed" in source)
  );
}

/** Bytes or a compiled module as initSync takes them; anything else is a TypeError. */
export function syncSource(value: unknown): WasmBytes | WasmModule {
  if (isModule(value)) return value as WasmModule;
  if (isBytes(value)) return value;
  throw new TypeError("wasmax: initSync(source) takes bytes or a WebAssembly.Module; for a URL, URL string or Response use init()");
}

/**
 * Any WasmSource to a compiled module (streaming where the response allows it). Typed with the
 * platform types, as everything exported here: the declarations must compile without the DOM lib.
 */
export async function compile(source: WasmSource): Promise<WasmModule> {
  const input = source instanceof URL || typeof source === "string" ? fetchBinary(source) : source;
  const settled = await input;
  let ready: WebAssembly.Module | BufferSource;
  if (isResponse(settled)) {
    if (!settled.ok) throw new Error(`wasmax: fetching the wasm binary failed: ${settled.status} ${settled.url}`);
    // Streaming compile needs the right MIME type; any other server still works through bytes.
    const streaming = settled.headers.get("content-type")?.startsWith("application/wasm") ?? false;
    ready = streaming ? await WebAssembly.compileStreaming(settled as unknown as Response) : await settled.arrayBuffer();
  } else {
    ready = settled as WebAssembly.Module | BufferSource;
  }
  return isModule(ready) ? ready : await WebAssembly.compile(ready as BufferSource);
}

/** fetch() of a URL or URL string, with the URL in the error when the request itself fails. */
async function fetchBinary(url: URL | string): Promise<ResponseLike> {
  try {
    return await fetch(url);
  } catch (cause) {
    throw new Error(`wasmax: fetching the wasm binary from ${String(url)} failed (${(cause as Error).message})`, { cause });
  }
}
