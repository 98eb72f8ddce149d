// "wasmax/inline": the binaries come from the JS itself; file reads are made impossible first to prove it.

import fs from "node:fs";
import { probe } from "./probe.js";

const iris = JSON.parse(fs.readFileSync(new URL("./iris.json", import.meta.url), "utf8"));
for (const name of ["readFileSync", "readFile"])
  fs[name] = () => {
    throw new Error(`no file reads: ${name}`);
  };
const wasmax = await import("wasmax/inline");
console.log(JSON.stringify({ ...(await probe(wasmax, iris)), initSync: wasmax.initSync() }));
