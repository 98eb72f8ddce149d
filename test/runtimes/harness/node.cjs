// Node through `require` (the CommonJS build): initSync, then the shared probe.

const wasmax = require("wasmax");
const { parseCsv } = require("wasmax/csv");
const plot = require("wasmax/plot");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const backend = wasmax.initSync();
const iris = JSON.parse(readFileSync(join(__dirname, "iris.json"), "utf8"));
Promise.all([import("./probe.js"), import("./plot_probe.js")]).then(async ([{ probe }, { drawPlots }]) => {
  const result = await probe(wasmax, iris);
  // The CommonJS build of wasmax/plot: the same bytes as node.mjs's ESM build draws.
  const csv = parseCsv("gpa,exam\n3.5,80\n").X;
  console.log(JSON.stringify({ ...result, initSync: backend, csv, plot: drawPlots(plot) }));
});
