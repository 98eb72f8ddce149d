// A whole CSV file (or standard input) as rows of objects for a pipeline: number columns as numbers,
// text columns (a colour, a city) as strings. At training the kind of each column is detected: a
// column is text when most of its filled cells are not numbers; in a number column a cell that is
// not one is an error naming its line and column (a typo, not a category). For test and predict the
// kinds are the model's, and only the model's columns are read. Errors name the file and the line where the faulty record starts.

import { parse } from "csv-parse/sync";
import type { Label, RecordRow } from "../api.js";
import { inputName, readText, type Io } from "./io.js";

/** A CSV table read for a pipeline. */
export interface CsvRows {
  /** The feature columns (every column but the target), in file order. */
  featureNames: string[];
  /** The feature columns that hold text (their cells are strings), in file order. */
  textColumns: string[];
  /** One object per data row: column name → number, or string in a text column. */
  rows: RecordRow[];
  /** The target column's cells (numbers when every one is a number), or undefined without a target. */
  y: Label[] | undefined;
}

/** How to read the file: its target column (optional for a file to predict on), and the text columns when the model knows them. */
export interface ReadOptions {
  target: string | undefined;
  /** A file without the target column is read as features only. @default false */
  targetOptional?: boolean;
  /** The text columns, as the model was trained; undefined to detect them. */
  textColumns?: readonly string[];
  /** The model's feature columns: the file's other columns are left unread. @default every column but the target */
  columns?: readonly string[];
}

/** A parsed record and the line it ends on. */
interface Parsed {
  record: string[];
  info: { lines: number };
}

/** The CSV at `path` ("-": standard input) as rows of objects and target cells. */
export async function readRows(path: string, io: Io, options: ReadOptions): Promise<CsvRows> {
  const text = await readText(path, io);
  const name = inputName(path);
  try {
    return tableOf(parseRecords(text), options);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
  }
}

/** Every record with its line; an unclosed quote is reported at the line its record starts on. */
function parseRecords(text: string): Parsed[] {
  let last = { lines: 0, empty_lines: 0 };
  try {
    return parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      on_record: (record, context) => ((last = { lines: context.lines, empty_lines: context.empty_lines }), record),
    }) as unknown as Parsed[];
  } catch (cause) {
    // csv-parse stops at the end of the text for an unclosed quote: the record starts on the line
    // after the last good one, past the empty lines between them.
    const e = cause as { code?: string; lines?: number; empty_lines?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") {
      const start = last.lines + 1 + (e.empty_lines ?? 0) - last.empty_lines;
      throw new Error(`CSV line ${start}: a quote opened in this record is not closed by the end of the file (line ${e.lines})`, { cause });
    }
    throw new Error(`CSV line ${e.lines ?? "?"}: ${(cause as Error).message}`, { cause });
  }
}

function tableOf(parsed: Parsed[], options: ReadOptions): CsvRows {
  if (parsed.length === 0) throw new Error("has no rows (the file is empty)");
  const names = parsed[0]!.record;
  const twice = names.find((name, c) => names.indexOf(name) !== c);
  if (twice !== undefined) throw new Error(`the header names the column ${JSON.stringify(twice)} twice: columns need distinct names`);
  const body = parsed.slice(1);
  if (body.length === 0) throw new Error("has no rows, only the header");
  for (const { record, info } of body)
    if (record.length !== names.length) throw new Error(`CSV line ${info.lines} has ${record.length} fields, expected ${names.length}`);
  let labelAt = options.target === undefined ? -1 : names.indexOf(options.target);
  if (labelAt < 0 && options.target !== undefined && !options.targetOptional)
    throw new Error(`has no column ${JSON.stringify(options.target)} (columns: ${names.join(", ")})`);
  const featureAt = names.map((_, c) => c).filter((c) => c !== labelAt && (options.columns?.includes(names[c]!) ?? true));
  const text = new Set(options.textColumns ?? featureAt.filter((c) => isTextColumn(body, c)).map((c) => names[c]!));
  const rows = body.map(({ record, info }) => {
    const row: Record<string, number | string> = {};
    for (const c of featureAt) {
      const cell = record[c]!;
      if (text.has(names[c]!)) row[names[c]!] = cell;
      else {
        const v = Number(cell);
        if (cell === "" || !Number.isFinite(v))
          throw new Error(`CSV line ${info.lines}, column ${JSON.stringify(names[c])}: ${JSON.stringify(cell)} is not a finite number`);
        row[names[c]!] = v;
      }
    }
    return row;
  });
  let y: Label[] | undefined;
  if (labelAt >= 0) {
    const raw = body.map(({ record }) => record[labelAt]!);
    y = raw.every((v) => v !== "" && Number.isFinite(Number(v))) ? raw.map(Number) : raw;
  }
  return {
    featureNames: featureAt.map((c) => names[c]!),
    textColumns: featureAt.map((c) => names[c]!).filter((n) => text.has(n)),
    rows,
    y,
  };
}

/** A column is text when more than half of its filled cells are not finite numbers. */
function isTextColumn(body: readonly Parsed[], c: number): boolean {
  let filled = 0;
  let words = 0;
  for (const { record } of body) {
    const cell = record[c]!;
    if (cell === "") continue;
    filled++;
    if (!Number.isFinite(Number(cell))) words++;
  }
  return words * 2 > filled;
}
