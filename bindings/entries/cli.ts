// The `wasmax` executable (package.json "bin"): runs the command line and exits with its code.

import { setBinaryLocator } from "../runtime/runtime.js";
import { nodeBinaries } from "./node_binaries.js";
import { setFileReader } from "../data/csv.js";
import { readFile } from "node:fs/promises";
import { main } from "../cli/main.js";

setBinaryLocator(nodeBinaries);
setFileReader((path) => readFile(path, "utf8"));
process.exitCode = await main(process.argv.slice(2));
