const DAY = 86_400_000;
const MONTH = 28 * DAY;
const WEEK = 7 * DAY;

/**
 * Preferred start-to-start gaps for `sessions` sessions whose first and last starts
 * are `spanMs` apart: about monthly at first, then growing by a constant step so the
 * series fills the span (6 sessions over 26 weeks: about 4, 4.5, 5, 5.5, 6 weeks).
 * On long cohorts the first gap grows too, so the later ones do not balloon.
 */
export function cadenceGaps(sessions: number, spanMs: number): number[] {
  const count = sessions - 1;
  if (count < 1 || spanMs <= 0) return [];
  const mean = spanMs / count;
  const first = Math.min(mean, Math.max(MONTH, 0.6 * mean));
  const step = count > 1 ? (2 * (spanMs - first * count)) / (count * (count - 1)) : 0;
  const gaps: number[] = [];
  for (let i = 0; i < count; i++) gaps.push(first + i * step);
  return gaps;
}

/**
 * Minimum start-to-start spacings to try, loosest first, in whole weeks down to one:
 * three quarters of the first preferred gap is the "no room" threshold that makes the
 * planner tighten.
 */
export function spacingLevels(firstGapMs: number): number[] {
  const loosest = Math.max(1, Math.floor((0.75 * firstGapMs) / WEEK));
  const levels: number[] = [];
  for (let weeks = loosest; weeks >= 1; weeks--) levels.push(weeks * WEEK);
  return levels;
}
