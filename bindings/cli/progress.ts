// Training progress on standard error. On a terminal: one line redrawn in place (at most ten times a
// second), with a bar, the loss, the rate and the time left. Elsewhere (a log, a pipe): plain lines,
// about twenty for a whole run whatever its length, and the last one. Nothing with --quiet.
// The unit is the solver's: iterations for L-BFGS, epochs for sgd and adam, rows for --stream.

/** One step's report: how far (in the unit), the training loss, the held-out accuracy when one is measured. */
export interface Step {
  done: number;
  loss: number;
  validationAccuracy?: number | undefined;
}

/** A progress display: `step` after each iteration, epoch or buffer; `end` once the run has stopped (converged, or failed). */
export interface Progress {
  step(info: Step): void;
  end(): void;
}

/** How progress is shown: a line redrawn in place, plain lines, or nothing. */
export type ProgressMode = "bar" | "lines" | "none";

/**
 * The mode for a stream: none when quiet; else WASMAX_PROGRESS (bar, lines or none) when set, so a
 * user or a test can force one; else a bar on a terminal and lines elsewhere.
 */
export function progressMode(err: NodeJS.WritableStream, quiet: boolean, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  if (quiet) return "none";
  const forced = env["WASMAX_PROGRESS"];
  if (forced === "bar" || forced === "lines" || forced === "none") return forced;
  return (err as NodeJS.WriteStream).isTTY === true ? "bar" : "lines";
}

/** A duration in words a person reads at a glance: 850 ms, 12.3 s, 4 min 05 s. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, "0")} s`;
}

/** A rate as "N unit/s", or "N s/unit" when one step takes more than a second. */
function rate(steps: number, seconds: number, unit: string): string {
  if (seconds <= 0 || steps <= 0) return "";
  const perSecond = steps / seconds;
  if (perSecond >= 1) return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toPrecision(3)} ${unit}/s`;
  return `${duration(seconds / steps)}/${unit}`;
}

/**
 * A progress display for `total` steps of `unit` ("iteration", "epoch", "row"). The last step is
 * always shown; with lines, also the first and the first to reach each twentieth of the run. On a
 * terminal the line is cut to its width (a wrapped line could not be redrawn in place).
 */
export function progress(err: NodeJS.WritableStream, mode: ProgressMode, total: number, unit: string): Progress {
  const clock = () => performance.now() / 1000;
  const started = clock();
  const columns = (err as NodeJS.WriteStream).columns;
  /** The last twentieth of the run a plain line was written for. */
  let twentieth = 0;
  const plural = `${unit}s`;
  let last: Step | null = null;
  let shownLast: Step | null = null;
  let drawnAt = -Infinity;
  let width = 0;
  /** The line for step `s`: with a bar on a terminal; once training has stopped (`final`), "done" in place of the time left. */
  const text = (s: Step, bar: boolean, final = false): string => {
    const seconds = clock() - started;
    const fraction = Math.min(1, s.done / total);
    const left = final ? " · done" : s.done > 0 && s.done < total ? ` · ETA ${duration((seconds / s.done) * (total - s.done))}` : "";
    const held = s.validationAccuracy !== undefined ? ` · held-out accuracy ${s.validationAccuracy.toFixed(4)}` : "";
    const shown = bar ? `[${"#".repeat(Math.round(fraction * 20)).padEnd(20)}] ` : "";
    const steps = unit === "row" ? `${s.done} / ${total} rows` : `${unit} ${s.done}/${total}`;
    const speed = rate(s.done, seconds, unit === "iteration" ? "it" : plural);
    return `${shown}${steps} · loss ${s.loss.toFixed(4)}${held} · ${duration(seconds)}${speed ? ` (${speed})` : ""}${left}`;
  };
  const draw = (s: Step, final = false) => {
    const whole = text(s, true, final);
    const line = typeof columns === "number" && columns > 1 && whole.length >= columns ? whole.slice(0, columns - 1) : whole;
    // Pad over the longer line drawn before, so no characters of it remain.
    err.write(`\r${line.padEnd(width)}`);
    width = line.length;
    shownLast = s;
  };
  return {
    step(s) {
      last = s;
      if (mode === "bar") {
        const now = clock();
        if (now - drawnAt >= 0.1 || s.done >= total) {
          draw(s);
          drawnAt = now;
        }
      } else if (mode === "lines") {
        const now = Math.floor((Math.min(s.done, total) / total) * 20);
        if (shownLast === null || now > twentieth) {
          err.write(`${text(s, false)}\n`);
          shownLast = s;
          twentieth = now;
        }
      }
    },
    end() {
      if (mode === "none" || last === null) return;
      if (mode === "bar") {
        draw(last, true);
        err.write("\n");
      } else if (shownLast !== last) err.write(`${text(last, false, true)}\n`);
    },
  };
}
