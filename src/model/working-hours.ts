import { weekdays, weekOfWritten, type HoursBlock, type Weekday, type WorkingHours, type WorkingWeek, type WrittenHours } from './schema.ts';

/** Where a person's working hours came from, strongest first. */
export const hoursSources = ['provider', 'declared', 'tenant'] as const;
export type HoursSource = (typeof hoursSources)[number];

export interface HoursCandidates {
  /** What the provider's calendar settings give (Graph mailbox, Google primary calendar). */
  provider: WorkingHours | null;
  /** What the person declared (enrolment columns `workingDays` and `workingHours`). */
  declared: WrittenHours | null;
  /** The tenant's default from configuration. */
  tenantDefault: WrittenHours;
  /** The person's IANA zone (their calendar's, else the directory's): declared and default hours are in it. */
  timeZone: string | null;
}

/**
 * A person's working hours, in this order: the provider's; else what the person
 * declared; else the tenant default. Declared and default hours are local times in
 * the person's own zone: with no zone known, only the provider's hours can be used.
 */
export function chooseWorkingHours(candidates: HoursCandidates): { hours: WorkingHours; source: HoursSource } | null {
  if (candidates.provider !== null) return { hours: candidates.provider, source: 'provider' };
  const timeZone = candidates.timeZone;
  if (timeZone === null) return null;
  if (candidates.declared !== null) return { hours: { timeZone, week: weekOfWritten(candidates.declared) }, source: 'declared' };
  return { hours: { timeZone, week: weekOfWritten(candidates.tenantDefault) }, source: 'tenant' };
}

/** "HH:MM" of minutes after midnight; 1440 is "24:00". */
export function timeOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const blocksText = (blocks: readonly HoursBlock[]): string => blocks.map(([start, end]) => `${timeOfMinutes(start)}–${timeOfMinutes(end)}`).join(', ');

/**
 * A week in a few words, days with the same blocks grouped: "mon–fri 09:00–18:00",
 * "mon 14:00–18:00; tue–fri 09:00–12:00, 14:00–18:00".
 */
export function describeWeek(week: WorkingWeek): string {
  const groups: { days: Weekday[]; text: string }[] = [];
  for (const day of weekdays) {
    if (week[day].length === 0) continue;
    const text = blocksText(week[day]);
    const last = groups.at(-1);
    const previous = weekdays[weekdays.indexOf(day) - 1];
    if (last !== undefined && last.text === text && previous !== undefined && last.days.at(-1) === previous) last.days.push(day);
    else groups.push({ days: [day], text });
  }
  return groups.map((g) => `${g.days.length > 1 ? `${g.days[0] ?? ''}–${g.days.at(-1) ?? ''}` : (g.days[0] ?? '')} ${g.text}`).join('; ');
}

/**
 * One span for providers that hold only one (Graph): the days with any block, from
 * the earliest start to the latest end. It covers more than the week when days differ
 * or a day is split; null for an empty week.
 */
export function spanOfWeek(week: WorkingWeek): { days: Weekday[]; start: number; end: number } | null {
  const days = weekdays.filter((day) => week[day].length > 0);
  if (days.length === 0) return null;
  const blocks = days.flatMap((day) => week[day]);
  return { days, start: Math.min(...blocks.map((b) => b[0])), end: Math.max(...blocks.map((b) => b[1])) };
}

/** Hours written in a file (one span or a week of blocks), placed in a zone. */
export function hoursIn(written: WrittenHours, timeZone: string): WorkingHours {
  return { timeZone, week: weekOfWritten(written) };
}
