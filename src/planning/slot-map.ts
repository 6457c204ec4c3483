import type { CohortPlan, Interval } from '../model/schema.ts';
import type { FreeTime } from './free-time.ts';

const MINUTE = 60_000;
/** One bit per quarter hour of the cohort window; 32 to a word. */
const SLOT = 15 * MINUTE;
const SLOTS_PER_WEEK = (7 * 24 * 60) / 15;

/**
 * One person's free time as two bitmaps over the cohort window's quarter hours, for a
 * cheap verdict on a pair before the exact test (`sessionsFit`): `full` marks quarter
 * hours wholly inside one free interval, `partial` those that hold any free instant.
 * Each has a spare zero word at the end, so a run may read one word past its own.
 */
export interface SlotMap {
  /** Epoch ms of slot 0: the window's start, a quarter hour. */
  readonly origin: number;
  readonly full: Int32Array;
  readonly partial: Int32Array;
}

export type Verdict = 'fits' | 'cannot fit' | 'unknown';

/** Sets bits [from, to) of `words`. */
function setBits(words: Int32Array, from: number, to: number): void {
  for (let slot = from; slot < to; ) {
    const word = slot >>> 5;
    const bit = slot & 31;
    const count = Math.min(32 - bit, to - slot);
    const mask = count === 32 ? -1 : ((1 << count) - 1) << bit;
    words[word] = (words[word] as number) | mask;
    slot += count;
  }
}

export function slotMap(free: FreeTime, window: Interval): SlotMap {
  const origin = Math.floor(window.start / SLOT) * SLOT;
  const words = Math.ceil((window.end - origin) / SLOT / 32) + 1;
  const full = new Int32Array(words);
  const partial = new Int32Array(words);
  const intervals = free.intervals;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < intervals.length; k += 2) {
    const start = ((intervals[k] as number) - origin) / SLOT;
    const end = ((intervals[k + 1] as number) - origin) / SLOT;
    // A run of full slots must stay inside one interval, as the planner's common
    // stretches do: where an interval starts right at the previous one's end, its first
    // slot is left out of `full` (intervals are merged, so this does not happen today).
    const touching = (intervals[k] as number) === previousEnd;
    setBits(full, Math.ceil(start) + (touching ? 1 : 0), Math.floor(end));
    setBits(partial, Math.floor(start), Math.ceil(end));
    previousEnd = intervals[k + 1] as number;
  }
  return { origin, full, partial };
}

/** The first slot >= from where `a AND b` has `run` consecutive ones (run <= 32), or -1. */
function firstRun(a: Int32Array, b: Int32Array, from: number, run: number): number {
  const last = a.length - 1;
  for (let word = from >>> 5; word < last; word++) {
    let x = (a[word] as number) & (b[word] as number);
    if (word === from >>> 5) x &= -1 << (from & 31);
    if (x === 0) continue;
    const next = (a[word + 1] as number) & (b[word + 1] as number);
    let starts = x;
    for (let shift = 1; shift < run && starts !== 0; shift++) starts &= (x >>> shift) | (next << (32 - shift));
    if (starts !== 0) return (word << 5) + 31 - Math.clz32(starts & -starts);
  }
  return -1;
}

/** How many runs (up to `wanted`) the earliest-first greedy places a week or more apart. */
function weeklyRuns(a: Int32Array, b: Int32Array, from: number, run: number, wanted: number): number {
  let count = 0;
  let slot = firstRun(a, b, from, run);
  while (slot >= 0) {
    count++;
    if (count === wanted) break;
    slot = firstRun(a, b, slot + SLOTS_PER_WEEK, run);
  }
  return count;
}

/**
 * A verdict on whether every session of the plan fits both people a week apart, from
 * their slot maps alone. "fits": that many quarter-hour starts a week apart lie in
 * quarter hours wholly free for both, each a start `planSessions` may take. "cannot
 * fit": even counting every quarter hour that holds a free instant for both, there are
 * fewer such places a week apart. Otherwise "unknown", for `sessionsFit` to settle.
 */
export function slotVerdict(a: SlotMap, b: SlotMap, plan: CohortPlan, options: { notBefore: number }): Verdict {
  const run = Math.ceil((plan.sessionMinutes * MINUTE) / SLOT);
  if (run > 32 || a.origin !== b.origin || a.full.length !== b.full.length) return 'unknown';
  // Sessions start at or after the quarter hour after "now"; the origin is a quarter hour.
  const from = Math.max(0, Math.ceil((options.notBefore - a.origin) / SLOT));
  if (weeklyRuns(a.full, b.full, from, run, plan.sessions) === plan.sessions) return 'fits';
  if (weeklyRuns(a.partial, b.partial, from, run, plan.sessions) < plan.sessions) return 'cannot fit';
  return 'unknown';
}
