// Cloudflare Workers (workerd): bundled the way wrangler bundles, so "wasmax" resolves through the
// "workerd" condition and its .wasm imports arrive as compiled modules.

import * as wasmax from "wasmax";
import { probe } from "./probe.js";

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
    if (pathname === "/compile-bytes") {
      return WebAssembly.compile(EMPTY_MODULE).then(() => new Response("compiled"), (e) => new Response(`refused: ${e.message}`));
    }
    return new Response("not found", { status: 404 });
  },
};
