import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { weekdays } from '../../src/model/schema.ts';
import type { CohortPlan, Interval, WorkingHours } from '../../src/model/schema.ts';
import { freeTime, reserve } from '../../src/planning/free-time.ts';
import type { PersonCalendar } from '../../src/planning/free-time.ts';
import { fitsFreeTime, planSessions, replanSession } from '../../src/planning/sessions.ts';
import type { PlanResult } from '../../src/planning/sessions.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const weekdaysOnly: WorkingHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const at = (iso: string): number => Date.parse(iso);
const person = (timeZone: string, start: string, end: string, busy: Interval[] = []): PersonCalendar => ({
  workingHours: { days: weekdaysOnly, start, end, timeZone },
  busy,
});
const zoned = (ms: number, zone: string): Temporal.ZonedDateTime => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
const wallClock = (ms: number, zone: string): string => zoned(ms, zone).toPlainTime().toString({ smallestUnit: 'minute' });

/** Why one session does not suit one person, checked with Temporal independently of the planner. */
function sessionProblem(session: Interval, who: PersonCalendar, plan: CohortPlan): string | null {
  const hours = who.workingHours;
  const start = zoned(session.start, hours.timeZone);
  const end = zoned(session.end, hours.timeZone);
  const first = Temporal.PlainDate.from(plan.start);
  const stop = first.add({ days: plan.weeks * 7 });
  const day = start.toPlainDate();
  const where = `${start.toString()} in ${hours.timeZone}`;
  // Working hours end by 23:59, so a session ending on another local date is outside them.
  if (!end.toPlainDate().equals(day)) return `${where} spans midnight`;
  if (!hours.days.includes(weekdays[start.dayOfWeek - 1] ?? 'mon')) return `${where} is not a working day`;
  if (Temporal.PlainTime.compare(start.toPlainTime(), Temporal.PlainTime.from(hours.start)) < 0) return `${where} starts before ${hours.start}`;
  if (Temporal.PlainTime.compare(end.toPlainTime(), Temporal.PlainTime.from(hours.end)) > 0) return `${where} ends after ${hours.end}`;
  if (Temporal.PlainDate.compare(day, first) < 0 || Temporal.PlainDate.compare(day, stop) >= 0) return `${where} is outside the cohort dates`;
  const clash = who.busy.find((busy) => busy.start < session.end && busy.end > session.start);
  if (clash !== undefined) return `${where} overlaps busy time ${new Date(clash.start).toISOString()}`;
  return null;
}

/** An off-grid start is only right where someone's free time starts, or ends with the session. */
function atFreeTimeEdge(session: Interval, people: PersonCalendar[], plan: CohortPlan, notBefore: number): boolean {
  if (session.start === notBefore) return true;
  return people.some(
    (who) =>
      sessionProblem({ start: session.start - MINUTE, end: session.end - MINUTE }, who, plan) !== null ||
      sessionProblem({ start: session.start + MINUTE, end: session.end + MINUTE }, who, plan) !== null,
  );
}

function planProblems(result: PlanResult, people: PersonCalendar[], plan: CohortPlan, notBefore: number): string[] {
  if (!result.ok) return [];
  const problems: string[] = [];
  if (result.sessions.length !== plan.sessions) problems.push(`${result.sessions.length} sessions instead of ${plan.sessions}`);
  result.sessions.forEach((session, i) => {
    if (session.start < notBefore) problems.push(`session ${i} starts before notBefore`);
    if (session.start % (15 * MINUTE) !== 0 && !atFreeTimeEdge(session, people, plan, notBefore)) {
      problems.push(`session ${i} is neither on a quarter hour nor at the edge of someone's free time`);
    }
    if (session.end - session.start !== plan.sessionMinutes * MINUTE) problems.push(`session ${i} has the wrong length`);
    for (const who of people) {
      const problem = sessionProblem(session, who, plan);
      if (problem !== null) problems.push(`session ${i}: ${problem}`);
    }
    const previous = result.sessions[i - 1];
    if (previous !== undefined && session.start - previous.start < WEEK) problems.push(`session ${i} is less than 7 × 24 hours after the previous one`);
  });
  return problems;
}

const planFor = (people: [PersonCalendar, PersonCalendar], plan: CohortPlan, notBefore: number): PlanResult =>
  planSessions(freeTime(people[0], plan), freeTime(people[1], plan), plan, { notBefore });

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
  const zones = ['Europe/Paris', 'Europe/London', 'America/New_York', 'America/Toronto', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Singapore', 'Australia/Sydney'];
  const starts = ['2027-03-01', '2027-03-22', '2027-09-27', '2027-10-25', '2027-03-29'];
  const hoursArb = fc.record({
    timeZone: fc.constantFrom(...zones),
    start: fc.constantFrom('07:00', '08:30', '09:00', '10:15'),
    end: fc.constantFrom('16:00', '17:30', '18:00', '19:45'),
    days: fc.constantFrom<WorkingHours['days']>(weekdaysOnly, ['mon', 'tue', 'wed', 'thu'], ['sun', 'mon', 'tue', 'wed', 'thu']),
  });
  const personArb = (startDate: string, weeks: number): fc.Arbitrary<PersonCalendar> => {
    const origin = at(`${startDate}T00:00:00Z`) - DAY;
    return fc.record({
      workingHours: hoursArb,
      busy: fc.array(
        fc.record({ offset: fc.integer({ min: 0, max: (weeks * 7 + 2) * 24 * 60 }), minutes: fc.integer({ min: 15, max: 600 }) }).map(
          ({ offset, minutes }) => ({ start: origin + offset * MINUTE, end: origin + (offset + minutes) * MINUTE }),
        ),
        { maxLength: weeks * 12 },
      ),
    });
  };
  const caseArb = (maxWeeks: number) =>
    fc
      .record({
        start: fc.constantFrom(...starts),
        weeks: fc.integer({ min: 1, max: maxWeeks }),
        sessions: fc.integer({ min: 1, max: 6 }),
        sessionMinutes: fc.constantFrom(30, 45, 60, 90),
        notBeforeHours: fc.integer({ min: -48, max: 24 * 14 }),
      })
      .chain((plan) => fc.tuple(fc.constant(plan), personArb(plan.start, plan.weeks), personArb(plan.start, plan.weeks)));

  it('always returns plans that satisfy every constraint, checked independently with Temporal', () => {
    fc.assert(
      fc.property(caseArb(26), ([{ notBeforeHours, ...plan }, a, b]) => {
        const notBefore = at(`${plan.start}T00:00:00Z`) + notBeforeHours * HOUR;
        const result = planFor([a, b], plan, notBefore);
        expect(planProblems(result, [a, b], plan, notBefore)).toEqual([]);
        if (!result.ok) expect(result.sessionsFound).toBeLessThan(plan.sessions);
      }),
      { numRuns: 300 },
    );
  });

  it('fails only when a brute-force search cannot fit every session a week apart either', () => {
    fc.assert(
      fc.property(caseArb(3), ([{ notBeforeHours, ...plan }, a, b]) => {
        const notBefore = at(`${plan.start}T00:00:00Z`) + notBeforeHours * HOUR;
        const duration = plan.sessionMinutes * MINUTE;
        const from = Math.max(notBefore, at(`${plan.start}T00:00:00Z`) - 14 * HOUR);
        const end = at(`${plan.start}T00:00:00Z`) + plan.weeks * WEEK + 12 * HOUR;
        // Free stretches begin on quarter hours (working hours) or where a busy event ends:
        // the earliest fitting start is one of those, or the earliest allowed instant itself.
        const edges = [...a.busy, ...b.busy].map((busy) => busy.end);
        for (let s = Math.ceil(from / (15 * MINUTE)) * 15 * MINUTE; s < end; s += 15 * MINUTE) edges.push(s);
        const candidates = [...new Set(edges)].sort((x, y) => x - y);
        const fits = (s: number) => sessionProblem({ start: s, end: s + duration }, a, plan) === null && sessionProblem({ start: s, end: s + duration }, b, plan) === null;
        let fitted = 0;
        let earliest = from;
        while (fitted < plan.sessions) {
          const s = fits(earliest) ? earliest : candidates.find((c) => c > earliest && c < end && fits(c));
          if (s === undefined) break;
          fitted++;
          earliest = s + WEEK;
        }
        const result = planFor([a, b], plan, notBefore);
        if (result.ok) expect(fitted).toBe(plan.sessions);
        else expect(result.sessionsFound).toBe(fitted);
      }),
      { numRuns: 40 },
    );
  });
});
