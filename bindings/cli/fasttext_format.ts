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
  if (exponent < -4 || exponent >= precision) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent) < 10 ? "0" : ""}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const point = exponent + 1;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The `precision` significant digits of `x` > 0 (finite), trailing zeros dropped (%g drops them), and
 * the decimal exponent of the first, rounded to nearest, ties to even. A float32 x = m·2^q (m < 2^24)
 * times 10^k = m·5^k·2^(q+k) is exact in float64 while 5^k < 2^29 (k ≤ 12), so then the digits are
 * that product rounded to an integer, with no string work (6× faster: a .vec file prints millions of
 * them); otherwise exactDigits.
 */
function significantDigits(x: number, precision: number): [string, number] {
  const n = fastDigits(x, precision);
  return n < 0 ? exactDigits(x, precision) : [String(n), fastExponent];
}

/** The decimal exponent of fastDigits' last result. */
let fastExponent = 0;

/** significantDigits' fast path: the digits as an integer (exponent in fastExponent), or -1 where it does not apply. */
function fastDigits(x: number, precision: number): number {
  const exponent = Math.floor(Math.log10(x));
  const k = precision - 1 - exponent;
  if (k < 0 || k > 12 || precision > 15 || Math.fround(x) !== x) return -1;
  const scaled = x * POWERS_OF_TEN[k]!;
  let n = Math.floor(scaled);
  const fraction = scaled - n;
  if (fraction > 0.5 || (fraction === 0.5 && n % 2 === 1)) n++;
  // log10 may land one off near a power of ten, and rounding may carry to 10^precision.
  if (n < POWERS_OF_TEN[precision - 1]! || n >= POWERS_OF_TEN[precision]!) return -1;
  while (n % 10 === 0) n /= 10;
  fastExponent = exponent;
  return n;
}

const digitScratch = new Uint8Array(16);

/**
 * Writes formatG(x, precision) as ASCII into `out` from `at` (room for 24 bytes needed) and returns
 * the end: the same text, made without a string where the fast path applies (a .vec file writes
 * millions of numbers; their strings dominated its time, in the garbage collector).
 */
export function writeG(x: number, precision: number, out: Uint8Array, at: number): number {
  const n = x !== 0 && Number.isFinite(x) ? fastDigits(Math.abs(x), precision) : -1;
  if (n < 0) {
    const text = formatG(x, precision);
    for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
    return at;
  }
  const exponent = fastExponent;
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10)) digitScratch[count++] = 48 + (rest % 10);
  // digitScratch holds the digits last to first.
  const digit = (i: number) => digitScratch[count - 1 - i]!;
  if (x < 0) out[at++] = 45;
  if (exponent < -4 || exponent >= precision) {
    out[at++] = digit(0);
    if (count > 1) out[at++] = 46;
    for (let i = 1; i < count; i++) out[at++] = digit(i);
    out[at++] = 101;
    out[at++] = exponent < 0 ? 45 : 43;
    const e = Math.abs(exponent);
    if (e >= 100) out[at++] = 48 + Math.floor(e / 100);
    out[at++] = 48 + (Math.floor(e / 10) % 10);
    out[at++] = 48 + (e % 10);
  } else if (exponent < 0) {
    out[at++] = 48;
    out[at++] = 46;
    for (let i = 0; i < -exponent - 1; i++) out[at++] = 48;
    for (let i = 0; i < count; i++) out[at++] = digit(i);
  } else {
    const point = exponent + 1;
    for (let i = 0; i < Math.min(point, count); i++) out[at++] = digit(i);
    for (let i = count; i < point; i++) out[at++] = 48;
    if (point < count) {
      out[at++] = 46;
      for (let i = point; i < count; i++) out[at++] = digit(i);
    }
  }
  return at;
}

/**
 * As significantDigits for any finite x > 0 and precision, rounded
 * to nearest with ties to even on the exact binary value. JavaScript's toExponential is exact except
 * that it rounds ties away from zero, and a tie at digit p shows as a trailing 5 at p + 1 digits; only
 * then are 60 more digits (more than a float32's exact expansion needs to show a non-zero tail) read.
 */
function exactDigits(x: number, precision: number): [string, number] {
  const split = (s: string): [string, number] => {
    const e = s.indexOf("e");
    return [s.slice(0, e).replace(".", ""), Number(s.slice(e + 1))];
  };
  const trimmed = ([digits, exponent]: [string, number]): [string, number] => [digits.replace(/(.)0+$/, "$1"), exponent];
  if (precision > 100 || !x.toExponential(precision).includes("5e")) return trimmed(split(x.toExponential(precision - 1)));
  const [long, exponent] = split(x.toExponential(Math.min(100, precision + 60)));
  const kept = long.slice(0, precision);
  const rest = long.slice(precision);
  const up = rest[0]! > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(kept.at(-1)) % 2 === 1));
  if (!up) return trimmed([kept, exponent]);
  const rounded = (BigInt(kept) + 1n).toString();
  return trimmed(rounded.length > precision ? [rounded.slice(0, precision), exponent + 1] : [rounded, exponent]);
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
