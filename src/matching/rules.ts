import type { Enrolment, MessageParams, Person, Reason } from '../model/schema.ts';
import type { OrgChart } from './org-chart.ts';
import { canonicalLanguage } from '../model/language.ts';

/** A volunteer as matching sees them: the directory entry and what they answered. Read as immutable. */
export interface Candidate {
  person: Person;
  enrolment: Enrolment;
}

/** What the pair rules and the score read from a candidate, computed once per candidate rather than once per pair. */
export interface PreparedCandidate {
  offers: ReadonlySet<string>;
  wants: ReadonlySet<string>;
  /** Empty when neither the enrolment nor the directory names a language: unknown, not "none". */
  languages: ReadonlySet<string>;
  /** Days since 1970-01-01 of the hire date, null when unknown. */
  hireDay: number | null;
}

export const pairRuleCodes = ['SAME_PERSON', 'WRONG_ROLE', 'SAME_REPORTING_LINE', 'NO_COMMON_LANGUAGE', 'NO_THEME_MATCH'] as const;
export type PairRuleCode = (typeof pairRuleCodes)[number];

const prepared = new WeakMap<Candidate, PreparedCandidate>();

/** Memoised per candidate object, so a loop over every pair pays for the sets once. */
export function prepareCandidate(candidate: Candidate): PreparedCandidate {
  const known = prepared.get(candidate);
  if (known !== undefined) return known;
  const { person, enrolment } = candidate;
  const languages = enrolment.languages.length > 0 ? enrolment.languages : person.languages;
  const fresh: PreparedCandidate = {
    offers: new Set(enrolment.offers),
    wants: new Set(enrolment.wants),
    languages: new Set(languages.map(primaryLanguage)),
    hireDay: dayNumber(person.hireDate),
  };
  prepared.set(candidate, fresh);
  return fresh;
}

/**
 * The first hard rule (other than time, which planning checks) that forbids pairing
 * this mentor with this mentee, as its code alone, or null when they may be paired.
 * Matching asks it for every pair: it builds no sentence.
 */
export function pairRuleBroken(mentor: Candidate, mentee: Candidate, chart: OrgChart): PairRuleCode | null {
  const m = mentor.person;
  const e = mentee.person;
  if (m.id === e.id || m.email === e.email) return 'SAME_PERSON';
  if (mentor.enrolment.role !== 'mentor' || mentee.enrolment.role !== 'mentee') return 'WRONG_ROLE';
  if (chart.sameReportingLine(m.id, e.id)) return 'SAME_REPORTING_LINE';
  const pm = prepareCandidate(mentor);
  const pe = prepareCandidate(mentee);
  if (pm.languages.size > 0 && pe.languages.size > 0 && !intersects(pm.languages, pe.languages)) return 'NO_COMMON_LANGUAGE';
  if (!intersects(pm.offers, pe.wants)) return 'NO_THEME_MATCH';
  return null;
}

/**
 * The first hard rule (other than time, which planning checks) that forbids
 * pairing this mentor with this mentee, with the facts that explain it, or null
 * when they may be paired.
 */
export function pairBlocker(mentor: Candidate, mentee: Candidate, chart: OrgChart): Reason | null {
  const code = pairRuleBroken(mentor, mentee, chart);
  if (code === null) return null;
  const m = mentor.person;
  const e = mentee.person;
  const pm = prepareCandidate(mentor);
  const pe = prepareCandidate(mentee);
  const list = (items: ReadonlySet<string>): string => [...items].join(', ') || '—';
  switch (code) {
    case 'SAME_PERSON':
      return { code, params: { mentor: m.name } };
    case 'WRONG_ROLE':
      return mentor.enrolment.role !== 'mentor'
        ? { code, params: { name: m.name, role: mentor.enrolment.role, expected: 'mentor' } }
        : { code, params: { name: e.name, role: mentee.enrolment.role, expected: 'mentee' } };
    case 'SAME_REPORTING_LINE':
      return { code, params: reportingLine(m, e, chart) };
    case 'NO_COMMON_LANGUAGE':
      return { code, params: { mentor: m.name, mentorLanguages: list(pm.languages), mentee: e.name, menteeLanguages: list(pe.languages) } };
    case 'NO_THEME_MATCH':
      return { code, params: { mentor: m.name, offers: list(pm.offers), mentee: e.name, wants: list(pe.wants) } };
  }
}

/** Who sits above whom, and how many levels apart (1: the manager). */
function reportingLine(a: Person, b: Person, chart: OrgChart): MessageParams {
  const [above, below] = chart.levelsAbove(a.id, b.id) !== null ? [a, b] : [b, a];
  return { above: above.name, below: below.name, count: chart.levelsAbove(above.id, below.id) ?? 0 };
}

/** The elements of `a` that are also in `b`, in the order of `a` (so reasons read in the mentor's order). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const shared: string[] = [];
  for (const x of a) if (b.has(x)) shared.push(x);
  return shared;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/** Directories say "fr-FR", "FR" or "iw" where enrolments say "fr" or "he"; a code no one knows is kept as written. */
function primaryLanguage(code: string): string {
  return canonicalLanguage(code) ?? (code.split(/[-_]/)[0] ?? code).trim().toLowerCase();
}

function dayNumber(isoDate: string | null): number | null {
  if (isoDate === null) return null;
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}
