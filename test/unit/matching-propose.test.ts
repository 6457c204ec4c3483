import { describe, expect, it } from 'vitest';
import { proposePairs, type PersonAvailability } from '../../src/matching/propose.ts';
import type { CohortPlan, Enrolment, Person } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import { english } from '../support/words.ts';

const plan: CohortPlan = { sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
const now = Date.parse('2027-01-04T08:00:00Z');
const hours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, start: '09:00', end: '18:00' };

function person(id: string, extra: Partial<Person> = {}): Person {
  return {
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
    workingHours: hoursIn({ ...hours, days: [...hours.days] }, 'Europe/Paris'),
    ...extra,
  };
}

const mentor = (id: string, offers: string[], extra: Partial<Enrolment> = {}): Enrolment => ({
  email: `${id}@acme.example`, role: 'mentor', offers, wants: [], languages: ['fr'], format: 'video', ...extra,
});
const mentee = (id: string, wants: string[], extra: Partial<Enrolment> = {}): Enrolment => ({
  email: `${id}@acme.example`, role: 'mentee', offers: [], wants, languages: ['fr'], format: 'video', ...extra,
});

function freeCalendars(people: Person[], overrides: Record<string, Partial<PersonAvailability>> = {}): Map<string, PersonAvailability> {
  return new Map(
    people.map((p) => [p.email, { timeZone: p.timeZone, workingHours: p.workingHours, busy: [], error: null, ...overrides[p.email] }]),
  );
}

describe('proposePairs', () => {
  it('prefers two pairs over one better-scoring pair', () => {
    const people = ['a', 'b', 'x', 'y'].map((id) => person(id));
    const result = proposePairs({
      plan,
      now,
      people,
      // a-x share three themes (the best single pair), but b can only pair with x.
      enrolments: [mentor('a', ['ai', 'data', 'video']), mentor('b', ['ai']), mentee('x', ['ai', 'data', 'video']), mentee('y', ['data'])],
      availability: freeCalendars(people),
    });
    expect(result.pairs.map((p) => [p.mentorEmail, p.menteeEmail]).sort()).toEqual([
      ['a@acme.example', 'y@acme.example'],
      ['b@acme.example', 'x@acme.example'],
    ]);
    expect(result.unmatched).toEqual([]);
  });

  it('gives every pair all its sessions, after now and inside the cohort', () => {
    const people = ['a', 'x'].map((id) => person(id));
    const result = proposePairs({ plan, now, people, enrolments: [mentor('a', ['ai']), mentee('x', ['ai'])], availability: freeCalendars(people) });
    const [pair] = result.pairs;
    expect(pair?.sessions).toHaveLength(4);
    for (const s of pair?.sessions ?? []) {
      expect(s.start).toBeGreaterThanOrEqual(Date.parse('2027-01-10T23:00:00Z'));
      expect(s.end - s.start).toBe(60 * 60_000);
    }
    expect(pair?.reasons.length).toBeGreaterThan(0);
  });

  it('explains why each volunteer stayed unmatched', () => {
    const people = [
      person('boss'),
      person('junior', { managerId: 'mid' }),
      person('mid', { managerId: 'boss' }),
      person('anglo', { languages: ['en'] }),
      person('m2'),
      person('busy'),
      person('x2'),
    ];
    const allDay = [{ start: Date.parse('2027-01-01T00:00:00Z'), end: Date.parse('2027-06-01T00:00:00Z') }];
    const result = proposePairs({
      plan,
      now,
      people,
      enrolments: [
        mentor('junior', ['ai']),
        mentee('boss', ['ai']),
        mentor('anglo', ['data'], { languages: ['en'] }),
        mentee('x2', ['data']),
        mentor('m2', ['video']),
        mentee('busy', ['video']),
      ],
      availability: freeCalendars(people, { 'busy@acme.example': { busy: allDay } }),
    });
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.email, u.reason]));
    expect(result.pairs).toEqual([]);
    expect(english('unmatched', reasons['boss@acme.example'])).toBe(
      'none of the 3 mentors fits: 1 shares no language, 1 shares no theme (offered and wanted), 1 is in the same reporting line',
    );
    expect(english('unmatched', reasons['x2@acme.example'])).toMatch(/^none of the 3 mentors fits: .*1 shares no language/);
    expect(english('unmatched', reasons['busy@acme.example'])).toMatch(/1 has too little common free time for every session/);
    expect(english('unmatched', reasons['m2@acme.example'])).toMatch(/common free time/);
  });

  it('says when partners existed but were all needed elsewhere', () => {
    const people = ['a', 'b', 'x'].map((id) => person(id));
    const result = proposePairs({
      plan,
      now,
      people,
      enrolments: [mentor('a', ['ai']), mentor('b', ['ai']), mentee('x', ['ai'])],
      availability: freeCalendars(people),
    });
    expect(result.pairs).toHaveLength(1);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]?.reason.code).toBe('PARTNERS_TAKEN');
  });

  it('reports a volunteer whose calendar could not be read', () => {
    const people = ['a', 'x'].map((id) => person(id));
    const result = proposePairs({
      plan,
      now,
      people,
      enrolments: [mentor('a', ['ai']), mentee('x', ['ai'])],
      availability: freeCalendars(people, { 'x@acme.example': { error: 'mailbox not found' } }),
    });
    expect(result.pairs).toEqual([]);
    expect(result.unmatched.find((u) => u.email === 'x@acme.example')?.reason).toMatchObject({ code: 'NO_CALENDAR' });
  });
});
