import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import { weekdays } from '../../src/model/schema.ts';
import type { CohortPlan, HoursBlock, Interval, WorkingWeek } from '../../src/model/schema.ts';
import { describeWeek, timeOfMinutes } from '../../src/model/working-hours.ts';
import { freeTime } from '../../src/planning/free-time.ts';
import type { PersonCalendar } from '../../src/planning/free-time.ts';
import { planSessions } from '../../src/planning/sessions.ts';
import { zoneClock } from '../../src/planning/zones.ts';
import type { PlanResult } from '../../src/planning/sessions.ts';
import { propertyCase } from './property-case.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const at = (iso: string): number => Date.parse(iso);

export const zoned = (ms: number, zone: string): Temporal.ZonedDateTime => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
export const wallClock = (ms: number, zone: string): string => zoned(ms, zone).toPlainTime().toString({ smallestUnit: 'minute' });

/** Why one session does not suit one person, checked with Temporal independently of the planner. */
export function sessionProblem(session: Interval, who: PersonCalendar, plan: CohortPlan): string | null {
  const hours = who.workingHours;
  const start = zoned(session.start, hours.timeZone);
  const end = zoned(session.end, hours.timeZone);
  const first = Temporal.PlainDate.from(plan.start);
  const stop = first.add({ days: plan.weeks * 7 });
  const day = start.toPlainDate();
  const where = `${start.toString()} in ${hours.timeZone}`;
  // Working hours end by 23:59, so a session ending on another local date is outside them.
  if (!end.toPlainDate().equals(day)) return `${where} spans midnight`;
  const blocks = hours.week[weekdays[start.dayOfWeek - 1] ?? 'mon'];
  if (blocks.length === 0) return `${where} is not a working day`;
  const time = (minutes: number) => Temporal.PlainTime.from(timeOfMinutes(minutes));
  const inside = blocks.some(
    ([from, to]) => Temporal.PlainTime.compare(start.toPlainTime(), time(from)) >= 0 && Temporal.PlainTime.compare(end.toPlainTime(), time(to)) <= 0,
  );
  if (!inside) return `${where} is not inside one working block (${describeWeek(hours.week)})`;
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

export function planProblems(result: PlanResult, people: PersonCalendar[], plan: CohortPlan, notBefore: number): string[] {
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

export const planFor = (people: [PersonCalendar, PersonCalendar], plan: CohortPlan, notBefore: number): PlanResult =>
  planSessions(freeTime(people[0], plan), freeTime(people[1], plan), plan, { notBefore });


const zones = ['Europe/Paris', 'Europe/London', 'America/New_York', 'America/Toronto', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Singapore', 'Australia/Sydney'];
const starts = ['2027-03-01', '2027-03-22', '2027-09-27', '2027-10-25', '2027-03-29'];
/** Each day: off, one span (07:00–16:00 to 10:15–19:45), a day split by a lunch gap, or afternoons only; all on quarter hours. */
const dayArb = fc.constantFrom<HoursBlock[]>(
  [],
  [[420, 960]],
  [[510, 1050]],
  [[540, 1080]],
  [[615, 1185]],
  [[540, 720], [840, 1080]],
  [[480, 705], [780, 1050]],
  [[780, 1080]],
);
const weekArb: fc.Arbitrary<WorkingWeek> = fc
  .record({ mon: dayArb, tue: dayArb, wed: dayArb, thu: dayArb, fri: dayArb, sat: fc.constant<HoursBlock[]>([]), sun: dayArb })
  .filter((week) => weekdays.some((day) => week[day].length > 0));
const hoursArb = fc.record({ timeZone: fc.constantFrom(...zones), week: weekArb });
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

export const plansSatisfyEveryConstraint = propertyCase(
  'planSessions always returns plans that satisfy every constraint, checked independently with Temporal',
  { seed: 20270301, numRuns: 300 },
  () =>
    fc.property(caseArb(26), ([{ notBeforeHours, ...plan }, a, b]) => {
      const notBefore = at(`${plan.start}T00:00:00Z`) + notBeforeHours * HOUR;
      const result = planFor([a, b], plan, notBefore);
      expect(planProblems(result, [a, b], plan, notBefore)).toEqual([]);
      if (!result.ok) expect(result.sessionsFound).toBeLessThan(plan.sessions);
    }),
);

export const failsOnlyWhenBruteForceFails = propertyCase(
  'planSessions fails only when a brute-force search cannot fit every session a week apart either',
  { seed: 20270302, numRuns: 40 },
  () =>
    fc.property(caseArb(3), ([{ notBeforeHours, ...plan }, a, b]) => {
      const notBefore = at(`${plan.start}T00:00:00Z`) + notBeforeHours * HOUR;
      const duration = plan.sessionMinutes * MINUTE;
      const from = Math.max(notBefore, at(`${plan.start}T00:00:00Z`) - 14 * HOUR);
      const end = at(`${plan.start}T00:00:00Z`) + plan.weeks * WEEK + 12 * HOUR;
      // The rule's candidate starts: quarter hours, where a busy event ends (a free stretch
      // begins) and a session length before one starts (a free stretch ends). Working hours
      // and cohort dates begin and end on quarter hours, so those edges are grid points.
      const edges = [...a.busy, ...b.busy].flatMap((busy) => [busy.end, busy.start - duration]);
      for (let s = Math.ceil(from / (15 * MINUTE)) * 15 * MINUTE; s < end; s += 15 * MINUTE) edges.push(s);
      const candidates = [...new Set(edges)].sort((x, y) => x - y);
      const fits = (s: number) => sessionProblem({ start: s, end: s + duration }, a, plan) === null && sessionProblem({ start: s, end: s + duration }, b, plan) === null;
      let fitted = 0;
      let earliest = from;
      while (fitted < plan.sessions) {
        const s = candidates.find((c) => c >= earliest && c < end && fits(c));
        if (s === undefined) break;
        fitted++;
        earliest = s + WEEK;
      }
      const result = planFor([a, b], plan, notBefore);
      if (result.ok) expect(fitted).toBe(plan.sessions);
      else expect(result.sessionsFound).toBe(fitted);
    }),
);


export const zoneClockMatchesTemporal = propertyCase(
  'zoneClock converts local wall-clock times to the same instants as Temporal, through DST gaps and overlaps',
  { seed: 20270106, numRuns: 3000 },
  () => {
    const zones = [
      'Europe/Paris',
      'America/New_York',
      'America/Toronto',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/St_Johns',
      '+05:30',
    ];
    const window = { start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2028-01-31T00:00:00Z') };
    const clocks = new Map(zones.map((zone) => [zone, zoneClock(zone, window)]));
    return fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2027-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        (zone, wall) => {
          const localMs = Math.floor(wall / 60_000) * 60_000;
          const local = Temporal.Instant.fromEpochMilliseconds(localMs).toZonedDateTimeISO('UTC').toPlainDateTime();
          const expected = local.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
          expect(clocks.get(zone)?.toInstant(localMs)).toBe(expected);
        },
      );
  },
);

export const planningProperties = [plansSatisfyEveryConstraint, failsOnlyWhenBruteForceFails, zoneClockMatchesTemporal];
