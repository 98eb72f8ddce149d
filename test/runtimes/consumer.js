// A project that uses wasmax as its users get it: `npm pack` of this repository, unpacked into
// node_modules/wasmax of a temporary folder, with the harness scripts beside it. csv-parse (the
// one runtime dependency) is linked from this repository's node_modules, so no network is needed.

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HARNESS = fileURLToPath(new URL("./harness", import.meta.url));

/** Packs the package; returns { dir, tarball, files, close }. `files` is npm pack's file list. */
export function makeConsumer() {
  const dir = mkdtempSync(join(tmpdir(), "wasmax-consumer-"));
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" }));
  const tarball = join(dir, packed.filename);
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "wasmax"), { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", join(modules, "wasmax"), "--strip-components=1"]);
  symlinkSync(join(ROOT, "node_modules", "csv-parse"), join(modules, "csv-parse"), "dir");
  cpSync(HARNESS, dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  cpSync(join(ROOT, "test", "fixtures", "iris.json"), join(dir, "iris.json"));
  return {
    dir,
    tarball,
    files: packed.files.map((f) => f.path),
    iris: JSON.parse(readFileSync(join(dir, "iris.json"), "utf8")),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
