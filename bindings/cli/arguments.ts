// The command line's arguments: Node's util.parseArgs (no dependency: commander 15 needs Node ≥ 22.12)
// behind messages of our own. A mistake is a UsageError (exit 2) in one short line that names the
// flag, with the nearest valid flag or command when there is one (the API's did-you-mean), never
// Node's parser text.

import { parseArgs } from "node:util";
import { closest } from "../core/checks.js";

/** A mistake in the command's arguments: exit code 2 and a one-line message. */
export class UsageError extends Error {}

/** A flag's type and its one-letter form. */
export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Parsed flags: a string flag's value, true for a boolean one, undefined when absent. */
export type FlagValues = Record<string, string | boolean | undefined>;

/** " (did you mean X?)" for the candidate nearest to `word`, or "" when none is near. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ""): string {
  const near = closest(word, candidates);
  return near === undefined ? "" : ` (did you mean ${prefix}${near}?)`;
}

/**
 * The flags and the `count` file arguments of a command. An unknown flag, a string flag without
 * its value, a value given to a boolean flag or the wrong number of files is a UsageError.
 */
export function args(rest: string[], options: FlagSpec, count: number): { values: FlagValues; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw parseError(error, rest, options);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== count)
    throw new UsageError(
      `expected ${count} file argument${count > 1 ? "s" : ""}, got ${positionals.length}` +
        (positionals.length > count ? ` (${positionals.slice(count).join(" ")} is one too many)` : ""),
    );
  return { values: values as FlagValues, positionals };
}

/** parseArgs's error as a UsageError in our words; other errors as they are. */
function parseError(error: unknown, rest: readonly string[], options: FlagSpec): Error {
  const code = (error as { code?: string }).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const unknown = unknownFlag(rest, options);
    // Only a long flag gets a suggestion: every short name is within two edits of every other.
    if (unknown !== undefined)
      return new UsageError(
        `unknown flag ${unknown}${unknown.startsWith("--") ? didYouMean(unknown.slice(2), Object.keys(options), "--") : ""}`,
      );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // Node names the flag in its message ("Option '-o, --output <value>' argument missing", "Option '--quiet' does not take an argument").
    const flag = /--([\w-]+)/.exec((error as Error).message)?.[1];
    const spec = flag === undefined ? undefined : options[flag];
    if (spec) {
      const name = spelled(spec.short === flag ? `-${flag}` : flag!);
      return new UsageError(`${name} ${spec.type === "string" ? "needs a value" : "takes no value"}`);
    }
  }
  if (code?.startsWith("ERR_PARSE_ARGS")) return new UsageError((error as Error).message.split(/\.\s/)[0]!);
  return error as Error;
}

/** The first argument (before any "--") that is a flag the command does not have, as written. */
function unknownFlag(rest: readonly string[], options: FlagSpec): string | undefined {
  const shorts = new Set(Object.values(options).flatMap((o) => (o.short ? [o.short] : [])));
  let skipValue = false;
  for (const arg of rest) {
    if (arg === "--") return undefined;
    if (skipValue) {
      skipValue = false;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") continue;
    const long = arg.startsWith("--");
    const name = long ? arg.slice(2).split("=")[0]! : arg.slice(1, 2);
    const spec = long ? options[name] : Object.values(options).find((o) => o.short === name);
    if (!spec || (!long && !shorts.has(name))) return long ? `--${name}` : arg;
    skipValue = spec.type === "string" && (long ? !arg.includes("=") : arg.length === 2);
  }
  return undefined;
}

/** A flag as the help spells it: "-k" given as is, "max-iter" as --max-iter. */
function spelled(name: string): string {
  return name.startsWith("-") ? name : `--${name}`;
}

/** A flag's value as a finite number, or undefined when the flag is absent; `name` as in the help ("-k") or without its "--". */
export function number(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(n))
    throw new UsageError(`${spelled(name)} must be a number, got ${String(value)}`);
  return n;
}

/** A flag's value as an integer ≥ `min`, or undefined when the flag is absent. */
export function integer(name: string, value: string | boolean | undefined, min: number): number | undefined {
  const n = number(name, value);
  if (n !== undefined && (!Number.isSafeInteger(n) || n < min))
    throw new UsageError(`${spelled(name)} must be an integer ≥ ${min}, got ${String(value)}`);
  return n;
}

/** A flag's value as a number > 0, or undefined when the flag is absent. */
export function positive(name: string, value: string | boolean | undefined): number | undefined {
  const n = number(name, value);
  if (n !== undefined && !(n > 0)) throw new UsageError(`${spelled(name)} must be greater than 0, got ${String(value)}`);
  return n;
}

export function labelSeparator(value: string | boolean | undefined): string {
  if (value === undefined) return "|";
  if (typeof value !== "string" || value === "" || value === ",")
    throw new UsageError(`--label-sep must be a non-empty string other than the CSV's comma, got ${JSON.stringify(value)}`);
  return value;
}
