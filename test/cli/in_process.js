// Runs the command line in-process (the testing entry's cliMain: the code of dist/cli.js, on this
// run's build), much faster than spawning node on a 2-core machine.

import { wasmax } from "../setup.js";

/** Runs `wasmax ...argv`; gives its exit code and what it wrote to stdout and stderr. */
export async function cli(...argv) {
  let stdout = "";
  let stderr = "";
  const code = await wasmax.cliMain(argv, { write: (s) => ((stdout += s), true) }, { write: (s) => ((stderr += s), true) });
  return { code, stdout, stderr };
}
