// Hints in the command line's words. The library warns in the API's (`raise maxIter`, `StandardScaler`);
// while a command trains, those warnings are held back, and one that says the solver did not
// converge is replaced by a hint naming the flags that help (--max-iter, --scale). Any other warning
// passes on unchanged. A fit that diverges (TrainingDivergedError) fails with the flags to change
// (--learning-rate, --scale) in place of the API's option names.

import { TrainingDivergedError } from "../api.js";
import type { Progress } from "./progress.js";

/** What the hint needs to know about the run. */
export interface RunFlags {
  solver: string;
  maxIter: number;
  /** Whether the features were standardised (else --scale is suggested). */
  scaled: boolean;
  /** The step size of sgd and adam, as the model resolved it. */
  learningRate?: number | undefined;
}

/** The library's warnings that say a solver stopped without converging (full_batch.ts, stochastic.ts). */
const NOT_CONVERGED = /did not converge|without converging/;

/**
 * Runs `fit` with console.warn held back; once it has stopped, ends the progress display (so its
 * line is finished), then writes the warnings to `err`: the ones about convergence replaced, when
 * `model` did not converge, by a hint naming CLI flags.
 */
export function fitWithHints(
  fit: () => void,
  model: { readonly converged: boolean; readonly nIter: number },
  run: RunFlags,
  err: NodeJS.WritableStream,
  shown: Progress,
): void {
  const held: string[] = [];
  const warn = console.warn;
  console.warn = (...parts: unknown[]) => held.push(parts.map(String).join(" "));
  let fitted = false;
  try {
    fit();
    fitted = true;
  } catch (error) {
    throw inFlags(error, run);
  } finally {
    console.warn = warn;
    shown.end();
    const replace = fitted && !model.converged;
    for (const message of held) if (!(replace && NOT_CONVERGED.test(message))) err.write(`${message}\n`);
    if (replace) err.write(`wasmax: ${hint(run, model.nIter)}\n`);
  }
}

/** A TrainingDivergedError as an Error that says what to change, in flags; any other error as it is. */
export function inFlags(error: unknown, run: RunFlags): unknown {
  return error instanceof TrainingDivergedError ? new Error(diverged(run), { cause: error }) : error;
}

/** Why a run diverged and what to change, in flags. */
function diverged(run: RunFlags): string {
  const scale = run.scaled ? "" : ", or add --scale";
  if (run.solver === "lbfgs") return `lbfgs diverged: the loss is not finite; look for huge values in the columns${scale}`;
  const rate = run.learningRate === undefined ? "" : ` (now ${run.learningRate})`;
  return `${run.solver} diverged: the loss is not finite; lower --learning-rate${rate}${scale}`;
}

/** The hint for a run that stopped without converging after `nIter` iterations or epochs. */
function hint(run: RunFlags, nIter: number): string {
  const scale = run.scaled ? "" : ", or add --scale (features of very different sizes slow it down)";
  const more = `--max-iter ${Math.max(run.maxIter * 2, nIter + 1)}`;
  if (run.solver !== "lbfgs")
    return `${run.solver} stopped at --max-iter ${run.maxIter} epochs with the loss still falling: try ${more}${scale}`;
  if (nIter >= run.maxIter) return `lbfgs stopped at --max-iter ${run.maxIter} iterations before converging: try ${more}${scale}`;
  return (
    `lbfgs stopped after ${nIter} iterations without converging (no step lowered the loss)` +
    (run.scaled ? ": try --solver adam" : ": add --scale, features of very different sizes cause this")
  );
}
