import type { MessageParams } from '../model/schema.ts';

/**
 * Stable codes for what can go wrong when importing the enrolment CSV.
 * File-level codes stop the import; row-level codes reject one row and the
 * other rows still load.
 */
export const csvFileErrorCodes = [
  'CSV_EMPTY',
  'CSV_NO_ROWS',
  'CSV_TOO_LARGE',
  'CSV_MISSING_COLUMN',
  'CSV_UNKNOWN_COLUMN',
  'CSV_DUPLICATE_COLUMN',
  'CSV_HEADER_TOO_LONG',
  'FILE_ENCODING_UNKNOWN',
  'XLSX_UNREADABLE',
] as const;
export type CsvFileErrorCode = (typeof csvFileErrorCodes)[number];

export const csvRowErrorCodes = [
  'CSV_MALFORMED',
  'CSV_COLUMN_COUNT',
  'CSV_CELL_TOO_LONG',
  'CSV_BAD_EMAIL',
  'CSV_UNKNOWN_PERSON',
  'CSV_BAD_ROLE',
  'CSV_UNKNOWN_THEME',
  'CSV_NO_OFFERS',
  'CSV_NO_WANTS',
  'CSV_BAD_LANGUAGE',
  'CSV_BAD_FORMAT',
  'CSV_DUPLICATE',
  'CSV_ROLE_CONFLICT',
  'CSV_BAD_WORKING_DAYS',
  'CSV_BAD_WORKING_HOURS',
] as const;
export type CsvRowErrorCode = (typeof csvRowErrorCodes)[number];

export interface CsvFileError {
  code: CsvFileErrorCode;
  /** English words, for automation and the scenario report. */
  message: string;
  /** The facts each edge words the refusal from (group `error`, key CSV_FILE_INVALID_<code>[_<context>]). */
  params: MessageParams;
}

/** One row left out of the import; `line` is the physical line where the record starts (1 = header). */
export interface RejectedRow {
  line: number;
  field: string | null;
  code: CsvRowErrorCode;
  /** The facts each edge words the reason from (see `contract/messages/`); rows refused for the same cause share them. */
  params: MessageParams;
}
