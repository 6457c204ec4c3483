import type { CohortPlan, Enrolment, Interval, Person, Role } from '../model/schema.ts';
import { cohortWindow, freeTime, type FreeTime } from '../planning/free-time.ts';
import { planSessions } from '../planning/sessions.ts';
import type { OrgChart } from './org-chart.ts';
import type { PersonAvailability, ProposedPair } from './propose.ts';
import { pairBlocker, pairRuleCodes, type Candidate } from './rules.ts';
import { scorePair } from './score.ts';

/**
 * HR's changes to a proposal (swap two people, give a place to someone left out),
 * checked against the same hard rules matching applies, calendar included, so a
 * pair HR forms by hand could have been formed by matching.
 */

/** Why a pair HR asked for cannot be: the rule it breaks. */
export const pairRefusalCodes = [...pairRuleCodes, 'NOT_IN_DIRECTORY', 'NOT_ENROLLED', 'NO_CALENDAR', 'NO_WORKING_HOURS', 'NO_COMMON_SLOT'] as const;
export type PairRefusalCode = (typeof pairRefusalCodes)[number];

/** Why a swap cannot even be tried: what was asked does not name two people who can change places. */
export const swapRefusalCodes = ['SWAP_SAME_PERSON', 'SWAP_ROLES_DIFFER', 'SWAP_NEEDS_A_PAIR'] as const;
export type SwapRefusalCode = (typeof swapRefusalCodes)[number];

export interface Refusal<C extends string> {
  code: C;
  /** English words; absent for a broken pair rule, which each edge words from code and params (group `blocker` of contract/messages/). */
  message?: string;
  params: Record<string, string | number>;
}

/** One side of a pair HR asks for, as the service found them: either may be missing. */
export interface ChangeVolunteer {
  email: string;
  person: Person | null;
  enrolment: Enrolment | null;
  /** What the calendar said when the change was asked; undefined: not read. */
  availability: PersonAvailability | undefined;
}

export interface ChangeSetting {
  plan: CohortPlan;
  /** Epoch ms; no session is planned before it. */
  now: number;
  chart: OrgChart;
}

export type PairCheck = { ok: true; pair: ProposedPair } | { ok: false; refusal: Refusal<PairRefusalCode> };

const nameOf = (v: ChangeVolunteer): string => v.person?.name ?? v.email;

/**
 * Whether this mentor and this mentee may form a pair, with its score, reasons and
 * sessions when they may; otherwise the first rule broken, cheap rules first and the
 * calendars last, in a sentence that names both people.
 */
export function checkPair(mentor: ChangeVolunteer, mentee: ChangeVolunteer, setting: ChangeSetting): PairCheck {
  const refuse = (code: PairRefusalCode, message: string | undefined, params: Record<string, string | number> = {}): PairCheck => ({
    ok: false,
    refusal: { code, message, params: { mentor: nameOf(mentor), mentee: nameOf(mentee), ...params } },
  });
  const m = candidateOf(mentor);
  if ('code' in m) return refuse(m.code, m.message, { email: mentor.email });
  const e = candidateOf(mentee);
  if ('code' in e) return refuse(e.code, e.message, { email: mentee.email });
  const blocker = pairBlocker(m, e, setting.chart);
  if (blocker !== null) return refuse(pairCode(blocker.code), undefined, blocker.params);
  const window = cohortWindow(setting.plan);
  const a = freeTimeOf(mentor, setting.plan, window);
  if ('code' in a) return refuse(a.code, a.message, { email: mentor.email });
  const b = freeTimeOf(mentee, setting.plan, window);
  if ('code' in b) return refuse(b.code, b.message, { email: mentee.email });
  const planned = planSessions(a, b, setting.plan, { notBefore: setting.now });
  if (!planned.ok) {
    const { sessions, sessionMinutes, weeks } = setting.plan;
    return refuse(
      'NO_COMMON_SLOT',
      planned.sessionsFound === 0
        ? `${nameOf(mentor)} and ${nameOf(mentee)} share no free ${sessionMinutes}-minute slot in the cohort's ${weeks} weeks`
        : `${nameOf(mentor)} and ${nameOf(mentee)} share free time for only ${planned.sessionsFound} of the ${sessions} sessions, a week apart, in the cohort's ${weeks} weeks`,
      { found: planned.sessionsFound, sessions, weeks, minutes: sessionMinutes },
    );
  }
  const scored = scorePair(m, e, setting.chart);
  return { ok: true, pair: { mentorEmail: mentor.email, menteeEmail: mentee.email, score: scored.score, reasons: scored.reasons, sessions: planned.sessions } };
}

function candidateOf(v: ChangeVolunteer): Candidate | { code: 'NOT_IN_DIRECTORY' | 'NOT_ENROLLED'; message: string } {
  if (v.person === null) return { code: 'NOT_IN_DIRECTORY', message: `${v.email} is no longer in the directory` };
  if (v.enrolment === null) return { code: 'NOT_ENROLLED', message: `${nameOf(v)} is not enrolled in this cohort` };
  return { person: v.person, enrolment: v.enrolment };
}

function freeTimeOf(v: ChangeVolunteer, plan: CohortPlan, window: Interval): FreeTime | { code: 'NO_CALENDAR' | 'NO_WORKING_HOURS'; message: string } {
  const a = v.availability;
  if (a === undefined || a.error !== null) {
    return { code: 'NO_CALENDAR', message: `the calendar of ${nameOf(v)} could not be read${a?.error ? `: ${a.error}` : ''}` };
  }
  const hours = a.workingHours ?? v.person?.workingHours ?? null;
  if (hours === null) return { code: 'NO_WORKING_HOURS', message: `${nameOf(v)} has no working hours in their calendar settings` };
  return freeTime({ workingHours: hours, busy: a.busy }, plan, window);
}

function pairCode(code: string): PairRefusalCode {
  const known = pairRefusalCodes.find((c) => c === code);
  if (known === undefined) throw new Error(`pairBlocker gave a code no refusal names: ${code}`);
  return known;
}

/** A pair of the proposal, as a change sees it. */
export interface ProposalPair {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
  locked: boolean;
}

/** Someone of the proposal left without a pair. */
export interface ProposalLeftOut {
  email: string;
  role: Role;
}

/** Who is where in the proposal, and what a swap of two of them turns it into. */
export type SwapPlan =
  | {
      ok: true;
      role: Role;
      /** Pairs the swap undoes. */
      dissolve: ProposalPair[];
      /** Pairs it forms instead, each to check; `moved` is whoever changes partner in it. */
      form: { mentorEmail: string; menteeEmail: string; moved: string }[];
      /** Who loses their place to someone left out, and to whom; null when two pairs swap. */
      leftOut: { email: string; role: Role; replacedBy: string; partner: string } | null;
    }
  | { ok: false; refusal: Refusal<SwapRefusalCode | 'PERSON_NOT_IN_PROPOSAL' | 'PAIR_LOCKED'>; field: 'first' | 'second' };

type Place = { kind: 'paired'; role: Role; pair: ProposalPair } | { kind: 'left out'; role: Role } | null;

function placeOf(email: string, pairs: readonly ProposalPair[], leftOut: readonly ProposalLeftOut[]): Place {
  for (const pair of pairs) {
    if (pair.mentorEmail === email) return { kind: 'paired', role: 'mentor', pair };
    if (pair.menteeEmail === email) return { kind: 'paired', role: 'mentee', pair };
  }
  const found = leftOut.find((u) => u.email === email);
  return found === undefined ? null : { kind: 'left out', role: found.role };
}

/**
 * What swapping `first` and `second` means: two mentors (or two mentees) of two pairs
 * exchange partners, or someone left out takes a paired person's place, who is then
 * left out. The new pairs still have to pass `checkPair`.
 */
export function planSwap(pairs: readonly ProposalPair[], leftOut: readonly ProposalLeftOut[], first: string, second: string): SwapPlan {
  if (first === second) {
    return { ok: false, field: 'second', refusal: { code: 'SWAP_SAME_PERSON', message: `${first} cannot swap with themselves`, params: { email: first } } };
  }
  const places: [Place, Place] = [placeOf(first, pairs, leftOut), placeOf(second, pairs, leftOut)];
  const emails = [first, second] as const;
  for (const i of [0, 1] as const) {
    if (places[i] === null) {
      return {
        ok: false,
        field: i === 0 ? 'first' : 'second',
        refusal: { code: 'PERSON_NOT_IN_PROPOSAL', message: `${emails[i]} is neither in a pair nor among the people left out of this proposal`, params: { email: emails[i] } },
      };
    }
  }
  const [a, b] = places;
  if (a === null || b === null) throw new Error('checked above');
  if (a.role !== b.role) {
    return {
      ok: false,
      field: 'second',
      refusal: {
        code: 'SWAP_ROLES_DIFFER',
        message: `${first} is a ${a.role} and ${second} a ${b.role}: only two mentors or two mentees can change places`,
        params: { first, second, firstRole: a.role, secondRole: b.role },
      },
    };
  }
  if (a.kind === 'left out' && b.kind === 'left out') {
    return {
      ok: false,
      field: 'second',
      refusal: { code: 'SWAP_NEEDS_A_PAIR', message: `neither ${first} nor ${second} is in a pair: one of them must be`, params: { first, second } },
    };
  }
  for (const i of [0, 1] as const) {
    const place = places[i];
    if (place?.kind === 'paired' && place.pair.locked) {
      return {
        ok: false,
        field: i === 0 ? 'first' : 'second',
        refusal: {
          code: 'PAIR_LOCKED',
          message: `the pair ${place.pair.mentorEmail} & ${place.pair.menteeEmail} is locked: unlock it before changing it`,
          params: { mentor: place.pair.mentorEmail, mentee: place.pair.menteeEmail },
        },
      };
    }
  }
  const role = a.role;
  const partnerIn = (pair: ProposalPair): string => (role === 'mentor' ? pair.menteeEmail : pair.mentorEmail);
  const formed = (person: string, partner: string) =>
    role === 'mentor' ? { mentorEmail: person, menteeEmail: partner, moved: person } : { mentorEmail: partner, menteeEmail: person, moved: person };
  if (a.kind === 'paired' && b.kind === 'paired') {
    return { ok: true, role, dissolve: [a.pair, b.pair], form: [formed(first, partnerIn(b.pair)), formed(second, partnerIn(a.pair))], leftOut: null };
  }
  const [paired, out, outEmail, pairedEmail] = a.kind === 'paired' ? [a, b, second, first] : [b, a, first, second];
  if (paired.kind !== 'paired' || out.kind !== 'left out') throw new Error('one is paired, the other left out');
  const partner = partnerIn(paired.pair);
  return { ok: true, role, dissolve: [paired.pair], form: [formed(outEmail, partner)], leftOut: { email: pairedEmail, role, replacedBy: outEmail, partner } };
}
