// Numbers and lines exactly as fastText 0.9.2's command line prints them (C++ iostreams on glibc),
// so that `wasmax test|predict-prob` output can be diffed with native fastText's:
// - `formatG(x, p)` is `std::cout << std::setprecision(p) << x` (printf's %.pg): p significant
//   digits, trailing zeros dropped, scientific (e-05, two exponent digits at least) below 1e-4 or at
//   10^p and above; an exact decimal tie rounds to even as glibc does (JavaScript's toExponential
//   rounds ties up: 0.0009765625 at 6 digits is 0.000976562 in C, 0.000976563 in JavaScript);
//   "nan", "inf", "-inf" and "-0" as glibc prints them. fastText uses p = 3 for test's P@k / R@k,
//   6 for predict-prob's probabilities, 5 for the vectors of .vec files.
// - `progressLine` is FastText::printInfo: `Progress: %5.1f% words/sec/thread: %7d lr: %9.6f
//   avg.loss: %9.6f ETA: %3dh%2dm%2ds` (its fixed-point fields use toFixed, which rounds exact ties
//   up; they show live timings, so no test compares them digit for digit with native output).

/** `x` printed as C's `%.{precision}g` (precision ≥ 1), glibc's tie rounding included. */
export function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const [digits, exponent] = significantDigits(Math.abs(x), precision);
  let text: string;
  if (exponent < -4 || exponent >= precision) {
    const mantissa = trimZeros(digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
    text = `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  } else if (exponent < 0) {
    text = trimZeros(`0.${"0".repeat(-exponent - 1)}${digits}`);
  } else {
    const point = exponent + 1;
    text = trimZeros(point >= digits.length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`);
  }
  return sign + text;
}

/** Drops a fraction's trailing zeros, and its point when nothing is left after it. */
function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * The `precision` significant digits of `x` > 0 (finite) and the decimal exponent of the first, rounded
 * to nearest with ties to even on the exact binary value. JavaScript's toExponential is exact except
 * that it rounds ties away from zero, and a tie at digit p shows as a trailing 5 at p + 1 digits; only
 * then are 60 more digits (more than a float32's exact expansion needs to show a non-zero tail) read.
 */
function significantDigits(x: number, precision: number): [string, number] {
  const split = (s: string): [string, number] => {
    const e = s.indexOf("e");
    return [s.slice(0, e).replace(".", ""), Number(s.slice(e + 1))];
  };
  if (precision > 100 || !x.toExponential(precision).includes("5e")) return split(x.toExponential(precision - 1));
  const [long, exponent] = split(x.toExponential(Math.min(100, precision + 60)));
  const kept = long.slice(0, precision);
  const rest = long.slice(precision);
  const up = rest[0]! > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(kept.at(-1)) % 2 === 1));
  if (!up) return [kept, exponent];
  const rounded = (BigInt(kept) + 1n).toString();
  return rounded.length > precision ? [rounded.slice(0, precision), exponent + 1] : [rounded, exponent];
}

/** What one progress line shows: FastText::progressInfo's values. */
export interface ProgressInfo {
  /** Fraction of the planned tokens (epochs × corpus tokens) processed, 0..1. */
  progress: number;
  /** Tokens per second per thread since training started. */
  wordsPerSecPerThread: number;
  /** The learning rate at this point: lr × (1 − progress). */
  lr: number;
  /** The average loss so far (thread 0's in fastText). */
  loss: number;
  /** Seconds left at the rate so far. */
  eta: number;
}

/** FastText::printInfo's line (without the leading "\r" fastText writes before it). */
export function progressLine(info: ProgressInfo): string {
  const pad = (text: string, width: number) => text.padStart(width);
  const eta = Math.max(0, Math.trunc(info.eta));
  const hours = Math.trunc(eta / 3600);
  const minutes = Math.trunc((eta % 3600) / 60);
  const seconds = (eta % 3600) % 60;
  return (
    `Progress: ${pad((info.progress * 100).toFixed(1), 5)}%` +
    ` words/sec/thread: ${pad(String(Math.trunc(info.wordsPerSecPerThread)), 7)}` +
    ` lr: ${pad(info.lr.toFixed(6), 9)}` +
    ` avg.loss: ${pad(info.loss.toFixed(6), 9)}` +
    ` ETA: ${pad(String(hours), 3)}h${pad(String(minutes), 2)}m${pad(String(seconds), 2)}s`
  );
}

/** The N / P@k / R@k lines of `fasttext test` (Meter::writeGeneralMetrics). */
export function testReport(k: number, n: number, precision: number, recall: number): string {
  return `N\t${n}\nP@${k}\t${formatG(precision, 3)}\nR@${k}\t${formatG(recall, 3)}\n`;
}
