// Axis ranges and tick values: "nice" steps of 1, 2 or 5 times a power of ten (the rule most
// plotting libraries use), and labels formatted so that ticks read as 0.2, 0.4… and not
// 0.6000000000000001.

/** An axis: its domain [lo, hi] (ends on ticks), the tick values and their labels. */
export interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  labels: string[];
}

/**
 * A nice axis covering [min, max] with about `count` intervals. `integer`: steps of at least 1 (epochs).
 * A zero-width range is widened by 10% of its value on each side (or by 1 at 0). Throws a RangeError when the range
 * is too wide for doubles (its width or its ends overflow), naming `where`.
 */
export function niceAxis(where: string, min: number, max: number, count = 5, integer = false): Axis {
  let lo = min;
  let hi = max;
  const middle = lo / 2 + hi / 2;
  // Widths below a billionth of the values (or below 1e-290, where steps lose their precision) count as
  // zero: the range is widened on both sides by a tenth of its middle's size (or by 1 around 0).
  if (hi - lo <= Math.abs(middle) * 1e-9 || hi - lo < 1e-290) {
    const pad = Math.abs(middle) > 1e-290 ? Math.abs(middle) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const { step, exponent } = niceStep((hi - lo) / count, integer);
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  for (let k = first; k <= last && ticks.length <= 64; k++) ticks.push(k * step);
  const axis = { lo: first * step, hi: last * step, ticks, labels: ticks.map((t) => tickLabel(t, exponent)) };
  if (!Number.isFinite(axis.hi - axis.lo) || !(axis.hi > axis.lo) || !(step > 0) || ticks.length > 64) {
    throw new RangeError(`${where}: values from ${min} to ${max} span too wide a range to plot`);
  }
  return axis;
}

/** The step of 1, 2 or 5 × 10^exponent nearest above `raw`. */
function niceStep(raw: number, integer: boolean): { step: number; exponent: number } {
  if (integer && raw <= 1) return { step: 1, exponent: 0 };
  let exponent = Math.floor(Math.log10(raw));
  let fraction = raw / 10 ** exponent;
  // Math.log10 may be an ulp off at powers of ten: correct the exponent so that fraction is in [1, 10).
  if (fraction >= 10) {
    exponent += 1;
    fraction /= 10;
  } else if (fraction < 1) {
    exponent -= 1;
    fraction *= 10;
  }
  let mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  if (mantissa === 10) {
    mantissa = 1;
    exponent += 1;
  }
  // 10 ** -3 is 0.001 rounded; mantissa / 10 ** 3 is the double nearest to 0.00m, as a reader expects.
  const step = exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
  return { step, exponent };
}

/**
 * A tick value as text, with the decimals its step needs: fixed notation from 1e-6 to below 1e9,
 * exponent notation outside (with as many digits as tell neighbouring ticks apart).
 */
export function tickLabel(value: number, exponent: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (exponent >= -6 && magnitude < 1e9) return value.toFixed(Math.max(0, -exponent));
  const digits = Math.min(20, Math.max(0, Math.floor(Math.log10(magnitude)) - exponent));
  return value.toExponential(digits);
}

/** A linear map from [lo, hi] to [from, to] (pixels; to < from for an upward y axis). */
export function linearScale(lo: number, hi: number, from: number, to: number): (value: number) => number {
  const span = hi - lo;
  return (value) => from + ((value - lo) / span) * (to - from);
}

/** [smallest, largest] of a non-empty list (a loop: spreading a long list into Math.min overflows the stack). */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
