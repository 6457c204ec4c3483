import { emptyWeek, hasBlocks, joinBlocks, weekdays, type WorkingHours, type Weekday } from '../../../src/model/schema.ts';
import type { Availability } from '../../../src/ports/calendar.ts';
import type { BatchOperation } from './batch.ts';
import { chunk, splitWindow as splitShared, type Window } from '../shared/slices.ts';
import { fromGraphDateTime, toGraphDateTime } from './datetime.ts';
import type { GraphWorkingHours, ScheduleInformation } from './schema.ts';
import { zoneFromGraph } from './zones.ts';

/** Graph's getSchedule limits: 20 schedules per call, a window shorter than 62 days. */
export const maxSchedulesPerCall = 20;
export const maxWindowMs = 61 * 24 * 3_600_000;
/** Coarse view: we read scheduleItems, the view string only costs bytes. */
const availabilityViewInterval = 60;
/** Far beyond any programme (two years of 61-day chunks); stops a runaway split. */
const maxWindowChunks = 24;

/** Consecutive windows of at most 61 days covering `window`. */
export function splitWindow(window: Window): Window[] {
  return splitShared(window, maxWindowMs, maxWindowChunks);
}

export interface ScheduleCall {
  emails: string[];
  window: Window;
  operation: BatchOperation;
}

/** One getSchedule per (group of 20 people, window chunk), asked from the organizer's mailbox. */
export function scheduleCalls(organizer: string, emails: readonly string[], window: Window): ScheduleCall[] {
  const url = `/users/${encodeURIComponent(organizer)}/calendar/getSchedule`;
  return splitWindow(window).flatMap((part) =>
    chunk(emails, maxSchedulesPerCall).map((group) => ({
      emails: group,
      window: part,
      operation: {
        method: 'POST' as const,
        url,
        headers: { 'Content-Type': 'application/json', Prefer: 'outlook.timezone="UTC"' },
        body: {
          schedules: group,
          startTime: toGraphDateTime(part.start),
          endTime: toGraphDateTime(part.end),
          availabilityViewInterval,
        },
      },
    })),
  );
}

const weekdayOf: Record<string, Weekday> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

/** Statuses that block a slot; "free" and "workingElsewhere" do not. */
const blocking = new Set(['busy', 'oof', 'tentative']);

/** "08:00:00.0000000" as minutes after midnight; null when not a time. */
function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)/.exec(time);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Graph's working hours (some days, one start and end, a zone) as a weekly schedule:
 * each day gets [start, end). An end at or before the start is a shift past midnight:
 * the day runs to midnight and the rest falls on the next day.
 */
export function workingHoursFrom(hours: GraphWorkingHours, year: number): { workingHours: WorkingHours | null; timeZone: string | null } {
  const timeZone = hours.timeZone ? zoneFromGraph(hours.timeZone, year) : null;
  const days = [...new Set(hours.daysOfWeek.map((d) => weekdayOf[d.toLowerCase()]).filter((d) => d !== undefined))];
  const start = minutesOf(hours.startTime);
  const end = minutesOf(hours.endTime);
  if (timeZone === null || days.length === 0 || start === null || end === null) return { workingHours: null, timeZone };
  const week = emptyWeek();
  for (const day of days) {
    if (start < end) {
      week[day].push([start, end]);
      continue;
    }
    week[day].push([start, 1440]);
    const next = weekdays[(weekdays.indexOf(day) + 1) % weekdays.length] ?? 'mon';
    if (end > 0) week[next].push([0, end]);
  }
  for (const day of weekdays) week[day] = joinBlocks(week[day]);
  return { workingHours: hasBlocks(week) ? { timeZone, week } : null, timeZone };
}

export interface SchedulePart {
  busy: { start: string; end: string }[];
  timeZone: string | null;
  workingHours: WorkingHours | null;
  error: string | null;
}

export function schedulePart(info: ScheduleInformation, year: number): SchedulePart {
  if (info.error) {
    const error = [info.error.responseCode, info.error.message].filter(Boolean).join(': ') || 'schedule unavailable';
    return { busy: [], timeZone: null, workingHours: null, error };
  }
  const busy = (info.scheduleItems ?? [])
    .filter((item) => blocking.has(item.status.toLowerCase()))
    .map((item) => ({ start: fromGraphDateTime(item.start), end: fromGraphDateTime(item.end) }));
  const hours = info.workingHours ? workingHoursFrom(info.workingHours, year) : { workingHours: null, timeZone: null };
  return { busy, ...hours, error: null };
}

/** One Availability per email, in the order asked, from the parts of every window chunk. */
export function mergeAvailability(emails: readonly string[], parts: Map<string, SchedulePart[]>): Availability[] {
  return emails.map((email) => {
    const found = parts.get(email.toLowerCase()) ?? [];
    const answered = found.find((p) => p.error === null);
    const failed = found.find((p) => p.error !== null);
    const busy = found.flatMap((p) => p.busy).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return {
      email,
      timeZone: answered?.timeZone ?? null,
      workingHours: answered?.workingHours ?? null,
      busy,
      error: found.length === 0 ? 'no schedule returned' : (failed?.error ?? null),
    };
  });
}
