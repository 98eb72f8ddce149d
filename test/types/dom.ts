// Browser projects (lib "dom"): the DOM's own WebAssembly.Module, Response and Worker fit wasmax's
// parameter types.

import { init, fitInWorker } from "wasmax";

export async function dom(rows: number[][], compiled: WebAssembly.Module, response: Response): Promise<void> {
  await init(compiled);
  await init(response);
  await init(fetch("/wasm/simd.wasm"));
  await init({ simd: compiled, scalar: new URL("/wasm/scalar.wasm", location.href) });
  const model = await fitInWorker(
    rows,
    ["a", "b"],
    {},
    {
      worker: () => new Worker(new URL("wasmax/worker", import.meta.url), { type: "module" }),
      module: compiled,
    },
  );
  model.dispose();
}
