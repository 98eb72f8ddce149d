// Node (20, 22), Deno and Bun: `import` wasmax from node_modules; prints the probe's answer as JSON.

import * as wasmax from "wasmax";
import { parseCsv } from "wasmax/csv";
import * as plot from "wasmax/plot";
import { readFileSync } from "node:fs";
import { probe } from "./probe.js";
import { drawPlots } from "./plot_probe.js";

const iris = JSON.parse(readFileSync(new URL("./iris.json", import.meta.url), "utf8"));
const result = await probe(wasmax, iris);
result.csv = parseCsv("gpa,exam\n3.5,80\n").X;
result.plot = drawPlots(plot);
console.log(JSON.stringify(result));
