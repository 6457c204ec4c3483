import type { BookedEvent, EventTag, SessionEvent } from '../../../src/ports/calendar.ts';
import { eventIdFor } from './event-id.ts';
import type { SubjectPart } from './google.ts';
import type { GoogleEvent } from './schema.ts';

/**
 * How Binome writes and reads its events on Google. The event id comes from the
 * idempotency key, so a repeated insert is a 409 duplicate, not a second event.
 * The tag goes in extended properties: `private` on the organizer's copy (what
 * a lookup by key filters on), `shared` on every attendee's copy too (what
 * listBooked filters on, since private ones are not visible there).
 */

export const binomeMarker = 'binome';
export const keyProperty = 'binomeKey';
const cohortProperty = 'binomeCohort';
const pairProperty = 'binomePair';
const sessionProperty = 'binomeSession';

export const calendarEventsPath = '/calendar/v3/calendars/primary/events';

export function tagProperties(tag: EventTag, key: string): Record<string, string> {
  return { [binomeMarker]: '1', [keyProperty]: key, [cohortProperty]: tag.cohortId, [pairProperty]: tag.pairId, [sessionProperty]: String(tag.session) };
}

/** The insert that books one session in its organizer's primary calendar and invites the attendees. */
export function insertPart(event: SessionEvent): SubjectPart {
  const organizer = event.organizerEmail.toLowerCase();
  const attendees = [...new Set(event.attendeeEmails.map((a) => a.toLowerCase()))].filter((a) => a !== organizer);
  const id = eventIdFor(event.key);
  const properties = tagProperties(event.tag, event.key);
  const body: Record<string, unknown> = {
    id,
    summary: event.subject,
    description: event.body,
    start: { dateTime: event.start, timeZone: 'UTC' },
    end: { dateTime: event.end, timeZone: 'UTC' },
    attendees: attendees.map((email) => ({ email, responseStatus: 'needsAction' })),
    extendedProperties: { private: properties, shared: properties },
  };
  if (event.online) {
    // The same requestId on a retried insert makes Google ignore the repeat rather than open a second meeting.
    body['conferenceData'] = { createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
  }
  return { subject: organizer, kind: 'events', method: 'POST', path: `${calendarEventsPath}?conferenceDataVersion=1&sendUpdates=all`, body };
}

/** The read of one event by the id its key gives, in the organizer's calendar. */
export function getPart(organizerEmail: string, key: string): SubjectPart {
  return { subject: organizerEmail.toLowerCase(), kind: 'events', method: 'GET', path: `${calendarEventsPath}/${eventIdFor(key)}` };
}

/** The Meet link once Google has made it; null while the conference is pending or when there is none. */
export function meetLinkOf(event: GoogleEvent): string | null {
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri ?? null;
  return video ?? event.hangoutLink ?? null;
}

export function conferencePending(event: GoogleEvent): boolean {
  return event.conferenceData?.createRequest?.status?.statusCode === 'pending' && meetLinkOf(event) === null;
}

const responses: Record<string, BookedEvent['attendees'][number]['response']> = {
  needsaction: 'none',
  accepted: 'accepted',
  declined: 'declined',
  tentative: 'tentative',
};

function instantOf(value: { dateTime: string | null; date: string | null } | null | undefined): string {
  const text = value?.dateTime ?? value?.date ?? '';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A Binome event read back; null when the event carries no Binome tag. */
export function bookedFromEvent(event: GoogleEvent): BookedEvent | null {
  const properties = { ...event.extendedProperties?.shared, ...event.extendedProperties?.private };
  if (properties[binomeMarker] === undefined && properties[keyProperty] === undefined) return null;
  const session = Number(properties[sessionProperty]);
  const cohortId = properties[cohortProperty];
  const pairId = properties[pairProperty];
  const tag = cohortId !== undefined && pairId !== undefined && Number.isInteger(session) ? { cohortId, pairId, session } : null;
  const organizer = event.organizer?.email?.toLowerCase() ?? '';
  return {
    eventId: event.id,
    key: properties[keyProperty] ?? null,
    tag,
    subject: event.summary ?? '',
    start: instantOf(event.start),
    end: instantOf(event.end),
    organizerEmail: organizer,
    attendees: (event.attendees ?? [])
      .filter((a) => a.email !== null)
      .map((a) => ({
        email: (a.email ?? '').toLowerCase(),
        response: a.organizer === true || a.email?.toLowerCase() === organizer ? 'organizer' : (responses[(a.responseStatus ?? '').toLowerCase()] ?? 'none'),
      })),
    onlineMeetingUrl: meetLinkOf(event),
    cancelled: event.status === 'cancelled',
  };
}
