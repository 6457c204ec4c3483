import type { Availability } from '../../../src/ports/calendar.ts';
import { chunk, splitWindow as splitShared, type Window } from '../shared/slices.ts';
import { errorOf } from './errors.ts';
import type { SubjectPart } from './google.ts';
import { FreeBusyAnswer } from './schema.ts';
import type { PersonSettings } from './settings.ts';

/**
 * freeBusy.query: at most 50 calendars per call (calendarExpansionMax), a
 * window Google does not bound in its docs but refuses when "too long"
 * (timeRangeTooLong), so split at 60 days, the least forgiving reading. An error on one calendar (notFound,
 * internalError…) leaves that person unknown, never free.
 */
export const maxCalendarsPerCall = 50;
export const maxWindowMs = 60 * 24 * 3_600_000;
/** Far beyond any programme (three years of 60-day chunks); stops a runaway split. */
const maxWindowChunks = 20;

/** Consecutive windows of at most 60 days covering `window`. */
export function splitWindow(window: Window): Window[] {
  return splitShared(window, maxWindowMs, maxWindowChunks);
}

export interface FreeBusyCall {
  emails: string[];
  part: SubjectPart;
}

/** One freeBusy.query per (group of 50 people, window chunk), asked as `asker`. */
export function freeBusyCalls(asker: string, emails: readonly string[], window: Window): FreeBusyCall[] {
  return splitWindow(window).flatMap((part) =>
    chunk(emails, maxCalendarsPerCall).map((group) => ({
      emails: group,
      part: {
        subject: asker,
        kind: 'freeBusy' as const,
        method: 'POST' as const,
        path: '/calendar/v3/freeBusy',
        body: { timeMin: part.start, timeMax: part.end, timeZone: 'UTC', items: group.map((id) => ({ id })) },
      },
    })),
  );
}

interface BusyPart {
  busy: { start: string; end: string }[];
  error: string | null;
}

const toUtc = (instant: string) => new Date(Date.parse(instant)).toISOString().replace('.000Z', 'Z');

/** Each asked email's busy time (or why it is unknown) from one freeBusy answer. */
export function busyParts(call: FreeBusyCall, answer: { status: number; body: unknown } | undefined): Map<string, BusyPart> {
  const parts = new Map<string, BusyPart>();
  const failAll = (error: string) => {
    for (const email of call.emails) parts.set(email.toLowerCase(), { busy: [], error });
    return parts;
  };
  if (answer === undefined) return failAll('freeBusy: no answer');
  if (answer.status !== 200) {
    const { reason, message } = errorOf(answer.body, answer.status);
    return failAll(`freeBusy failed: HTTP ${answer.status} ${reason}${message ? `: ${message}` : ''}`);
  }
  const parsed = FreeBusyAnswer.safeParse(answer.body);
  if (!parsed.success) return failAll(`unexpected freeBusy answer: ${parsed.error.message}`);
  const calendars = new Map(Object.entries(parsed.data.calendars ?? {}).map(([id, c]) => [id.toLowerCase(), c]));
  for (const email of call.emails) {
    const calendar = calendars.get(email.toLowerCase());
    if (calendar === undefined) {
      parts.set(email.toLowerCase(), { busy: [], error: 'freeBusy returned nothing for this calendar' });
      continue;
    }
    const errors = calendar.errors ?? [];
    if (errors.length > 0) {
      parts.set(email.toLowerCase(), { busy: [], error: `freeBusy: ${errors.map((e) => e.reason ?? 'error').join(', ')}` });
      continue;
    }
    const busy = (calendar.busy ?? []).filter((b) => !Number.isNaN(Date.parse(b.start)) && !Number.isNaN(Date.parse(b.end)));
    parts.set(email.toLowerCase(), { busy: busy.map((b) => ({ start: toUtc(b.start), end: toUtc(b.end) })), error: null });
  }
  return parts;
}

/** One Availability per email, in the order asked, from the busy parts of every window and the person's settings. */
export function mergeAvailability(emails: readonly string[], parts: readonly Map<string, BusyPart>[], settings: Map<string, PersonSettings>): Availability[] {
  return emails.map((email) => {
    const key = email.toLowerCase();
    const found = parts.map((p) => p.get(key)).filter((p): p is BusyPart => p !== undefined);
    const failed = found.find((p) => p.error !== null);
    const own = settings.get(key);
    return {
      email,
      timeZone: own?.timeZone ?? null,
      workingHours: own?.workingHours ?? null,
      busy: found.flatMap((p) => p.busy).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      error: found.length === 0 ? 'no free/busy returned' : (failed?.error ?? null),
    };
  });
}
