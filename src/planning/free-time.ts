import { weekdays } from '../model/schema.ts';
import type { CohortPlan, Interval, WorkingHours } from '../model/schema.ts';
import { zoneClock } from './zones.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 1970-01-01 was a Thursday: index 3 in `weekdays` (Monday first). */
const EPOCH_WEEKDAY = 3;

/** What the planner needs to know about one person. */
export interface PersonCalendar {
  /** Weekly working hours in the person's own zone (`workingHours.timeZone`, an IANA id). */
  workingHours: WorkingHours;
  /** Busy time, epoch ms, in any order, possibly overlapping. */
  busy: Interval[];
}

/** One person's free time for a cohort, in typed arrays the pair planner reads without Temporal. */
export interface FreeTime {
  /** Sorted, disjoint, non-empty intervals flattened as [start0, end0, start1, end1, ...] in epoch ms. */
  readonly intervals: Float64Array;
  /**
   * The person's UTC offset over the window, flattened as [from0, offset0, from1, offset1, ...]
   * in ms (from0 is -Infinity), so sessions can keep the same local time across DST changes.
   */
  readonly offsets: Float64Array;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date: calendar arithmetic only, no zone involved. */
function epochDay(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const ms = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`cohort start "${isoDate}" is not a date YYYY-MM-DD`);
  }
  return ms / DAY;
}

/** The cohort's local dates: [start, start + weeks) as epoch days. */
function cohortDays(plan: CohortPlan): { first: number; end: number } {
  const first = epochDay(plan.start);
  return { first, end: first + plan.weeks * 7 };
}

/**
 * A UTC window that holds the cohort's dates in every zone on Earth: from the start
 * date's midnight at UTC+14 to the end date's midnight at UTC-12. Each person is then
 * clipped to their own midnights by `freeTime`.
 */
export function cohortWindow(plan: CohortPlan): Interval {
  const { first, end } = cohortDays(plan);
  return { start: first * DAY - 14 * HOUR, end: end * DAY + 12 * HOUR };
}

/** Sorted, merged, flat copy of intervals clipped to [lo, hi); drops empty and non-finite ones. */
function normalise(intervals: readonly Interval[], lo: number, hi: number): number[] {
  let sorted = true;
  for (let i = 1; i < intervals.length && sorted; i++) {
    sorted = (intervals[i - 1] as Interval).start <= (intervals[i] as Interval).start;
  }
  // Providers report busy time sorted: sort only when they did not.
  const ordered = sorted ? intervals : [...intervals].sort((x, y) => x.start - y.start);
  const merged: number[] = [];
  for (const i of ordered) {
    if (!(i.end > lo && i.start < hi && i.end > i.start) || !Number.isFinite(i.start) || !Number.isFinite(i.end)) continue;
    const start = Math.max(i.start, lo);
    const end = Math.min(i.end, hi);
    const last = merged.length - 1;
    if (last > 0 && start <= (merged[last] as number)) {
      merged[last] = Math.max(merged[last] as number, end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

/** `free` minus `taken`, both flat sorted disjoint interval lists. */
function subtract(free: ArrayLike<number>, taken: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < free.length; i += 2) {
    let start = free[i] as number;
    const end = free[i + 1] as number;
    while (j < taken.length && (taken[j + 1] as number) <= start) j += 2;
    let k = j;
    while (k < taken.length && (taken[k] as number) < end) {
      const busyStart = taken[k] as number;
      const busyEnd = taken[k + 1] as number;
      if (busyStart > start) out.push(start, busyStart);
      start = Math.max(start, busyEnd);
      if (start >= end) break;
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return Float64Array.from(out);
}

/**
 * One person's free time for a cohort: the blocks of their weekly working hours, in
 * their own zone, from the cohort's start date at 00:00 local to start + weeks at
 * 00:00 local, inside `window`, minus busy time. The blocks of a split day stay apart
 * (a session never spans the gap between them); a block ending at midnight joins one
 * starting there the next day. Computed once per person; the pair planner only
 * intersects these arrays.
 */
export function freeTime(calendar: PersonCalendar, plan: CohortPlan, window: Interval = cohortWindow(plan)): FreeTime {
  const hours = calendar.workingHours;
  const clock = zoneClock(hours.timeZone, { start: window.start - DAY, end: window.end + DAY });
  const { first, end } = cohortDays(plan);
  const lo = Math.max(window.start, clock.toInstant(first * DAY));
  const hi = Math.min(window.end, clock.toInstant(end * DAY));
  if (hi <= lo) return { intervals: new Float64Array(0), offsets: clock.offsets };

  const blocksOf = weekdays.map((day) => hours.week[day]);
  const working: number[] = [];
  for (let day = first; day < end; day++) {
    const blocks = blocksOf[(((day + EPOCH_WEEKDAY) % 7) + 7) % 7] ?? [];
    for (const [blockStart, blockEnd] of blocks) {
      const start = Math.max(lo, clock.toInstant(day * DAY + blockStart * MINUTE));
      const stop = Math.min(hi, clock.toInstant(day * DAY + blockEnd * MINUTE));
      if (!(stop > start)) continue;
      const last = working.length - 1;
      if (last > 0 && start <= (working[last] as number)) working[last] = Math.max(working[last] as number, stop);
      else working.push(start, stop);
    }
  }
  return { intervals: subtract(working, normalise(calendar.busy, lo, hi)), offsets: clock.offsets };
}

/**
 * Free time with some intervals taken out: sessions already given to a person in
 * another pair, before planning their next pair.
 */
export function reserve(free: FreeTime, taken: readonly Interval[]): FreeTime {
  const intervals = free.intervals;
  if (intervals.length === 0 || taken.length === 0) return free;
  const lo = intervals[0] as number;
  const hi = intervals[intervals.length - 1] as number;
  return { intervals: subtract(intervals, normalise(taken, lo, hi)), offsets: free.offsets };
}
