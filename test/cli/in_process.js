// Runs the command line in-process (the testing entry's cliMain: the code of dist/cli.js, on this
// run's build), much faster than spawning node on a 2-core machine.

import { Readable } from "node:stream";
import { wasmax } from "../setup.js";

/** Runs `wasmax ...argv`; gives its exit code and what it wrote to stdout and stderr. */
export async function cli(...argv) {
  return cliWith({}, ...argv);
}

/**
 * Runs `wasmax ...argv` with `stdin` (a string or bytes) as standard input and, with `tty`, a
 * standard error that says it is a terminal (`columns` wide). stdout is a string, or bytes with `binary`.
 */
export async function cliWith({ stdin = "", tty = false, columns = undefined, binary = false }, ...argv) {
  const chunks = [];
  let stderr = "";
  const out = { write: (s) => (chunks.push(Buffer.from(s)), true) };
  const err = { write: (s) => ((stderr += s), true), isTTY: tty, columns };
  const code = await wasmax.cliMain(argv, out, err, Readable.from([Buffer.from(stdin)]));
  const bytes = Buffer.concat(chunks);
  return { code, stdout: binary ? new Uint8Array(bytes) : bytes.toString("utf8"), stderr };
}
