// Property suite over the fastText command line's parsers and formats: random argv for `supervised`
// and `quantize` (fastText's flags, their values, junk) is parsed or refused with a usage error naming
// a flag or argument, never anything else; formatG reads back as the number it printed, to its
// precision, for any float32 and precision; the fastText commands run in-process on random argv exit
// 0, 1 or 2 with a one-line message and write nothing but what -output names; the input is cut into
// the lines native fastText's predict reads from a stream (a literal model of its readWord and getLine).

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wasmax } from "../setup.js";
import { cli } from "../cli/in_process.js";
import { atBaseline, check, checkAsync } from "./properties.js";

const Properties = suite("properties: fastText command line");
const FLAGS = [
  "-input",
  "-output",
  "-lr",
  "-dim",
  "-epoch",
  "-wordNgrams",
  "-loss",
  "-minn",
  "-maxn",
  "-bucket",
  "-thread",
  "-saveOutput",
  "-cutoff",
  "-retrain",
  "-qnorm",
  "-qout",
  "-dsub",
  "-verbose",
  "-pretrainedVectors",
  "-autotune-duration",
  "-t",
  "-label",
  "-seed",
];
const VALUES = ["0", "1", "2", "-1", "0.5", "1e-3", "10abc", "", "nan", "softmax", "ova", "hs", "m"];
/** A word of a command line; `-` (standard input) only where nothing runs: the process's stdin would block. */
const words = (withStdin) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
    { weight: 3, arbitrary: fc.constantFrom(...VALUES, ...(withStdin ? ["-"] : [])) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }).filter((w) => withStdin || w !== "-") },
  );

Properties("parseFastTextFlags: flags parsed to known names, or a usage error naming what is wrong", () => {
  check(
    fc.property(fc.constantFrom("supervised", "quantize"), fc.array(words(true), { maxLength: 12 }), (command, argv) => {
      try {
        const flags = wasmax.parseFastTextFlags(command, argv);
        assert.type(flags.output, "string");
        for (const [name, value] of Object.entries(flags)) {
          assert.ok(argv.includes(`-${name}`), `${name} came from the argv`);
          assert.ok(["string", "number", "boolean"].includes(typeof value));
          if (typeof value === "number") assert.ok(Number.isFinite(value), `${name} is finite`);
        }
      } catch (error) {
        assert.is(error.constructor.name, "UsageError", `${command} ${JSON.stringify(argv)}: ${error.message}`);
        assert.ok(/-|argument|flag/.test(error.message), error.message);
      }
    }),
  );
});

Properties("formatG: reads back as the number, to its precision, in C's %g shape", () => {
  check(
    fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 9 }), (x, precision) => {
      const text = wasmax.formatG(x, precision);
      assert.match(text, /^-?(\d+(\.\d*[1-9])?|\d(\.\d*[1-9])?e[-+]\d{2,})$/, `${x} at ${precision}: ${text}`);
      const back = Number(text);
      const digits = text
        .replace(/^-|e.*$/g, "")
        .replace(".", "")
        .replace(/^0+/, "");
      assert.ok(digits.length <= precision, `${text} has at most ${precision} significant digits`);
      if (x !== 0) assert.ok(Math.abs(back - x) <= 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - precision + 2), `${x} → ${text}`);
    }),
    { runs: 2000, fresh: 1000 },
  );
});

Properties("fastText commands on random argv: exit 0, 1 or 2, one message, nothing written but -output's files", async () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmax-fasttext-cli-properties-"));
  const model = fileURLToPath(new URL("../fixtures/fasttext-cli/softmax.bin", import.meta.url));
  const test = fileURLToPath(new URL("../fixtures/text/langid.test.txt", import.meta.url));
  try {
    const argv = fc.oneof(
      fc.tuple(
        fc.constantFrom("test", "predict", "predict-prob"),
        fc.constantFrom(model, join(dir, "none.bin"), test),
        fc.array(words(false), { maxLength: 3 }),
      ),
      fc.tuple(fc.constantFrom("supervised", "quantize"), fc.constant("-output"), fc.array(words(false), { maxLength: 6 })),
    );
    await checkAsync(
      fc.asyncProperty(argv, async ([command, first, rest]) => {
        const args = command === "supervised" || command === "quantize" ? [first, join(dir, "out"), ...rest] : [first, test, ...rest];
        const before = wasmax.memoryStats().allocatedBytes;
        const result = await cli(command, ...args);
        assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}`);
        if (result.code !== 0) {
          assert.match(result.stderr, new RegExp(`^wasmax ${command}: `), result.stderr);
          assert.not.match(result.stderr, /\n\s+at /, "no stack trace");
        }
        atBaseline(before, `wasmax ${command} ${args.join(" ")}`);
        for (const file of readdirSync(dir)) assert.ok(/^out\.(bin|vec|output|ftz)$/.test(file), `only -output's files: ${file}`);
      }),
      { runs: 40, fresh: 20 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The tokens of each line native fastText's predict reads from `text` (Dictionary::readWord and getLine
 * on a stream, step by step, while the stream is not at its end), "</s>" where a line ends with one.
 */
function nativeLines(text) {
  let at = 0;
  const readWord = () => {
    let word = "";
    while (at < text.length) {
      const c = text[at++];
      if (" \n\r\t\v\f\0".includes(c)) {
        if (word !== "") {
          if (c === "\n") at--;
          return word;
        }
        if (c === "\n") return "</s>";
      } else word += c;
    }
    return word === "" ? null : word;
  };
  const lines = [];
  while (at < text.length) {
    const tokens = [];
    for (let word; (word = readWord()) !== null;) {
      tokens.push(word);
      if (word === "</s>") break;
    }
    lines.push(tokens);
  }
  return lines;
}

Properties("fastTextLines: the lines native fastText reads from a stream, ended as it ends them", () => {
  const pieces = ["a", "bé", "</s>", "</s></s>", "a</s>", "</s>b", " ", "  ", "\n", "\t", "\r", "\v", "\f", "\0"];
  check(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
      const text = parts.join("");
      const { lines, ended } = wasmax.fastTextLines(text);
      const ours = lines.map((line, i) => [
        ...line.split(/[ \n\r\t\v\f\0]/).filter((token) => token !== ""),
        ...(i < lines.length - 1 || ended ? ["</s>"] : []),
      ]);
      assert.equal(ours, nativeLines(text), JSON.stringify(text));
    }),
  );
});

Properties.run();
