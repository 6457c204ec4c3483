import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import { meetingFormats, roles } from '../model/schema.ts';
import type { Enrolment, MeetingFormat, Role } from '../model/schema.ts';
import type { CsvFileError, CsvRowErrorCode, RejectedRow } from './errors.ts';
import { canonicalLanguage } from '../model/language.ts';

/** The header of DESIGN.md section 3; columns may come in any order, named case-insensitively. */
export const enrolmentColumns = ['email', 'role', 'offers', 'wants', 'languages', 'format'] as const;
type Column = (typeof enrolmentColumns)[number];

/** Well above a 100,000-person tenant's export; past it the file is refused before parsing. */
export const defaultMaxCsvChars = 32 * 1024 * 1024;

export interface EnrolmentCsvContext {
  /** Lower-case emails of the directory. */
  knownEmails: ReadonlySet<string>;
  /** Lower-case theme keys of the catalogue, in the order they are shown to people. */
  themes: ReadonlySet<string>;
  /** Enrolments the cohort already holds: an identical row is a duplicate, a changed one replaces it. */
  existing?: readonly Enrolment[];
  maxChars?: number;
}

export interface EnrolmentImport {
  /** One per person, in file order; a person already in `existing` with other answers appears here to replace them. */
  enrolments: Enrolment[];
  /** Sorted by line. */
  rejected: RejectedRow[];
  /** Set when the file as a whole cannot be read; then nothing loads. */
  fileError: CsvFileError | null;
}

interface ParsedRecord {
  record: string[];
  /** Physical line the record ends on. */
  endLine: number;
}

class RowError {
  constructor(
    readonly code: CsvRowErrorCode,
    readonly field: Column | null,
    readonly detail: string,
  ) {}
}


export function parseEnrolmentCsv(text: string, context: EnrolmentCsvContext): EnrolmentImport {
  const maxChars = context.maxChars ?? defaultMaxCsvChars;
  if (text.length > maxChars) {
    return failed('CSV_TOO_LARGE', `the file holds ${text.length} characters; the limit is ${maxChars}`);
  }
  const rejected: RejectedRow[] = [];
  const records = readRecords(text, rejected);
  const headerRecord = records[0];
  if (headerRecord === undefined) {
    return failed('CSV_EMPTY', `the file is empty; its first line must be the header ${enrolmentColumns.join(',')}`);
  }
  const header = readHeader(headerRecord.record);
  if ('code' in header) return { enrolments: [], rejected: [], fileError: header };
  if (records.length === 1 && rejected.length === 0) {
    return failed('CSV_NO_ROWS', 'the file has a header but no rows');
  }

  const rows = new RowReader(header, context);
  const enrolments: Enrolment[] = [];
  for (let i = 1; i < records.length; i++) {
    const parsed = records[i] as ParsedRecord;
    const line = startLine(parsed);
    const result = rows.read(parsed.record, line);
    if (result instanceof RowError) {
      rejected.push({ line, field: result.field, code: result.code, reason: sentence(line, result.field, result.detail) });
    } else if (result !== null) {
      enrolments.push(result);
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { enrolments, rejected, fileError: null };
}

function failed(code: CsvFileError['code'], message: string): EnrolmentImport {
  return { enrolments: [], rejected: [], fileError: { code, message } };
}

function sentence(line: number, field: string | null, detail: string): string {
  return field === null ? `line ${line}: ${detail}` : `line ${line}, field ${field}: ${detail}`;
}

function readRecords(text: string, rejected: RejectedRow[]): ParsedRecord[] {
  // csv-parse counts a CRLF inside quotes as two lines; one line ending keeps line numbers physical.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  let lastLine = 0;
  const records: ParsedRecord[] = [];
  parse(body, {
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (record: string[], info) => {
      lastLine = info.lines;
      records.push({ record, endLine: info.lines });
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      if (error === undefined) return undefined;
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : Number(error.lines ?? lastLine + 1);
      const detail =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote opened here is never closed, so the rest of the file could not be read'
          : 'quotes are misplaced; a field holding a quote must be wrapped in quotes, with the inner quote doubled ("")';
      // One broken record can raise several quote errors; the person needs one line to fix.
      if (rejected.at(-1)?.line !== line) {
        rejected.push({ line, field: null, code: 'CSV_MALFORMED', reason: sentence(line, null, detail) });
      }
      return undefined;
    },
  });
  return records;
}

/** csv-parse reports the line a record ends on; newlines kept inside quoted fields tell how far back it started. */
function startLine(parsed: ParsedRecord): number {
  let inner = 0;
  for (const field of parsed.record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) inner++;
  }
  return parsed.endLine - inner;
}

function readHeader(names: string[]): Record<Column, number> | CsvFileError {
  const expected = enrolmentColumns.join(',');
  const normalised = names.map((n) => n.trim().toLowerCase());
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  for (const [i, name] of normalised.entries()) {
    if (positions.has(name)) {
      return { code: 'CSV_DUPLICATE_COLUMN', message: `column "${name}" appears twice in the header; it must be ${expected}` };
    }
    positions.set(name, i);
    if (!(enrolmentColumns as readonly string[]).includes(name)) unknown.push(name);
  }
  const missing = enrolmentColumns.filter((c) => !positions.has(c));
  const [firstUnknown] = unknown;
  const [firstMissing] = missing;
  if (firstUnknown !== undefined) {
    const hint = unknown.length === 1 && firstMissing !== undefined && missing.length === 1 ? `: did you mean "${firstMissing}"?` : '';
    return {
      code: 'CSV_UNKNOWN_COLUMN',
      message: `column "${firstUnknown}" is not expected${hint}; the header must be ${expected}`,
    };
  }
  if (firstMissing !== undefined) {
    return { code: 'CSV_MISSING_COLUMN', message: `column "${firstMissing}" is missing; the header must be ${expected}` };
  }
  const index = {} as Record<Column, number>;
  for (const c of enrolmentColumns) index[c] = positions.get(c) ?? 0;
  return index;
}

class RowReader {
  private readonly accepted = new Map<string, { line: number; role: Role }>();
  private readonly existing = new Map<string, Enrolment>();
  private readonly themeAdvice = new Map<string, string>();
  private readonly languageCodes = new Map<string, string | null>();
  private readonly columnCount: number;

  constructor(
    private readonly column: Record<Column, number>,
    private readonly context: EnrolmentCsvContext,
  ) {
    this.columnCount = enrolmentColumns.length;
    for (const e of context.existing ?? []) this.existing.set(e.email, e);
  }

  read(record: string[], line: number): Enrolment | RowError | null {
    if (record.length !== this.columnCount) {
      return new RowError(
        'CSV_COLUMN_COUNT',
        null,
        `expected ${this.columnCount} fields (${enrolmentColumns.join(', ')}), found ${record.length}`,
      );
    }
    const cell = (c: Column): string => record[this.column[c]] ?? '';

    const rawEmail = cell('email');
    if (rawEmail === '') return new RowError('CSV_BAD_EMAIL', 'email', 'the email is empty');
    const email = rawEmail.toLowerCase();
    // The regex the model's Email schema applies, without a zod parse per row of a large file.
    if (!z.regexes.email.test(email)) return new RowError('CSV_BAD_EMAIL', 'email', `"${rawEmail}" is not an email address`);
    if (!this.context.knownEmails.has(email)) {
      return new RowError('CSV_UNKNOWN_PERSON', 'email', `nobody in the directory has the email ${email}`);
    }

    const rawRole = cell('role').toLowerCase();
    if (!(roles as readonly string[]).includes(rawRole)) {
      return new RowError('CSV_BAD_ROLE', 'role', `role must be mentor or mentee, found "${cell('role')}"`);
    }
    const role = rawRole as Role;

    const earlier = this.accepted.get(email);
    if (earlier !== undefined) {
      return earlier.role === role
        ? new RowError('CSV_DUPLICATE', 'email', `${email} is already enrolled on line ${earlier.line}; a person enrols once per cohort`)
        : new RowError(
            'CSV_ROLE_CONFLICT',
            'role',
            `${email} already enrolled as ${earlier.role} on line ${earlier.line}; a person takes one role per cohort`,
          );
    }
    const before = this.existing.get(email);
    if (before !== undefined && before.role !== role) {
      return new RowError(
        'CSV_ROLE_CONFLICT',
        'role',
        `${email} is already enrolled in this cohort as ${before.role}; a person takes one role per cohort`,
      );
    }

    const offers = this.themes(cell('offers'), 'offers');
    if (offers instanceof RowError) return offers;
    const wants = this.themes(cell('wants'), 'wants');
    if (wants instanceof RowError) return wants;
    if (role === 'mentor' && offers.length === 0) {
      return new RowError('CSV_NO_OFFERS', 'offers', 'a mentor must offer at least one theme');
    }
    if (role === 'mentee' && wants.length === 0) {
      return new RowError('CSV_NO_WANTS', 'wants', 'a mentee must want at least one theme');
    }
    const languages = this.languages(cell('languages'));
    if (languages instanceof RowError) return languages;
    const format = readFormat(cell('format'));
    if (format instanceof RowError) return format;

    const enrolment: Enrolment = { email: email, role, offers, wants, languages, format };
    if (before !== undefined && sameAnswers(before, enrolment)) {
      return new RowError('CSV_DUPLICATE', 'email', `${email} is already enrolled in this cohort with the same answers`);
    }
    this.accepted.set(email, { line, role });
    return enrolment;
  }

  private themes(value: string, field: 'offers' | 'wants'): string[] | RowError {
    const keys = splitList(value).map((k) => k.replace(/[\s_]+/g, '-'));
    const unknown = keys.filter((k) => !this.context.themes.has(k));
    const [first] = unknown;
    if (first === undefined) return keys;
    const named = unknown.map((k) => `"${k}"`).join(', ');
    return new RowError(
      'CSV_UNKNOWN_THEME',
      field,
      `unknown theme${unknown.length > 1 ? 's' : ''} ${named}${this.adviceFor(first)}`,
    );
  }

  private adviceFor(theme: string): string {
    const cached = this.themeAdvice.get(theme);
    if (cached !== undefined) return cached;
    const known = [...this.context.themes];
    const tolerance = Math.min(2, Math.floor(theme.length / 3));
    const close = known.find((k) => editDistance(k, theme) <= tolerance);
    const shown = known.slice(0, 6).join(', ');
    const list = known.length > 6 ? `${shown}, … (${known.length} in all)` : shown;
    const advice = close !== undefined ? `; did you mean "${close}"?` : `; known themes: ${list}`;
    this.themeAdvice.set(theme, advice);
    return advice;
  }

  private languages(value: string): string[] | RowError {
    const codes: string[] = [];
    for (const raw of splitList(value)) {
      const code = this.languageCode(raw);
      if (code === null) {
        return new RowError('CSV_BAD_LANGUAGE', 'languages', `unknown language code "${raw}"; use ISO 639 codes such as fr, en, es`);
      }
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  }

  private languageCode(raw: string): string | null {
    const cached = this.languageCodes.get(raw);
    if (cached !== undefined) return cached;
    const code = canonicalLanguage(raw);
    this.languageCodes.set(raw, code);
    return code;
  }
}

function readFormat(value: string): MeetingFormat | RowError {
  // An empty answer is "no preference", which is what `either` means.
  if (value === '') return 'either';
  const format = value.toLowerCase().replace(/[\s_]+/g, '-');
  if ((meetingFormats as readonly string[]).includes(format)) return format as MeetingFormat;
  return new RowError('CSV_BAD_FORMAT', 'format', `format must be in-person, video or either, found "${value}"`);
}

function splitList(value: string): string[] {
  const items: string[] = [];
  for (const part of value.split(';')) {
    const item = part.trim().toLowerCase();
    if (item !== '' && !items.includes(item)) items.push(item);
  }
  return items;
}

function sameAnswers(a: Enrolment, b: Enrolment): boolean {
  const sameSet = (x: readonly string[], y: readonly string[]): boolean =>
    x.length === y.length && x.every((v) => y.includes(v));
  return (
    a.role === b.role &&
    a.format === b.format &&
    sameSet(a.offers, b.offers) &&
    sameSet(a.wants, b.wants) &&
    sameSet(a.languages, b.languages)
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
