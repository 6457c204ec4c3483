import { createHash } from 'node:crypto';
import { iCalUid, outlookItemId } from '../ids.ts';
import { neverResponded, type SandboxState, type SandboxUser, type StateOp, type StoredAttendee, type StoredEvent } from '../state.ts';
import { readDateTime, validateExtendedProperties, type EventInput, type InputError } from './event-shape.ts';
import { canonicalPropertyId, inviteeProperties, isAddinCustomProperties } from './extended-property.ts';

/** Outlook's calendar behaviour over the sandbox state: create, move, cancel, respond. */
export type CalendarResult<T> = { ok: true; value: T } | { ok: false; status: number; error: InputError };

const fail = <T>(status: number, code: string, message: string): CalendarResult<T> => ({ ok: false, status, error: { code, message } });

function teamsJoinUrl(tenantGuid: string, organizer: SandboxUser, iCal: string): string {
  const thread = createHash('sha256').update(iCal).digest('base64url').slice(0, 40);
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantGuid, Oid: organizer.id }));
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
}

function teamsBlock(joinUrl: string): string {
  return `<div style="margin-top:12px">________________________________________________________________________________<br><b>Microsoft Teams meeting</b><br><a href="${joinUrl}">Join the meeting now</a><br>________________________________________________________________________________</div>`;
}

function mergeProperties(current: { id: string; value: string }[], changes: { id: string; value: string }[]) {
  const result = [...current];
  for (const change of changes) {
    const key = canonicalPropertyId(change.id);
    const index = result.findIndex((p) => canonicalPropertyId(p.id) === key);
    if (index >= 0) result[index] = { id: result[index]?.id ?? change.id, value: change.value };
    else result.push({ id: change.id, value: change.value });
  }
  return result;
}

function normalizeAttendees(input: EventInput['attendees'], organizer: SandboxUser, state: SandboxState): StoredAttendee[] {
  const seen = new Set<string>([organizer.email.toLowerCase()]);
  const result: StoredAttendee[] = [];
  for (const a of input ?? []) {
    const email = a.emailAddress.address.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    const known = state.findUser(email);
    result.push({
      email: known?.email ?? a.emailAddress.address,
      name: a.emailAddress.name ?? known?.displayName ?? a.emailAddress.address,
      type: a.type ?? 'required',
      response: 'none',
      responseTime: neverResponded,
    });
  }
  return result;
}

export class CalendarService {
  constructor(
    private readonly state: SandboxState,
    private readonly tenantGuid: string,
  ) {}

  /**
   * Creates the event in the organizer's calendar and an own copy (own id) in each
   * attendee's calendar, in one journaled transaction. A repeated `transactionId` is
   * not deduplicated: it creates another event (the least forgiving reading of a
   * behaviour Graph leaves undocumented), so clients must look up by tag first.
   */
  create(organizer: SandboxUser, input: EventInput): CalendarResult<StoredEvent> {
    if (input.start === undefined) return fail(400, 'ErrorInvalidRequest', "Your request can't be completed. The 'Start' property is required.");
    if (input.end === undefined) return fail(400, 'ErrorInvalidRequest', "Your request can't be completed. The 'End' property is required.");
    const start = readDateTime(input.start, 'Start');
    if ('code' in start) return { ok: false, status: 400, error: start };
    const end = readDateTime(input.end, 'End');
    if ('code' in end) return { ok: false, status: 400, error: end };
    if (end.ms < start.ms) return fail(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation: the End time is before the Start time.');
    const properties = input.singleValueExtendedProperties ?? [];
    const propertyError = validateExtendedProperties(properties);
    if (propertyError !== null) return { ok: false, status: 400, error: propertyError };

    const now = new Date().toISOString();
    const seq = this.state.nextSeq();
    const iCal = iCalUid(organizer.id, seq);
    const online = input.isOnlineMeeting === true && (input.onlineMeetingProvider ?? 'teamsForBusiness') === 'teamsForBusiness';
    const joinUrl = online ? teamsJoinUrl(this.tenantGuid, organizer, iCal) : null;
    const contentType: 'text' | 'html' = (input.body?.contentType ?? 'text').toLowerCase() === 'text' ? 'text' : 'html';
    let content = input.body?.content ?? '';
    if (joinUrl !== null) content = `${contentType === 'html' ? content : `<p>${content}</p>`}${teamsBlock(joinUrl)}`;
    const body: StoredEvent['body'] = { contentType: joinUrl !== null ? 'html' : contentType, content };
    const attendees = normalizeAttendees(input.attendees, organizer, this.state);
    const base = {
      iCalUId: iCal,
      subject: input.subject ?? '',
      body,
      start: start.ms,
      end: end.ms,
      startTimeZone: start.zone,
      endTimeZone: end.zone,
      location: input.location?.displayName ?? '',
      organizer: { email: organizer.email, name: organizer.displayName },
      attendees,
      isOnlineMeeting: joinUrl !== null,
      onlineMeetingProvider: joinUrl !== null ? 'teamsForBusiness' : 'unknown',
      joinUrl,
      allowNewTimeProposals: input.allowNewTimeProposals ?? true,
      extendedProperties: properties.map((p) => ({ id: p.id, value: p.value })),
      createdAt: now,
      modifiedAt: now,
      changeKey: 1,
    };
    const event: StoredEvent = {
      ...base,
      id: outlookItemId(organizer.id, seq),
      mailboxId: organizer.id,
      seq,
      isOrganizer: true,
      response: 'organizer',
      responseTime: neverResponded,
      showAs: input.showAs ?? 'busy',
      transactionId: input.transactionId ?? null,
    };
    const ops: StateOp[] = [{ t: 'event.put', event }];
    for (const attendee of attendees) ops.push(...this.copyFor(attendee, base));
    this.state.commit(ops);
    return { ok: true, value: event };
  }

  private copyFor(attendee: StoredAttendee, base: Omit<StoredEvent, 'id' | 'mailboxId' | 'seq' | 'isOrganizer' | 'response' | 'responseTime' | 'showAs' | 'transactionId'>): StateOp[] {
    const user = this.state.findUser(attendee.email);
    if (user === undefined) return [];
    const seq = this.state.nextSeq();
    return [
      {
        t: 'event.put',
        event: {
          ...base,
          extendedProperties: inviteeProperties(base.extendedProperties),
          id: outlookItemId(user.id, seq),
          mailboxId: user.id,
          seq,
          isOrganizer: false,
          response: 'none',
          responseTime: neverResponded,
          // A meeting request lands as tentative until the invitee answers.
          showAs: 'tentative',
          transactionId: null,
        },
      },
    ];
  }

  private organizerEventOf(copy: StoredEvent): StoredEvent | undefined {
    return this.state.linked(copy.iCalUId).find((e) => e.isOrganizer);
  }

  /** PATCH: the organizer's changes reach every copy; a move resets the attendees' answers. */
  update(mailbox: SandboxUser, eventId: string, input: EventInput): CalendarResult<StoredEvent> {
    const event = this.state.event(mailbox.id, eventId);
    if (event === undefined) return itemNotFound();
    if (input.transactionId !== undefined && input.transactionId !== event.transactionId) {
      return fail(400, 'ErrorInvalidRequest', 'The transactionId property cannot be changed after the event is created.');
    }
    let start = event.start;
    let end = event.end;
    let startZone = event.startTimeZone;
    let endZone = event.endTimeZone;
    if (input.start !== undefined) {
      const parsed = readDateTime(input.start, 'Start');
      if ('code' in parsed) return { ok: false, status: 400, error: parsed };
      start = parsed.ms;
      startZone = parsed.zone;
    }
    if (input.end !== undefined) {
      const parsed = readDateTime(input.end, 'End');
      if ('code' in parsed) return { ok: false, status: 400, error: parsed };
      end = parsed.ms;
      endZone = parsed.zone;
    }
    if (end < start) return fail(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation: the End time is before the Start time.');
    const propertyError = validateExtendedProperties(input.singleValueExtendedProperties ?? []);
    if (propertyError !== null) return { ok: false, status: 400, error: propertyError };

    const now = new Date().toISOString();
    const moved = start !== event.start || end !== event.end;
    const shared = {
      subject: input.subject ?? event.subject,
      body:
        input.body === undefined
          ? event.body
          : { contentType: (input.body.contentType ?? event.body.contentType).toLowerCase() === 'text' ? ('text' as const) : ('html' as const), content: input.body.content ?? '' },
      start,
      end,
      startTimeZone: startZone,
      endTimeZone: endZone,
      location: input.location?.displayName ?? event.location,
      extendedProperties: mergeProperties(event.extendedProperties, input.singleValueExtendedProperties ?? []),
      modifiedAt: now,
    };
    if (!event.isOrganizer) {
      const updated: StoredEvent = { ...event, ...shared, showAs: input.showAs ?? event.showAs, changeKey: event.changeKey + 1 };
      this.state.commit([{ t: 'event.put', event: updated }]);
      return { ok: true, value: updated };
    }
    const organizer = mailbox;
    let attendees = event.attendees;
    if (input.attendees !== undefined) {
      const next = normalizeAttendees(input.attendees, organizer, this.state);
      attendees = next.map((a) => event.attendees.find((old) => old.email.toLowerCase() === a.email.toLowerCase()) ?? a);
    }
    if (moved) attendees = attendees.map((a) => ({ ...a, response: 'none' as const, responseTime: neverResponded }));
    // Only the organizer decides whether invitees may propose another time; every copy follows.
    const allowNewTimeProposals = input.allowNewTimeProposals ?? event.allowNewTimeProposals !== false;
    const updated: StoredEvent = { ...event, ...shared, allowNewTimeProposals, attendees, showAs: input.showAs ?? event.showAs, changeKey: event.changeKey + 1 };
    const ops: StateOp[] = [{ t: 'event.put', event: updated }];
    const copies = this.state.linked(event.iCalUId).filter((e) => !e.isOrganizer);
    const attendeeEmails = new Set(attendees.map((a) => a.email.toLowerCase()));
    for (const copy of copies) {
      const owner = this.state.users.get(copy.mailboxId);
      if (owner === undefined || !attendeeEmails.has(owner.email.toLowerCase())) {
        // A dropped attendee gets a cancellation, like everyone when the meeting is cancelled.
        if (copy.isCancelled !== true) ops.push(...cancelledCopies([copy], now));
        continue;
      }
      // Inviting a dropped attendee again revives their copy as a fresh request.
      const fresh = moved || copy.isCancelled === true;
      ops.push({
        t: 'event.put',
        event: {
          ...copy,
          ...shared,
          // The organizer's add-in properties stay theirs; the invitee's own add-in properties stay on their copy.
          extendedProperties: [...inviteeProperties(shared.extendedProperties), ...copy.extendedProperties.filter((p) => isAddinCustomProperties(p.id))],
          allowNewTimeProposals,
          attendees,
          isCancelled: false,
          response: fresh ? 'none' : copy.response,
          responseTime: fresh ? neverResponded : copy.responseTime,
          showAs: fresh ? 'tentative' : copy.showAs,
          changeKey: copy.changeKey + 1,
        },
      });
    }
    const withCopy = new Set(copies.map((c) => c.mailboxId));
    for (const attendee of attendees) {
      const user = this.state.findUser(attendee.email);
      if (user !== undefined && !withCopy.has(user.id)) {
        ops.push(...this.copyFor(attendee, { ...updated, createdAt: now }));
      }
    }
    this.state.commit(ops);
    return { ok: true, value: updated };
  }

  /**
   * POST …/cancel: organizer only. The organizer's event moves to Deleted Items (it
   * leaves the calendar); each attendee's copy stays, cancelled, until they remove it.
   */
  cancel(mailbox: SandboxUser, eventId: string): CalendarResult<null> {
    const event = this.state.event(mailbox.id, eventId);
    if (event === undefined) return itemNotFound();
    if (!event.isOrganizer) {
      return fail(400, 'ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
    }
    const copies = this.state.linked(event.iCalUId).filter((e) => !e.isOrganizer && e.isCancelled !== true);
    this.state.commit([{ t: 'event.delete', mailboxId: event.mailboxId, id: event.id }, ...cancelledCopies(copies, new Date().toISOString())]);
    return { ok: true, value: null };
  }

  /** DELETE: the organizer's deletion cancels the meeting; an attendee's removes only their copy. */
  delete(mailbox: SandboxUser, eventId: string): CalendarResult<null> {
    const event = this.state.event(mailbox.id, eventId);
    if (event === undefined) return itemNotFound();
    if (event.isOrganizer) return this.cancel(mailbox, eventId);
    this.state.commit([{ t: 'event.delete', mailboxId: mailbox.id, id: eventId }]);
    return { ok: true, value: null };
  }

  /** accept / tentativelyAccept / decline by an attendee, on their copy. */
  respond(mailbox: SandboxUser, eventId: string, answer: 'accepted' | 'tentativelyAccepted' | 'declined', sendResponse: boolean): CalendarResult<null> {
    const event = this.state.event(mailbox.id, eventId);
    if (event === undefined) return itemNotFound();
    if (event.isOrganizer) {
      return fail(400, 'ErrorInvalidRequest', "Your request can't be completed. You can't respond to a meeting you organized.");
    }
    const now = new Date().toISOString();
    const ops: StateOp[] = [];
    if (answer === 'declined') {
      // Outlook moves a declined meeting out of the calendar.
      ops.push({ t: 'event.delete', mailboxId: mailbox.id, id: eventId });
    } else {
      // A cancelled meeting takes no time, whatever the answer.
      const showAs = event.isCancelled === true ? 'free' : answer === 'accepted' ? 'busy' : 'tentative';
      ops.push({ t: 'event.put', event: { ...event, response: answer, responseTime: now, showAs, changeKey: event.changeKey + 1, modifiedAt: now } });
    }
    const organizerEvent = this.organizerEventOf(event);
    if (sendResponse && organizerEvent !== undefined) {
      const attendees = organizerEvent.attendees.map((a) =>
        a.email.toLowerCase() === mailbox.email.toLowerCase() ? { ...a, response: answer, responseTime: now } : a,
      );
      ops.push({ t: 'event.put', event: { ...organizerEvent, attendees, changeKey: organizerEvent.changeKey + 1 } });
    }
    this.state.commit(ops);
    return { ok: true, value: null };
  }
}

const cancelledPrefix = 'Canceled: ';

/** Attendees' copies as Outlook leaves them after a cancellation: marked, renamed, free. */
function cancelledCopies(copies: StoredEvent[], now: string): StateOp[] {
  return copies.map((copy) => ({
    t: 'event.put' as const,
    event: {
      ...copy,
      isCancelled: true,
      subject: copy.subject.startsWith(cancelledPrefix) ? copy.subject : `${cancelledPrefix}${copy.subject}`,
      showAs: 'free' as const,
      changeKey: copy.changeKey + 1,
      modifiedAt: now,
    },
  }));
}

function itemNotFound<T>(): CalendarResult<T> {
  return fail(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}
