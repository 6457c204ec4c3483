import { describe, expect, it } from 'vitest';
import { parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import type { EnrolmentCsvContext } from '../../src/enrolment/rows.ts';
import { defaultThemes } from '../../src/model/schema.ts';
import type { Enrolment } from '../../src/model/schema.ts';
import { rowReason } from '../support/words.ts';

const header = 'email,role,offers,wants,languages,format';
const context: EnrolmentCsvContext = {
  knownEmails: new Set(['ana.martin@lumen.example', 'paul.durand@lumen.example', 'lea.roux@lumen.example', 'zoe.petit@lumen.example']),
  themes: new Set(defaultThemes),
};

function csv(...rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}

describe('enrolment CSV import', () => {
  it('loads good rows with normalised emails, themes, languages and format', () => {
    const result = parseEnrolmentCsv(
      csv(
        '  Ana.Martin@LUMEN.example ,Mentor,AI; data ;, ,FR;en-GB,Video',
        'paul.durand@lumen.example,mentee,,ai;Collaboration Tools,fra,in person',
      ),
      context,
    );
    expect(result.fileError).toBeNull();
    expect(result.rejected).toEqual([]);
    expect(result.enrolments).toEqual<Enrolment[]>([
      { email: 'ana.martin@lumen.example', role: 'mentor', offers: ['ai', 'data'], wants: [], languages: ['fr', 'en'], format: 'video' },
      { email: 'paul.durand@lumen.example', role: 'mentee', offers: [], wants: ['ai', 'collaboration-tools'], languages: ['fr'], format: 'in-person' },
    ]);
  });

  it('tolerates a byte order mark, CRLF line endings and an upper-case header in another order', () => {
    const text = '\ufeff Role ,EMAIL,Offers,Wants,Languages,Format\r\nmentor,ana.martin@lumen.example,ai,,fr,either\r\n';
    const result = parseEnrolmentCsv(text, context);
    expect(result.fileError).toBeNull();
    expect(result.enrolments.map((e) => [e.email, e.role])).toEqual([['ana.martin@lumen.example', 'mentor']]);
  });

  it('reports the physical line where a record starts when quoted fields hold commas and newlines', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        header,
        'ana.martin@lumen.example,mentor,"ai;',
        'data",,"fr,en",video',
        '',
        'paul.durand@lumen.example,mentee,,"ai;',
        '',
        'blockchain",fr,video',
        'nobody@lumen.example,mentee,,ai,fr,video',
      ].join(eol);
      const result = parseEnrolmentCsv(text, context);
      expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
        [2, 'CSV_BAD_LANGUAGE'],
        [5, 'CSV_UNKNOWN_THEME'],
        [8, 'CSV_UNKNOWN_PERSON'],
      ]);
    }
  });

  it('names the unknown theme and the known ones, and still loads the good rows', () => {
    const result = parseEnrolmentCsv(
      csv('ana.martin@lumen.example,mentor,ai;blockchain,,fr,video', 'paul.durand@lumen.example,mentee,,data,fr,video'),
      context,
    );
    expect(result.rejected.map((r) => [r.line, r.field, r.code, rowReason(r)])).toEqual([
      [
        2,
        'offers',
        'CSV_UNKNOWN_THEME',
        'line 2, field offers: unknown theme "blockchain"; known themes: ai, automation, collaboration-tools, social-networks, personal-branding, data, … (14 in all)',
      ],
    ]);
    expect(result.enrolments.map((e) => e.email)).toEqual(['paul.durand@lumen.example']);
  });

  it('suggests the closest theme for a misspelt one', () => {
    const result = parseEnrolmentCsv(csv('paul.durand@lumen.example,mentee,,automaton,fr,video'), context);
    expect(rowReason(result.rejected[0])).toBe('line 2, field wants: unknown theme "automaton"; did you mean "automation"?');
  });

  it('rejects unknown people, bad emails, bad roles, bad languages and bad formats with their own codes', () => {
    const result = parseEnrolmentCsv(
      csv(
        'nobody@lumen.example,mentor,ai,,fr,video',
        'not-an-email,mentor,ai,,fr,video',
        ',mentor,ai,,fr,video',
        'ana.martin@lumen.example,mentour,ai,,fr,video',
        'paul.durand@lumen.example,mentee,,ai,xx,video',
        'lea.roux@lumen.example,mentee,,ai,french,video',
        'zoe.petit@lumen.example,mentee,,ai,fr,phone',
      ),
      context,
    );
    expect(result.enrolments).toEqual([]);
    expect(result.rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [2, 'email', 'CSV_UNKNOWN_PERSON'],
      [3, 'email', 'CSV_BAD_EMAIL'],
      [4, 'email', 'CSV_BAD_EMAIL'],
      [5, 'role', 'CSV_BAD_ROLE'],
      [6, 'languages', 'CSV_BAD_LANGUAGE'],
      [7, 'languages', 'CSV_BAD_LANGUAGE'],
      [8, 'format', 'CSV_BAD_FORMAT'],
    ]);
    expect(rowReason(result.rejected[0])).toBe('line 2, field email: nobody in the directory has the email nobody@lumen.example');
    expect(rowReason(result.rejected[3])).toBe('line 5, field role: role must be mentor or mentee, found "mentour"');
    expect(rowReason(result.rejected[6])).toBe('line 8, field format: format must be in-person, video or either, found "phone"');
  });

  it('requires a mentor to offer a theme and a mentee to want one', () => {
    const result = parseEnrolmentCsv(
      csv('ana.martin@lumen.example,mentor,,ai,fr,video', 'paul.durand@lumen.example,mentee,ai,,fr,video'),
      context,
    );
    expect(result.rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [2, 'offers', 'CSV_NO_OFFERS'],
      [3, 'wants', 'CSV_NO_WANTS'],
    ]);
  });

  it('keeps one enrolment per person and names the earlier line of a duplicate or a second role', () => {
    const result = parseEnrolmentCsv(
      csv(
        'ana.martin@lumen.example,mentor,ai,,fr,video',
        'ANA.MARTIN@lumen.example,mentor,data,,fr,video',
        'ana.martin@lumen.example,mentee,,data,fr,video',
      ),
      context,
    );
    expect(result.enrolments).toHaveLength(1);
    expect(result.rejected.map((r) => [r.line, r.field, r.code, rowReason(r)])).toEqual([
      [3, 'email', 'CSV_DUPLICATE', 'line 3, field email: ana.martin@lumen.example is already enrolled on line 2; a person enrols once per cohort'],
      [4, 'role', 'CSV_ROLE_CONFLICT', 'line 4, field role: ana.martin@lumen.example already enrolled as mentor on line 2; a person takes one role per cohort'],
    ]);
  });

  it('accepts a corrected row after a rejected one for the same person', () => {
    const result = parseEnrolmentCsv(
      csv('ana.martin@lumen.example,mentor,blockchain,,fr,video', 'ana.martin@lumen.example,mentor,ai,,fr,video'),
      context,
    );
    expect(result.rejected.map((r) => r.code)).toEqual(['CSV_UNKNOWN_THEME']);
    expect(result.enrolments).toHaveLength(1);
  });

  it('compares rows with the enrolments the cohort already holds', () => {
    const existing: Enrolment[] = [
      { email: 'ana.martin@lumen.example', role: 'mentor', offers: ['data', 'ai'], wants: [], languages: ['fr'], format: 'video' },
      { email: 'paul.durand@lumen.example', role: 'mentee', offers: [], wants: ['ai'], languages: ['fr'], format: 'video' },
      { email: 'lea.roux@lumen.example', role: 'mentee', offers: [], wants: ['ai'], languages: ['fr'], format: 'video' },
    ];
    const result = parseEnrolmentCsv(
      csv(
        'ana.martin@lumen.example,mentor,ai;data,,fr,video',
        'paul.durand@lumen.example,mentee,,ai;video,fr,video',
        'lea.roux@lumen.example,mentor,ai,,fr,video',
      ),
      { ...context, existing },
    );
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'CSV_DUPLICATE'],
      [4, 'CSV_ROLE_CONFLICT'],
    ]);
    expect(rowReason(result.rejected[0])).toContain('already enrolled in this cohort with the same answers');
    expect(result.enrolments.map((e) => [e.email, e.wants])).toEqual([['paul.durand@lumen.example', ['ai', 'video']]]);
  });

  it('names the expected and found field counts of a row with the wrong number of columns', () => {
    const result = parseEnrolmentCsv(csv('ana.martin@lumen.example,mentor,ai,,fr', 'paul.durand@lumen.example,mentee,,ai,fr,video,extra'), context);
    expect(result.rejected.map((r) => [r.line, r.code, rowReason(r)])).toEqual([
      [2, 'CSV_COLUMN_COUNT', 'line 2: expected 6 fields (email, role, offers, wants, languages, format), found 5'],
      [3, 'CSV_COLUMN_COUNT', 'line 3: expected 6 fields (email, role, offers, wants, languages, format), found 7'],
    ]);
  });

  it('skips blank lines and rows of empty cells without shifting line numbers', () => {
    const result = parseEnrolmentCsv(
      [header, '', '   ', ',,,,,', 'nobody@lumen.example,mentor,ai,,fr,video', ''].join('\n'),
      context,
    );
    expect(result.rejected.map((r) => r.line)).toEqual([5]);
  });

  it('reports misplaced quotes as a malformed row and keeps reading', () => {
    const result = parseEnrolmentCsv(
      csv('ana.martin@lumen.example,mentor,a"i,,fr,video', 'paul.durand@lumen.example,mentee,,ai,fr,video'),
      context,
    );
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([[2, 'CSV_MALFORMED']]);
    expect(result.enrolments.map((e) => e.email)).toEqual(['paul.durand@lumen.example']);
  });

  it('reports a quote that is never closed on the line it opens', () => {
    const result = parseEnrolmentCsv(csv('paul.durand@lumen.example,mentee,,ai,fr,video', 'ana.martin@lumen.example,mentor,"ai,,fr,video'), context);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([[3, 'CSV_MALFORMED']]);
    expect(result.enrolments).toHaveLength(1);
  });

  it('refuses an empty file, a header without rows and a file above the size limit', () => {
    expect(parseEnrolmentCsv('', context).fileError?.code).toBe('CSV_EMPTY');
    expect(parseEnrolmentCsv('\ufeff\n\n  \n', context).fileError?.code).toBe('CSV_EMPTY');
    expect(parseEnrolmentCsv(header + '\n\n', context).fileError?.code).toBe('CSV_NO_ROWS');
    expect(parseEnrolmentCsv(csv('a@b.example,mentor,ai,,fr,video'), { ...context, maxChars: 10 }).fileError).toEqual({
      code: 'CSV_TOO_LARGE',
      message: 'the file holds 73 characters; the limit is 10',
      params: { length: 73, limit: 10 },
    });
  });

  it('names the missing, misspelt, extra or repeated column of a bad header', () => {
    const fileError = (h: string) => parseEnrolmentCsv(h + '\nana.martin@lumen.example,mentor,ai,,fr,video\n', context).fileError;
    expect(fileError('email,role,offers,wants,languages')).toEqual({
      code: 'CSV_MISSING_COLUMN',
      message: 'column "format" is missing; the header must be email,role,offers,wants,languages,format',
      params: { column: 'format', expected: 'email,role,offers,wants,languages,format' },
    });
    expect(fileError('email,role,ofers,wants,languages,format')).toEqual({
      code: 'CSV_UNKNOWN_COLUMN',
      message: 'column "ofers" is not expected: did you mean "offers"?; the header must be email,role,offers,wants,languages,format',
      params: { context: 'suggest', column: 'ofers', suggestion: 'offers', expected: 'email,role,offers,wants,languages,format' },
    });
    expect(fileError('email,role,offers,wants,languages,format,notes')?.message).toContain('column "notes" is not expected');
    expect(fileError('email,role,offers,wants,languages,email')?.code).toBe('CSV_DUPLICATE_COLUMN');
  });

  it('parses a 20 MB file whole and reports every bad row', () => {
    const people = 60_000;
    const knownEmails = new Set<string>();
    for (let i = 0; i < people; i++) knownEmails.add(`person${i}@lumen.example`);
    const rows = [header];
    let bytes = header.length + 1;
    for (let i = 0; bytes < 20 * 1024 * 1024; i++) {
      const email = `person${i}@lumen.example`;
      const bad = i % 10 === 7;
      const row = bad
        ? `${email},mentor,ai;blockchain;data,,fr;en,video`
        : i % 2 === 0
          ? `${email},mentor,"ai;data;automation;video",new-ways-of-working,fr;en,either`
          : `${email},mentee,csr,"ai;social-networks;collaboration-tools",fr;en;es,in-person`;
      rows.push(row);
      bytes += row.length + 1;
    }
    const text = rows.join('\n');
    const result = parseEnrolmentCsv(text, { knownEmails, themes: new Set(defaultThemes) });
    const total = rows.length - 1;
    const unknownPeople = total - people;
    const badAmongKnown = Math.floor((people - 8) / 10) + 1;
    expect(text.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect(result.fileError).toBeNull();
    expect(result.rejected).toHaveLength(badAmongKnown + unknownPeople);
    expect(result.enrolments).toHaveLength(people - badAmongKnown);
  });
});
