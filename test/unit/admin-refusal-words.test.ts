import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageCatalogue, messageLanguages, refusalMessage, type Catalogue } from '../../contract/messages.ts';
import { cohortStatuses } from '../../contract/admin.ts';
import type { MessageParams } from '../../src/model/schema.ts';
import { csvFileErrorCodes } from '../../src/enrolment/errors.ts';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { checkPair, planSwap, type ChangeVolunteer } from '../../src/matching/manual-changes.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import type { Enrolment, Person } from '../../src/model/schema.ts';
import { authErrorCodes } from '../../server/auth/errors.ts';
import { readEnrolmentFileHere } from '../../server/enrolment/read.ts';
import { programmeErrorCodes } from '../../server/programme/errors.ts';
import { stepRefusal, type CohortAction } from '../../server/programme/rules.ts';
import { fileRefusalParams } from '../../server/programme/service.ts';
import { defaultThemes } from '../../src/model/schema.ts';

/**
 * Every refusal the admin API (and the sign-in in front of it) can answer has words
 * in French and in English, worded from what the service sends: the code, its params
 * and its field. The codes are collected from the code itself: the typed lists, and
 * every `code: 'X'` or `fail('X'` written in the admin API's source.
 */

const root = join(import.meta.dirname, '..', '..');
const sources = ['server/http/admin', 'server/http/auth', 'server/http/errors.ts', 'server/auth', 'server/programme', 'server/rollout/service.ts', 'server/invitations/service.ts'];

function files(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

function codesWrittenInSource(): string[] {
  const found = new Set<string>();
  for (const file of sources.flatMap(files).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z0-9_]+)'|\b(?:fail|refuse)(?:<[^>]*>)?\(\s*'([A-Z][A-Z0-9_]+)'/g)) found.add(m[1] ?? m[2] ?? '');
  }
  // Why HR's own changes left someone without a pair (group unmatched), why one invitation was not sent (group invitation):
  // what the proposal and the invitations keep, not refusals.
  for (const kept of ['BROKEN_BY_HR', 'REPLACED_BY_HR', 'MAIL_FAILED', 'SEND_INTERRUPTED']) found.delete(kept);
  return [...found].sort();
}

function flatten(tree: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) flat.set(k, v);
  }
  return flat;
}

interface Refusal {
  code: string;
  message: string;
  field?: string | null;
  params?: MessageParams;
}

const person = (id: string, over: Partial<Person> = {}): Person => ({
  id,
  email: `${id}@acme.example`,
  name: id.toUpperCase(),
  jobTitle: null,
  department: 'Finance',
  office: 'Paris',
  hireDate: '2020-01-01',
  managerId: null,
  timeZone: 'Europe/Paris',
  languages: ['fr'],
  workingHours: hoursIn({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }, 'Europe/Paris'),
  ...over,
});
const enrolment = (p: Person, role: Enrolment['role'], over: Partial<Enrolment> = {}): Enrolment => ({
  email: p.email,
  role,
  offers: role === 'mentor' ? ['ai'] : [],
  wants: role === 'mentee' ? ['ai'] : [],
  languages: ['fr'],
  format: 'either',
  ...over,
});

/** What the hard rules refuse, as the service's swap gets it from the core (server/programme/changes.ts). */
function pairRefusals(): Refusal[] {
  const boss = person('boss');
  const report = person('report', { managerId: 'boss' });
  const deep = person('deep', { managerId: 'report' });
  const anglo = person('anglo', { languages: ['en'] });
  const free = person('free');
  const busy = person('busy');
  const chart = buildOrgChart([boss, report, deep, anglo, free, busy]);
  const setting = { plan: { sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 6 }, now: Date.parse('2027-01-04T08:00:00Z'), chart };
  const open = (p: Person) => ({ timeZone: p.timeZone, workingHours: p.workingHours, busy: [], error: null });
  const volunteer = (p: Person | null, email: string, e: Enrolment | null, availability: ChangeVolunteer['availability'] = p === null ? undefined : open(p)): ChangeVolunteer => ({
    email,
    person: p,
    enrolment: e,
    availability,
  });
  const full = { timeZone: 'Europe/Paris', workingHours: busy.workingHours, busy: [{ start: Date.parse('2027-01-12T00:00:00Z'), end: Date.parse('2027-03-01T00:00:00Z') }], error: null };
  const checks = [
    checkPair(volunteer(free, free.email, enrolment(free, 'mentor')), volunteer(free, free.email, enrolment(free, 'mentee')), setting),
    checkPair(volunteer(free, free.email, enrolment(free, 'mentee')), volunteer(anglo, anglo.email, enrolment(anglo, 'mentee')), setting),
    checkPair(volunteer(boss, boss.email, enrolment(boss, 'mentor')), volunteer(report, report.email, enrolment(report, 'mentee')), setting),
    checkPair(volunteer(boss, boss.email, enrolment(boss, 'mentor')), volunteer(deep, deep.email, enrolment(deep, 'mentee')), setting),
    checkPair(volunteer(free, free.email, enrolment(free, 'mentor')), volunteer(anglo, anglo.email, enrolment(anglo, 'mentee', { languages: ['en'] })), setting),
    checkPair(volunteer(free, free.email, enrolment(free, 'mentor', { offers: ['video'] })), volunteer(busy, busy.email, enrolment(busy, 'mentee')), setting),
    checkPair(volunteer(null, 'gone@acme.example', null), volunteer(busy, busy.email, enrolment(busy, 'mentee')), setting),
    checkPair(volunteer(free, free.email, null), volunteer(busy, busy.email, enrolment(busy, 'mentee')), setting),
    checkPair(volunteer(free, free.email, enrolment(free, 'mentor'), { ...open(free), error: 'mailbox not found' }), volunteer(busy, busy.email, enrolment(busy, 'mentee')), setting),
    checkPair(volunteer({ ...free, workingHours: null }, free.email, enrolment(free, 'mentor'), { ...open(free), workingHours: null }), volunteer(busy, busy.email, enrolment(busy, 'mentee')), setting),
    checkPair(volunteer(free, free.email, enrolment(free, 'mentor')), volunteer(busy, busy.email, enrolment(busy, 'mentee'), full), setting),
  ];
  const pairs = [
    { pairId: 'p1', mentorEmail: 'a@x', menteeEmail: 'b@x', locked: false },
    { pairId: 'p2', mentorEmail: 'c@x', menteeEmail: 'd@x', locked: true },
  ];
  const leftOut = [
    { email: 'e@x', role: 'mentor' as const },
    { email: 'f@x', role: 'mentor' as const },
  ];
  const swaps = [planSwap(pairs, leftOut, 'a@x', 'a@x'), planSwap(pairs, leftOut, 'a@x', 'z@x'), planSwap(pairs, leftOut, 'a@x', 'b@x'), planSwap(pairs, leftOut, 'e@x', 'f@x'), planSwap(pairs, leftOut, 'a@x', 'c@x')];
  return [
    ...checks.flatMap((c) => (c.ok ? [] : [{ code: c.refusal.code, message: c.refusal.message ?? '', field: 'second', params: c.refusal.params }])),
    ...swaps.flatMap((s) => (s.ok ? [] : [{ code: s.refusal.code, message: s.refusal.message ?? '', field: s.field, params: s.refusal.params }])),
  ];
}

/** Files refused whole, as the import answers them (CSV_FILE_INVALID, the file-level code as context). */
async function fileRefusals(): Promise<Refusal[]> {
  const context = { knownEmails: new Set<string>(), themes: new Set<string>(defaultThemes), maxChars: 200 };
  const header = 'email,role,offers,wants,languages,format';
  const files = [
    '',
    header,
    'email,role,offers,wants,languages',
    'email,rol,offers,wants,languages,format',
    'email,role,offers,wants,languages,format,colour,size',
    'email,email,role,offers,wants,languages,format',
    `${'x'.repeat(80)},role,offers,wants,languages,format\n`,
    `${header}\n${'a@acme.example,mentor,ai,,fr,video\n'.repeat(10)}`,
  ].map((text) => Buffer.from(text, 'utf8'));
  files.push(
    Buffer.from([0x65, 0x00, 0x6d, 0x00]),
    Buffer.from([0x65, 0x81, 0x6d]),
    Buffer.from([0xff, 0xfe, 0x65]),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
  );
  const refusals: Refusal[] = [];
  for (const bytes of files) {
    const read = await readEnrolmentFileHere(bytes, context);
    if (read.fileError !== null) refusals.push({ code: 'CSV_FILE_INVALID', message: read.fileError.message, field: 'body', params: fileRefusalParams(read.fileError) });
  }
  // Two workbook faults need a real zip to reach; their params as server/enrolment/xlsx.ts writes them.
  refusals.push(
    { code: 'CSV_FILE_INVALID', message: '', field: 'body', params: { context: 'XLSX_UNREADABLE_unpacked', size: 400_000_000, limit: 200_000_000 } },
    { code: 'CSV_FILE_INVALID', message: '', field: 'body', params: { context: 'XLSX_UNREADABLE_broken', detail: 'End of data reached' } },
  );
  return refusals;
}

function stepRefusals(): Refusal[] {
  const actions: CohortAction[] = ['open', 'enrol', 'withdraw', 'match', 'close'];
  return actions.flatMap((action) =>
    cohortStatuses.flatMap((status) => {
      const refusal = stepRefusal(action, status);
      return refusal === null ? [] : [{ ...refusal, field: 'cohortId' }];
    }),
  );
}

describe('the words of every refusal the admin API can answer, in French and in English', () => {
  const flat = { fr: flatten(messageCatalogue.fr), en: flatten(messageCatalogue.en) };
  const codes = [...new Set([...programmeErrorCodes, ...authErrorCodes, ...codesWrittenInSource()])].sort();

  it('finds the codes in the source, typed lists and literals alike', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['CSV_FILE_INVALID', 'SAME_REPORTING_LINE', 'SWAP_ROLES_DIFFER', 'CSRF_REJECTED', 'BODY_TOO_LARGE', 'TENANT_UNKNOWN', 'SIGN_IN_UNAVAILABLE', 'POPULATION_EMPTY', 'SENDER_UNKNOWN']),
    );
    expect(codes.length).toBeGreaterThan(50);
  });

  it('has words in both languages for each code, and for each file-level code of a file refused whole', () => {
    const missing: string[] = [];
    for (const language of messageLanguages) {
      for (const code of codes) {
        const key = `error.${code}`;
        if (![...flat[language].keys()].some((k) => k === key || k.startsWith(`${key}_`))) missing.push(`${language}: ${key}`);
      }
      for (const code of csvFileErrorCodes) {
        if (![...flat[language].keys()].some((k) => k.startsWith(`error.CSV_FILE_INVALID_${code}`))) missing.push(`${language}: error.CSV_FILE_INVALID_${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('words each refusal whole from what the service sends, with every param filled in', async () => {
    const produced: Refusal[] = [...pairRefusals(), ...(await fileRefusals()), ...stepRefusals()];
    // What the rest of the service sends beside these codes: the field (validation), the person (a withdrawal).
    const sent = new Map<string, Refusal[]>();
    for (const refusal of produced) sent.set(refusal.code, [...(sent.get(refusal.code) ?? []), refusal]);
    sent.set('INVALID_INPUT', [{ code: 'INVALID_INPUT', message: 'start: expected a date', field: 'start' }]);
    sent.set('ENROLMENT_NOT_FOUND', [{ code: 'ENROLMENT_NOT_FOUND', message: '', field: 'email', params: { email: 'ana@acme.example' } }]);
    // Every file-level code was reached, each with its variants.
    const contexts = new Set(produced.map((r) => String(r.params?.['context'] ?? '')));
    expect(csvFileErrorCodes.filter((code) => ![...contexts].some((c) => c.startsWith(code)))).toEqual([]);

    const problems: string[] = [];
    for (const code of codes) {
      const refusals = sent.get(code) ?? [{ code, message: '' }];
      for (const refusal of refusals) {
        for (const language of messageLanguages) {
          const text = refusalMessage({ ...refusal, message: '\u0000' }, language);
          if (text === '\u0000' || text.includes('{{') || text.includes('$t(')) problems.push(`${language}: ${code} ${JSON.stringify(refusal.params ?? {})} reads "${text}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('says a refused swap in the reader’s language, naming the people and the rule', () => {
    const refusal = pairRefusals().find((r) => r.code === 'SAME_REPORTING_LINE');
    expect(refusal).toBeDefined();
    if (refusal === undefined) return;
    expect(refusalMessage(refusal, 'fr')).toBe('BOSS est le ou la manager de REPORT : un binôme ne peut pas être dans une même ligne hiérarchique.');
    expect(refusalMessage(refusal, 'en')).toBe("BOSS is REPORT's manager: a pair must not sit inside one reporting line.");
    const locked = stepRefusal('enrol', 'published');
    expect(locked === null ? '' : refusalMessage(locked, 'fr')).toBe('La cohorte est « publiée » : elle ne peut plus recevoir des inscriptions.');
  });
});
