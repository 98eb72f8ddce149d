// Input checks for the plot functions: a wrong kind of argument is a TypeError, a wrong size or
// value a RangeError, each naming the function, the argument and the index.

/** A class label, as the models use them. */
export type Label = number | string;

/** `values` as numbers, every one finite; `where` names the function and argument ("lossCurveSVG: loss"). */
export function finiteSeries(where: string, values: unknown, allowEmpty = false): number[] {
  if (typeof values !== "object" || values === null || typeof (values as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${where} must be an array of numbers, got ${describe(values)}`);
  }
  const list = Array.from(values as ArrayLike<unknown>);
  if (list.length === 0 && !allowEmpty) throw new RangeError(`${where} is empty: nothing to plot`);
  return list.map((v, i) => finiteNumber(`${where}[${i}]`, v));
}

/** `value` if it is a finite number. */
export function finiteNumber(where: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${where} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${where} is ${value}: every value must be finite`);
  return value;
}

/** `value` if it is a label (a string, or a finite number). */
export function label(where: string, value: unknown): Label {
  if (typeof value === "string") return value;
  if (typeof value === "number") return finiteNumber(where, value);
  throw new TypeError(`${where} must be a class label (a string or a number), got ${describe(value)}`);
}

/** Labels as a list; `where` names the argument. */
export function labelList(where: string, values: unknown, allowEmpty = false): Label[] {
  if (typeof values !== "object" || values === null || typeof (values as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${where} must be an array of class labels, got ${describe(values)}`);
  }
  const list = Array.from(values as ArrayLike<unknown>);
  if (list.length === 0 && !allowEmpty) throw new RangeError(`${where} is empty: nothing to plot`);
  return list.map((v, i) => label(`${where}[${i}]`, v));
}

/** An optional size option: a finite number in [min, max], else `fallback`. */
export function sizeOption(where: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = finiteNumber(where, value);
  if (n < min || n > max) throw new RangeError(`${where} must be in [${min}, ${max}], got ${n}`);
  return n;
}

/** An optional text option, else `fallback`. */
export function textOption(where: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new TypeError(`${where} must be a string, got ${describe(value)}`);
  return value;
}

/** An options argument: undefined or a plain object whose every key is one of `allowed` (a misspelt option is not ignored). */
export function optionsObject<T extends object>(where: string, value: T | undefined, allowed: readonly (keyof T & string)[]): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${where} must be an object, got ${describe(value)}`);
  }
  const unknown = Object.keys(value).find((key) => !(allowed as readonly string[]).includes(key));
  if (unknown !== undefined)
    throw new TypeError(`${where}: unknown option ${JSON.stringify(unknown)}; valid options are ${allowed.join(", ")}`);
  return value;
}

/** The kind of a value, for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "object") return value.constructor === Object ? "an object" : `a ${value.constructor?.name ?? "object"}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Labels in a stable order: numbers ascending, then strings by code unit (the models' class order). */
export function sortLabels(labels: Iterable<Label>): Label[] {
  const unique = [...new Set(labels)];
  return unique.sort((a, b) => {
    if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
