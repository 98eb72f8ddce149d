// Loading is process-wide state, so each case runs in a fresh Node process.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";

const entry = new URL("../../dist/node.js", import.meta.url).href;
const simdPath = fileURLToPath(new URL("../../wasm/simd.wasm", import.meta.url));
const scalarPath = fileURLToPath(new URL("../../wasm/scalar.wasm", import.meta.url));

/** Runs an ES module body with `w` = wasmax in a new process; returns what it printed as JSON. */
function child(body, flags = []) {
  const code =
    `import * as w from ${JSON.stringify(entry)};\nimport { readFileSync } from "node:fs";\n` +
    `const simdBytes = readFileSync(${JSON.stringify(simdPath)});\nconst scalarBytes = readFileSync(${JSON.stringify(scalarPath)});\n` +
    `const out = await (async () => { ${body} })();\nconsole.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", code], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`child failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

const Load = suite("loading");

/** What this engine should load by default: the relaxed-SIMD build where it validates relaxed SIMD (Node 22), else SIMD (Node 20). */
const RELAXED_PROBE = Buffer.from("AGFzbQEAAAABBQFgAAF7AwIBAAocARoAQwAAAAD9E0MAAAAA/RNDAAAAAP0T/YUCCw==", "base64");
const FASTEST = WebAssembly.validate(RELAXED_PROBE) ? "relaxed-simd" : "simd";

Load("init() with no source picks the fastest build the engine has; { relaxed }, { simd } choose", () => {
  assert.equal(child(`return [await w.init(), w.backend()];`), [FASTEST, FASTEST]);
  assert.equal(child(`return [w.initSync(), w.backend()];`), [FASTEST, FASTEST]);
  assert.equal(child(`return [await w.init(undefined, { relaxed: false }), w.backend()];`), ["simd", "simd"]);
  assert.equal(child(`return [await w.init(undefined, { simd: false }), w.backend()];`), ["scalar", "scalar"]);
  const forced = child(`try { return await w.init(undefined, { relaxed: true }); } catch (e) { return e.message; }`);
  if (FASTEST === "relaxed-simd") assert.is(forced, "relaxed-simd");
  else assert.match(forced, /could not load the relaxed-SIMD binary/);
  assert.match(child(`try { await w.init(undefined, { simd: false, relaxed: true }); } catch (e) { return e.message; }`), /contradict/);
});

Load("an engine without relaxed SIMD never reads the relaxed binary; with it, the relaxed binary alone is compiled", () => {
  // With more than one core init() loads the threaded twin of the build (its own file), else the build.
  const sizeOf = (threads) => {
    const name = `${FASTEST === "relaxed-simd" ? "relaxed" : "simd"}${threads > 1 ? "-threads" : ""}.wasm`;
    return readFileSync(fileURLToPath(new URL(`../../wasm/${name}`, import.meta.url))).length;
  };
  for (const options of ["", "{ threads: 1 }", "{ threads: 2 }"]) {
    const out = child(`
      const sizes = [];
      const compile = WebAssembly.compile;
      WebAssembly.compile = (bytes, ...rest) => (sizes.push(bytes.byteLength), compile(bytes, ...rest));
      return { backend: await w.init(undefined, ${options || "undefined"}), sizes, threads: w.threads() };
    `);
    const threads = options ? Number(/\d/.exec(options)[0]) : Math.min(8, availableParallelism());
    assert.equal(out, { backend: FASTEST, sizes: [sizeOf(threads)], threads }, options || "default");
  }
});

Load("concurrent init() calls share one compile, and init is idempotent", () => {
  const out = child(`
    let compiles = 0;
    const compile = WebAssembly.compile;
    WebAssembly.compile = (bytes, ...rest) => (compiles += 1, compile(bytes, ...rest));
    const all = await Promise.all([w.init(), w.init(), w.init()]);
    const again = await w.init();
    return { all, again, sync: w.initSync(), compiles };
  `);
  assert.equal(out, { all: [FASTEST, FASTEST, FASTEST], again: FASTEST, sync: FASTEST, compiles: 1 });
});

Load("sources: bytes, ArrayBuffer, a compiled Module, a Response, a Promise<Response>, a { simd, scalar } pair", () => {
  const p = "return [w.backend(), Array.from(w.softmax([[0, Math.log(3)]]))];";
  const ok = ["scalar", [0.25, 0.75]];
  const near = (got) => got[0] === ok[0] && got[1].every((v, i) => Math.abs(v - ok[1][i]) < 1e-7);
  assert.ok(near(child(`await w.init(scalarBytes); ${p}`)), "Uint8Array");
  assert.ok(
    near(child(`await w.init(scalarBytes.buffer.slice(scalarBytes.byteOffset, scalarBytes.byteOffset + scalarBytes.length)); ${p}`)),
    "ArrayBuffer",
  );
  assert.ok(near(child(`await w.init(new WebAssembly.Module(scalarBytes)); ${p}`)), "Module");
  assert.ok(near(child(`w.initSync(new WebAssembly.Module(scalarBytes)); ${p}`)), "initSync(Module)");
  assert.ok(near(child(`await w.init(new Response(scalarBytes, { headers: { "content-type": "application/wasm" } })); ${p}`)), "Response");
  assert.ok(near(child(`await w.init(Promise.resolve(new Response(scalarBytes))); ${p}`)), "Promise<Response> without the wasm MIME type");
  assert.ok(
    near(child(`await w.init({ simd: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]), scalar: scalarBytes }); ${p}`)),
    "pair whose SIMD binary is corrupt",
  );
});

Load("a URL is fetched (served on 127.0.0.1)", async () => {
  const bytes = readFileSync(simdPath);
  const server = createServer((req, res) => {
    if (req.url === "/simd.wasm") {
      res.writeHead(200, { "content-type": "application/wasm" });
      res.end(bytes);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const asUrl = (path) => `await w.init(new URL(${JSON.stringify(base + path)})); return w.backend();`;
    const asStrings = (path) =>
      `await w.init({ simd: ${JSON.stringify(base + path)}, scalar: ${JSON.stringify(base + "/missing.wasm")} }); return w.backend();`;
    let body = asUrl;
    const run = (path) =>
      new Promise((resolve, reject) => {
        // The server lives in this process, so the child must not block it: run it asynchronously.
        import("node:child_process").then(({ execFile }) => {
          const code =
            `import * as w from ${JSON.stringify(entry)};\n` +
            `try { console.log(JSON.stringify(await (async () => { ${body(path)} })())); } ` +
            "catch (e) { console.log(JSON.stringify({ error: e.message })); }";
          execFile(process.execPath, ["--input-type=module", "-e", code], (error, stdout) =>
            error ? reject(error) : resolve(JSON.parse(stdout)),
          );
        });
      });
    assert.is(await run("/simd.wasm"), "simd");
    const missing = await run("/missing.wasm");
    assert.match(missing.error, /fetching the wasm binary failed: 404/);
    body = asStrings; // URL strings, as bundlers' `?url` imports give them
    assert.is(await run("/simd.wasm"), "simd");
  } finally {
    server.close();
  }
});

Load("without SSE4.1 the SIMD binary cannot compile: init() falls back, a lone SIMD source is a clear error", () => {
  const flags = ["--no-enable-sse4-1"];
  assert.equal(child(`return await w.init();`, flags), "scalar");
  assert.equal(child(`return w.initSync();`, flags), "scalar");
  const lone = child(`try { await w.init(simdBytes); return "loaded"; } catch (e) { return e.message; }`, flags);
  assert.match(lone, /could not load a wasmax binary/);
  const forced = child(`try { await w.init(undefined, { simd: true }); return "loaded"; } catch (e) { return e.message; }`, flags);
  assert.match(forced, /could not load the SIMD binary/);
});

Load("before init, calls fail with an error that says what to do", () => {
  const message = child(`try { w.softmax([[1, 2]]); return "ran"; } catch (e) { return e.message; }`);
  assert.match(message, /not initialised/);
  assert.match(message, /await init\(\)/);
});

Load("{ simd: false } with a SIMD binary is refused; initSync refuses URLs", () => {
  assert.match(
    child(`try { await w.init(simdBytes, { simd: false }); } catch (e) { return e.message; }`),
    /uses SIMD but \{ simd: false \}/,
  );
  assert.match(
    child(`try { w.initSync(new URL("http://127.0.0.1:9/x.wasm")); } catch (e) { return e.message; }`),
    /initSync\(source\) takes bytes/,
  );
});

Load("a foreign or stale binary is refused with the export it lacks or the arity it disagrees on", () => {
  // Hand-assembled modules: one exporting only a memory; one whose "simd" takes an argument.
  const memoryOnly = "0061736d01000000" + "0503010001" + "070a01066d656d6f72790200";
  const wrongArity =
    "0061736d01000000" + "01050160017f00" + "03020100" + "0503010001" + "071102066d656d6f727902000473696d640000" + "0a040102000b";
  const load = (hex) => `try { await w.init(Buffer.from("${hex}", "hex")); return "loaded"; } catch (e) { return e.message; }`;
  assert.match(child(load(memoryOnly)), /not this version's wasmax build: it lacks export simd/);
  assert.match(child(load(wrongArity)), /export simd expects 1 arguments, this wasmax passes 0/);
});

Load("a source init cannot load is a TypeError that says what it got and what it accepts", () => {
  const message = (source) => child(`try { await w.init(${source}); return "loaded"; } catch (e) { return [e.name, e.message]; }`);
  for (const [source, given] of [
    ["42", /got number 42/],
    ["{ simd: true }", /init\(\{ simd \}\) got boolean true/],
    ["{ simd: simdBytes, sclar: scalarBytes }", /unknown option "sclar" \(did you mean scalar\?\)/],
    ["null", /got null/],
  ]) {
    const [name, text] = message(source);
    assert.is(name, "TypeError", source);
    assert.match(text, given);
    if (!/sclar/.test(source)) assert.match(text, /expected a compiled WebAssembly\.Module, the bytes .* a URL or URL string/);
  }
});

Load.run();
