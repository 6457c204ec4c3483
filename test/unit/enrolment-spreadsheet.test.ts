import { describe, expect, it } from 'vitest';
import { detectDelimiter, enrolmentCsvSteps, parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import type { EnrolmentCsvContext } from '../../src/enrolment/rows.ts';
import { groupRejections, firstRows } from '../../src/enrolment/rejections.ts';
import { closestKey, withinDistance } from '../../src/enrolment/suggest.ts';
import { defaultThemes } from '../../src/model/schema.ts';
import { rowReason } from '../support/words.ts';

const context: EnrolmentCsvContext = {
  knownEmails: new Set(['ana.martin@lumen.example', 'paul.durand@lumen.example', 'lea.roux@lumen.example']),
  themes: new Set(defaultThemes),
};

describe('enrolment files as spreadsheets write them', () => {
  it('reads a French Excel file: semicolons between cells, commas inside them, French column names', () => {
    const text = [
      'Courriel;Rôle;Propose;Souhaite;Langues;Format;Jours;Horaires',
      'ana.martin@lumen.example;mentor;ai, data;;fr,en;video;lun-ven;9h-17h30',
      'paul.durand@lumen.example;mentee;;collaboration-tools|ai;fr;either;;',
    ].join('\r\n');
    const result = parseEnrolmentCsv(text, context);
    expect(result.fileError).toBeNull();
    expect(result.rejected).toEqual([]);
    expect(result.enrolments).toEqual([
      {
        email: 'ana.martin@lumen.example',
        role: 'mentor',
        offers: ['ai', 'data'],
        wants: [],
        languages: ['fr', 'en'],
        format: 'video',
        workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' },
      },
      { email: 'paul.durand@lumen.example', role: 'mentee', offers: [], wants: ['collaboration-tools', 'ai'], languages: ['fr'], format: 'either' },
    ]);
  });

  it('reads a tab-separated file and the optional working days and hours in English', () => {
    const text = 'email\trole\toffers\twants\tlanguages\tformat\tworkingDays\tworkingHours\nana.martin@lumen.example\tmentor\tai;data\t\tfr\tvideo\tmon;wed;fri\t08:00-16:00\n';
    const result = parseEnrolmentCsv(text, context);
    expect(result.rejected).toEqual([]);
    expect(result.enrolments[0]?.workingHours).toEqual({ days: ['mon', 'wed', 'fri'], start: '08:00', end: '16:00' });
  });

  it('tells the delimiter from the header line only', () => {
    expect(detectDelimiter('email,role,offers,wants,languages,format\na;b;c;d;e;f;g')).toBe(',');
    expect(detectDelimiter('email;role;offers;wants;languages;format\n')).toBe(';');
    expect(detectDelimiter('email\trole\toffers\twants\tlanguages\tformat')).toBe('\t');
    expect(detectDelimiter('"e,mail";role;offers')).toBe(';');
  });

  it('refuses bad working days and hours by line and field, and keeps the other rows', () => {
    const text = [
      'email,role,offers,wants,languages,format,workingDays,workingHours',
      'ana.martin@lumen.example,mentor,ai,,fr,video,someday,',
      'paul.durand@lumen.example,mentee,,ai,fr,video,,18:00-09:00',
      'lea.roux@lumen.example,mentee,,ai,fr,video,mon;tue,late',
    ].join('\n');
    const result = parseEnrolmentCsv(text, context);
    expect(result.rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [2, 'workingDays', 'CSV_BAD_WORKING_DAYS'],
      [3, 'workingHours', 'CSV_BAD_WORKING_HOURS'],
      [4, 'workingHours', 'CSV_BAD_WORKING_HOURS'],
    ]);
  });

  it('refuses an over-long cell by line and field, naming the limit, without echoing it', () => {
    const huge = 'x'.repeat(1_000_000);
    const text = `email,role,offers,wants,languages,format\nana.martin@lumen.example,mentor,${huge},,fr,video\npaul.durand@lumen.example,mentee,,ai,fr,video\n`;
    const result = parseEnrolmentCsv(text, context);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ line: 2, field: 'offers', code: 'CSV_CELL_TOO_LONG' });
    expect(rowReason(result.rejected[0])).toBe('line 2, field offers: the cell holds 1000000 characters; the limit is 1000');
    expect(result.enrolments.map((e) => e.email)).toEqual(['paul.durand@lumen.example']);
  });

  it('quotes at most a short piece of an unknown value in a reason', () => {
    const long = 'blockchain-'.repeat(80);
    const result = parseEnrolmentCsv(`email,role,offers,wants,languages,format\nana.martin@lumen.example,mentor,${long.slice(0, 900)},,fr,video\n`, context);
    expect(result.rejected[0]?.code).toBe('CSV_UNKNOWN_THEME');
    expect((rowReason(result.rejected[0]) ?? '').length).toBeLessThan(300);
  });

  it('suggests a theme with a bounded edit distance, whatever the length of the word', () => {
    expect(closestKey('automaton', defaultThemes, 2)).toBe('automation');
    expect(closestKey('x'.repeat(100_000), defaultThemes, 2)).toBeNull();
    expect(withinDistance('kitten', 'sitting', 3)).toBe(true);
    expect(withinDistance('kitten', 'sitting', 2)).toBe(false);
    expect(withinDistance('', 'ab', 2)).toBe(true);
  });

  it('parses in steps, with the same result as in one go, line numbers across slices included', () => {
    const rows = ['email,role,offers,wants,languages,format'];
    for (let i = 0; i < 30_000; i++) {
      rows.push(i % 1000 === 5 ? `nobody${i}@lumen.example,mentor,"ai;\ndata",,fr,video` : `ana.martin@lumen.example,mentor,"ai;data",,fr,video`);
    }
    const text = rows.join('\n');
    const steps = enrolmentCsvSteps(text, context);
    let pauses = 0;
    let step = steps.next();
    while (step.done !== true) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThan(3);
    const unknown = step.value.rejected.filter((r) => r.code === 'CSV_UNKNOWN_PERSON').map((r) => r.line);
    // Row i sits on line i + 2 plus one line for each earlier quoted line break.
    expect(unknown.slice(0, 3)).toEqual([7, 1008, 2009]);
    expect(unknown).toHaveLength(30);
  });

  it('groups refused rows by cause, with line ranges, and lists the first ones back in line order', () => {
    const row = (line: number, email: string) => ({ line, field: 'email', code: 'CSV_DUPLICATE' as const, params: { context: 'cohort', email } });
    const rows = [row(3, 'a'), row(4, 'a'), row(5, 'b'), row(6, 'a'), row(9, 'a')];
    const groups = groupRejections(rows);
    expect(groups).toEqual([
      { field: 'email', code: 'CSV_DUPLICATE', params: { context: 'cohort', email: 'a' }, lines: [[3, 4], [6, 6], [9, 9]], count: 4 },
      { field: 'email', code: 'CSV_DUPLICATE', params: { context: 'cohort', email: 'b' }, lines: [[5, 5]], count: 1 },
    ]);
    expect(firstRows(groups, 3).map(({ line, group }) => [line, group.params['email']])).toEqual([
      [3, 'a'],
      [4, 'a'],
      [5, 'b'],
    ]);
  });
});
