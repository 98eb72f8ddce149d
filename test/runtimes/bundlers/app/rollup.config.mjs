// Rollup 4 as documented: @rollup/plugin-node-resolve finds wasmax, wasmax/rollup emits its binaries
// and worker scripts (@rollup/plugin-json only for the test app's iris.json). The input and output
// folder come from the command line (-i, -d).
import { nodeResolve } from "@rollup/plugin-node-resolve";
import json from "@rollup/plugin-json";
import { wasmax } from "wasmax/rollup";

export default { input: "main.js", output: { dir: "out-rollup", format: "es" }, plugins: [nodeResolve(), json(), wasmax()] };
