// Usage: node scripts/check-lines.js
// Fails when a source line (.ts, .js, .mjs, .cjs that git tracks, generated protobuf code aside) is longer
// than 140 characters. Prettier wraps code at 140 but leaves comments and long strings alone; this
// catches those. Run before the tests (npm test).

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 140;
const GENERATED = /(^|\/)onnx_pb\.(js|d\.ts)$/;
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.ts", "*.js", "*.mjs", "*.cjs"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !GENERATED.test(f) && !f.includes("node_modules/"));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // deleted in the work tree but still in the index
  }
  text.split("\n").forEach((line, i) => {
    if (line.length > LIMIT) long.push(`${file}:${i + 1}: ${line.length} characters`);
  });
}
if (long.length) {
  console.error(`${long.length} line(s) longer than ${LIMIT} characters:\n${long.join("\n")}`);
  process.exit(1);
}
console.log(`check-lines: ${files.length} files, no line over ${LIMIT} characters`);
