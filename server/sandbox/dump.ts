import type { BinomeTag } from './tag.ts';
import type { SandboxState, StoredEvent } from './state.ts';

/** One event of the calendars.json contract (docs/design.md §8). */
export interface CalendarsDumpEvent {
  id: string;
  subject: string;
  /** UTC ISO instants. */
  start: string;
  end: string;
  organizer: string;
  attendees: string[];
  onlineMeetingUrl: string | null;
  binome: BinomeTag | null;
}

/**
 * Every person's calendar as the sandbox holds it, keyed by email, events by start
 * then id. Cancelled copies are left out: the contract has no field to mark them,
 * and a cancelled session is not one the person attends (nor a duplicate of the
 * session booked again in its place).
 */
export function dumpCalendars(state: SandboxState, binomeTagOf: (event: StoredEvent) => BinomeTag | null): Record<string, CalendarsDumpEvent[]> {
  const result: Record<string, CalendarsDumpEvent[]> = {};
  const users = state.listUsers().sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  for (const user of users) {
    result[user.email] = state
      .events(user.id)
      .filter((e) => e.isCancelled !== true)
      .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
      .map((e) => ({
        id: e.id,
        subject: e.subject,
        start: new Date(e.start).toISOString(),
        end: new Date(e.end).toISOString(),
        organizer: e.organizer.email,
        attendees: e.attendees.map((a) => a.email),
        onlineMeetingUrl: e.joinUrl,
        binome: binomeTagOf(e),
      }));
  }
  return result;
}
