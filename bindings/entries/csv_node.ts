/**
 * Reading CSV files into feature rows and labels (a subpath of its own, so the main bundle does not
 * carry the parser).
 * @module wasmax/csv
 */
// "wasmax/csv" for Node, Deno and Bun: readCsv also takes a file path.

import { readFile } from "node:fs/promises";
import { setFileReader } from "../data/csv.js";

setFileReader((path) => readFile(path, "utf8"));

export { parseCsv, readCsv } from "../data/csv.js";
export type { CsvOptions, CsvTable, CsvRecords } from "../data/csv.js";
