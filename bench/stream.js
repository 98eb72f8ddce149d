// Training on a file larger than the memory it may use: `wasmax train --stream` on a generated CSV,
// reporting wall time, the child process's peak resident memory and the held-out accuracy, against
// csv-parse's own rows per second on the same file (the command reads the file twice).
//   node bench/stream.js              (about 50 MB; STREAM_MB=1024 for a 1 GB file)
// writes bench/results/stream.json. The CSV is 64 features of 10 Gaussian classes, written in
// chunks so this script's own memory stays small too.

import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import { machine } from "./machine.js";

const TARGET_MB = Number(process.env.STREAM_MB ?? 50);
const FEATURES = 64;
const CLASSES = 10;
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "wasmax-stream-"));
const csvPath = path.join(dir, "data.csv");

/** Deterministic normal draws (Box–Muller on a 32-bit LCG). */
let state = 12345;
const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
const centroids = Array.from({ length: CLASSES }, () => Array.from({ length: FEATURES }, () => normal()));

async function writeCsv() {
  const out = createWriteStream(csvPath);
  out.write(Array.from({ length: FEATURES }, (_, j) => `f${j}`).join(",") + ",label\n");
  let rows = 0;
  while (out.bytesWritten + out.writableLength < TARGET_MB * 2 ** 20) {
    let block = "";
    for (let r = 0; r < 1000; r++, rows++) {
      const k = rows % CLASSES;
      block += centroids[k].map((c) => (c + 1.5 * normal()).toFixed(4)).join(",") + `,c${k}\n`;
    }
    if (!out.write(block)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}

/** Seconds csv-parse alone takes to stream the file, every cell read as a number. */
async function parseOnly() {
  const started = performance.now();
  let sum = 0;
  for await (const record of createReadStream(csvPath).pipe(parse({ from_line: 2 }))) sum += Number(record[0]);
  if (!Number.isFinite(sum)) throw new Error("the generated CSV did not parse");
  return (performance.now() - started) / 1000;
}

try {
  const rows = await writeCsv();
  const bytes = statSync(csvPath).size;
  // The hook prints the child's peak RSS (kB, from getrusage) to stderr as it exits.
  const hook = "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))";
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      hook,
      cli,
      "train",
      csvPath,
      "--target",
      "label",
      "--stream",
      "--scale",
      "--test-size",
      "0.05",
      "--quiet",
      "-o",
      path.join(dir, "model.json"),
    ],
    { encoding: "utf8", maxBuffer: 2 ** 26 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`wasmax train --stream failed (${run.status}):\n${run.stderr}`);
  const maxRssMB = Number(/maxrss (\d+)/.exec(run.stderr)[1]) / 1024;
  const accuracy = Number(/held-out accuracy (0\.\d+)/.exec(run.stdout)?.[1]);
  const parseSeconds = await parseOnly();
  const result = {
    machine: machine(),
    rows,
    features: FEATURES,
    classes: CLASSES,
    fileMB: +(bytes / 2 ** 20).toFixed(1),
    seconds: +seconds.toFixed(1),
    rowsPerSecond: Math.round(rows / seconds),
    maxRssMB: +maxRssMB.toFixed(0),
    heldOutAccuracy: accuracy,
    csvParseSeconds: +parseSeconds.toFixed(1),
    csvParseRowsPerSecond: Math.round(rows / parseSeconds),
  };
  console.log(`${result.fileMB} MB CSV (${rows} rows × ${FEATURES} features, ${CLASSES} classes), ${result.machine.cpu}:`);
  console.log(
    `  wasmax train --stream: ${result.seconds} s (${result.rowsPerSecond} rows/s ` +
      `over two passes), peak RSS ${result.maxRssMB} MB, held-out accuracy ${accuracy}`,
  );
  console.log(`  csv-parse alone, one pass: ${result.csvParseSeconds} s (${result.csvParseRowsPerSecond} rows/s)`);
  writeFileSync(new URL("results/stream.json", import.meta.url), JSON.stringify(result, null, 2) + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
