import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { GoogleKnobs } from '../options.ts';
import { googleEventId } from '../ids.ts';
import type { SandboxUser, StateOp, StoredEvent } from '../state.ts';
import { calendarNotFound, ownCalendar } from './calendars.ts';
import { etagOf } from './directory-user.ts';
import { googleErrors, invalid, outOfRange, sendGoogleError } from './errors.ts';
import { EventBody, eventIdPattern } from './event-body.ts';
import { cancelled, copiesOps, draftOf, meetingCode, mergeProperties, pendingOnInsert, readAttendees, readTime, type Draft, type Refusal } from './event-changes.ts';
import { eventResource, googlePart, toResponseKind } from './event-shape.ts';
import { boundedInteger, pageOffset, pageToken } from './paging.ts';
import { routeScopes } from './scopes.ts';
import { parseInstant, utcStamp } from './time.ts';

type Query = Record<string, string | string[] | undefined>;
type Params = { calendarId: string; eventId: string };

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function all(query: Query, name: string): string[] {
  const value = query[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function refuse(reply: FastifyReply, refusal: Refusal) {
  return sendGoogleError(reply, refusal.status, refusal.item);
}

function isRefusal<T>(value: T | Refusal): value is Refusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'item' in value;
}

const sendUpdatesValues = ['all', 'externalOnly', 'none'];

/** The `sendUpdates` and `conferenceDataVersion` parameters, checked as Google checks them. */
function writeParameters(query: Query): { conferenceDataVersion: number } | Refusal {
  const sendUpdates = single(query, 'sendUpdates');
  if (sendUpdates !== undefined && !sendUpdatesValues.includes(sendUpdates)) {
    return { status: 400, item: invalid(`Invalid value '${sendUpdates}'. Values must be one of: all, externalOnly, none`, 'sendUpdates') };
  }
  const version = boundedInteger(single(query, 'conferenceDataVersion'), 0, 1, 0);
  if (typeof version !== 'number') return { status: 400, item: outOfRange(version.bad, 0, 1, 'conferenceDataVersion') };
  return { conferenceDataVersion: version };
}

/**
 * Calendar v3 events: insert (client-chosen ids, Meet conferences, attendee copies),
 * list (extended-property filters, time window, pages), get, patch and delete.
 * Every change is journaled before the answer leaves.
 */
export function registerEventRoutes(app: FastifyInstance, context: SandboxContext): void {
  const { state } = context;
  const read = { googleRoute: 'api' as const, googleScopes: routeScopes.eventsRead };
  const write = { googleRoute: 'api' as const, googleScopes: routeScopes.eventsWrite };
  const lateDuplicatesUsed = new WeakMap<GoogleKnobs, number>();

  /** Whether the `google.lateDuplicateIds` knob lets this repeated id through (and uses one up). */
  const letDuplicateThrough = (): boolean => {
    const knobs = context.knobs().google;
    if (knobs === undefined) return false;
    const used = lateDuplicatesUsed.get(knobs) ?? 0;
    if (used >= (knobs.lateDuplicateIds ?? 0)) return false;
    lateDuplicatesUsed.set(knobs, used + 1);
    context.counters.add('fault: duplicate event id let through');
    return true;
  };

  const conferenceFor = (organizer: SandboxUser, body: EventBody, version: number): Draft['conference'] | Refusal | 'none' => {
    const createRequest = body.conferenceData?.createRequest;
    if (version !== 1 || createRequest === undefined) return 'none';
    const type = createRequest.conferenceSolutionKey?.type;
    if (type !== 'hangoutsMeet') return { status: 400, item: invalid('Invalid conference type value.') };
    // "If an ID provided is the same as for the previous request, the request is ignored."
    const reused = state.events(organizer.id).some((e) => e.isOrganizer && googlePart(e).conference?.requestId === createRequest.requestId);
    if (reused) return 'none';
    return { requestId: createRequest.requestId, meetingCode: meetingCode(organizer.id, createRequest.requestId), pendingOnInsert: pendingOnInsert(createRequest.requestId) };
  };

  app.post<{ Params: { calendarId: string }; Querystring: Query }>('/calendar/v3/calendars/:calendarId/events', { config: write }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    const parameters = writeParameters(request.query);
    if (isRefusal(parameters)) return refuse(reply, parameters);
    const parsed = EventBody.safeParse(request.body ?? {});
    if (!parsed.success) return sendGoogleError(reply, 400, googleErrors.badRequest);
    const body = parsed.data;
    if (body.id !== undefined && !eventIdPattern.test(body.id)) return sendGoogleError(reply, 400, invalid('Invalid resource id value.'));
    const start = readTime(body.start, 'start', owner.timeZone);
    if (isRefusal(start)) return refuse(reply, start);
    const end = readTime(body.end, 'end', start.zone);
    if (isRefusal(end)) return refuse(reply, end);
    if (end.ms <= start.ms) return sendGoogleError(reply, 400, { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.' });
    const organizerPrivate = mergeProperties({}, body.extendedProperties?.private);
    if (isRefusal(organizerPrivate)) return refuse(reply, organizerPrivate);
    const shared = mergeProperties({}, body.extendedProperties?.shared);
    if (isRefusal(shared)) return refuse(reply, shared);
    const now = new Date().toISOString();
    const attendees = readAttendees(state, owner, body.attendees ?? [], [], now);
    if (isRefusal(attendees)) return refuse(reply, attendees);
    const conference = conferenceFor(owner, body, parameters.conferenceDataVersion);
    if (isRefusal(conference)) return refuse(reply, conference);

    const id = body.id ?? googleEventId(owner.id, state.nextSeq());
    const existing = state.event(owner.id, id);
    if (existing !== undefined && !letDuplicateThrough()) return sendGoogleError(reply, 409, googleErrors.duplicate);

    const draft: Draft = {
      id,
      subject: body.summary ?? '',
      description: body.description ?? '',
      location: body.location ?? '',
      start: start.ms,
      end: end.ms,
      startZone: start.zone,
      endZone: end.zone,
      attendees,
      organizerPrivate,
      shared,
      transparency: body.transparency ?? 'opaque',
      status: body.status === 'tentative' ? 'tentative' : 'confirmed',
      sequence: 0,
      conference: conference === 'none' ? null : conference,
      createdAt: now,
    };
    state.commit(copiesOps(state, owner, draft, now));
    const stored = state.event(owner.id, id);
    if (stored === undefined) throw new Error(`event ${id} vanished after insert`);
    return eventResource(stored, owner, { conferencePending: draft.conference?.pendingOnInsert === true });
  });

  app.get<{ Params: { calendarId: string }; Querystring: Query }>('/calendar/v3/calendars/:calendarId/events', { config: read }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    const query = request.query;
    const maxResults = boundedInteger(single(query, 'maxResults'), 1, Number.MAX_SAFE_INTEGER, 250);
    if (typeof maxResults !== 'number') return sendGoogleError(reply, 400, invalid(`Invalid value '${maxResults.bad}'. Values must be within the range: [1, 2500]`, 'maxResults'));
    const pageSize = Math.min(maxResults, 2500);
    const timeMinText = single(query, 'timeMin');
    const timeMaxText = single(query, 'timeMax');
    const timeMin = timeMinText === undefined ? null : parseInstant(timeMinText);
    const timeMax = timeMaxText === undefined ? null : parseInstant(timeMaxText);
    if (timeMinText !== undefined && timeMin === null) return sendGoogleError(reply, 400, googleErrors.badRequest);
    if (timeMaxText !== undefined && timeMax === null) return sendGoogleError(reply, 400, googleErrors.badRequest);
    if (timeMin !== null && timeMax !== null && timeMax <= timeMin) return sendGoogleError(reply, 400, googleErrors.timeRangeEmpty);
    const orderBy = single(query, 'orderBy');
    const singleEvents = single(query, 'singleEvents') === 'true';
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') {
      return sendGoogleError(reply, 400, invalid(`Invalid value '${orderBy}'. Values must be one of: startTime, updated`, 'orderBy'));
    }
    if (orderBy === 'startTime' && !singleEvents) {
      return sendGoogleError(reply, 400, { domain: 'global', reason: 'badRequest', message: 'The requested ordering is not available for the particular query.' });
    }
    const filters: { scope: 'private' | 'shared'; key: string; value: string }[] = [];
    for (const [parameter, scope] of [['privateExtendedProperty', 'private'], ['sharedExtendedProperty', 'shared']] as const) {
      for (const constraint of all(query, parameter)) {
        const split = constraint.indexOf('=');
        if (split <= 0) return sendGoogleError(reply, 400, invalid(`Invalid ${parameter} constraint: '${constraint}' is not name=value.`, parameter));
        filters.push({ scope, key: constraint.slice(0, split), value: constraint.slice(split + 1) });
      }
    }
    const iCalUID = single(query, 'iCalUID');
    const showDeleted = single(query, 'showDeleted') === 'true';
    const offset = pageOffset(single(query, 'pageToken'), { ...query, calendar: owner.id });
    if (offset === null) return sendGoogleError(reply, 400, invalid('Invalid page token value.', 'pageToken'));

    const matching = state
      .events(owner.id)
      .filter((e) => {
        const google = googlePart(e);
        if (!showDeleted && google.status === 'cancelled') return false;
        if (timeMin !== null && e.end <= timeMin) return false;
        if (timeMax !== null && e.start >= timeMax) return false;
        if (iCalUID !== undefined && e.iCalUId !== iCalUID) return false;
        return filters.every((f) => google[f.scope][f.key] === f.value);
      })
      .sort((a, b) => {
        if (orderBy === 'startTime') return a.start - b.start || (a.id < b.id ? -1 : 1);
        if (orderBy === 'updated') return Date.parse(a.modifiedAt) - Date.parse(b.modifiedAt) || (a.id < b.id ? -1 : 1);
        // No order was asked for: Google promises none, so do not hand one out by accident.
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + pageSize < matching.length ? pageToken(offset + pageSize, { ...query, calendar: owner.id }) : undefined;
    const updated = matching.reduce((latest, e) => Math.max(latest, Date.parse(e.modifiedAt)), 0);
    return {
      kind: 'calendar#events',
      etag: etagOf('events', owner.id, String(updated), String(offset)),
      summary: owner.email,
      description: '',
      updated: utcStamp(updated === 0 ? Date.parse('2026-01-01T00:00:00Z') : updated),
      timeZone: owner.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      ...(next === undefined ? {} : { nextPageToken: next }),
      items: page.map((e) => eventResource(e, owner)),
    };
  });

  const found = (reply: FastifyReply, owner: SandboxUser, eventId: string): StoredEvent | null => {
    const event = state.event(owner.id, eventId);
    if (event === undefined) {
      void sendGoogleError(reply, 404, googleErrors.notFound);
      return null;
    }
    return event;
  };

  app.get<{ Params: Params }>('/calendar/v3/calendars/:calendarId/events/:eventId', { config: read }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    const event = found(reply, owner, request.params.eventId);
    if (event === null) return reply;
    return eventResource(event, owner);
  });

  app.patch<{ Params: Params; Querystring: Query }>('/calendar/v3/calendars/:calendarId/events/:eventId', { config: write }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    const parameters = writeParameters(request.query);
    if (isRefusal(parameters)) return refuse(reply, parameters);
    const event = found(reply, owner, request.params.eventId);
    if (event === null) return reply;
    if (googlePart(event).status === 'cancelled') return sendGoogleError(reply, 410, googleErrors.deleted);
    const parsed = EventBody.safeParse(request.body ?? {});
    if (!parsed.success) return sendGoogleError(reply, 400, googleErrors.badRequest);
    const body = parsed.data;
    if (body.id !== undefined && body.id !== event.id) return sendGoogleError(reply, 400, invalid('Invalid resource id value.'));
    const now = new Date().toISOString();

    if (!event.isOrganizer) {
      const organizerOnly = ['summary', 'description', 'location', 'start', 'end', 'conferenceData', 'status'] as const;
      if (organizerOnly.some((field) => body[field] !== undefined) || body.extendedProperties?.shared !== undefined) {
        return sendGoogleError(reply, 403, googleErrors.forbiddenForNonOrganizer);
      }
      const ownPrivate = mergeProperties(googlePart(event).private, body.extendedProperties?.private);
      if (isRefusal(ownPrivate)) return refuse(reply, ownPrivate);
      const answer = body.attendees?.find((a) => a.email.toLowerCase() === owner.email.toLowerCase())?.responseStatus;
      const response = answer === undefined ? undefined : toResponseKind(answer);
      const withAnswer = (copy: StoredEvent): StoredEvent => ({
        ...copy,
        attendees: copy.attendees.map((a) => (a.email.toLowerCase() === owner.email.toLowerCase() && response !== undefined ? { ...a, response, responseTime: now } : a)),
        modifiedAt: now,
        changeKey: copy.changeKey + 1,
      });
      const mine = withAnswer(event);
      const google = { ...googlePart(event), private: ownPrivate, ...(body.transparency === undefined ? {} : { transparency: body.transparency }) };
      const ops: StateOp[] = [
        { t: 'event.put', event: { ...mine, response: response ?? mine.response, showAs: google.transparency === 'transparent' ? 'free' : 'busy', google } },
      ];
      if (response !== undefined) {
        for (const copy of state.linked(event.iCalUId)) if (copy.mailboxId !== owner.id) ops.push({ t: 'event.put', event: withAnswer(copy) });
      }
      state.commit(ops);
      const stored = state.event(owner.id, event.id);
      return stored === undefined ? calendarNotFound(reply) : eventResource(stored, owner);
    }

    const before = draftOf(event);
    const start = body.start === undefined ? { ms: before.start, zone: before.startZone } : readTime(body.start, 'start', owner.timeZone);
    if (isRefusal(start)) return refuse(reply, start);
    const end = body.end === undefined ? { ms: before.end, zone: before.endZone } : readTime(body.end, 'end', start.zone);
    if (isRefusal(end)) return refuse(reply, end);
    if (end.ms <= start.ms) return sendGoogleError(reply, 400, { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.' });
    const organizerPrivate = mergeProperties(before.organizerPrivate, body.extendedProperties === null ? null : body.extendedProperties?.private);
    if (isRefusal(organizerPrivate)) return refuse(reply, organizerPrivate);
    const shared = mergeProperties(before.shared, body.extendedProperties === null ? null : body.extendedProperties?.shared);
    if (isRefusal(shared)) return refuse(reply, shared);
    const moved = start.ms !== before.start || end.ms !== before.end;
    let attendees = body.attendees === undefined ? before.attendees : readAttendees(state, owner, body.attendees ?? [], before.attendees, now);
    if (isRefusal(attendees)) return refuse(reply, attendees);
    // A moved meeting asks every guest again (the least forgiving reading).
    if (moved) attendees = attendees.map((a) => (a.response === 'organizer' ? a : { ...a, response: 'none', responseTime: now }));
    let conference = before.conference;
    if (body.conferenceData === null && parameters.conferenceDataVersion === 1) conference = null;
    else if (conference === null) {
      const asked = conferenceFor(owner, body, parameters.conferenceDataVersion);
      if (isRefusal(asked)) return refuse(reply, asked);
      if (asked !== 'none') conference = asked;
    }
    const draft: Draft = {
      ...before,
      subject: body.summary === undefined ? before.subject : (body.summary ?? ''),
      description: body.description === undefined ? before.description : (body.description ?? ''),
      location: body.location === undefined ? before.location : (body.location ?? ''),
      start: start.ms,
      end: end.ms,
      startZone: start.zone,
      endZone: end.zone,
      attendees,
      organizerPrivate,
      shared,
      transparency: body.transparency ?? before.transparency,
      status: body.status ?? before.status,
      sequence: before.sequence + (moved ? 1 : 0),
      conference,
    };
    state.commit(copiesOps(state, owner, draft, now));
    const stored = state.event(owner.id, event.id);
    return stored === undefined ? calendarNotFound(reply) : eventResource(stored, owner);
  });

  app.delete<{ Params: Params; Querystring: Query }>('/calendar/v3/calendars/:calendarId/events/:eventId', { config: write }, async (request, reply) => {
    const owner = ownCalendar(reply, request.params.calendarId);
    if (owner === null) return calendarNotFound(reply);
    const parameters = writeParameters(request.query);
    if (isRefusal(parameters)) return refuse(reply, parameters);
    const event = found(reply, owner, request.params.eventId);
    if (event === null) return reply;
    if (googlePart(event).status === 'cancelled') return sendGoogleError(reply, 410, googleErrors.deleted);
    const now = new Date().toISOString();
    if (event.isOrganizer) {
      state.commit(state.linked(event.iCalUId).filter((copy) => googlePart(copy).status !== 'cancelled').map((copy) => ({ t: 'event.put' as const, event: cancelled(copy, now) })));
    } else {
      // A guest removing the meeting from their calendar declines it.
      const email = owner.email.toLowerCase();
      const declined = (copy: StoredEvent): StoredEvent => ({
        ...copy,
        attendees: copy.attendees.map((a) => (a.email.toLowerCase() === email ? { ...a, response: 'declined', responseTime: now } : a)),
        modifiedAt: now,
        changeKey: copy.changeKey + 1,
      });
      state.commit(
        state.linked(event.iCalUId).map((copy) => ({ t: 'event.put' as const, event: copy.mailboxId === owner.id ? cancelled(declined(copy), now) : declined(copy) })),
      );
    }
    return reply.code(204).send();
  });
}
