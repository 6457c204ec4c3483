import { describe, expect, it } from 'vitest';
import { messageCatalogue, messageLanguages, renderMessage, type Catalogue, type Message, type MessageKind } from '../../contract/messages.ts';
import { parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import { csvRowErrorCodes } from '../../src/enrolment/errors.ts';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { proposePairs, refusalCodes, unmatchedReasonCodes } from '../../src/matching/propose.ts';
import { pairBlocker, pairRuleCodes } from '../../src/matching/rules.ts';
import { pairReasonCodes } from '../../src/matching/score.ts';
import { bookingFailureCodes, defaultThemes, type Enrolment, type Person } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import { failureParams } from '../../server/rollout/failures.ts';
import { generateTenant } from '../support/tenant-generator.ts';
import { proposalInputOf } from '../support/proposal-input.ts';

function flatten(tree: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) flat.set(k, v);
  }
  return flat;
}

const flat = { fr: flatten(messageCatalogue.fr), en: flatten(messageCatalogue.en) };

/** The template i18next picks for a message, resolved as it does: context and plural suffixes, most specific first. */
function templateOf(language: 'fr' | 'en', kind: MessageKind, message: Message): { key: string; template: string } | undefined {
  const base = kind === 'unmatched' && 'total' in message.params ? 'unmatched.NONE_FITS' : `${kind}.${message.code}`;
  const count = kind === 'unmatched' && 'total' in message.params ? message.params['total'] : message.params['count'];
  const context = message.params['context'];
  const plural = typeof count === 'number' ? `_${new Intl.PluralRules(language).select(count)}` : '';
  const withContext = typeof context === 'string' ? `${base}_${context}` : null;
  const candidates = [withContext === null ? null : `${withContext}${plural}`, withContext, `${base}${plural}`, base];
  for (const key of candidates) {
    const template = key === null ? undefined : flat[language].get(key);
    if (key !== null && template !== undefined) return { key, template };
  }
  return undefined;
}

/** Params the renderer consumes itself rather than by name in the template. */
function consumedByRenderer(kind: MessageKind, message: Message, name: string): boolean {
  if (name === 'context') return true;
  return kind === 'unmatched' && 'total' in message.params && (name === 'total' || (refusalCodes as readonly string[]).includes(name));
}

/** What is wrong with the words of one message in one language: nothing, if it reads whole. */
function problems(language: 'fr' | 'en', kind: MessageKind, message: Message): string[] {
  const found: string[] = [];
  const resolved = templateOf(language, kind, message);
  if (resolved === undefined) return [`${language}: no template for ${kind}.${message.code} ${JSON.stringify(message.params)}`];
  const { key, template } = resolved;
  for (const name of Object.keys(message.params)) {
    // A count picks the plural form; "the manager" needs no number.
    const pluralPicked = name === 'count' && /_(zero|one|two|few|many|other)$/.test(key);
    if (!pluralPicked && !consumedByRenderer(kind, message, name) && !template.includes(`{{${name}`)) found.push(`${language}: ${kind}.${message.code} does not use ${name}`);
  }
  const unworded = '\u0000';
  const text = renderMessage(kind, message, language, { fallback: unworded, timeZone: 'UTC' });
  if (text === unworded || text.includes('{{') || text.includes('$t(')) found.push(`${language}: ${kind}.${message.code} ${JSON.stringify(message.params)} reads "${text}"`);
  return found;
}

const person = (id: string, over: Partial<Person> = {}): Person => ({
  id,
  email: `${id}@acme.example`,
  name: id.toUpperCase(),
  jobTitle: null,
  department: `dept-${id}`,
  office: 'Paris',
  hireDate: '2020-01-01',
  managerId: null,
  timeZone: 'Europe/Paris',
  languages: ['fr'],
  workingHours: hoursIn({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }, 'Europe/Paris'),
  ...over,
});
const enrol = (id: string, role: Enrolment['role'], over: Partial<Enrolment> = {}): Enrolment => ({
  email: `${id}@acme.example`,
  role,
  offers: role === 'mentor' ? ['ai'] : [],
  wants: role === 'mentee' ? ['ai'] : [],
  languages: ['fr'],
  format: 'either',
  ...over,
});

/** Everything the core says on generated tenants and on small cases that reach each branch. */
function producedMessages(): { kind: MessageKind; message: Message }[] {
  const out: { kind: MessageKind; message: Message }[] = [];
  for (const seed of [3, 7]) {
    const tenant = generateTenant({ seed, people: 80, volunteerShare: 0.7, traps: { csvVariants: true, offGrid: true } });
    const proposal = proposePairs(proposalInputOf(tenant));
    for (const p of proposal.pairs) for (const r of p.reasons) out.push({ kind: 'pair', message: r });
    for (const u of proposal.unmatched) out.push({ kind: 'unmatched', message: u.reason });
  }

  const boss = person('boss');
  const people = [
    boss,
    person('report', { managerId: 'boss', hireDate: '2010-01-01' }),
    person('deep', { managerId: 'report' }),
    person('anglo', { languages: ['en'] }),
    person('far', { hireDate: '2024-06-01', department: null }),
    person('nocal'),
    person('nohours', { workingHours: null }),
  ];
  const formats: Enrolment['format'][] = ['in-person', 'video', 'either'];
  const candidates = people.flatMap((p, i) =>
    (['mentor', 'mentee'] as const).map((role) => ({ person: p, enrolment: enrol(p.id, role, { format: formats[i % 3] ?? 'either', offers: i % 2 === 0 ? ['ai', 'data'] : ['video'], languages: p.id === 'anglo' ? ['en'] : ['fr'] }) })),
  );
  const chart = buildOrgChart(people);
  for (const a of candidates) for (const b of candidates) {
    const blocker = pairBlocker(a, b, chart);
    if (blocker !== null) out.push({ kind: 'blocker', message: blocker });
  }
  const availability = new Map(
    people.map((p) => [p.email, { timeZone: p.timeZone, workingHours: p.workingHours, busy: [], error: p.id === 'nocal' ? 'mailbox not found' : null }]),
  );
  const small = (enrolments: Enrolment[]) =>
    proposePairs({ plan: { sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 }, now: Date.parse('2027-01-04T08:00:00Z'), people, enrolments, availability });
  for (const proposal of [
    small([enrol('boss', 'mentor'), enrol('report', 'mentee', { format: 'in-person' }), enrol('far', 'mentee'), enrol('gone', 'mentee')]),
    small([enrol('deep', 'mentor', { format: 'video' }), enrol('boss', 'mentee', { format: 'video' }), enrol('nocal', 'mentee'), enrol('nohours', 'mentor')]),
    small([enrol('far', 'mentor', { format: 'in-person' }), enrol('report', 'mentee', { format: 'video' }), enrol('anglo', 'mentee', { languages: ['en'] })]),
    small([enrol('report', 'mentor'), enrol('deep', 'mentor'), enrol('far', 'mentee')]),
    small([enrol('far', 'mentor')]),
    small([enrol('far', 'mentor', { format: 'video' }), enrol('anglo', 'mentee', { format: 'video' })]),
    small([enrol('deep', 'mentor', { format: 'in-person' }), enrol('far', 'mentee')]),
  ]) {
    for (const p of proposal.pairs) for (const r of p.reasons) out.push({ kind: 'pair', message: r });
    for (const u of proposal.unmatched) out.push({ kind: 'unmatched', message: u.reason });
  }

  const header = 'email,role,offers,wants,languages,format,workingDays,workingHours';
  const rows = [
    'ana@acme.example,mentor,ai,,fr,video,,',
    'ana@acme.example,mentor,ai,,fr,video,,',
    'ana@acme.example,mentee,,ai,fr,video,,',
    'nobody@acme.example,mentor,ai,,fr,video,,',
    'not-an-email,mentor,ai,,fr,video,,',
    ',mentor,ai,,fr,video,,',
    'paul@acme.example,mentour,ai,,fr,video,,',
    'paul@acme.example,mentor,automaton,,fr,video,,',
    'paul@acme.example,mentor,zzzzzz;qqqqqq,,fr,video,,',
    'paul@acme.example,mentor,,,fr,video,,',
    'lea@acme.example,mentee,,,fr,video,,',
    'lea@acme.example,mentee,,ai,xx,video,,',
    'lea@acme.example,mentee,,ai,fr,phone,,',
    'lea@acme.example,mentee,,ai,fr,video,mon;xyz,',
    'lea@acme.example,mentee,,ai,fr,video,,nine to five',
    'lea@acme.example,mentee,,ai,fr,video,,18:00-09:00',
    'lea@acme.example,mentee,,ai,fr',
    `lea@acme.example,mentee,,${'x'.repeat(1200)},fr,video,,`,
    'zoe@acme.example,mentee,,ai,fr,video,,',
    'max@acme.example,mentor,ai,,fr,video,,',
    'lea@acme.example,mentee,,ai,fr,"vid"eo",,',
  ];
  const existing: Enrolment[] = [enrol('zoe', 'mentee', { languages: ['fr'], format: 'video' }), enrol('max', 'mentee')];
  const emails = ['ana', 'paul', 'lea', 'zoe', 'max'].map((n) => `${n}@acme.example`);
  for (const themes of [new Set<string>(defaultThemes), new Set(['ai', 'data'])]) {
    const parsed = parseEnrolmentCsv([header, ...rows].join('\n'), { knownEmails: new Set(emails), themes, existing });
    for (const r of parsed.rejected) out.push({ kind: 'rejection', message: r });
  }
  const unclosed = parseEnrolmentCsv(`${header}\nlea@acme.example,mentee,,ai,fr,"video,,\n`, { knownEmails: new Set(emails), themes: new Set(defaultThemes) });
  for (const r of unclosed.rejected) out.push({ kind: 'rejection', message: r });

  // HR's own changes to a proposal leave people out with these (server/programme/changes.ts).
  out.push(
    { kind: 'unmatched', message: { code: 'BROKEN_BY_HR', params: { partner: 'Ana Martin' } } },
    { kind: 'unmatched', message: { code: 'BROKEN_BY_HR', params: { context: 'note', partner: 'Ana Martin', note: 'asked to change' } } },
    { kind: 'unmatched', message: { code: 'REPLACED_BY_HR', params: { partner: 'Ana Martin', replacedBy: 'Paul Durand' } } },
  );
  for (const code of bookingFailureCodes) {
    const params = failureParams({ code, mentorEmail: 'ana@acme.example', menteeEmail: 'paul@acme.example', startsAt: '2027-01-11T09:00:00.000Z', error: 'ErrorItemNotFound: mailbox' });
    out.push({ kind: 'failure', message: { code, params } });
  }
  return out;
}

describe('the words of every code, in French and in English', () => {
  it('has the same keys in both catalogues', () => {
    expect([...flat.fr.keys()].sort()).toEqual([...flat.en.keys()].sort());
  });

  it('has a message in both languages for every code the core can produce', () => {
    const codes: [MessageKind | 'refusal', readonly string[]][] = [
      ['pair', pairReasonCodes],
      ['unmatched', unmatchedReasonCodes.filter((c) => !(refusalCodes as readonly string[]).includes(c) || c === 'NO_CALENDAR')],
      ['refusal', refusalCodes],
      ['blocker', pairRuleCodes],
      ['rejection', csvRowErrorCodes],
      ['failure', bookingFailureCodes],
    ];
    const missing: string[] = [];
    for (const language of messageLanguages) {
      for (const [kind, list] of codes) {
        for (const code of list) {
          const key = `${kind}.${code}`;
          if (![...flat[language].keys()].some((k) => k === key || k.startsWith(`${key}_`))) missing.push(`${language}: ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('words everything the core says, whole, with every param it gives', () => {
    const produced = producedMessages();
    const seen = new Set(produced.map(({ kind, message }) => `${kind}.${message.code}${typeof message.params['context'] === 'string' ? `_${message.params['context']}` : ''}`));
    // The cases above reach every code (and each of its variants) the catalogue words.
    const variants = new Set([...flat.en.keys()].filter((k) => /^(pair|blocker|rejection|failure)\./.test(k)).map((k) => k.replace(/_(one|other)$/, '')));
    expect([...variants].filter((v) => !seen.has(v))).toEqual([]);
    for (const code of refusalCodes.filter((c) => c !== 'SAME_PERSON' && c !== 'WRONG_ROLE')) {
      expect(produced.some(({ kind, message }) => kind === 'unmatched' && code in message.params), `an unmatched reason counting ${code}`).toBe(true);
    }
    const found = produced.flatMap(({ kind, message }) => messageLanguages.flatMap((language) => problems(language, kind, message)));
    expect([...new Set(found)]).toEqual([]);
  });

  it('falls back to the stored words for a reason kept before params existed', () => {
    const legacy = { code: 'SHARED_THEMES', params: {} };
    expect(renderMessage('pair', legacy, 'fr', { fallback: '2 shared themes: ai, data' })).toBe('2 shared themes: ai, data');
    expect(renderMessage('pair', { code: 'SHARED_THEMES', params: { count: 2, themes: 'ai, data' } }, 'fr')).toBe('2 thèmes en commun : IA générative, Données');
  });

  it('names shared themes by their labels in the reader’s language, a theme of its own by its key', () => {
    const reason = { code: 'SHARED_THEMES', params: { count: 3, themes: 'collaboration-tools, csr, quantum-basics' } };
    expect(renderMessage('pair', reason, 'fr')).toBe('3 thèmes en commun : Outils collaboratifs, RSE, quantum-basics');
    expect(renderMessage('pair', reason, 'en')).toBe('3 shared themes: Collaboration tools, Corporate social responsibility, quantum-basics');
  });

  it('writes instants in the reader’s language and zone', () => {
    const message = { code: 'NO_FREE_SLOT', params: { mentor: 'a@x.example', mentee: 'b@x.example', startsAt: '2027-01-11T09:00:00.000Z' } };
    expect(renderMessage('failure', message, 'en', { timeZone: 'UTC' })).toContain('Jan 11, 2027, 9:00 AM UTC');
    expect(renderMessage('failure', message, 'fr', { timeZone: 'Europe/Paris' })).toContain('11 janv. 2027, 10:00 UTC+1');
  });
});
