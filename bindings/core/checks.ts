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

/** A saved object's version: an integer from 1 to `latest`, else a TypeError that starts with `where`. */
export function checkVersion(where: string, version: unknown, latest: number): number {
  if (!Number.isInteger(version) || (version as number) < 1 || (version as number) > latest)
    throw new TypeError(`${where}: version ${describeValue(version)} is not supported (this wasmax reads 1 to ${latest})`);
  return version as number;
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
    throw new (typeof v === "string" ? RangeError : TypeError)(
      `${name} must be ${allowed.map((a) => `'${a}'`).join(", ")}, got ${describeValue(v)}`,
    );
  }
  return v as T;
}

/**
 * An options argument: undefined gives {}, anything but a plain object is a TypeError, and every
 * key must be one of `allowed` (scikit-learn refuses unknown parameters too). The error names the
 * unknown key and the closest valid one.
 */
export function checkOptions<T extends object>(where: string, value: T | undefined | null, allowed: readonly string[]): T {
  const options = optionsObject(where, value);
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const near = closest(key, allowed);
    throw new TypeError(
      `${where}: unknown option ${JSON.stringify(key)}${near ? ` (did you mean ${near}?)` : ""}; valid options are ${allowed.join(", ")}`,
    );
  }
  return options;
}

/** An options argument without the key check: undefined gives {}, anything but a plain object is a TypeError. */
export function optionsObject<T extends object>(where: string, value: T | undefined | null): T {
  if (value === undefined) return {} as T;
  if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new TypeError(
      `${where} must be an options object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : describeValue(value)}`,
    );
  }
  return value;
}

/** The allowed name nearest to `key` (case, underscores, hyphens and small typos forgiven), or undefined. */
export function closest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  const k = norm(key);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of allowed) {
    const d = editDistance(k, norm(name));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(k.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The largest finite f32; a finite f64 beyond it becomes ±Infinity when stored as f32. */
export const MAX_F32 = 3.4028234663852886e38;

/** True for numbers that stay finite when rounded to f32. */
export function finite32(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(Math.fround(v));
}
