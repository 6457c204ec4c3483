import type { Interval } from '../model/schema.ts';
import type { FreeTime } from './free-time.ts';
import { ceilGrid, commonStarts, localTimeOfDay, offsetAt } from './sessions.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;
/** Starts are quarter hours or the exact edges of a common free stretch, as the planner's. */
const GRID = 15 * MINUTE;

/** A session of a pair that one of the two wants to move. */
export interface MoveRequest {
  /** The pair's sessions in series order, as the ledger holds them. */
  sessions: readonly Interval[];
  /** Which of `sessions` moves (0-based). */
  index: number;
  /** No slot starts before the quarter hour after now. */
  now: number;
  /** Start-to-start distance kept from the sessions before and after; a week by default. */
  minGapMs?: number;
}

export interface SlotShortage {
  code: 'NO_COMMON_SLOT' | 'FEWER_SLOTS';
  message: string;
  params: Record<string, string | number>;
}

export interface SlotProposalResult {
  slots: Interval[];
  /** Why fewer slots than asked came back; null when there are as many as asked. */
  shortage: SlotShortage | null;
}

export type SlotCheck =
  | { ok: true; slot: Interval }
  /** SLOT_NOT_ALLOWED: the start breaks a rule (past, spacing, grid, the current slot); SLOT_TAKEN: it is not free for both. */
  | { ok: false; code: 'SLOT_NOT_ALLOWED' | 'SLOT_TAKEN'; message: string };

interface Bounds {
  current: Interval;
  duration: number;
  /** Earliest and latest start allowed by "now" and the week kept from the neighbours. */
  lo: number;
  hi: number;
  before: Interval | undefined;
  after: Interval | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function boundsOf(request: MoveRequest): Bounds {
  const current = request.sessions[request.index];
  if (current === undefined) throw new RangeError(`session index ${request.index} is outside 0..${request.sessions.length - 1}`);
  const gap = request.minGapMs ?? WEEK;
  const before = request.sessions[request.index - 1];
  const after = request.sessions[request.index + 1];
  return {
    current,
    duration: current.end - current.start,
    lo: Math.max(ceilGrid(request.now), before === undefined ? Number.NEGATIVE_INFINITY : before.start + gap),
    hi: after === undefined ? Number.POSITIVE_INFINITY : after.start - gap,
    before,
    after,
  };
}

const overlaps = (start: number, duration: number, slot: Interval): boolean => start < slot.end && start + duration > slot.start;

/**
 * The candidate starts of common free stretches, earliest first: each stretch's first
 * start, its quarter hours, and its last start (the session ending with the stretch).
 */
function* candidates(ranges: Float64Array, lo: number, hi: number): Generator<number> {
  for (let k = 0; k < ranges.length; k += 2) {
    const from = ranges[k] as number;
    const to = ranges[k + 1] as number;
    if (to < lo) continue;
    if (from > hi) return;
    // A bound that cuts a stretch is no free-time edge: only the grid and the stretch's own ends count.
    let s = from >= lo ? from : Math.min(ceilGrid(lo), to);
    while (s <= to && s <= hi) {
      yield s;
      const grid = Math.floor(s / GRID) * GRID + GRID;
      s = grid < to ? grid : s < to ? to : Number.POSITIVE_INFINITY;
    }
  }
}

/**
 * The next `count` slots both people have free for the session, one per day of the
 * first person's calendar (the one asking), each at the time of that day closest to the
 * session's current local time: inside both working hours and the cohort's weeks (the
 * free time says so), not before now, a week or more from the pair's sessions before
 * and after it, and not over its current slot.
 */
export function proposeSlots(a: FreeTime, b: FreeTime, request: MoveRequest, count: number): SlotProposalResult {
  const bounds = boundsOf(request);
  const { current, duration, lo, hi } = bounds;
  const ranges = commonStarts(a.intervals, b.intervals, duration, ceilGrid(request.now));
  const usual = localTimeOfDay(current.start, offsetAt(a.offsets, current.start));
  const away = (s: number): number => {
    const d = Math.abs(localTimeOfDay(s, offsetAt(a.offsets, s)) - usual);
    return Math.min(d, DAY - d);
  };
  const slots: Interval[] = [];
  let day = Number.NaN;
  let best = Number.NaN;
  for (const s of candidates(ranges, lo, hi)) {
    if (overlaps(s, duration, current)) continue;
    const sDay = Math.floor((s + offsetAt(a.offsets, s)) / DAY);
    if (sDay !== day) {
      if (!Number.isNaN(best)) slots.push({ start: best, end: best + duration });
      if (slots.length === count) break;
      day = sDay;
      best = s;
    } else if (away(s) < away(best)) {
      best = s;
    }
  }
  // The last day's best is still open when the candidates run out.
  if (slots.length < count && !Number.isNaN(best)) slots.push({ start: best, end: best + duration });
  return { slots, shortage: slots.length >= count ? null : shortageOf(bounds, slots.length, count, request.index) };
}

function shortageOf(bounds: Bounds, found: number, count: number, index: number): SlotShortage {
  const from = iso(bounds.lo);
  const to = Number.isFinite(bounds.hi) ? iso(bounds.hi + bounds.duration) : 'the end of the cohort';
  const params = { found, asked: count, session: index + 1, from, to };
  if (found === 0) {
    return {
      code: 'NO_COMMON_SLOT',
      message: `no common free slot for session ${index + 1} between ${from} and ${to}, a week or more from the pair's other sessions`,
      params,
    };
  }
  return {
    code: 'FEWER_SLOTS',
    message: `only ${found} of ${count} days have a common free slot for session ${index + 1} between ${from} and ${to}`,
    params,
  };
}

/**
 * Whether a chosen start is still a slot the move may take: the rules first (not in
 * the past, a week from the neighbours, on a quarter hour or a free stretch's edge,
 * off the current slot), then whether both people are free for the whole session.
 */
export function checkSlot(a: FreeTime, b: FreeTime, request: MoveRequest, start: number): SlotCheck {
  const { current, duration, lo, hi, before, after } = boundsOf(request);
  const at = iso(start);
  const refuse = (message: string): SlotCheck => ({ ok: false, code: 'SLOT_NOT_ALLOWED', message });
  if (start < ceilGrid(request.now)) return refuse(`${at} is in the past`);
  if (before !== undefined && start < lo) return refuse(`${at} is less than a week after session ${request.index} (${iso(before.start)})`);
  if (after !== undefined && start > hi) return refuse(`${at} is less than a week before session ${request.index + 2} (${iso(after.start)})`);
  if (overlaps(start, duration, current)) return refuse(`${at} overlaps the session's current slot (${iso(current.start)})`);
  const ranges = commonStarts(a.intervals, b.intervals, duration, ceilGrid(request.now));
  let k = 0;
  while (k < ranges.length && (ranges[k + 1] as number) < start) k += 2;
  const from = ranges[k];
  const to = ranges[k + 1];
  if (from === undefined || to === undefined || from > start) {
    return { ok: false, code: 'SLOT_TAKEN', message: `${at} is not free for both of you for ${duration / MINUTE} minutes any more` };
  }
  if (start % GRID !== 0 && start !== from && start !== to) return refuse(`${at} is neither on a quarter hour nor at the edge of a free stretch`);
  return { ok: true, slot: { start, end: start + duration } };
}
