import type { BookedEvent, SessionEvent } from '../../../src/ports/calendar.ts';
import type { BatchOperation } from './batch.ts';
import { fromGraphDateTime, toGraphDateTime } from './datetime.ts';
import type { GraphEvent } from './schema.ts';
import { addinPropertiesId, addinPropertiesValue, binomeKeyPropertyId, binomeTagPropertyId, outlookAddinIds, parseTagValue, tagValue } from './tag.ts';
import { transactionIdFor } from './transaction-id.ts';

export function eventsPath(mailbox: string): string {
  return `/users/${encodeURIComponent(mailbox)}/events`;
}

/** The POST that books one session in its organizer's calendar (and invites the attendees). */
export function createEventOperation(event: SessionEvent): BatchOperation {
  // The organizer owns the event; listed as an attendee too, Outlook would invite them to their own meeting.
  const organizer = event.organizerEmail.toLowerCase();
  const attendees = [...new Set(event.attendeeEmails.map((a) => a.toLowerCase()))].filter((a) => a !== organizer);
  const body: Record<string, unknown> = {
    subject: event.subject,
    body: { contentType: 'HTML', content: event.body },
    start: toGraphDateTime(event.start),
    end: toGraphDateTime(event.end),
    attendees: attendees.map((address) => ({ type: 'required', emailAddress: { address } })),
    transactionId: transactionIdFor(event.key),
    singleValueExtendedProperties: [
      { id: binomeTagPropertyId, value: tagValue(event.tag, event.key) },
      { id: binomeKeyPropertyId, value: event.key },
      ...outlookAddinIds.map((addinId) => ({ id: addinPropertiesId(addinId), value: addinPropertiesValue(event.key) })),
    ],
  };
  if (event.online) {
    body['isOnlineMeeting'] = true;
    body['onlineMeetingProvider'] = 'teamsForBusiness';
  }
  return { method: 'POST', url: eventsPath(event.organizerEmail), headers: { 'Content-Type': 'application/json' }, body };
}

const responses: Record<string, BookedEvent['attendees'][number]['response']> = {
  none: 'none',
  notresponded: 'none',
  accepted: 'accepted',
  declined: 'declined',
  tentativelyaccepted: 'tentative',
  organizer: 'organizer',
};

/** A Binome event read back; null when the event carries no Binome tag. */
export function bookedFromEvent(event: GraphEvent): BookedEvent | null {
  const properties = event.singleValueExtendedProperties ?? [];
  const tagProperty = properties.find((p) => p.id.toLowerCase() === binomeTagPropertyId.toLowerCase());
  const keyProperty = properties.find((p) => p.id.toLowerCase() === binomeKeyPropertyId.toLowerCase());
  if (tagProperty === undefined && keyProperty === undefined) return null;
  const parsed = tagProperty ? parseTagValue(tagProperty.value) : null;
  const joinUrl = event.onlineMeeting?.joinUrl ?? event.onlineMeetingUrl ?? null;
  return {
    eventId: event.id,
    key: keyProperty?.value ?? parsed?.key ?? null,
    tag: parsed?.tag ?? null,
    subject: event.subject ?? '',
    start: fromGraphDateTime(event.start),
    end: fromGraphDateTime(event.end),
    organizerEmail: event.organizer?.emailAddress.address.toLowerCase() ?? '',
    attendees: (event.attendees ?? []).map((a) => ({
      email: a.emailAddress.address.toLowerCase(),
      response: responses[(a.status?.response ?? 'none').toLowerCase()] ?? 'none',
    })),
    onlineMeetingUrl: joinUrl,
    cancelled: event.isCancelled ?? false,
  };
}
