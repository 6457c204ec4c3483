import type { CsvFileError } from './errors.ts';

/** The header of DESIGN.md section 3; columns may come in any order, named case-insensitively. */
export const enrolmentColumns = ['email', 'role', 'offers', 'wants', 'languages', 'format'] as const;
/** Used where the provider reports no working hours; either may be absent. */
export const optionalColumns = ['workingDays', 'workingHours'] as const;
export type Column = (typeof enrolmentColumns)[number] | (typeof optionalColumns)[number];

/**
 * Header names a spreadsheet may use for each column, English first, then the
 * French ones HR's template offers. Compared without case, accents, spaces,
 * dashes or underscores: "E-mail", "Rôle" and "working_days" all match.
 */
export const columnNames: Record<Column, readonly string[]> = {
  email: ['email', 'courriel', 'mail', 'adresse e-mail'],
  role: ['role', 'rôle'],
  offers: ['offers', 'propose', 'thèmes proposés'],
  wants: ['wants', 'souhaite', 'thèmes souhaités'],
  languages: ['languages', 'langues'],
  format: ['format'],
  workingDays: ['workingDays', 'jours'],
  workingHours: ['workingHours', 'horaires'],
};

/** The French header the template writes; the English one is the column keys themselves. */
export const frenchHeader: Record<Column, string> = {
  email: 'courriel',
  role: 'rôle',
  offers: 'propose',
  wants: 'souhaite',
  languages: 'langues',
  format: 'format',
  workingDays: 'jours',
  workingHours: 'horaires',
};

/** A header cell longer than this is not a column name; it is not echoed back whole either. */
const maxHeaderNameChars = 64;

const canonical = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const byName = new Map<string, Column>(
  (Object.entries(columnNames) as [Column, readonly string[]][]).flatMap(([column, names]) => names.map((n) => [canonical(n), column] as const)),
);

/** Where each column sits in a record; optional columns may be missing. */
export type HeaderIndex = Record<(typeof enrolmentColumns)[number], number> & Partial<Record<(typeof optionalColumns)[number], number>>;

export function readHeader(names: readonly string[]): { index: HeaderIndex; width: number } | CsvFileError {
  const expected = enrolmentColumns.join(',');
  const positions = new Map<Column, number>();
  const unknown: string[] = [];
  for (const [i, raw] of names.entries()) {
    const name = raw.trim();
    if (name.length > maxHeaderNameChars) {
      return {
        code: 'CSV_HEADER_TOO_LONG',
        message: `header cell ${i + 1} holds ${name.length} characters; a column name is at most ${maxHeaderNameChars}. The first line must be the header ${expected}`,
        params: { cell: i + 1, length: name.length, limit: maxHeaderNameChars, expected },
      };
    }
    const column = byName.get(canonical(name));
    if (column === undefined) {
      unknown.push(name.toLowerCase());
      continue;
    }
    if (positions.has(column)) {
      return {
        code: 'CSV_DUPLICATE_COLUMN',
        message: `column "${name.toLowerCase()}" appears twice in the header; it must be ${expected}`,
        params: { column: name.toLowerCase(), expected },
      };
    }
    positions.set(column, i);
  }
  const missing = enrolmentColumns.filter((c) => !positions.has(c));
  const [firstUnknown] = unknown;
  const [firstMissing] = missing;
  if (firstUnknown !== undefined) {
    const hint = unknown.length === 1 && firstMissing !== undefined && missing.length === 1 ? `: did you mean "${firstMissing}"?` : '';
    return {
      code: 'CSV_UNKNOWN_COLUMN',
      message: `column "${firstUnknown}" is not expected${hint}; the header must be ${expected}`,
      params: hint === '' ? { column: firstUnknown, expected } : { context: 'suggest', column: firstUnknown, suggestion: firstMissing ?? '', expected },
    };
  }
  if (firstMissing !== undefined) {
    return { code: 'CSV_MISSING_COLUMN', message: `column "${firstMissing}" is missing; the header must be ${expected}`, params: { column: firstMissing, expected } };
  }
  const at = (c: Column): number => positions.get(c) ?? 0;
  const index: HeaderIndex = {
    email: at('email'),
    role: at('role'),
    offers: at('offers'),
    wants: at('wants'),
    languages: at('languages'),
    format: at('format'),
  };
  for (const c of optionalColumns) {
    const position = positions.get(c);
    if (position !== undefined) index[c] = position;
  }
  return { index, width: names.length };
}
