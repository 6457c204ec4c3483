import type { CohortPlan, Interval } from '../model/schema.ts';
import { cadenceGaps, spacingLevels } from './cadence.ts';
import type { FreeTime } from './free-time.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/**
 * Sessions start on quarter hours (every zone's offset is a multiple of 15 minutes),
 * or exactly where a common free stretch begins or ends: a calendar whose meetings end
 * at :50 still gets the session right after them.
 */
const GRID = 15 * MINUTE;
const BINS_PER_DAY = DAY / GRID;
/** Cost of one hour away from the pair's usual time, in days away from the cadence target. */
const HOUR_COST_IN_DAYS = 0.5;
const COS = Float64Array.from({ length: BINS_PER_DAY }, (_, bin) => Math.cos((2 * Math.PI * bin) / BINS_PER_DAY));
const SIN = Float64Array.from({ length: BINS_PER_DAY }, (_, bin) => Math.sin((2 * Math.PI * bin) / BINS_PER_DAY));

export type PlanResult =
  | { ok: true; sessions: Interval[]; minGapDays: number }
  | { ok: false; code: 'NO_COMMON_SLOT'; message: string; sessionsFound: number };

export type ReplanResult =
  | { ok: true; session: Interval }
  | { ok: false; code: 'NO_COMMON_SLOT'; message: string };

export const ceilGrid = (ms: number): number => Math.ceil(ms / GRID) * GRID;
const floorGrid = (ms: number): number => Math.floor(ms / GRID) * GRID;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Start-candidate ranges common to both people: for each common free interval, the
 * first and last start of a session of `duration` that fits (any instant between them
 * fits too), flattened as [first0, last0, first1, last1, ...]. Only starts at or after
 * `notBefore` count.
 */
export function commonStarts(a: Float64Array, b: Float64Array, duration: number, notBefore: number): Float64Array {
  const out = new Float64Array(Math.min(a.length, b.length) + Math.max(a.length, b.length));
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const aEnd = a[i + 1] as number;
    const bEnd = b[j + 1] as number;
    const start = Math.max(a[i] as number, b[j] as number, notBefore);
    const end = Math.min(aEnd, bEnd);
    // Calendars hold whole seconds; a session starting at a fraction of one could not be booked as planned.
    const first = Math.ceil(start / SECOND) * SECOND;
    const last = Math.floor((end - duration) / SECOND) * SECOND;
    if (last >= first) {
      out[n++] = first;
      out[n++] = last;
    }
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return out.subarray(0, n);
}

/** Index (even) of the first range whose last start is >= t, or ranges.length. */
function firstRangeEndingAtOrAfter(ranges: Float64Array, t: number): number {
  let lo = 0;
  let hi = ranges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[2 * mid + 1] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/**
 * The latest candidate start <= t, or NaN: t's quarter hour, or the start or the end
 * of a range (any other instant would be neither on the grid nor at a stretch's edge).
 */
function latestStart(ranges: Float64Array, t: number): number {
  let k = firstRangeEndingAtOrAfter(ranges, t);
  if (k < ranges.length && (ranges[k] as number) <= t) {
    const last = ranges[k + 1] as number;
    return t === last ? last : Math.max(floorGrid(t), ranges[k] as number);
  }
  k -= 2;
  return k >= 0 ? (ranges[k + 1] as number) : Number.NaN;
}

/** The UTC offset (ms) in force at an instant, from a flat [from0, offset0, ...] list. */
export function offsetAt(offsets: Float64Array, epochMs: number): number {
  for (let k = offsets.length - 2; k > 0; k -= 2) {
    if (epochMs >= (offsets[k] as number)) return offsets[k + 1] as number;
  }
  return offsets[1] ?? 0;
}

/** Ms after local midnight of an instant, for a given offset. */
export const localTimeOfDay = (epochMs: number, offset: number): number => ((((epochMs + offset) % DAY) + DAY) % DAY);

/** Humane meeting times, in ms after local midnight: mid-morning to mid-afternoon. */
const HUMANE_FROM = 9.5 * HOUR;
const HUMANE_TO = 16.5 * HOUR;

/** 1 inside humane hours, down by 15% per hour outside them, never below 0.4. */
function humane(localMs: number): number {
  const outside = localMs < HUMANE_FROM ? HUMANE_FROM - localMs : localMs > HUMANE_TO ? localMs - HUMANE_TO : 0;
  return Math.max(0.4, 1 - (0.15 * outside) / HOUR);
}

/** What the planner knows about a pair: where both are free, and their usual local times. */
interface Pair {
  /** Start-candidate ranges, see `commonStarts`. */
  ranges: Float64Array;
  offsetsA: Float64Array;
  offsetsB: Float64Array;
  /** The usual session time, in ms after local midnight, for each person. */
  usualA: number;
  usualB: number;
}

/**
 * The pair's usual time (in each person's local time): the quarter hour most often
 * free for both over the cohort, favouring the middle of their common day and humane
 * hours in both zones, so sessions recur at the same local time.
 */
function usualTimes(ranges: Float64Array, offsetsA: Float64Array, offsetsB: Float64Array): { usualA: number; usualB: number } {
  // Runs of free bins (in A's local time) are added through a difference array: O(1) per range.
  const diff = new Float64Array(BINS_PER_DAY + 1);
  let laps = 0;
  // B's offset from A: at most a few distinct values over a cohort (DST changes).
  const shifts: number[] = [];
  const shiftWeights: number[] = [];
  for (let k = 0; k < ranges.length; k += 2) {
    const first = ranges[k] as number;
    const offsetA = offsetAt(offsetsA, first);
    const shift = offsetAt(offsetsB, first) - offsetA;
    // Quarter hours since 1970 fit in 32 bits for another 60,000 years: integer maths here.
    const firstSlot = ((first + offsetA) / GRID) | 0;
    const span = Math.floor(((ranges[k + 1] as number) - first) / GRID) + 1;
    const known = shifts.indexOf(shift);
    if (known < 0) {
      shifts.push(shift);
      shiftWeights.push(span);
    } else {
      shiftWeights[known] = (shiftWeights[known] as number) + span;
    }
    const firstBin = ((firstSlot % BINS_PER_DAY) + BINS_PER_DAY) % BINS_PER_DAY;
    laps += Math.floor(span / BINS_PER_DAY);
    const stop = firstBin + (span % BINS_PER_DAY);
    diff[firstBin] = (diff[firstBin] as number) + 1;
    if (stop <= BINS_PER_DAY) {
      diff[stop] = (diff[stop] as number) - 1;
    } else {
      diff[BINS_PER_DAY] = (diff[BINS_PER_DAY] as number) - 1;
      diff[0] = (diff[0] as number) + 1;
      diff[stop - BINS_PER_DAY] = (diff[stop - BINS_PER_DAY] as number) - 1;
    }
  }
  let shift = shifts[0] ?? 0;
  let shiftWeight = shiftWeights[0] ?? 0;
  for (let i = 1; i < shifts.length; i++) {
    if ((shiftWeights[i] as number) > shiftWeight) {
      shift = shifts[i] as number;
      shiftWeight = shiftWeights[i] as number;
    }
  }
  const counts = new Float64Array(BINS_PER_DAY);
  let running = laps;
  let x = 0;
  let y = 0;
  for (let bin = 0; bin < BINS_PER_DAY; bin++) {
    running += diff[bin] as number;
    counts[bin] = running;
    x += running * (COS[bin] as number);
    y += running * (SIN[bin] as number);
  }
  const centre = ((Math.atan2(y, x) / (2 * Math.PI)) * BINS_PER_DAY + BINS_PER_DAY) % BINS_PER_DAY;
  let best = 0;
  let bestScore = -1;
  for (let bin = 0; bin < BINS_PER_DAY; bin++) {
    const away = Math.abs(bin - centre);
    const distance = Math.min(away, BINS_PER_DAY - away) / (BINS_PER_DAY / 2);
    const local = bin * GRID;
    const score = (counts[bin] as number) * (1 - 0.3 * distance) * humane(local) * humane(localTimeOfDay(local, shift));
    if (score > bestScore) {
      bestScore = score;
      best = bin;
    }
  }
  return { usualA: best * GRID, usualB: localTimeOfDay(best * GRID, shift) };
}

/** Hours between two times of day, around the clock. */
function hoursApart(timeOfDay: number, usual: number): number {
  const away = Math.abs(timeOfDay - usual);
  return Math.min(away, DAY - away) / HOUR;
}

/**
 * How far a start is from the ideal: days from the target date, plus half a day per
 * hour away from each person's usual local time (averaged over the two).
 */
function cost(pair: Pair, s: number, target: number): number {
  const hoursA = hoursApart(localTimeOfDay(s, offsetAt(pair.offsetsA, s)), pair.usualA);
  const hoursB = hoursApart(localTimeOfDay(s, offsetAt(pair.offsetsB, s)), pair.usualB);
  return Math.abs(s - target) / DAY + (HOUR_COST_IN_DAYS * (hoursA + hoursB)) / 2;
}

/**
 * Candidate starts of a stretch [from, to] of start ranges are its quarter hours and its
 * two ends. Bounds [lo, hi] that cut a stretch (a week after the previous session, or
 * the latest start leaving room for the next ones) only filter those candidates: a cut
 * is no free-time edge, so a start there would be neither on the grid nor at an edge.
 */
function firstCandidateFrom(x: number, from: number, to: number, hi: number): number {
  if (x > to) return Number.POSITIVE_INFINITY;
  const grid = ceilGrid(x);
  const s = x <= from ? from : grid < to ? grid : to;
  return s <= hi ? s : Number.POSITIVE_INFINITY;
}

/** The candidate after `s` in a stretch ending at `to`, at most `hi`: the next quarter hour, then `to` itself. */
function nextCandidate(s: number, to: number, hi: number): number {
  const grid = floorGrid(s) + GRID;
  const next = grid < to ? grid : s < to ? to : Number.POSITIVE_INFINITY;
  return next <= hi ? next : Number.POSITIVE_INFINITY;
}

/** The last candidate strictly before `x` in a stretch [from, to], at least `lo`. */
function lastCandidateBefore(x: number, from: number, to: number, lo: number): number {
  if (from >= x) return Number.NEGATIVE_INFINITY;
  const grid = ceilGrid(x) - GRID;
  const s = to < x ? to : grid > from ? grid : from;
  return s >= lo ? s : Number.NEGATIVE_INFINITY;
}

/** The candidate before `s` in a stretch starting at `from`, at least `lo`: the previous quarter hour, then `from` itself. */
function previousCandidate(s: number, from: number, lo: number): number {
  const grid = ceilGrid(s) - GRID;
  const previous = grid > from ? grid : s > from ? from : Number.NEGATIVE_INFINITY;
  return previous >= lo ? previous : Number.NEGATIVE_INFINITY;
}

/**
 * The start in [lo, hi] with the lowest `cost`, scanning outward from the target and
 * stopping once the date distance alone exceeds the best cost. Candidates are the
 * quarter hours of each common stretch and its exact ends. `avoid` is a span no
 * session may overlap (the session being moved). Ties go to the earlier start.
 */
function bestStart(pair: Pair, lo: number, hi: number, target: number, duration: number, avoid: Interval | null): number {
  const ranges = pair.ranges;
  let best = Number.NaN;
  let bestCost = Number.POSITIVE_INFINITY;
  const avoidStart = avoid === null ? Number.POSITIVE_INFINITY : avoid.start - duration;
  const avoidEnd = avoid === null ? Number.NEGATIVE_INFINITY : avoid.end;
  const consider = (s: number): void => {
    if (s > avoidStart && s < avoidEnd) return;
    const c = cost(pair, s, target);
    if (c < bestCost || (c === bestCost && s < best)) {
      bestCost = c;
      best = s;
    }
  };
  const pivot = Math.min(Math.max(target, lo), hi);
  const start = firstRangeEndingAtOrAfter(ranges, pivot);
  // Forward: candidates at or after the pivot, until the date distance alone exceeds the best cost.
  let far = false;
  for (let k = start; k < ranges.length && !far; k += 2) {
    const from = ranges[k] as number;
    const to = ranges[k + 1] as number;
    if (from > hi) break;
    for (let s = firstCandidateFrom(Math.max(pivot, lo), from, to, hi); s !== Number.POSITIVE_INFINITY && !far; s = nextCandidate(s, to, hi)) {
      far = (s - target) / DAY > bestCost;
      if (!far) consider(s);
    }
  }
  // Backward: candidates before the pivot, likewise.
  far = false;
  for (let k = Math.min(start, ranges.length - 2); k >= 0 && !far; k -= 2) {
    const from = ranges[k] as number;
    const to = ranges[k + 1] as number;
    if (to < lo) break;
    for (let s = lastCandidateBefore(pivot, from, to, lo); s !== Number.NEGATIVE_INFINITY && !far; s = previousCandidate(s, from, lo)) {
      far = (target - s) / DAY > bestCost;
      if (!far) consider(s);
    }
  }
  return best;
}

/**
 * For each session, the latest start that still leaves room for all later sessions at
 * `spacing` (filled from the last session backwards). `found` is how many sessions fit,
 * which is the most that can fit at that spacing.
 */
function latestStarts(ranges: Float64Array, sessions: number, spacing: number): { latest: Float64Array; found: number } {
  const latest = new Float64Array(sessions);
  let t = Number.POSITIVE_INFINITY;
  for (let i = sessions - 1; i >= 0; i--) {
    const s = latestStart(ranges, t);
    if (Number.isNaN(s)) return { latest, found: sessions - 1 - i };
    latest[i] = s;
    t = s - spacing;
  }
  return { latest, found: sessions };
}

function noCommonSlot(plan: CohortPlan, found: number, ranges: Float64Array): PlanResult {
  const what = `${plan.sessions} sessions of ${plan.sessionMinutes} minutes`;
  if (ranges.length === 0) {
    return {
      ok: false,
      code: 'NO_COMMON_SLOT',
      message: `no common free slot of ${plan.sessionMinutes} minutes in the cohort window: working hours do not overlap or calendars are full`,
      sessionsFound: 0,
    };
  }
  const from = iso(ranges[0] as number);
  const to = iso(ranges[ranges.length - 1] as number);
  return {
    ok: false,
    code: 'NO_COMMON_SLOT',
    message: `only ${found} of ${what} fit with at least one week between sessions (common free starts from ${from} to ${to})`,
    sessionsFound: found,
  };
}

/**
 * Every session of a cohort for one pair, or why not. Sessions follow the cadence
 * (monthly, then wider) at the pair's usual time of day when both are free; when the
 * calendars leave no room the minimum spacing tightens week by week, down to one
 * week. Pure and allocation-light: called for every candidate pair.
 */
export function planSessions(a: FreeTime, b: FreeTime, plan: CohortPlan, options: { notBefore: number }): PlanResult {
  const duration = plan.sessionMinutes * MINUTE;
  // "Now" is any instant; the first session may start at the next quarter hour.
  const ranges = commonStarts(a.intervals, b.intervals, duration, ceilGrid(options.notBefore));
  if (ranges.length === 0) return noCommonSlot(plan, 0, ranges);
  const n = plan.sessions;
  const origin = ranges[0] as number;
  const horizon = ranges[ranges.length - 1] as number;
  const gaps = cadenceGaps(n, horizon - origin);
  const pair: Pair = { ranges, offsetsA: a.offsets, offsetsB: b.offsets, ...usualTimes(ranges, a.offsets, b.offsets) };

  let found = 0;
  for (const level of spacingLevels(gaps[0] ?? WEEK)) {
    const spacing = level;
    const bound = latestStarts(ranges, n, spacing);
    found = bound.found;
    if (found < n) continue;
    const sessions: Interval[] = [];
    let previous = Number.NEGATIVE_INFINITY;
    let target = origin;
    let minGap = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const offset = offsetAt(a.offsets, target);
      const dayTarget = Math.floor((target + offset) / DAY) * DAY + pair.usualA - offset;
      const lo = Math.max(origin, previous + spacing);
      const start = bestStart(pair, lo, bound.latest[i] as number, dayTarget, duration, null);
      if (i > 0) minGap = Math.min(minGap, start - previous);
      sessions.push({ start, end: start + duration });
      previous = start;
      target += gaps[i] ?? 0;
    }
    const minGapDays = n > 1 ? Math.round((minGap / DAY) * 10) / 10 : 0;
    return { ok: true, sessions, minGapDays };
  }
  return noCommonSlot(plan, found, ranges);
}

/**
 * Whether `planSessions` would succeed, without planning: every session fits a week
 * apart, the loosest spacing it ever tightens to (a spacing that holds all sessions at
 * a wider level holds them at one week too). Used to test every candidate pair.
 */
export function sessionsFit(a: FreeTime, b: FreeTime, plan: CohortPlan, options: { notBefore: number }): boolean {
  const ranges = commonStarts(a.intervals, b.intervals, plan.sessionMinutes * MINUTE, ceilGrid(options.notBefore));
  return ranges.length > 0 && latestStarts(ranges, plan.sessions, WEEK).found === plan.sessions;
}

function contains(free: Float64Array, session: Interval): boolean {
  let lo = 0;
  let hi = free.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((free[2 * mid + 1] as number) < session.end) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo < free.length && (free[2 * lo] as number) <= session.start;
}

/** Whether a session still fits both people's free time (re-check before booking). */
export function fitsFreeTime(a: FreeTime, b: FreeTime, session: Interval): boolean {
  return session.end > session.start && contains(a.intervals, session) && contains(b.intervals, session);
}

/**
 * Moves `sessions[index]` to the nearest start free for both that does not overlap its
 * current slot, keeping `minGapDays` (default 7) from the sessions before and after it.
 * `a` and `b` should already exclude the pair's other sessions if they are busy time.
 */
export function replanSession(
  a: FreeTime,
  b: FreeTime,
  sessions: readonly Interval[],
  index: number,
  options: { notBefore: number; minGapDays?: number },
): ReplanResult {
  const current = sessions[index];
  if (current === undefined) throw new RangeError(`session index ${index} is outside 0..${sessions.length - 1}`);
  const duration = current.end - current.start;
  const spacing = (options.minGapDays ?? 7) * DAY;
  const before = sessions[index - 1];
  const after = sessions[index + 1];
  const lo = before === undefined ? Number.NEGATIVE_INFINITY : before.start + spacing;
  const hi = after === undefined ? Number.POSITIVE_INFINITY : after.start - spacing;
  const ranges = commonStarts(a.intervals, b.intervals, duration, Math.max(ceilGrid(options.notBefore), lo));
  const pair: Pair = {
    ranges,
    offsetsA: a.offsets,
    offsetsB: b.offsets,
    usualA: localTimeOfDay(current.start, offsetAt(a.offsets, current.start)),
    usualB: localTimeOfDay(current.start, offsetAt(b.offsets, current.start)),
  };
  const start = bestStart(pair, lo, hi, current.start, duration, current);
  if (Number.isNaN(start)) {
    return {
      ok: false,
      code: 'NO_COMMON_SLOT',
      message: `no common free slot of ${duration / MINUTE} minutes for session ${index + 1} between ${iso(Math.max(lo, options.notBefore))} and ${Number.isFinite(hi) ? iso(hi) : 'the end of the cohort'}`,
    };
  }
  return { ok: true, session: { start, end: start + duration } };
}
