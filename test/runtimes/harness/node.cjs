// Node through `require` (the CommonJS build): initSync, then the shared probe.

const wasmax = require("wasmax");
const { parseCsv } = require("wasmax/csv");
const { lossCurveSVG, decisionRegionsSVG } = require("wasmax/plot");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const backend = wasmax.initSync();
const iris = JSON.parse(readFileSync(join(__dirname, "iris.json"), "utf8"));
import("./probe.js")
  .then(({ probe }) => probe(wasmax, iris))
  .then((result) => {
    // The same two charts as node.mjs draws: the CommonJS build of wasmax/plot must give the same bytes.
    const fractions = [0.93, 0.61, 0.4444, 0.3, 0.29, 0.2875];
    const plot =
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
    console.log(JSON.stringify({ ...result, initSync: backend, csv: parseCsv("gpa,exam\n3.5,80\n").X, plot }));
  });
