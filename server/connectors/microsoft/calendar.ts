import { z } from 'zod';
import type { Availability, BookedEvent, CalendarPort, CreateOutcome, LookupOutcome, SessionEvent } from '../../../src/ports/calendar.ts';
import { chunk } from '../shared/slices.ts';
import { createOutcome, errorOf, maxBatchSize, runReadBatch, toBatchRequests, wholeBatchOutcomes, type BatchOperation } from './batch.ts';
import { toGraphDateTime } from './datetime.ts';
import { GraphCallError } from './errors.ts';
import { bookedFromEvent, createEventOperation, eventsPath } from './events.ts';
import type { GraphApi } from './graph.ts';
import { collectPages } from './paging.ts';
import { mailboxSettingsOperation, missingSettings, withMailboxSettings } from './mailbox-settings.ts';
import { mergeAvailability, scheduleCalls, schedulePart, type SchedulePart } from './schedule.ts';
import type { Window } from '../shared/slices.ts';
import { EventIdPage, GraphEvent, ScheduleAnswer, page } from './schema.ts';
import { keyFilter, tagExpand } from './tag.ts';

const EventPage = page(GraphEvent);
const Anything = z.unknown();
const bookedSelect = 'id,subject,start,end,organizer,attendees,isCancelled,onlineMeeting,onlineMeetingUrl';
const preferUtc = { Prefer: 'outlook.timezone="UTC"' };

export interface CalendarOptions {
  /** The mailbox that asks getSchedule; else the first email asked about. */
  organizerMailbox: string | null;
}

/** Runs read operations in `$batch`es of 20, batches in parallel (the transport caps per mailbox). */
async function readAll(graph: GraphApi, operations: readonly BatchOperation[]) {
  const batches = await Promise.all(
    chunk(operations, maxBatchSize).map((group) => runReadBatch(group, (requests) => graph.batch(requests), graph.retry, graph.clock)),
  );
  return batches.flat();
}

export function createCalendar(graph: GraphApi, options: CalendarOptions): CalendarPort {
  async function availability(emails: string[], window: Window): Promise<Availability[]> {
    const organizer = options.organizerMailbox ?? emails[0];
    if (organizer === undefined) return [];
    const calls = scheduleCalls(organizer, emails, window);
    const answers = await readAll(graph, calls.map((c) => c.operation));
    const parts = new Map<string, SchedulePart[]>();
    const add = (email: string, part: SchedulePart) => {
      const key = email.toLowerCase();
      parts.set(key, [...(parts.get(key) ?? []), part]);
    };
    calls.forEach((call, i) => {
      const answer = answers[i];
      const year = new Date(call.window.start).getUTCFullYear();
      const parsed = answer?.status === 200 ? ScheduleAnswer.safeParse(answer.body) : null;
      if (parsed?.success) {
        const byId = new Map(parsed.data.value.map((info) => [info.scheduleId.toLowerCase(), info]));
        call.emails.forEach((email, j) => {
          const info = byId.get(email.toLowerCase()) ?? parsed.data.value[j];
          add(email, info ? schedulePart(info, year) : { busy: [], timeZone: null, workingHours: null, error: 'no schedule returned' });
        });
        return;
      }
      const reason = parsed
        ? `unexpected getSchedule answer: ${parsed.error.message}`
        : `getSchedule failed: HTTP ${answer?.status ?? 0} ${errorOf(answer?.body, 'NoAnswer').code}`;
      for (const email of call.emails) add(email, { busy: [], timeZone: null, workingHours: null, error: reason });
    });
    const merged = mergeAvailability(emails, parts);
    const missing = missingSettings(merged);
    if (missing.length === 0) return merged;
    const settings = await readAll(graph, missing.map((a) => mailboxSettingsOperation(a.email)));
    const year = new Date(window.start).getUTCFullYear();
    const completed = new Map(missing.map((a, i) => [a, withMailboxSettings(a, settings[i], year)]));
    return merged.map((a) => completed.get(a) ?? a);
  }

  async function createEvents(events: SessionEvent[]): Promise<CreateOutcome[]> {
    if (events.length === 0) return [];
    if (events.length > maxBatchSize) throw new RangeError(`createEvents takes at most ${maxBatchSize} events, got ${events.length}`);
    const requests = toBatchRequests(events.map(createEventOperation));
    const keys = events.map((e) => e.key);
    let answers;
    try {
      answers = new Map((await graph.batch(requests)).map((item) => [item.id, item]));
    } catch (error) {
      if (error instanceof GraphCallError) return wholeBatchOutcomes(keys, error);
      throw error;
    }
    const now = graph.clock.now();
    return requests.map((request, i) => createOutcome(keys[i] ?? '', answers.get(request.id), now));
  }

  async function findEvents(lookups: { organizerEmail: string; key: string }[]): Promise<Map<string, LookupOutcome>> {
    const operations: BatchOperation[] = lookups.map(({ organizerEmail, key }) => ({
      method: 'GET',
      url: `${eventsPath(organizerEmail)}?$filter=${encodeURIComponent(keyFilter(key))}&$select=id,onlineMeeting&$top=1`,
    }));
    const answers = await readAll(graph, operations);
    const found = new Map<string, LookupOutcome>();
    answers.forEach((answer, i) => {
      const lookup = lookups[i];
      if (lookup === undefined) return;
      if (answer.status !== 200) {
        const { code, message } = errorOf(answer.body, 'NoAnswer');
        found.set(lookup.key, { status: 'unknown', detail: `looking up ${lookup.key} in ${lookup.organizerEmail}: ${answer.status} ${code}: ${message}` });
        return;
      }
      const parsed = EventIdPage.safeParse(answer.body);
      if (!parsed.success) {
        found.set(lookup.key, { status: 'unknown', detail: `unexpected answer looking up ${lookup.key}: ${parsed.error.message}` });
        return;
      }
      const first = parsed.data.value[0];
      found.set(
        lookup.key,
        first === undefined ? { status: 'absent' } : { status: 'found', eventId: first.id, onlineMeetingUrl: first.onlineMeeting?.joinUrl ?? null },
      );
    });
    return found;
  }

  async function listBooked(email: string, window: Window): Promise<BookedEvent[]> {
    const query = [
      `startDateTime=${encodeURIComponent(toGraphDateTime(window.start).dateTime + 'Z')}`,
      `endDateTime=${encodeURIComponent(toGraphDateTime(window.end).dateTime + 'Z')}`,
      `$select=${bookedSelect}`,
      `$expand=${encodeURIComponent(tagExpand)}`,
      '$top=100',
    ].join('&');
    const first = `/users/${encodeURIComponent(email)}/calendarView?${query}`;
    const { items } = await collectPages(first, (link) => graph.call('GET', link, EventPage, { headers: preferUtc }));
    return items.map(bookedFromEvent).filter((e): e is BookedEvent => e !== null);
  }

  async function updateEvent(organizerEmail: string, eventId: string, change: { start: string; end: string }): Promise<void> {
    // A PATCH to the same times is idempotent, so transient failures may be retried.
    await graph.call('PATCH', `${eventsPath(organizerEmail)}/${encodeURIComponent(eventId)}`, Anything, {
      body: { start: toGraphDateTime(change.start), end: toGraphDateTime(change.end) },
      retry: 'transient',
    });
  }

  async function cancelEvent(organizerEmail: string, eventId: string, comment: string): Promise<void> {
    await graph.call('POST', `${eventsPath(organizerEmail)}/${encodeURIComponent(eventId)}/cancel`, Anything, {
      body: { Comment: comment },
      retry: 'throttle-only',
    });
  }

  return { maxEventsPerCall: maxBatchSize, availability, createEvents, findEvents, listBooked, updateEvent, cancelEvent };
}
