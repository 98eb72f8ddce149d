// CSV input for training data (the "wasmax/csv" entry), parsed by csv-parse (quoting, escapes,
// CRLF, BOM handled there); browsers get csv-parse's browser build.
// Features are numeric rows (number[][]), or with `rows: "objects"` rows of objects by column name
// whose text columns (any cell that is not a number) keep their strings, for a Pipeline that one-hot
// encodes them. The label column may hold numbers or strings.

import { parse } from "csv-parse/sync";
import type { Label } from "./labels.js";
import { checkOptions, describeValue, flag, oneOf } from "../core/checks.js";

/** Options of {@link parseCsv} and {@link readCsv}. */
export interface CsvOptions {
  /** Column holding the labels, by header name or 0-based index; omit for features only. @default undefined */
  label?: string | number;
  /** Whether the first record names the columns. @default true */
  header?: boolean;
  /** The field separator. @default "," */
  delimiter?: string;
  /**
   * "arrays": X is rows of numbers, every feature numeric. "objects": X is rows of objects by column
   * name; a column with any cell that is not a number keeps its cells as strings (a category).
   * @default "arrays"
   */
  rows?: "arrays" | "objects";
}

/** A parsed CSV file read with `rows: "objects"`: rows of objects by column name, text columns as strings. */
export interface CsvRecords {
  /** Names of the feature columns (or their indices as strings without a header). */
  featureNames: string[];
  /** The rows, each an object of its columns' values: numbers, or strings in a text column. */
  X: Record<string, number | string>[];
  /** The columns kept as text (some cell is not a number). */
  textColumns: string[];
  /** Labels as numbers when every one is numeric, else strings; absent without options.label. */
  y?: Label[];
}

/** A parsed CSV file: every feature column as numbers, and the label column if one was named. */
export interface CsvTable {
  /** Names of the feature columns (or their indices as strings without a header). */
  featureNames: string[];
  /** The feature values, rows × features. */
  X: number[][];
  /** Labels as numbers when every one is numeric, else strings; absent without options.label. */
  y?: Label[];
}

/** Where readCsv finds a file by path; set by the Node entry point of "wasmax/csv". */
let fileReader: ((path: string) => Promise<string>) | undefined;

export function setFileReader(reader: (path: string) => Promise<string>): void {
  fileReader = reader;
}

/**
 * Parses CSV text. Errors name the line of the file (blank lines counted) and the column.
 * @example
 * ```ts
 * import { parseCsv } from "wasmax/csv";
 * const { X, y, featureNames } = parseCsv("a,b,species\n5.1,3.5,setosa\n", { label: "species" });
 * ```
 */
export function parseCsv(text: string, options: CsvOptions & { rows: "objects" }): CsvRecords;
export function parseCsv(text: string, options?: CsvOptions): CsvTable;
export function parseCsv(text: string, options?: CsvOptions): CsvTable | CsvRecords {
  if (typeof text !== "string") throw new TypeError(`parseCsv takes the CSV text as a string, got ${text === null ? "null" : typeof text}`);
  const o = checkOptions("parseCsv options", options, ["label", "header", "delimiter", "rows"]);
  const header = flag("header", o.header ?? true);
  const objects = oneOf("rows", o.rows ?? "arrays", ["arrays", "objects"] as const) === "objects";
  if (o.delimiter !== undefined && (typeof o.delimiter !== "string" || o.delimiter.length === 0)) {
    throw new TypeError(`delimiter must be a non-empty string, got ${describeValue(o.delimiter)}`);
  }
  if (o.label !== undefined && typeof o.label !== "string" && !(typeof o.label === "number" && Number.isInteger(o.label) && o.label >= 0)) {
    throw new TypeError(`label must be a column name or a 0-based column index, got ${describeValue(o.label)}`);
  }
  // info: the line on which each record ends, so messages point into the file, not at a record count.
  let parsed: { record: string[]; info: { lines: number } }[];
  let last = { lines: 0, empty_lines: 0 };
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: o.delimiter ?? ",",
      info: true,
      relax_column_count: true,
      on_record: (record, context) => ((last = { lines: context.lines, empty_lines: context.empty_lines }), record),
    }) as unknown as typeof parsed;
  } catch (cause) {
    // csv-parse's own errors carry the line they stopped on; for an unclosed quote that is the end
    // of the text, so name the line the record starts on: after the last good one and the empty lines.
    const e = cause as { code?: string; lines?: number; empty_lines?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") {
      const start = last.lines + 1 + (e.empty_lines ?? 0) - last.empty_lines;
      throw new RangeError(`CSV line ${start}: a quote opened in this record is not closed by the end of the text (line ${e.lines})`, {
        cause,
      });
    }
    throw new RangeError(`CSV${e.lines ? ` line ${e.lines}` : ""}: ${(cause as Error).message}`, { cause });
  }
  if (parsed.length === 0) throw new RangeError("CSV has no records");
  const names = header ? parsed[0]!.record : parsed[0]!.record.map((_, i) => String(i));
  const body = header ? parsed.slice(1) : parsed;
  let labelAt = -1;
  if (o.label !== undefined) {
    labelAt = typeof o.label === "number" ? o.label : names.indexOf(o.label);
    if (labelAt < 0 || labelAt >= names.length)
      throw new RangeError(`CSV has no label column ${JSON.stringify(o.label)} (columns: ${names.join(", ")})`);
  }
  const featureCols = names.map((_, i) => i).filter((i) => i !== labelAt);
  const table: CsvTable | CsvRecords = objects
    ? recordsOf(names, featureCols, body)
    : { featureNames: featureCols.map((c) => names[c]!), X: numbersOf(names, featureCols, body) };
  if (labelAt >= 0) {
    const raw = body.map(({ record }) => record[labelAt]!);
    const numeric = raw.every((v) => v !== "" && Number.isFinite(Number(v)));
    table.y = numeric ? raw.map(Number) : raw;
  }
  return table;
}

/** The feature cells as numbers; a cell that is not one is a RangeError naming its line and column. */
function numbersOf(names: readonly string[], columns: readonly number[], body: readonly CsvRecordLine[]): number[][] {
  return body.map(({ record, info }) => {
    checkWidth(names, record, info);
    return columns.map((c) => {
      const v = Number(record[c]);
      if (record[c] === "" || !Number.isFinite(v)) {
        throw new RangeError(
          `CSV line ${info.lines}, column ${JSON.stringify(names[c])}: ${JSON.stringify(record[c])} is not a finite number`,
        );
      }
      return v;
    });
  });
}

function checkWidth(names: readonly string[], record: readonly string[], info: { lines: number }): void {
  if (record.length !== names.length) throw new RangeError(`CSV line ${info.lines} has ${record.length} fields, expected ${names.length}`);
}

/**
 * Rows of objects: a column whose every cell is a finite number gives numbers, any other keeps its
 * strings. An empty cell in a column of numbers is a missing value, refused (it would otherwise turn
 * the column into categories).
 */
function recordsOf(names: readonly string[], columns: readonly number[], body: readonly CsvRecordLine[]): CsvRecords {
  const twice = columns.find((c, k) => columns.findIndex((d) => names[d] === names[c]) !== k);
  if (twice !== undefined)
    throw new RangeError(`CSV header names the column ${JSON.stringify(names[twice])} twice: rows of objects need distinct column names`);
  for (const { record, info } of body) checkWidth(names, record, info);
  const numeric = (cell: string) => cell !== "" && Number.isFinite(Number(cell));
  const text = new Set(columns.filter((c) => body.some(({ record }) => record[c] !== "" && !numeric(record[c]!))));
  for (const c of columns) {
    if (text.has(c)) continue;
    const empty = body.find(({ record }) => record[c] === "");
    if (empty && body.some(({ record }) => record[c] !== ""))
      throw new RangeError(
        `CSV line ${empty.info.lines}, column ${JSON.stringify(names[c])}: the cell is empty in a column of numbers (a missing value); ` +
          "fill it in or leave the row out",
      );
  }
  const X = body.map(({ record }) =>
    Object.fromEntries(columns.map((c) => [names[c]!, text.has(c) || record[c] === "" ? record[c]! : Number(record[c])])),
  );
  return { featureNames: columns.map((c) => names[c]!), X, textColumns: [...text].map((c) => names[c]!) };
}

/** One parsed record and the line it ends on. */
interface CsvRecordLine {
  record: string[];
  info: { lines: number };
}

/**
 * Reads CSV from a stream (anything async-iterable over strings or bytes: Node streams, web
 * ReadableStreams in runtimes that iterate them) or, in Node, from a file path.
 */
export async function readCsv(
  source: string | AsyncIterable<string | Uint8Array>,
  options: CsvOptions & { rows: "objects" },
): Promise<CsvRecords>;
export async function readCsv(source: string | AsyncIterable<string | Uint8Array>, options?: CsvOptions): Promise<CsvTable>;
export async function readCsv(source: string | AsyncIterable<string | Uint8Array>, options?: CsvOptions): Promise<CsvTable | CsvRecords> {
  if (typeof source === "string") {
    if (!fileReader) throw new TypeError("readCsv(path) needs Node's file system; elsewhere pass a stream, or the text to parseCsv");
    return parseCsv(await fileReader(source), options);
  }
  if (source === null || typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function") {
    throw new TypeError("readCsv takes a file path (Node) or an async-iterable stream of text or bytes");
  }
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of source) text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return parseCsv(text + decoder.decode(), options);
}
