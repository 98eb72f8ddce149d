// Where the command line reads and writes: files by path, or standard input and output for "-".
// Files are written atomically (a temporary file beside the target, then a rename), so a failed run
// never leaves half a file or its temporary file. Standard input is read whole, and only once per run.

import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./arguments.js";

/** The streams a run uses: output (results), messages (progress, warnings, errors) and standard input. */
export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** The path that names standard input (as a file to read) or standard output (as -o). */
export const STDIO = "-";

/** What was read from standard input in this run, per Io, so two "-" arguments fail clearly instead of one getting nothing. */
const consumed = new WeakSet<NodeJS.ReadableStream>();

/** The bytes of the file at `path`, or of standard input for "-"; a file-system error becomes an Error naming the path. */
export async function readInput(path: string, io: Io): Promise<Buffer> {
  if (path === STDIO) {
    if (consumed.has(io.stdin)) throw new UsageError('"-" (standard input) can be read once: name a file for the other input');
    consumed.add(io.stdin);
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin as AsyncIterable<string | Buffer>)
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
}

/** The text (UTF-8) of the file at `path`, or of standard input for "-". */
export async function readText(path: string, io: Io): Promise<string> {
  return (await readInput(path, io)).toString("utf8");
}

/** How an input is named in messages: its path, or "standard input". */
export function inputName(path: string): string {
  return path === STDIO ? "standard input" : path;
}

/**
 * The path `-o` (or `flag`, such as --plot) names, checked before any work: "-" (standard output), or a file that is not a
 * directory, in a folder that exists. (Whether the folder is writable shows when writing; the write
 * then leaves nothing behind.)
 */
export async function outputPath(value: string | boolean | undefined, what: string, flag = "-o"): Promise<string> {
  if (typeof value !== "string" || value === "") throw new UsageError(`${flag} <${what}> is required (or ${flag} - for standard output)`);
  if (value === STDIO) return value;
  const [target, folder] = await Promise.all([stat(value).catch(() => null), stat(dirname(value)).catch(() => null)]);
  if (target?.isDirectory()) throw new UsageError(`${flag} ${value} is a directory; name the file to write`);
  if (!folder) throw new UsageError(`${flag} ${value}: the folder ${dirname(value)} does not exist`);
  if (!folder.isDirectory()) throw new UsageError(`${flag} ${value}: ${dirname(value)} is a file, not a folder`);
  return value;
}

/** Writes `data` to standard output for "-", else atomically to the file at `path`. */
export async function writeOutput(path: string, data: string | Uint8Array, io: Io): Promise<void> {
  if (path === STDIO) io.out.write(data);
  else await writeAtomic(path, data);
}

/** Where a command's own messages go: standard error when its result goes to standard output (-o -), else standard output. */
export function messages(output: string | undefined, io: Io): NodeJS.WritableStream {
  return output === STDIO ? io.err : io.out;
}

/**
 * Writes to a temporary file beside `path`, then renames it into place: a failed run never leaves
 * half a file, and the temporary file is removed whatever fails.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`${path}: ${fileError(error)}`, { cause: error });
  }
}

/** A file-system error in words (without Node's "ENOENT: …, open 'path'" form), else the error's message. */
export function fileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is not a folder";
  return (error as Error).message;
}
