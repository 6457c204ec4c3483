import { describe, it, expect } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import type { CohortPlan, Interval, SpanHours, WorkingHours } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';
import { cohortWindow, freeTime, reserve } from '../../src/planning/free-time.ts';
import type { FreeTime } from '../../src/planning/free-time.ts';

const weekdaysOnly: SpanHours['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const hours = (timeZone: string, start = '09:00', end = '18:00'): WorkingHours => hoursIn({ days: weekdaysOnly, start, end }, timeZone);
const at = (iso: string): number => Date.parse(iso);
const intervals = ({ intervals: flat }: FreeTime): Interval[] => {
  const out: Interval[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ start: flat[i] as number, end: flat[i + 1] as number });
  return out;
};
const local = (ms: number, zone: string): string =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDateTime().toString();

describe('cohortWindow', () => {
  it('spans the cohort dates in every zone, from UTC+14 on the first day to UTC-12 on the last', () => {
    const window = cohortWindow({ sessions: 6, sessionMinutes: 60, start: '2027-01-04', weeks: 26 });
    expect(new Date(window.start).toISOString()).toBe('2027-01-03T10:00:00.000Z');
    expect(new Date(window.end).toISOString()).toBe('2027-07-05T12:00:00.000Z');
  });
});

describe('freeTime', () => {
  const plan: CohortPlan = { sessions: 4, sessionMinutes: 60, start: '2027-03-01', weeks: 5 };

  it('covers working hours on working days in the person’s own zone, on both sides of a DST change', () => {
    const free = intervals(freeTime({ workingHours: hours('America/New_York', '09:00', '17:00'), busy: [] }, plan));
    expect(free).toHaveLength(25);
    for (const slot of free) {
      expect(local(slot.start, 'America/New_York').slice(11)).toBe('09:00:00');
      expect(local(slot.end, 'America/New_York').slice(11)).toBe('17:00:00');
    }
    // US clocks move on 14 March 2027: the same local hours shift by one hour in UTC.
    expect(new Date(free[0]?.start ?? 0).toISOString()).toBe('2027-03-01T14:00:00.000Z');
    expect(new Date(free[10]?.start ?? 0).toISOString()).toBe('2027-03-15T13:00:00.000Z');
  });

  it('carries the person’s UTC offsets over the window, for keeping sessions at one local time', () => {
    const { offsets } = freeTime({ workingHours: hours('America/New_York'), busy: [] }, plan);
    expect(Array.from(offsets)).toEqual([Number.NEGATIVE_INFINITY, -5 * 3_600_000, at('2027-03-14T07:00:00Z'), -4 * 3_600_000]);
  });

  it('starts at the cohort start date and stops before start + weeks, in the person’s own zone', () => {
    const free = intervals(freeTime({ workingHours: hours('Asia/Kolkata', '00:00', '23:59'), busy: [] }, plan));
    expect(local(free[0]?.start ?? 0, 'Asia/Kolkata')).toBe('2027-03-01T00:00:00');
    expect(local(free.at(-1)?.end ?? 0, 'Asia/Kolkata')).toBe('2027-04-02T23:59:00');
  });

  it('skips non-working days and keeps southern-hemisphere DST', () => {
    const sydney = hoursIn({ days: ['mon', 'wed'], start: '10:00', end: '16:00' }, 'Australia/Sydney');
    const free = intervals(freeTime({ workingHours: sydney, busy: [] }, plan));
    expect(free.map((slot) => Temporal.Instant.fromEpochMilliseconds(slot.start).toZonedDateTimeISO('Australia/Sydney').dayOfWeek)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 1 : 3)),
    );
    // Sydney leaves summer time on 4 April 2027, after this window: +11:00 throughout.
    expect(new Date(free[0]?.start ?? 0).toISOString()).toBe('2027-02-28T23:00:00.000Z');
  });

  it('removes busy time, including overlapping and unsorted meetings', () => {
    const busy = [
      { start: at('2027-03-01T10:00:00Z'), end: at('2027-03-01T11:00:00Z') },
      { start: at('2027-03-01T08:00:00Z'), end: at('2027-03-01T08:30:00Z') },
      { start: at('2027-03-01T10:30:00Z'), end: at('2027-03-01T12:00:00Z') },
      { start: at('2027-03-02T07:00:00Z'), end: at('2027-03-02T20:00:00Z') },
    ];
    const free = intervals(freeTime({ workingHours: hours('Europe/Paris'), busy }, plan));
    expect(free.slice(0, 3).map((slot) => [new Date(slot.start).toISOString(), new Date(slot.end).toISOString()])).toEqual([
      ['2027-03-01T08:30:00.000Z', '2027-03-01T10:00:00.000Z'],
      ['2027-03-01T12:00:00.000Z', '2027-03-01T17:00:00.000Z'],
      ['2027-03-03T08:00:00.000Z', '2027-03-03T17:00:00.000Z'],
    ]);
  });

  it('stays inside a narrower window when one is given', () => {
    const window = { start: at('2027-03-10T00:00:00Z'), end: at('2027-03-12T00:00:00Z') };
    const free = intervals(freeTime({ workingHours: hours('Europe/Paris'), busy: [] }, plan, window));
    expect(free).toHaveLength(2);
  });
});

describe('reserve', () => {
  it('takes sessions already given to a person out of their free time', () => {
    const plan: CohortPlan = { sessions: 1, sessionMinutes: 60, start: '2027-03-01', weeks: 1 };
    const free = freeTime({ workingHours: hours('Europe/Paris'), busy: [] }, plan);
    const taken = reserve(free, [{ start: at('2027-03-01T09:00:00Z'), end: at('2027-03-01T10:00:00Z') }]);
    expect(intervals(taken).slice(0, 2)).toEqual([
      { start: at('2027-03-01T08:00:00Z'), end: at('2027-03-01T09:00:00Z') },
      { start: at('2027-03-01T10:00:00Z'), end: at('2027-03-01T17:00:00Z') },
    ]);
  });
});
