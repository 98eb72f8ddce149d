// Node (20, 22), Deno and Bun: `import` wasmax from node_modules; prints the probe's answer as JSON.

import * as wasmax from "wasmax";
import { parseCsv } from "wasmax/csv";
import { lossCurveSVG, decisionRegionsSVG } from "wasmax/plot";
import { readFileSync } from "node:fs";
import { probe } from "./probe.js";

const iris = JSON.parse(readFileSync(new URL("./iris.json", import.meta.url), "utf8"));
const result = await probe(wasmax, iris);
result.csv = parseCsv("gpa,exam\n3.5,80\n").X;
// wasmax/plot promises the same bytes in every runtime: two charts whose coordinates and ticks are fractions.
const fractions = [0.93, 0.61, 0.4444, 0.3, 0.29, 0.2875];
result.plot =
  lossCurveSVG(fractions, { accuracy: fractions.map((v) => 1 - v / 3) }) +
  decisionRegionsSVG(
    (grid) => grid.map(([a, b]) => (a > b ? "x" : "y")),
    [
      [0.1, 0.3],
      [0.7, 0.2],
    ],
    ["y", "x"],
    { resolution: 7 },
  );
console.log(JSON.stringify(result));
