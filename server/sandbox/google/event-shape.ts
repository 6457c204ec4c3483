import type { ResponseKind, SandboxUser, StoredAttendee, StoredEvent, GoogleEventFields } from '../state.ts';
import { etagOf } from './directory-user.ts';
import { formatInZone, utcStamp } from './time.ts';

export const responseStatuses = ['needsAction', 'declined', 'tentative', 'accepted'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** Google's attendee answers over the shared model's (which speaks Graph's words). */
export function toResponseKind(status: ResponseStatus): ResponseKind {
  if (status === 'accepted') return 'accepted';
  if (status === 'declined') return 'declined';
  if (status === 'tentative') return 'tentativelyAccepted';
  return 'none';
}

export function toResponseStatus(kind: ResponseKind): ResponseStatus {
  if (kind === 'accepted' || kind === 'organizer') return 'accepted';
  if (kind === 'declined') return 'declined';
  if (kind === 'tentativelyAccepted') return 'tentative';
  return 'needsAction';
}

/** What a Google event is when the shared model holds no Google part (a Google tenant's seeded busy events). */
export function googlePart(event: StoredEvent): GoogleEventFields {
  return (
    event.google ?? {
      status: event.isCancelled === true ? 'cancelled' : 'confirmed',
      private: {},
      shared: {},
      transparency: event.showAs === 'free' ? 'transparent' : 'opaque',
      sequence: 0,
      conference: null,
    }
  );
}

export const meetIconUri = 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png';

export function meetUrl(meetingCode: string): string {
  return `https://meet.google.com/${meetingCode}`;
}

function conferenceData(conference: NonNullable<GoogleEventFields['conference']>, pending: boolean) {
  const createRequest = {
    requestId: conference.requestId,
    conferenceSolutionKey: { type: 'hangoutsMeet' },
    status: { statusCode: pending ? 'pending' : 'success' },
  };
  if (pending) return { createRequest };
  return {
    createRequest,
    entryPoints: [{ entryPointType: 'video', uri: meetUrl(conference.meetingCode), label: `meet.google.com/${conference.meetingCode}` }],
    conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: meetIconUri },
    conferenceId: conference.meetingCode,
  };
}

function attendeeResource(attendee: StoredAttendee, event: StoredEvent, owner: SandboxUser) {
  const email = attendee.email.toLowerCase();
  return {
    email: attendee.email,
    ...(attendee.name === '' || attendee.name === attendee.email ? {} : { displayName: attendee.name }),
    ...(email === event.organizer.email.toLowerCase() ? { organizer: true } : {}),
    ...(email === owner.email.toLowerCase() ? { self: true } : {}),
    ...(attendee.type === 'optional' ? { optional: true } : {}),
    ...(attendee.type === 'resource' ? { resource: true } : {}),
    responseStatus: toResponseStatus(attendee.response),
  };
}

/**
 * The Calendar v3 event resource of one copy, as its calendar's owner sees it:
 * `extendedProperties.private` is this copy's own, `shared` is every copy's. While a
 * Meet conference is still being created (only in the insert answer, every other
 * conference) there is no `hangoutLink` and no entry point yet.
 */
export function eventResource(event: StoredEvent, owner: SandboxUser, options: { conferencePending?: boolean } = {}) {
  const google = googlePart(event);
  const isOwnerOrganizer = event.organizer.email.toLowerCase() === owner.email.toLowerCase();
  const person = (email: string, name: string) => ({
    email,
    ...(name === '' || name === email ? {} : { displayName: name }),
    ...(isOwnerOrganizer ? { self: true } : {}),
  });
  const privateProperties = Object.keys(google.private).length > 0 ? { private: google.private } : {};
  const sharedProperties = Object.keys(google.shared).length > 0 ? { shared: google.shared } : {};
  const pending = options.conferencePending === true;
  return {
    kind: 'calendar#event',
    etag: etagOf(event.id, owner.id, String(event.changeKey), event.modifiedAt),
    id: event.id,
    status: google.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${owner.email}`).toString('base64url')}`,
    created: utcStamp(Date.parse(event.createdAt)),
    updated: utcStamp(Date.parse(event.modifiedAt)),
    summary: event.subject,
    ...(event.body.content === '' ? {} : { description: event.body.content }),
    ...(event.location === '' ? {} : { location: event.location }),
    creator: person(event.organizer.email, event.organizer.name),
    organizer: person(event.organizer.email, event.organizer.name),
    start: { dateTime: formatInZone(event.start, event.startTimeZone), timeZone: event.startTimeZone },
    end: { dateTime: formatInZone(event.end, event.endTimeZone), timeZone: event.endTimeZone },
    ...(google.transparency === 'transparent' ? { transparency: 'transparent' } : {}),
    iCalUID: event.iCalUId,
    sequence: google.sequence,
    ...(event.attendees.length === 0 ? {} : { attendees: event.attendees.map((a) => attendeeResource(a, event, owner)) }),
    ...(Object.keys(privateProperties).length + Object.keys(sharedProperties).length === 0 ? {} : { extendedProperties: { ...privateProperties, ...sharedProperties } }),
    ...(google.conference === null || pending ? {} : { hangoutLink: meetUrl(google.conference.meetingCode) }),
    ...(google.conference === null ? {} : { conferenceData: conferenceData(google.conference, pending) }),
    reminders: { useDefault: true },
    eventType: 'default',
  };
}

/** Whether this copy makes its calendar's owner busy (what freeBusy reports). */
export function isBusy(event: StoredEvent, owner: SandboxUser): boolean {
  const google = googlePart(event);
  if (google.status === 'cancelled' || event.isCancelled === true || google.transparency === 'transparent') return false;
  if (event.showAs === 'free') return false;
  const self = event.attendees.find((a) => a.email.toLowerCase() === owner.email.toLowerCase());
  return self === undefined || self.response !== 'declined';
}
