import { describe, expect, it } from 'vitest';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { checkPair, planSwap, type ChangeVolunteer, type ProposalPair } from '../../src/matching/manual-changes.ts';
import type { Enrolment, Person, Weekday } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import { english } from '../support/words.ts';

const hours = hoursIn({ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[], start: '09:00', end: '18:00' }, 'Europe/Paris');

function person(id: string, name: string, over: Partial<Person> = {}): Person {
  return {
    id,
    email: `${id}@lumen.example`,
    name,
    jobTitle: null,
    department: 'Finance',
    office: 'Paris',
    hireDate: '2020-01-01',
    managerId: null,
    timeZone: 'Europe/Paris',
    languages: ['fr'],
    workingHours: hours,
    ...over,
  };
}

function volunteer(p: Person, role: Enrolment['role'], over: { enrolment?: Partial<Enrolment>; busy?: { start: number; end: number }[]; error?: string } = {}): ChangeVolunteer {
  return {
    email: p.email,
    person: p,
    enrolment: { email: p.email, role, offers: role === 'mentor' ? ['ai', 'data'] : [], wants: role === 'mentee' ? ['data'] : [], languages: [], format: 'either', ...over.enrolment },
    availability: { timeZone: 'Europe/Paris', workingHours: hours, busy: over.busy ?? [], error: over.error ?? null },
  };
}

const camille = person('camille', 'Camille Roux');
const marc = person('marc', 'Marc Petit', { department: 'Ventes' });
const ana = person('ana', 'Ana Martin', { managerId: 'camille' });
const chart = buildOrgChart([camille, marc, ana]);
const plan = { sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
const setting = { plan, now: Date.parse('2027-01-04T08:00:00Z'), chart };
/** Busy from before the cohort to after it: no free hour at all. */
const allWeeks = [{ start: Date.parse('2027-01-01T00:00:00Z'), end: Date.parse('2027-06-01T00:00:00Z') }];

describe('a pair HR forms by hand', () => {
  it('is accepted with its score, reasons and every session planned when it passes the rules matching applies', () => {
    const checked = checkPair(volunteer(camille, 'mentor'), volunteer(marc, 'mentee'), setting);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.pair.sessions).toHaveLength(4);
    expect(checked.pair.reasons.map((r) => r.code)).toContain('SHARED_THEMES');
    expect(checked.pair.score).toBeGreaterThan(128);
  });

  it('is refused when the two share no free hour in the cohort\'s weeks, naming both people', () => {
    const checked = checkPair(volunteer(camille, 'mentor'), volunteer(marc, 'mentee', { busy: allWeeks }), setting);
    expect(checked).toMatchObject({ ok: false, refusal: { code: 'NO_COMMON_SLOT' } });
    if (checked.ok) return;
    expect(checked.refusal.message).toBe("Camille Roux and Marc Petit share no free 60-minute slot in the cohort's 16 weeks");
  });

  it('is refused inside one reporting line, as matching refuses it', () => {
    const checked = checkPair(volunteer(camille, 'mentor'), volunteer(ana, 'mentee'), setting);
    expect(checked).toMatchObject({ ok: false, refusal: { code: 'SAME_REPORTING_LINE' } });
    if (checked.ok) return;
    expect(english('blocker', checked.refusal)).toContain("Camille Roux is Ana Martin's manager");
  });

  it('is refused when no theme offered is wanted, or a calendar could not be read', () => {
    const noTheme = checkPair(volunteer(camille, 'mentor', { enrolment: { offers: ['video'] } }), volunteer(marc, 'mentee'), setting);
    expect(noTheme).toMatchObject({ ok: false, refusal: { code: 'NO_THEME_MATCH' } });
    const unreadable = checkPair(volunteer(camille, 'mentor'), volunteer(marc, 'mentee', { error: 'mailbox not found' }), setting);
    expect(unreadable).toMatchObject({ ok: false, refusal: { code: 'NO_CALENDAR', message: 'the calendar of Marc Petit could not be read: mailbox not found' } });
  });

  it('is refused for someone who left the directory or is not enrolled', () => {
    const gone: ChangeVolunteer = { ...volunteer(marc, 'mentee'), person: null };
    expect(checkPair(volunteer(camille, 'mentor'), gone, setting)).toMatchObject({ ok: false, refusal: { code: 'NOT_IN_DIRECTORY' } });
    const stranger: ChangeVolunteer = { ...volunteer(marc, 'mentee'), enrolment: null };
    expect(checkPair(volunteer(camille, 'mentor'), stranger, setting)).toMatchObject({ ok: false, refusal: { code: 'NOT_ENROLLED', message: 'Marc Petit is not enrolled in this cohort' } });
  });
});

describe('a swap of two people', () => {
  const pairs: ProposalPair[] = [
    { pairId: 'p1', mentorEmail: 'm1@x', menteeEmail: 'e1@x', locked: false },
    { pairId: 'p2', mentorEmail: 'm2@x', menteeEmail: 'e2@x', locked: false },
    { pairId: 'p3', mentorEmail: 'm3@x', menteeEmail: 'e3@x', locked: true },
  ];
  const leftOut = [
    { email: 'm4@x', role: 'mentor' as const },
    { email: 'e4@x', role: 'mentee' as const },
  ];

  it('between two pairs exchanges the partners of two mentors', () => {
    expect(planSwap(pairs, leftOut, 'm1@x', 'm2@x')).toEqual({
      ok: true,
      role: 'mentor',
      dissolve: [pairs[0], pairs[1]],
      form: [
        { mentorEmail: 'm1@x', menteeEmail: 'e2@x', moved: 'm1@x' },
        { mentorEmail: 'm2@x', menteeEmail: 'e1@x', moved: 'm2@x' },
      ],
      leftOut: null,
    });
  });

  it('with someone left out gives them the place and leaves the paired person out', () => {
    expect(planSwap(pairs, leftOut, 'e4@x', 'e1@x')).toEqual({
      ok: true,
      role: 'mentee',
      dissolve: [pairs[0]],
      form: [{ mentorEmail: 'm1@x', menteeEmail: 'e4@x', moved: 'e4@x' }],
      leftOut: { email: 'e1@x', role: 'mentee', replacedBy: 'e4@x', partner: 'm1@x' },
    });
  });

  it('is refused across sides, between two people left out, with oneself, with a stranger, or through a locked pair', () => {
    expect(planSwap(pairs, leftOut, 'm1@x', 'e2@x')).toMatchObject({ ok: false, field: 'second', refusal: { code: 'SWAP_ROLES_DIFFER' } });
    expect(planSwap(pairs, leftOut, 'm4@x', 'm4@x')).toMatchObject({ ok: false, refusal: { code: 'SWAP_SAME_PERSON' } });
    expect(planSwap(pairs, [...leftOut, { email: 'm5@x', role: 'mentor' }], 'm4@x', 'm5@x')).toMatchObject({ ok: false, refusal: { code: 'SWAP_NEEDS_A_PAIR' } });
    expect(planSwap(pairs, leftOut, 'nobody@x', 'm1@x')).toMatchObject({ ok: false, field: 'first', refusal: { code: 'PERSON_NOT_IN_PROPOSAL' } });
    expect(planSwap(pairs, leftOut, 'm1@x', 'm3@x')).toMatchObject({ ok: false, field: 'second', refusal: { code: 'PAIR_LOCKED' } });
  });
});
