import { createHash } from 'node:crypto';
import type { SandboxState, SandboxUser, StateOp, StoredAttendee, StoredEvent, GoogleEventFields } from '../state.ts';
import { invalid, required, type GoogleErrorItem } from './errors.ts';
import type { AttendeeInput, EventBody } from './event-body.ts';
import { maxPropertyKey, maxPropertyValue, validEmail } from './event-body.ts';
import { googlePart, meetUrl, toResponseKind } from './event-shape.ts';
import { ianaZone, parseEventDateTime } from './time.ts';

/** The organizer's view of a meeting, from which every copy is built. */
export interface Draft {
  id: string;
  subject: string;
  description: string;
  location: string;
  start: number;
  end: number;
  startZone: string;
  endZone: string;
  attendees: StoredAttendee[];
  organizerPrivate: Record<string, string>;
  shared: Record<string, string>;
  transparency: GoogleEventFields['transparency'];
  status: GoogleEventFields['status'];
  sequence: number;
  conference: GoogleEventFields['conference'];
  createdAt: string;
}

export type Refusal = { status: number; item: GoogleErrorItem };

/** A Meet code shaped like Google's (`abc-defg-hij`), derived from the organizer and the request id. */
export function meetingCode(organizerId: string, requestId: string): string {
  const digest = createHash('sha256').update(`meet:${organizerId}:${requestId}`).digest();
  const letters = Array.from(digest.subarray(0, 10), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7, 10)}`;
}

/** Every other conference (by its request id, so replays agree) is still `pending` in the insert answer. */
export function pendingOnInsert(requestId: string): boolean {
  return ((createHash('sha256').update(`pending:${requestId}`).digest()[0] ?? 0) & 1) === 1;
}

/** An event time from a body: `dateTime` with an offset, or a local one with `timeZone`. */
export function readTime(
  time: EventBody['start'],
  which: 'start' | 'end',
  fallbackZone: string,
): { ms: number; zone: string } | Refusal {
  if (time === undefined) return { status: 400, item: required(`Missing ${which} time.`) };
  if (time.dateTime === undefined) {
    // All-day events are not needed by Binome; refusing them keeps the model timed.
    return { status: 400, item: invalid(`Only timed events are served: ${which}.dateTime is required.`) };
  }
  let zone = fallbackZone;
  if (time.timeZone !== undefined) {
    const known = ianaZone(time.timeZone);
    if (known === null) return { status: 400, item: invalid(`Invalid time zone definition for ${which} time.`) };
    zone = known;
  }
  const ms = parseEventDateTime(time.dateTime, time.timeZone);
  if (ms === null) {
    if (time.timeZone === undefined && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(time.dateTime)) {
      return { status: 400, item: required(`Missing time zone definition for ${which} time.`) };
    }
    return { status: 400, item: invalid(`Invalid ${which} time.`) };
  }
  return { ms, zone };
}

/** Applies a patch (or an insert's) property map: null removes a key; limits as the extended-properties guide sets them. */
export function mergeProperties(current: Record<string, string>, change: Record<string, string | null> | null | undefined): Record<string, string> | Refusal {
  if (change === undefined) return current;
  if (change === null) return {};
  const next = new Map(Object.entries(current));
  for (const [key, value] of Object.entries(change)) {
    if (key.length === 0 || key.length > maxPropertyKey) return { status: 400, item: invalid(`Extended property key '${key.slice(0, 60)}' must be 1 to ${maxPropertyKey} characters.`) };
    if (value === null) {
      next.delete(key);
      continue;
    }
    if (value.length > maxPropertyValue) return { status: 400, item: invalid(`Extended property '${key}' is longer than ${maxPropertyValue} characters.`) };
    next.set(key, value);
  }
  return Object.fromEntries(next);
}

export function readAttendees(state: SandboxState, organizer: SandboxUser, input: AttendeeInput[], previous: StoredAttendee[], now: string): StoredAttendee[] | Refusal {
  const seen = new Set<string>();
  const result: StoredAttendee[] = [];
  for (const attendee of input) {
    if (!validEmail(attendee.email)) return { status: 400, item: invalid('Invalid attendee email.') };
    const key = attendee.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const before = previous.find((a) => a.email.toLowerCase() === key);
    const isOrganizer = key === organizer.email.toLowerCase();
    const response = isOrganizer ? 'organizer' : attendee.responseStatus === undefined ? (before?.response ?? 'none') : toResponseKind(attendee.responseStatus);
    result.push({
      email: attendee.email,
      name: attendee.displayName ?? state.findUser(attendee.email)?.displayName ?? '',
      type: attendee.resource === true ? 'resource' : attendee.optional === true ? 'optional' : 'required',
      response,
      responseTime: before?.response === response ? before.responseTime : now,
    });
  }
  return result;
}

/**
 * The ops that make every copy of a meeting match `draft`: the organizer's, and one per
 * attendee of the domain (keeping each copy's own private properties). Copies of
 * people no longer invited turn `cancelled`.
 */
export function copiesOps(state: SandboxState, organizer: SandboxUser, draft: Draft, now: string): StateOp[] {
  const existing = new Map(state.linked(`${draft.id}@google.com`).map((e) => [e.mailboxId, e]));
  const ops: StateOp[] = [];
  const build = (owner: SandboxUser, isOrganizer: boolean): StoredEvent => {
    const before = existing.get(owner.id);
    const ownPrivate = isOrganizer ? draft.organizerPrivate : before === undefined ? {} : googlePart(before).private;
    const self = draft.attendees.find((a) => a.email.toLowerCase() === owner.email.toLowerCase());
    const seq = before?.seq ?? state.nextSeq();
    return {
      id: draft.id,
      mailboxId: owner.id,
      seq,
      iCalUId: `${draft.id}@google.com`,
      subject: draft.subject,
      body: { contentType: 'text', content: draft.description },
      start: draft.start,
      end: draft.end,
      startTimeZone: draft.startZone,
      endTimeZone: draft.endZone,
      location: draft.location,
      organizer: { email: organizer.email, name: organizer.displayName },
      attendees: draft.attendees,
      isOrganizer,
      isCancelled: draft.status === 'cancelled',
      response: isOrganizer ? 'organizer' : (self?.response ?? 'none'),
      responseTime: self?.responseTime ?? now,
      showAs: draft.transparency === 'transparent' ? 'free' : 'busy',
      isOnlineMeeting: draft.conference !== null,
      onlineMeetingProvider: draft.conference === null ? 'unknown' : 'hangoutsMeet',
      joinUrl: draft.conference === null ? null : meetUrl(draft.conference.meetingCode),
      transactionId: null,
      extendedProperties: [],
      createdAt: before?.createdAt ?? draft.createdAt,
      modifiedAt: now,
      changeKey: (before?.changeKey ?? 0) + 1,
      google: {
        status: draft.status,
        private: ownPrivate,
        shared: draft.shared,
        transparency: draft.transparency,
        sequence: draft.sequence,
        conference: draft.conference,
      },
    };
  };
  ops.push({ t: 'event.put', event: build(organizer, true) });
  const invited = new Set<string>();
  for (const attendee of draft.attendees) {
    const user = state.findUser(attendee.email);
    if (user === undefined || user.id === organizer.id) continue;
    invited.add(user.id);
    ops.push({ t: 'event.put', event: build(user, false) });
  }
  for (const [mailboxId, copy] of existing) {
    if (mailboxId === organizer.id || invited.has(mailboxId) || googlePart(copy).status === 'cancelled') continue;
    ops.push({ t: 'event.put', event: cancelled(copy, now) });
  }
  return ops;
}

/** A copy marked deleted: it keeps its id (so the id stays taken) and leaves free/busy. */
export function cancelled(copy: StoredEvent, now: string): StoredEvent {
  return { ...copy, isCancelled: true, modifiedAt: now, changeKey: copy.changeKey + 1, google: { ...googlePart(copy), status: 'cancelled' } };
}

/** The organizer's draft read back from their stored copy. */
export function draftOf(event: StoredEvent): Draft {
  const google = googlePart(event);
  return {
    id: event.id,
    subject: event.subject,
    description: event.body.content,
    location: event.location,
    start: event.start,
    end: event.end,
    startZone: event.startTimeZone,
    endZone: event.endTimeZone,
    attendees: event.attendees,
    organizerPrivate: google.private,
    shared: google.shared,
    transparency: google.transparency,
    status: google.status,
    sequence: google.sequence,
    conference: google.conference,
    createdAt: event.createdAt,
  };
}
