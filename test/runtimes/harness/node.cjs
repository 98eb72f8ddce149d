// Node through `require` (the CommonJS build): initSync, then the shared probe.

const wasmax = require("wasmax");
const { parseCsv } = require("wasmax/csv");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const backend = wasmax.initSync();
const iris = JSON.parse(readFileSync(join(__dirname, "iris.json"), "utf8"));
import("./probe.js")
  .then(({ probe }) => probe(wasmax, iris))
  .then((result) => console.log(JSON.stringify({ ...result, initSync: backend, csv: parseCsv("gpa,exam\n3.5,80\n").X })));
