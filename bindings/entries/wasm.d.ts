// `.wasm` imports, as the workerd and inline entries use them: workerd (and Cloudflare's bundlers)
// hand the importer a compiled module; the inline build embeds the bytes.

declare module "*.wasm" {
  const binary: WebAssembly.Module | Uint8Array;
  export default binary;
}
