// Cloudflare Workers (workerd): bundled the way wrangler bundles, so "wasmax" resolves through the
// "workerd" condition and its .wasm imports arrive as compiled modules.

import * as wasmax from "wasmax";
import { probe } from "./probe.js";
import { threadsProbe } from "./threads_probe.js";

const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/probe") return Response.json(await probe(wasmax, await request.json()));
    if (pathname === "/predict") {
      const { model, X } = await request.json();
      await wasmax.init();
      const loaded = wasmax.SoftmaxRegression.fromJSON(model);
      try {
        return Response.json({ predictions: loaded.predict(X), proba: Array.from(loaded.predictProba(X)) });
      } finally {
        loaded.dispose();
      }
    }
    if (pathname === "/threads") {
      // Asked for 4 threads where there are none to start: one, silently, with the same results.
      const result = await threadsProbe(wasmax, { threads: 4 });
      let wait;
      try {
        wait = Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      } catch (error) {
        wait = `throws ${error.name}`;
      }
      return Response.json({ ...result, worker: typeof Worker, cores: navigator.hardwareConcurrency, wait });
    }
    if (pathname === "/compile-bytes") {
      return WebAssembly.compile(EMPTY_MODULE).then(
        () => new Response("compiled"),
        (e) => new Response(`refused: ${e.message}`),
      );
    }
    return new Response("not found", { status: 404 });
  },
};
