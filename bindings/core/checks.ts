// Checks of option values, shared by every model and solver. Wrong kind → TypeError, wrong value →
// RangeError; each message names the option and what it was given.

export function describeValue(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** A finite number > 0. */
export function positive(name: string, v: unknown): number {
  if (typeof v !== "number") throw new TypeError(`${name} must be a finite number > 0, got ${describeValue(v)}`);
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number > 0, got ${describeValue(v)}`);
  return v;
}

/** A number in [lo, hi). */
export function inRange(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== "number") throw new TypeError(`${name} must be a number in [${lo}, ${hi}), got ${describeValue(v)}`);
  if (!(v >= lo && v < hi)) throw new RangeError(`${name} must be in [${lo}, ${hi}), got ${describeValue(v)}`);
  return v;
}

/** A number >= 0 (Infinity allowed). */
export function nonNegative(name: string, v: unknown): number {
  if (typeof v !== "number") throw new TypeError(`${name} must be a number >= 0, got ${describeValue(v)}`);
  if (!(v >= 0)) throw new RangeError(`${name} must be a number >= 0, got ${describeValue(v)}`);
  return v;
}

/** A boolean. */
export function flag(name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw new TypeError(`${name} must be true or false, got ${describeValue(v)}`);
  return v;
}

/** One of the allowed strings. */
export function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw new (typeof v === "string" ? RangeError : TypeError)(`${name} must be ${allowed.map((a) => `'${a}'`).join(", ")}, got ${describeValue(v)}`);
  }
  return v as T;
}
