// The `wasmax` executable (package.json "bin"): runs the command line and exits with its code.

import { setBinaryLocator } from "../runtime/runtime.js";
import { nodeBinaries } from "./node_binaries.js";
import { main } from "../cli/main.js";

setBinaryLocator(nodeBinaries);
process.exitCode = await main(process.argv.slice(2));
