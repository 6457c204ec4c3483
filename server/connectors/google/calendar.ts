import type { calendar_v3 } from '@googleapis/calendar';
import { z } from 'zod';
import type { Availability, BookedEvent, CalendarPort, CreateOutcome, LookupOutcome, SessionEvent } from '../../../src/ports/calendar.ts';
import { maxBatchParts, type BatchAnswer } from './batch.ts';
import { chunk } from '../shared/slices.ts';
import { errorOf, GoogleCallError, isThrottle } from './errors.ts';
import { binomeMarker, bookedFromEvent, conferencePending, getPart, insertPart, meetLinkOf } from './events.ts';
import { busyParts, freeBusyCalls, mergeAvailability } from './free-busy.ts';
import type { Window } from '../shared/slices.ts';
import type { GoogleApi, SubjectPart } from './google.ts';
import { EventPage, GoogleEvent } from './schema.ts';
import { settingsOf, settingsPart, type PersonSettings } from './settings.ts';

/**
 * Bookings per createEvents call: one batch round trip. Google takes 1000
 * calls per batch, but each organizer needs a token grant first and one lost
 * connection leaves every event of the batch unknown, so batches stay small.
 */
export const maxEventsPerCall = 100;
/** When a throttled answer carries no Retry-After, back off this long first. */
export const defaultThrottleMs = 1_000;
const Anything = z.unknown();

type ReadBack = { event: GoogleEvent } | { failed: BatchAnswer };

export interface CalendarOptions {
  /** Who asks freeBusy (any person of the domain may read free/busy): the admin. */
  asker: string;
}

function outcomeOfFailure(key: string, answer: BatchAnswer): CreateOutcome {
  const { reason, message } = errorOf(answer.body, answer.status);
  if (isThrottle(answer.status, reason)) {
    const seconds = Number(answer.headers['retry-after']);
    return { key, status: 'throttled', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : defaultThrottleMs };
  }
  if (answer.status === 0 || answer.status >= 500) return { key, status: 'unknown', detail: `HTTP ${answer.status} ${reason}${message ? `: ${message}` : ''}` };
  return { key, status: 'rejected', code: reason, message: message || `HTTP ${answer.status}` };
}

function wholeBatchOutcomes(keys: readonly string[], error: GoogleCallError): CreateOutcome[] {
  return keys.map((key) => {
    if (isThrottle(error.status, error.reason)) return { key, status: 'throttled', retryAfterMs: error.retryAfterMs ?? defaultThrottleMs };
    if (error.status === 0 || error.status >= 500) return { key, status: 'unknown', detail: error.message };
    return { key, status: 'rejected', code: error.reason, message: error.message };
  });
}

export function createCalendar(api: GoogleApi, options: CalendarOptions): CalendarPort {
  async function readAll(parts: readonly SubjectPart[]): Promise<BatchAnswer[]> {
    const answers: BatchAnswer[] = [];
    for (const group of chunk(parts, maxBatchParts)) answers.push(...(await api.readBatch(group)));
    return answers;
  }

  async function availability(emails: string[], window: Window): Promise<Availability[]> {
    if (emails.length === 0) return [];
    const calls = freeBusyCalls(options.asker, emails, window);
    const people = [...new Set(emails.map((e) => e.toLowerCase()))];
    // Free/busy (asked by one person) and each person's own zone and hours travel in the same batches.
    const answers = await readAll([...calls.map((c) => c.part), ...people.map(settingsPart)]);
    const busy = calls.map((call, i) => busyParts(call, answers[i]));
    const settings = new Map<string, PersonSettings>(people.map((email, i) => [email, settingsOf(answers[calls.length + i])]));
    return mergeAvailability(emails, busy, settings);
  }

  /** Reads back events by key: the created ones whose Meet link was pending, the 409 duplicates, and lookups. */
  async function readBack(lookups: { organizerEmail: string; key: string }[]): Promise<ReadBack[]> {
    const answers = await readAll(lookups.map((l) => getPart(l.organizerEmail, l.key)));
    return answers.map((answer) => {
      if (answer.status !== 200) return { failed: answer };
      const parsed = GoogleEvent.safeParse(answer.body);
      return parsed.success ? { event: parsed.data } : { failed: { ...answer, status: 0, body: { error: { message: parsed.error.message, errors: [{ reason: 'unexpectedResponse' }] } } } };
    });
  }

  async function createEvents(events: SessionEvent[]): Promise<CreateOutcome[]> {
    if (events.length === 0) return [];
    if (events.length > maxEventsPerCall) throw new RangeError(`createEvents takes at most ${maxEventsPerCall} events, got ${events.length}`);
    let answers: BatchAnswer[];
    try {
      answers = await api.batch(events.map(insertPart));
    } catch (error) {
      if (error instanceof GoogleCallError) return wholeBatchOutcomes(events.map((e) => e.key), error);
      throw error;
    }
    const outcomes: CreateOutcome[] = [];
    const again: { index: number; duplicate: boolean }[] = [];
    events.forEach((event, i) => {
      const answer = answers[i] ?? { id: null, status: 0, headers: {}, body: null };
      const created = answer.status === 200 || answer.status === 201 ? GoogleEvent.safeParse(answer.body) : null;
      if (created?.success) {
        outcomes.push({ key: event.key, status: 'created', eventId: created.data.id, onlineMeetingUrl: meetLinkOf(created.data) });
        if (event.online && conferencePending(created.data)) again.push({ index: i, duplicate: false });
      } else if (created) {
        outcomes.push({ key: event.key, status: 'unknown', detail: `HTTP ${answer.status} without a readable event: ${created.error.message}` });
      } else if (answer.status === 409) {
        // The id is the key's: the event is already there (a retried or repeated booking). Read it back.
        outcomes.push({ key: event.key, status: 'unknown', detail: 'duplicate id, and reading it back gave no answer' });
        again.push({ index: i, duplicate: true });
      } else {
        outcomes.push(outcomeOfFailure(event.key, answer));
      }
    });
    if (again.length === 0) return outcomes;
    const read = await readBack(again.map(({ index }) => ({ organizerEmail: events[index]?.organizerEmail ?? '', key: events[index]?.key ?? '' })));
    again.forEach(({ index, duplicate }, j) => {
      const key = events[index]?.key ?? '';
      const answer = read[j];
      if (answer === undefined) return;
      if ('event' in answer) {
        const { event } = answer;
        outcomes[index] =
          event.status === 'cancelled'
            ? { key, status: 'rejected', code: 'duplicate', message: `an event booked with this key (${event.id}) was cancelled, and Google keeps a deleted event's id` }
            : { key, status: 'created', eventId: event.id, onlineMeetingUrl: meetLinkOf(event) };
      } else if (duplicate) {
        const { reason } = errorOf(answer.failed.body, answer.failed.status);
        outcomes[index] = { key, status: 'unknown', detail: `duplicate id, and reading it back gave HTTP ${answer.failed.status} ${reason}` };
      }
    });
    return outcomes;
  }

  async function findEvents(lookups: { organizerEmail: string; key: string }[]): Promise<Map<string, LookupOutcome>> {
    const read = await readBack(lookups);
    const found = new Map<string, LookupOutcome>();
    lookups.forEach((lookup, i) => {
      const answer = read[i];
      if (answer === undefined) {
        found.set(lookup.key, { status: 'unknown', detail: `no answer looking up ${lookup.key}` });
      } else if ('event' in answer) {
        const { event } = answer;
        found.set(lookup.key, event.status === 'cancelled' ? { status: 'absent' } : { status: 'found', eventId: event.id, onlineMeetingUrl: meetLinkOf(event) });
      } else if (answer.failed.status === 404 || answer.failed.status === 410) {
        found.set(lookup.key, { status: 'absent' });
      } else {
        const { status, body } = answer.failed;
        const { reason, message } = errorOf(body, status);
        found.set(lookup.key, { status: 'unknown', detail: `looking up ${lookup.key} in ${lookup.organizerEmail}: HTTP ${status} ${reason}${message ? `: ${message}` : ''}` });
      }
    });
    return found;
  }

  async function listBooked(email: string, window: Window): Promise<BookedEvent[]> {
    const booked: BookedEvent[] = [];
    const seen = new Set<string>();
    let pageToken: string | null = null;
    for (;;) {
      const params: calendar_v3.Params$Resource$Events$List = {
        calendarId: 'primary',
        timeMin: window.start,
        timeMax: window.end,
        singleEvents: true,
        sharedExtendedProperty: [`${binomeMarker}=1`],
        maxResults: 250,
      };
      if (pageToken !== null) params.pageToken = pageToken;
      const page = await api.call('GET /calendar/v3/calendars/{id}/events', 'transient', () => api.calendarAs(email).events.list(params), EventPage);
      for (const item of page.items ?? []) {
        const event = bookedFromEvent(item);
        if (event !== null && !event.cancelled) booked.push(event);
      }
      if (page.nextPageToken === null) return booked;
      if (seen.has(page.nextPageToken)) throw new RangeError(`events.list loops: page token ${page.nextPageToken} came back twice`);
      seen.add(page.nextPageToken);
      pageToken = page.nextPageToken;
    }
  }

  async function updateEvent(organizerEmail: string, eventId: string, change: { start: string; end: string }): Promise<void> {
    // A patch to the same times is idempotent, so transient failures may be retried.
    await api.call(
      'PATCH /calendar/v3/calendars/{id}/events/{id}',
      'transient',
      () =>
        api.calendarAs(organizerEmail).events.patch({
          calendarId: 'primary',
          eventId,
          sendUpdates: 'all',
          requestBody: { start: { dateTime: change.start, timeZone: 'UTC' }, end: { dateTime: change.end, timeZone: 'UTC' } },
        }),
      Anything,
    );
  }

  /**
   * Deleting as the organizer cancels every attendee's copy and, with
   * sendUpdates=all, tells them; Google's delete carries no message, so the
   * comment is not sent (the port's comment is Graph's cancel text).
   */
  async function cancelEvent(organizerEmail: string, eventId: string, _comment: string): Promise<void> {
    try {
      await api.call(
        'DELETE /calendar/v3/calendars/{id}/events/{id}',
        'transient',
        () => api.calendarAs(organizerEmail).events.delete({ calendarId: 'primary', eventId, sendUpdates: 'all' }),
        Anything,
      );
    } catch (error) {
      // Already deleted (a retry after a lost answer): the cancellation stands.
      if (error instanceof GoogleCallError && error.status === 410) return;
      throw error;
    }
  }

  return { maxEventsPerCall, availability, createEvents, findEvents, listBooked, updateEvent, cancelEvent };
}
