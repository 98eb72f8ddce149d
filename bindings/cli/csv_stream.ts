// The command line's CSV input for files larger than memory (--stream): record by record, numeric
// feature columns and the target. Every error names the file, and the line where the faulty record
// starts; a file without data rows is "has no rows"; file-system errors read as words, never as a
// stack trace.

import { createReadStream } from "node:fs";
import { parse, CsvError } from "csv-parse";
import { fileError } from "./io.js";

/** One data record: its feature values, its target cell and the line it ends on. */
export interface CsvRecord {
  names: string[];
  x: number[];
  label: string | number;
  line: number;
}

/** Numeric feature columns and the target, record by record, from a CSV file of any size. */
export async function* records(path: string, target: string): AsyncGenerator<CsvRecord> {
  let names: string[] | null = null;
  let featureNames: string[] = [];
  let labelAt = -1;
  for await (const { record, info } of rows(path)) {
    if (!names) {
      names = record;
      const twice = names.find((name, c) => names!.indexOf(name) !== c);
      if (twice !== undefined)
        throw new Error(`${path}: the header names the column ${JSON.stringify(twice)} twice: columns need distinct names`);
      labelAt = names.indexOf(target);
      if (labelAt < 0) throw new Error(`${path}: has no column ${JSON.stringify(target)} (columns: ${names.join(", ")})`);
      featureNames = names.filter((_, c) => c !== labelAt);
      continue;
    }
    if (record.length !== names.length)
      throw new Error(`${path}: CSV line ${info.lines} has ${record.length} fields, expected ${names.length}`);
    const x: number[] = [];
    for (let c = 0; c < record.length; c++) {
      if (c === labelAt) continue;
      const v = Number(record[c]);
      if (record[c] === "" || !Number.isFinite(v))
        throw new Error(
          `${path}: CSV line ${info.lines}, column ${JSON.stringify(names[c])}: ${JSON.stringify(record[c])} is not a finite number`,
        );
      x.push(v);
    }
    const raw = record[labelAt]!;
    yield { names: featureNames, x, label: raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw, line: info.lines };
  }
  if (!names) throw new Error(`${path}: has no rows (the file is empty)`);
}

interface RecordInfo {
  lines: number;
  empty_lines: number;
}

/**
 * The file's records as csv-parse reads them, the file closed when the caller stops.
 * A read or parse error becomes an Error naming the file; a parse error names the line where the
 * faulty record starts (csv-parse reports where it stopped: the end of the file for an unclosed quote).
 */
async function* rows(path: string): AsyncGenerator<{ record: string[]; info: RecordInfo }> {
  const input = createReadStream(path);
  const parser = parse({ bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  // pipe() does not pass a read error on: without this, a missing file is an unhandled 'error' event.
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  const iterator = (parser as AsyncIterable<{ record: string[]; info: RecordInfo }>)[Symbol.asyncIterator]();
  let last: RecordInfo = { lines: 0, empty_lines: 0 };
  try {
    for (;;) {
      let step: IteratorResult<{ record: string[]; info: RecordInfo }>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw new Error(`${path}: ${readError(error, last)}`, { cause: error });
      }
      if (step.done) return;
      last = step.value.info;
      yield step.value;
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** A read or csv-parse error in words; `last` is the info of the last record read before it. */
function readError(error: unknown, last: RecordInfo): string {
  if (!(error instanceof CsvError)) return fileError(error);
  const e = error as CsvError & { lines?: number; empty_lines?: number };
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    // csv-parse stops at the end of the file: the faulty record starts on the line after the last
    // good one, past the empty lines between them.
    const start = last.lines + 1 + (e.empty_lines ?? 0) - last.empty_lines;
    return `CSV line ${start}: a quote opened in this record is not closed by the end of the file (line ${e.lines})`;
  }
  return `CSV line ${e.lines}: ${e.message}`;
}
