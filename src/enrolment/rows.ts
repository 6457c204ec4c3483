import { z } from 'zod';
import { meetingFormats, roles } from '../model/schema.ts';
import type { DeclaredHours, Enrolment, MeetingFormat, MessageParams, Role } from '../model/schema.ts';
import { canonicalLanguage } from '../model/language.ts';
import type { CsvFileError, CsvRowErrorCode, RejectedRow } from './errors.ts';
import { enrolmentColumns, readHeader, type Column, type HeaderIndex } from './columns.ts';
import { closestKey } from './suggest.ts';
import { readDays, readHours } from './hours.ts';

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

/** One record of the file and the physical line it starts on (1 = header). */
export interface SourceRecord {
  record: string[];
  line: number;
}

/**
 * The longest cell a row may hold: every theme of a large catalogue fits many
 * times over; past it the cell is refused before anything reads it.
 */
export const maxCellChars = 1000;

/** Rows validated between two pauses of a step-wise import. */
const rowsPerStep = 1000;

class RowError {
  constructor(
    readonly code: CsvRowErrorCode,
    readonly field: Column | null,
    readonly params: MessageParams = {},
  ) {}
}

/** A piece of what someone typed, short enough to quote in a reason (quoted as typed, in every language). */
export function quoted(value: string): string {
  return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
}

/**
 * Validates records (the header first) into enrolments, pausing (yield) every
 * few thousand rows so a caller can let other work run. `rejected` may already
 * hold rows the reader of the file refused; the result holds them too.
 */
export function* validateRecords(
  records: readonly SourceRecord[],
  context: EnrolmentCsvContext,
  listSeparators: string | RegExp,
  rejected: RejectedRow[],
): Generator<void, EnrolmentImport> {
  const headerRecord = records[0];
  if (headerRecord === undefined) {
    return failed('CSV_EMPTY', `the file is empty; its first line must be the header ${enrolmentColumns.join(',')}`, { expected: enrolmentColumns.join(',') });
  }
  const header = readHeader(headerRecord.record);
  if ('code' in header) return { enrolments: [], rejected: [], fileError: header };
  if (records.length === 1 && rejected.length === 0) return failed('CSV_NO_ROWS', 'the file has a header but no rows');

  const rows = new RowReader(header.index, header.width, context, listSeparators);
  const enrolments: Enrolment[] = [];
  for (let i = 1; i < records.length; i++) {
    if (i % rowsPerStep === 0) yield;
    const { record, line } = records[i] as SourceRecord;
    const result = rows.read(record);
    if (result instanceof RowError) {
      rejected.push({ line, field: result.field, code: result.code, params: result.params });
    } else if (result !== null) {
      rows.accept(result, line);
      enrolments.push(result);
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { enrolments, rejected, fileError: null };
}

export function failed(code: CsvFileError['code'], message: string, params: MessageParams = {}): EnrolmentImport {
  return { enrolments: [], rejected: [], fileError: { code, message, params } };
}

class RowReader {
  private readonly accepted = new Map<string, { line: number; role: Role }>();
  private readonly existing = new Map<string, Enrolment>();
  private readonly themeAdvice = new Map<string, MessageParams>();
  private readonly languageCodes = new Map<string, string | null>();
  private readonly columnOf: [Column, number][];

  constructor(
    private readonly column: HeaderIndex,
    private readonly columnCount: number,
    private readonly context: EnrolmentCsvContext,
    private readonly listSeparators: string | RegExp,
  ) {
    for (const e of context.existing ?? []) this.existing.set(e.email, e);
    this.columnOf = (Object.entries(column) as [Column, number][]).sort((a, b) => a[1] - b[1]);
  }

  accept(enrolment: Enrolment, line: number): void {
    this.accepted.set(enrolment.email, { line, role: enrolment.role });
  }

  read(record: string[]): Enrolment | RowError | null {
    if (record.length !== this.columnCount) {
      return new RowError('CSV_COLUMN_COUNT', null, {
        expected: this.columnCount,
        columns: this.columnOf.map(([c]) => c).join(', '),
        found: record.length,
      });
    }
    for (const [name, at] of this.columnOf) {
      const length = (record[at] ?? '').length;
      if (length > maxCellChars) {
        return new RowError('CSV_CELL_TOO_LONG', name, { length, limit: maxCellChars });
      }
    }
    const cell = (c: Column): string => {
      const at = this.column[c];
      return at === undefined ? '' : (record[at] ?? '');
    };

    const rawEmail = cell('email');
    if (rawEmail === '') return new RowError('CSV_BAD_EMAIL', 'email', { context: 'empty' });
    const email = rawEmail.toLowerCase();
    // The regex the model's Email schema applies, without a zod parse per row of a large file.
    if (!z.regexes.email.test(email)) return new RowError('CSV_BAD_EMAIL', 'email', { context: 'shape', value: quoted(rawEmail) });
    if (!this.context.knownEmails.has(email)) {
      return new RowError('CSV_UNKNOWN_PERSON', 'email', { email });
    }

    const rawRole = cell('role').toLowerCase();
    if (!(roles as readonly string[]).includes(rawRole)) {
      return new RowError('CSV_BAD_ROLE', 'role', { value: quoted(cell('role')) });
    }
    const role = rawRole as Role;

    const earlier = this.accepted.get(email);
    if (earlier !== undefined) {
      return earlier.role === role
        ? new RowError('CSV_DUPLICATE', 'email', { context: 'file', email, line: earlier.line })
        : new RowError('CSV_ROLE_CONFLICT', 'role', { context: 'file', email, role: earlier.role, line: earlier.line });
    }
    const before = this.existing.get(email);
    if (before !== undefined && before.role !== role) {
      return new RowError('CSV_ROLE_CONFLICT', 'role', { context: 'cohort', email, role: before.role });
    }

    const offers = this.themes(cell('offers'), 'offers');
    if (offers instanceof RowError) return offers;
    const wants = this.themes(cell('wants'), 'wants');
    if (wants instanceof RowError) return wants;
    if (role === 'mentor' && offers.length === 0) {
      return new RowError('CSV_NO_OFFERS', 'offers');
    }
    if (role === 'mentee' && wants.length === 0) {
      return new RowError('CSV_NO_WANTS', 'wants');
    }
    const languages = this.languages(cell('languages'));
    if (languages instanceof RowError) return languages;
    const format = readFormat(cell('format'));
    if (format instanceof RowError) return format;
    const hours = this.workingHours(cell('workingDays'), cell('workingHours'));
    if (hours instanceof RowError) return hours;

    const enrolment: Enrolment = { email, role, offers, wants, languages, format, ...(hours === null ? {} : { workingHours: hours }) };
    if (before !== undefined && sameAnswers(before, enrolment)) {
      return new RowError('CSV_DUPLICATE', 'email', { context: 'cohort', email });
    }
    return enrolment;
  }

  private split(value: string): string[] {
    const items: string[] = [];
    for (const part of value.split(this.listSeparators)) {
      const item = part.trim().toLowerCase();
      if (item !== '' && !items.includes(item)) items.push(item);
    }
    return items;
  }

  private themes(value: string, field: 'offers' | 'wants'): string[] | RowError {
    const keys = this.split(value).map((k) => k.replace(/[\s_]+/g, '-'));
    const unknown = keys.filter((k) => !this.context.themes.has(k));
    const [first] = unknown;
    if (first === undefined) return keys;
    return new RowError('CSV_UNKNOWN_THEME', field, { count: unknown.length, themes: unknown.map(quoted).join(', '), ...this.adviceFor(first) });
  }

  /** The closest theme of the catalogue, or the first few of it when none is close. */
  private adviceFor(theme: string): MessageParams {
    const cached = this.themeAdvice.get(theme);
    if (cached !== undefined) return cached;
    const known = [...this.context.themes];
    const close = closestKey(theme, known, Math.min(2, Math.floor(theme.length / 3)));
    const shown = known.slice(0, 6).join(', ');
    const advice: MessageParams =
      close !== null
        ? { context: 'suggest', suggestion: close }
        : known.length > 6
          ? { context: 'more', known: shown, total: known.length }
          : { context: 'list', known: shown };
    this.themeAdvice.set(theme, advice);
    return advice;
  }

  private languages(value: string): string[] | RowError {
    const codes: string[] = [];
    for (const raw of this.split(value)) {
      const code = this.languageCode(raw);
      if (code === null) {
        return new RowError('CSV_BAD_LANGUAGE', 'languages', { value: quoted(raw) });
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

  /** Both cells empty: no declared hours. Days alone keep 09:00-18:00; hours alone keep Monday to Friday. */
  private workingHours(daysCell: string, hoursCell: string): DeclaredHours | null | RowError {
    if (daysCell.trim() === '' && hoursCell.trim() === '') return null;
    let days: DeclaredHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
    if (daysCell.trim() !== '') {
      const read = readDays(this.split(daysCell));
      if ('unknown' in read) {
        return new RowError('CSV_BAD_WORKING_DAYS', 'workingDays', { value: quoted(read.unknown) });
      }
      days = read.days;
    }
    let hours = { start: '09:00', end: '18:00' };
    if (hoursCell.trim() !== '') {
      const read = readHours(hoursCell);
      if (read === null) {
        return new RowError('CSV_BAD_WORKING_HOURS', 'workingHours', { context: 'shape', value: quoted(hoursCell) });
      }
      if (read.start >= read.end) {
        return new RowError('CSV_BAD_WORKING_HOURS', 'workingHours', { context: 'order', value: quoted(hoursCell) });
      }
      hours = read;
    }
    return { days, ...hours };
  }
}

function readFormat(value: string): MeetingFormat | RowError {
  // An empty answer is "no preference", which is what `either` means.
  if (value === '') return 'either';
  const format = value.toLowerCase().replace(/[\s_]+/g, '-');
  if ((meetingFormats as readonly string[]).includes(format)) return format as MeetingFormat;
  return new RowError('CSV_BAD_FORMAT', 'format', { value: quoted(value) });
}

function sameAnswers(a: Enrolment, b: Enrolment): boolean {
  const sameSet = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((v) => y.includes(v));
  const sameHours =
    a.workingHours === undefined || b.workingHours === undefined
      ? a.workingHours === b.workingHours
      : a.workingHours.start === b.workingHours.start &&
        a.workingHours.end === b.workingHours.end &&
        sameSet(a.workingHours.days, b.workingHours.days);
  return (
    a.role === b.role &&
    a.format === b.format &&
    sameHours &&
    sameSet(a.offers, b.offers) &&
    sameSet(a.wants, b.wants) &&
    sameSet(a.languages, b.languages)
  );
}
