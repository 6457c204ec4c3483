import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import type { RejectedRow } from './errors.ts';
import { failed, validateRecords, type EnrolmentCsvContext, type EnrolmentImport, type SourceRecord } from './rows.ts';

/** Well above a 100,000-person tenant's export; past it the file is refused before parsing. */
export const defaultMaxCsvChars = 32 * 1024 * 1024;

/** Characters handed to the CSV parser at once, between two pauses of a step-wise import. */
const charsPerStep = 128 * 1024;

export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter of the header line: the most frequent of comma, semicolon and
 * tab outside quotes (French Excel saves "CSV" with semicolons); comma on a tie.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      // Blank lines before the header are skipped; the header's own line break ends the count.
      if (started) break;
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
    if (c !== '\n' && c !== '\r' && c !== ' ') started = true;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Inside a cell, lists are split on `;`; when `;` separates the cells, on `,` or `|`. */
export function listSeparatorsFor(delimiter: Delimiter): string | RegExp {
  return delimiter === ';' ? /[,|]/ : ';';
}

export function parseEnrolmentCsv(text: string, context: EnrolmentCsvContext): EnrolmentImport {
  const steps = enrolmentCsvSteps(text, context);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The whole import as steps: each `yield` is a pause after a slice of the
 * file was parsed or a few thousand rows were checked, so a service can let
 * other requests run between them. Same result as `parseEnrolmentCsv`.
 */
export function* enrolmentCsvSteps(text: string, context: EnrolmentCsvContext): Generator<void, EnrolmentImport> {
  const maxChars = context.maxChars ?? defaultMaxCsvChars;
  if (text.length > maxChars) {
    return failed('CSV_TOO_LARGE', `the file holds ${text.length} characters; the limit is ${maxChars}`, { length: text.length, limit: maxChars });
  }
  // csv-parse counts a CRLF inside quotes as two lines; one line ending keeps line numbers physical.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(body);
  const rejected: RejectedRow[] = [];
  const records = yield* readRecords(body, delimiter, rejected);
  return yield* validateRecords(records, context, listSeparatorsFor(delimiter), rejected);
}

/**
 * Parses the text slice by slice. A slice ends after a line break preceded by
 * an even number of quotes, so no quoted field is cut in two; a stray quote
 * only makes the slice longer.
 */
function* readRecords(body: string, delimiter: Delimiter, rejected: RejectedRow[]): Generator<void, SourceRecord[]> {
  const records: SourceRecord[] = [];
  let from = 0;
  let linesBefore = 0;
  while (from < body.length) {
    const to = sliceEnd(body, from);
    const slice = body.slice(from, to);
    readSlice(slice, delimiter, linesBefore, records, rejected);
    linesBefore += countLineBreaks(slice);
    from = to;
    if (from < body.length) yield;
  }
  return records;
}

function sliceEnd(body: string, from: number): number {
  const target = from + charsPerStep;
  if (target >= body.length) return body.length;
  let quotes = 0;
  let at = from;
  for (;;) {
    const quote = body.indexOf('"', at);
    const newline = body.indexOf('\n', Math.max(at, target));
    if (newline === -1) return body.length;
    if (quote !== -1 && quote < newline) {
      quotes++;
      at = quote + 1;
      continue;
    }
    if (quotes % 2 === 0) return newline + 1;
    at = newline + 1;
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function readSlice(slice: string, delimiter: Delimiter, linesBefore: number, records: SourceRecord[], rejected: RejectedRow[]): void {
  let lastLine = linesBefore;
  parse(slice, {
    delimiter,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (record: string[], info) => {
      const endLine = linesBefore + info.lines;
      lastLine = endLine;
      records.push({ record, line: startLine(record, endLine) });
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      if (error === undefined) return undefined;
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : linesBefore + Number(error.lines ?? lastLine - linesBefore + 1);
      const context = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed' : 'misplaced';
      // One broken record can raise several quote errors; the person needs one line to fix.
      if (rejected.at(-1)?.line !== line) {
        rejected.push({ line, field: null, code: 'CSV_MALFORMED', params: { context } });
      }
      return undefined;
    },
  });
}

/** csv-parse reports the line a record ends on; newlines kept inside quoted fields tell how far back it started. */
function startLine(record: string[], endLine: number): number {
  let inner = 0;
  for (const field of record) inner += countLineBreaks(field);
  return endLine - inner;
}
