import { describe, it, expect } from 'vitest';
import type { CohortPlan, Interval, SpanHours } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import { freeTime, reserve } from '../../src/planning/free-time.ts';
import type { PersonCalendar } from '../../src/planning/free-time.ts';
import { fitsFreeTime, planSessions, replanSession } from '../../src/planning/sessions.ts';
import type { PlanResult } from '../../src/planning/sessions.ts';
import { failsOnlyWhenBruteForceFails, planFor, plansSatisfyEveryConstraint, planProblems, wallClock } from '../support/planning-properties.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const weekdaysOnly: SpanHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const at = (iso: string): number => Date.parse(iso);
const person = (timeZone: string, start: string, end: string, busy: Interval[] = []): PersonCalendar => ({
  workingHours: hoursIn({ days: weekdaysOnly, start, end }, timeZone),
  busy,
});
const startsOf = (result: PlanResult): number[] => (result.ok ? result.sessions.map((s) => s.start) : []);

describe('planSessions across time zones', () => {
  it('keeps a Paris–New York pair inside both working days before, between and after the March DST changes', () => {
    // Only 10:00-12:00 in New York and up to 17:00 in Paris: one common hour, at 15:00 UTC
    // before 14 March, 14:00-16:00 UTC between the US and EU changes, 14:00 UTC after 28 March.
    const paris = person('Europe/Paris', '09:00', '17:00');
    const newYork = person('America/New_York', '10:00', '12:00');
    const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-03-01', weeks: 8 };
    const result = planFor([paris, newYork], plan, at('2027-02-01T00:00:00Z'));
    expect(result.ok).toBe(true);
    expect(planProblems(result, [paris, newYork], plan, 0)).toEqual([]);
    const starts = startsOf(result);
    const before = starts.filter((s) => s < at('2027-03-14T07:00:00Z'));
    const after = starts.filter((s) => s >= at('2027-03-28T01:00:00Z'));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const s of [...before, ...after]) {
      expect(wallClock(s, 'Europe/Paris')).toBe('16:00');
      expect(wallClock(s, 'America/New_York')).toBe('10:00');
    }
    expect(new Set(before.map((s) => new Date(s).toISOString().slice(11, 16)))).toEqual(new Set(['15:00']));
    expect(new Set(after.map((s) => new Date(s).toISOString().slice(11, 16)))).toEqual(new Set(['14:00']));
  });

  it('only books a Kolkata–Toronto pair once the US change opens a common window, on the half hour', () => {
    // Kolkata 10:00-19:00 is 04:30-13:30 UTC; Toronto from 08:00 is 13:00 UTC in winter, 12:00 UTC from 14 March.
    const kolkata = person('Asia/Kolkata', '10:00', '19:00');
    const toronto = person('America/Toronto', '08:00', '17:00');
    const plan: CohortPlan = { sessions: 4, sessionMinutes: 45, start: '2027-03-01', weeks: 12 };
    const result = planFor([kolkata, toronto], plan, 0);
    expect(result.ok).toBe(true);
    expect(planProblems(result, [kolkata, toronto], plan, 0)).toEqual([]);
    for (const s of startsOf(result)) expect(s).toBeGreaterThanOrEqual(at('2027-03-15T12:00:00Z'));
  });

  it('plans a Kathmandu (+5:45) and Paris pair on quarter hours of both clocks', () => {
    const kathmandu = person('Asia/Kathmandu', '09:00', '18:00');
    const paris = person('Europe/Paris', '09:00', '18:00');
    const plan: CohortPlan = { sessions: 5, sessionMinutes: 30, start: '2027-02-01', weeks: 20 };
    const result = planFor([kathmandu, paris], plan, 0);
    expect(planProblems(result, [kathmandu, paris], plan, 0)).toEqual([]);
    for (const s of startsOf(result)) expect(['00', '15', '30', '45']).toContain(wallClock(s, 'Asia/Kathmandu').slice(3));
  });

  it('follows Sydney out of summer time in April (southern hemisphere) with a Singapore partner', () => {
    // Sydney 15:00-17:00 is 04:00-06:00 UTC until 4 April 2027, then 05:00-07:00 UTC.
    const sydney = person('Australia/Sydney', '15:00', '17:00');
    const singapore = person('Asia/Singapore', '09:00', '18:00');
    const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-03-01', weeks: 10 };
    const result = planFor([sydney, singapore], plan, 0);
    expect(result.ok).toBe(true);
    expect(planProblems(result, [sydney, singapore], plan, 0)).toEqual([]);
    const starts = startsOf(result);
    expect(starts.some((s) => s < at('2027-04-03T16:00:00Z'))).toBe(true);
    expect(starts.some((s) => s > at('2027-04-03T16:00:00Z'))).toBe(true);
  });

  it('refuses a pair whose working hours never overlap, with NO_COMMON_SLOT and no session', () => {
    const paris = person('Europe/Paris', '09:00', '17:00');
    const losAngeles = person('America/Los_Angeles', '09:00', '17:00');
    const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 26 };
    const result = planFor([paris, losAngeles], plan, 0);
    expect(result).toMatchObject({ ok: false, code: 'NO_COMMON_SLOT', sessionsFound: 0 });
    expect(result.ok ? '' : result.message).toMatch(/no common free slot of 60 minutes/);
  });

  it('finds the two March weeks when Paris 09-18 and Los Angeles 09-17 do overlap, and says only two sessions fit', () => {
    // Between the US change (14 March) and the EU one (28 March), Paris 17:00-18:00 is 09:00-10:00 in LA.
    const paris = person('Europe/Paris', '09:00', '18:00');
    const losAngeles = person('America/Los_Angeles', '09:00', '17:00');
    const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 26 };
    const result = planFor([paris, losAngeles], plan, 0);
    expect(result).toMatchObject({ ok: false, code: 'NO_COMMON_SLOT', sessionsFound: 2 });
    expect(result.ok ? '' : result.message).toMatch(/only 2 of 6 sessions of 60 minutes fit with at least one week between sessions/);
  });
});

describe('planSessions cadence', () => {
  const paris = person('Europe/Paris', '09:00', '18:00');
  const london = person('Europe/London', '09:00', '17:30');
  const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 26 };

  it('spaces six sessions over 26 weeks monthly at first, then wider, starting in the first week', () => {
    const result = planFor([paris, london], plan, 0);
    expect(planProblems(result, [paris, london], plan, 0)).toEqual([]);
    const starts = startsOf(result);
    expect(starts[0]).toBeLessThan(at('2027-01-11T00:00:00Z'));
    const gaps = starts.slice(1).map((s, i) => (s - (starts[i] as number)) / DAY);
    expect(gaps[0]).toBeGreaterThanOrEqual(26);
    expect(gaps[0]).toBeLessThanOrEqual(32);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual((gaps[i - 1] as number) - 1);
    expect(gaps.at(-1)).toBeGreaterThan((gaps[0] as number) + 7);
    expect(result.ok && result.minGapDays).toBe(Math.min(...gaps.map((g) => Math.round(g * 10) / 10)));
  });

  it('keeps the pair at one local time of day across the DST change when both are free', () => {
    const starts = startsOf(planFor([paris, london], plan, 0));
    expect(new Set(starts.map((s) => wallClock(s, 'Europe/London'))).size).toBe(1);
    expect(new Set(starts.map((s) => wallClock(s, 'Europe/Paris'))).size).toBe(1);
  });

  it('meets at a humane hour for both when working hours allow', () => {
    const newYork = person('America/New_York', '08:00', '18:00');
    const starts = startsOf(planFor([paris, newYork], plan, 0));
    for (const s of starts) {
      expect(wallClock(s, 'America/New_York') >= '09:00').toBe(true);
      expect(wallClock(s, 'Europe/Paris') <= '17:00').toBe(true);
    }
  });

  it('gives the same sessions for the same inputs', () => {
    expect(planFor([paris, london], plan, 0)).toEqual(planFor([paris, london], plan, 0));
  });

  it('never starts a session before notBefore, and starts soon after it', () => {
    const notBefore = at('2027-03-15T10:07:00Z');
    const result = planFor([paris, london], plan, notBefore);
    expect(planProblems(result, [paris, london], plan, notBefore)).toEqual([]);
    const starts = startsOf(result);
    expect(starts[0]).toBeGreaterThanOrEqual(notBefore);
    expect(starts[0]).toBeLessThan(notBefore + WEEK);
  });

  /** Busy all day every day of the cohort except the given weeks (0-based from the start). */
  const busyExceptWeeks = (freeWeeks: number[]): Interval[] => {
    const origin = at('2027-01-03T00:00:00Z');
    return Array.from({ length: 27 }, (_, w) => w)
      .filter((w) => !freeWeeks.includes(w - 1))
      .map((w) => ({ start: origin + (w - 1) * WEEK, end: origin + w * WEEK }));
  };

  it('tightens to two weeks between sessions when only every other week is free', () => {
    const crowded = person('Europe/Paris', '09:00', '18:00', busyExceptWeeks([8, 10, 12, 14, 16, 18]));
    const result = planFor([crowded, london], plan, 0);
    expect(planProblems(result, [crowded, london], plan, 0)).toEqual([]);
    expect(result.ok && result.minGapDays).toBeGreaterThanOrEqual(13.9);
    expect(result.ok && result.minGapDays).toBeLessThan(21);
  });

  it('tightens down to one week between sessions when only six consecutive weeks are free', () => {
    const crowded = person('Europe/Paris', '09:00', '18:00', busyExceptWeeks([10, 11, 12, 13, 14, 15]));
    const result = planFor([crowded, london], plan, 0);
    expect(result.ok).toBe(true);
    expect(planProblems(result, [crowded, london], plan, 0)).toEqual([]);
    expect(result.ok && result.minGapDays).toBeGreaterThanOrEqual(6.9);
    expect(result.ok && result.minGapDays).toBeLessThan(8);
  });

  it('fails with how many sessions fit when even one-week spacing cannot hold them all', () => {
    const crowded = person('Europe/Paris', '09:00', '18:00', busyExceptWeeks([10, 11, 12, 13, 14]));
    const result = planFor([crowded, london], plan, 0);
    expect(result).toMatchObject({ ok: false, code: 'NO_COMMON_SLOT', sessionsFound: 5 });
    expect(result.ok ? '' : result.message).toMatch(/only 5 of 6 sessions/);
  });

  it('books right after meetings that end at :50 when that hour is the only common one', () => {
    // Both are busy all day except 09:50–10:50 Paris time on weekdays ("end meetings early").
    const offGrid: CohortPlan = { sessions: 3, sessionMinutes: 60, start: '2027-01-04', weeks: 3 };
    const busyBut = (): Interval[] =>
      Array.from({ length: 25 }, (_, d) => {
        const day = at('2027-01-03T00:00:00Z') + d * DAY;
        return [
          { start: day, end: day + 8 * HOUR + 50 * MINUTE },
          { start: day + 9 * HOUR + 50 * MINUTE, end: day + DAY },
        ];
      }).flat();
    const a = person('Europe/Paris', '09:00', '18:00', busyBut());
    const b = person('Europe/Paris', '08:00', '17:00', busyBut());
    const result = planFor([a, b], offGrid, 0);
    expect(planProblems(result, [a, b], offGrid, 0)).toEqual([]);
    expect(startsOf(result).map((s) => new Date(s).toISOString().slice(11, 16))).toEqual(['08:50', '08:50', '08:50']);
  });

  it('starts a week after an 11:16 session at 11:30, not at 11:16 again, when 11:30 fits', () => {
    // The first session starts at 11:16 Paris, right after a meeting; the only free day the
    // next week is Monday, from 9:00. A week after 11:16 is neither a quarter hour nor the
    // edge of a free stretch.
    const mornings: SpanHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
    const busyParis: PersonCalendar = {
      workingHours: hoursIn({ days: mornings, start: '09:00', end: '13:00' }, 'Europe/Paris'),
      busy: [
        { start: at('2027-03-01T08:00:00Z'), end: at('2027-03-01T10:16:00Z') },
        { start: at('2027-03-09T00:00:00Z'), end: at('2027-03-13T00:00:00Z') },
      ],
    };
    const londonMornings = person('Europe/London', '08:00', '12:00');
    const short: CohortPlan = { sessions: 3, sessionMinutes: 60, start: '2027-03-01', weeks: 3 };
    const notBefore = at('2027-03-01T08:00:00Z');
    const result = planFor([busyParis, londonMornings], short, notBefore);
    expect(planProblems(result, [busyParis, londonMornings], short, notBefore)).toEqual([]);
    expect(startsOf(result).slice(0, 2).map((s) => `${new Date(s).toISOString().slice(0, 10)} ${wallClock(s, 'Europe/Paris')}`)).toEqual([
      '2027-03-01 11:16',
      '2027-03-08 11:30',
    ]);
  });

  it('keeps a week after an off-grid first session on the grid (Singapore–Kathmandu counterexample)', () => {
    const singapore: PersonCalendar = {
      workingHours: hoursIn({ start: '07:00', end: '16:00', days: weekdaysOnly }, 'Asia/Singapore'),
      busy: [{ start: at('2027-03-02T21:08:00Z'), end: at('2027-03-03T04:31:00Z') }],
    };
    const kathmandu = person('Asia/Kathmandu', '07:00', '16:00');
    const sixWeeks: CohortPlan = { start: '2027-03-01', weeks: 6, sessions: 6, sessionMinutes: 30 };
    const notBefore = at('2027-03-02T10:00:00Z');
    const result = planFor([singapore, kathmandu], sixWeeks, notBefore);
    expect(planProblems(result, [singapore, kathmandu], sixWeeks, notBefore)).toEqual([]);
    expect(startsOf(result)[0]).toBe(at('2027-03-03T04:31:00Z'));
  });

  it('fails when the cohort is too short for the sessions at one week apart', () => {
    const short: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 4 };
    expect(planFor([paris, london], short, 0)).toMatchObject({ ok: false, code: 'NO_COMMON_SLOT', sessionsFound: 4 });
  });
});

describe('fitsFreeTime and replanSession', () => {
  const paris = person('Europe/Paris', '09:00', '18:00');
  const newYork = person('America/New_York', '09:00', '17:00');
  const plan: CohortPlan = { sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 26 };
  const a = freeTime(paris, plan);
  const b = freeTime(newYork, plan);
  const result = planSessions(a, b, plan, { notBefore: 0 });
  const sessions = result.ok ? result.sessions : [];

  it('confirms planned sessions still fit and spots one that a new meeting or the evening would break', () => {
    expect(sessions.every((s) => fitsFreeTime(a, b, s))).toBe(true);
    const first = sessions[0] ?? { start: 0, end: 0 };
    expect(fitsFreeTime(reserve(a, [{ start: first.start + 30 * MINUTE, end: first.end + HOUR }]), b, first)).toBe(false);
    expect(fitsFreeTime(a, b, { start: first.start + 8 * HOUR, end: first.end + 8 * HOUR })).toBe(false);
  });

  it('moves one session to the nearest common free slot, a week or more from its neighbours', () => {
    const moving = sessions[2] ?? { start: 0, end: 0 };
    const busyA = reserve(a, [{ start: moving.start - DAY, end: moving.end + DAY }]);
    const moved = replanSession(busyA, b, sessions, 2, { notBefore: 0 });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(fitsFreeTime(busyA, b, moved.session)).toBe(true);
    expect(Math.abs(moved.session.start - moving.start)).toBeLessThanOrEqual(3 * DAY);
    expect(moved.session.start - (sessions[1]?.start ?? 0)).toBeGreaterThanOrEqual(WEEK);
    expect((sessions[3]?.start ?? 0) - moved.session.start).toBeGreaterThanOrEqual(WEEK);
    expect(planProblems({ ok: true, sessions: [moved.session], minGapDays: 0 }, [paris, newYork], { ...plan, sessions: 1 }, 0)).toEqual([]);
  });

  it('says why a session cannot move when its neighbours leave no free week', () => {
    const packed = [
      { start: at('2027-02-01T15:00:00Z'), end: at('2027-02-01T16:00:00Z') },
      { start: at('2027-02-08T15:00:00Z'), end: at('2027-02-08T16:00:00Z') },
      { start: at('2027-02-15T15:00:00Z'), end: at('2027-02-15T16:00:00Z') },
    ];
    const busyThatWeek = reserve(a, [{ start: at('2027-02-08T00:00:00Z'), end: at('2027-02-09T00:00:00Z') }]);
    const moved = replanSession(busyThatWeek, b, packed, 1, { notBefore: 0 });
    expect(moved).toMatchObject({ ok: false, code: 'NO_COMMON_SLOT' });
    expect(moved.ok ? '' : moved.message).toMatch(/for session 2 between 2027-02-08T15:00:00.000Z and 2027-02-08T15:00:00.000Z/);
  });
});

describe('planSessions on random calendars', () => {
  for (const property of [plansSatisfyEveryConstraint, failsOnlyWhenBruteForceFails]) it(property.name.replace(/^planSessions /, ''), () => property.assert(property));
});
