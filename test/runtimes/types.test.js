// The packed package's declarations, as TypeScript users compile them: a Node-only project
// (lib ["es2022"] + @types/node, no DOM) under node16 resolution as ESM and as CommonJS, under
// bundler resolution, and a browser project with the DOM lib; always with skipLibCheck: false.
// test/types/readme.ts must compile; test/types/holes.ts and labels.ts hold a @ts-expect-error over
// each mistake the types must catch (an unused directive fails the build). Each setup is compiled by
// the latest TypeScript (the project's own, 7) and by TypeScript 5.9.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeConsumer, ROOT } from "./consumer.js";

const Types = suite("types (tsc, skipLibCheck: false)");
const COMPILERS = {
  "TypeScript 7": join(ROOT, "node_modules", "typescript", "bin", "tsc"),
  "TypeScript 5.9": fileURLToPath(new URL("./node_modules/typescript-5.9/bin/tsc", import.meta.url)),
};
const SOURCES = fileURLToPath(new URL("../types", import.meta.url));
let consumer;

Types.before(() => {
  consumer = makeConsumer();
  symlinkSync(join(ROOT, "node_modules", "@types"), join(consumer.dir, "node_modules", "@types"), "dir");
});
Types.after(() => consumer?.close());

const SETUPS = {
  "Node-only, node16, ESM": {
    type: "module",
    options: { module: "node16", moduleResolution: "node16", lib: ["es2022"] },
    files: ["readme.ts", "holes.ts", "labels.ts"],
  },
  "Node-only, node16, CommonJS": {
    type: "commonjs",
    options: { module: "node16", moduleResolution: "node16", lib: ["es2022"] },
    files: ["readme.ts", "holes.ts", "labels.ts"],
  },
  "Node-only, bundler resolution": {
    type: "module",
    options: { module: "esnext", moduleResolution: "bundler", lib: ["es2022"] },
    files: ["readme.ts", "holes.ts", "labels.ts"],
  },
  "browser, bundler resolution, DOM lib": {
    type: "module",
    options: { module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"] },
    files: ["readme.ts", "holes.ts", "labels.ts", "dom.ts"],
  },
};

for (const [compiler, tsc] of Object.entries(COMPILERS)) {
  for (const [name, setup] of Object.entries(SETUPS)) {
    Types(`${compiler}: ${name}`, () => {
      const dir = join(consumer.dir, `${compiler} ${name}`.replace(/[^a-z0-9]+/gi, "-"));
      mkdirSync(dir);
      for (const file of setup.files) cpSync(join(SOURCES, file), join(dir, file));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "types-consumer", private: true, type: setup.type }));
      const compilerOptions = { target: "es2022", types: ["node"], strict: true, skipLibCheck: false, noEmit: true, ...setup.options };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: setup.files }));
      const result = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
      assert.is(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
    });
  }
}

Types.run();
