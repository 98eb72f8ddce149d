// Runs a worker in a real workerd on 127.0.0.1: bundles it as wrangler does (esbuild, "workerd"
// condition, .wasm kept as separate compiled-wasm modules), writes a config, starts workerd.

import { build } from "esbuild";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { copyFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const WORKERD = fileURLToPath(new URL("./node_modules/.bin/workerd", import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Like wrangler: each imported .wasm is copied beside the bundle and stays a separate module. */
function wasmModules(dir) {
  return {
    name: "wasm-modules",
    setup(build) {
      build.onResolve({ filter: /\.wasm$/ }, ({ path, resolveDir }) => {
        const name = basename(path);
        copyFileSync(join(resolveDir, path), join(dir, name));
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/** Bundles `entry` (inside `dir`) and serves it; resolves to { url, close, log() }. */
export async function startWorkerd(dir, entry) {
  const result = await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
    conditions: ["workerd", "worker", "browser"],
    plugins: [wasmModules(dir)],
    absWorkingDir: dir,
    outfile: join(dir, "worker.bundle.js"),
  });
  writeFileSync(join(dir, "worker.bundle.js"), result.outputFiles[0].text);
  const wasm = [...result.outputFiles[0].text.matchAll(/from\s*"([^"]+\.wasm)"/g)].map((m) => m[1]);
  const port = await freePort();
  const modules = [
    `(name = "worker.bundle.js", esModule = embed "worker.bundle.js")`,
    ...wasm.map((path) => `(name = ${JSON.stringify(path.replace(/^\.\//, ""))}, wasm = embed ${JSON.stringify(path)})`),
  ];
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [${modules.join(", ")}],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const child = spawn(WORKERD, ["serve", "config.capnp"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(`${url}/ready`);
      break;
    } catch {
      if (tries > 100) throw new Error(`workerd did not answer on ${url}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    log: () => output,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill();
      }),
  };
}
