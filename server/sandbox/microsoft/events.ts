import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser, StoredEvent } from '../state.ts';
import { parseQueryInstant, preferredZone } from '../zones.ts';
import { CalendarService, type CalendarResult } from './calendar.ts';
import { parseEventFilter, type EventPredicate } from './event-filter.ts';
import { invalidUser, sendGraphError } from './errors.ts';
import { EventInput, eventProperties, eventRecord, unknownEventProperty, type InputError, type RenderOptions } from './event-shape.ts';
import { canonicalPropertyId } from './extended-property.ts';
import { linkTo, parseSelect, parseTop, queryString, readActionParameters, refuseUnsupported, type ODataQuery, type QueryError } from './odata.ts';

const outlookCode = 'ErrorInvalidUrlQuery';

function unquote(value: string): string {
  return value.replace(/''/g, "'");
}

/** `singleValueExtendedProperties($filter=id eq '…' [or id eq '…'])`. */
function parseEventExpand(value: string | undefined): string[] | null | QueryError {
  if (value === undefined) return null;
  const match = /^singleValueExtendedProperties\(\$filter=(.*)\)$/is.exec(value.trim());
  const bad: QueryError = { status: 400, code: outlookCode, message: `The sandbox supports only $expand=singleValueExtendedProperties($filter=id eq '{id}').` };
  if (match === null || match[1] === undefined) return bad;
  const ids: string[] = [];
  for (const clause of match[1].split(/\s+or\s+/i)) {
    const id = /^id\s+eq\s+'((?:[^']|'')*)'$/i.exec(clause.trim());
    const canonical = id?.[1] === undefined ? null : canonicalPropertyId(unquote(id[1]));
    if (canonical === null) return bad;
    ids.push(canonical);
  }
  return ids;
}

function parseEventSelect(value: string | undefined): string[] | null | QueryError {
  const select = parseSelect(value);
  if (select === null) return null;
  for (const name of select) {
    if (!(eventProperties as readonly string[]).includes(name)) {
      return { status: 400, code: 'RequestBroker--ParseUri', message: `Could not find a property named '${name}' on type 'microsoft.graph.event'.` };
    }
  }
  return select;
}

function isQueryError(value: unknown): value is QueryError {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value;
}

function parseOrderBy(value: string | undefined): ((a: StoredEvent, b: StoredEvent) => number) | QueryError {
  if (value === undefined) return (a, b) => a.start - b.start || a.seq - b.seq;
  const match = /^(start\/dateTime|end\/dateTime|createdDateTime|lastModifiedDateTime|subject)(?:\s+(asc|desc))?$/i.exec(value.trim());
  if (match === null || match[1] === undefined) return { status: 400, code: outlookCode, message: `The sandbox cannot order events by '${value}'.` };
  const key = match[1];
  const sign = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const of = (e: StoredEvent): number | string =>
    key === 'start/dateTime' ? e.start : key === 'end/dateTime' ? e.end : key === 'createdDateTime' ? e.createdAt : key === 'lastModifiedDateTime' ? e.modifiedAt : e.subject;
  return (a, b) => {
    const x = of(a);
    const y = of(b);
    return (x < y ? -1 : x > y ? 1 : a.seq - b.seq) * sign;
  };
}

interface ListOptions {
  filter: EventPredicate | null;
  render: RenderOptions;
  top: number;
  skip: number;
  order: (a: StoredEvent, b: StoredEvent) => number;
}

function readListOptions(request: FastifyRequest, query: ODataQuery): ListOptions | QueryError {
  const refused = refuseUnsupported(query, ['$select', '$top', '$skip', '$filter', '$expand', '$orderby', '$count'], outlookCode);
  if (refused !== null) return refused;
  const top = parseTop(query['$top'], { default: 10, max: 1000 }, outlookCode);
  if (isQueryError(top)) return top;
  const skipText = query['$skip'] ?? '0';
  if (!/^\d+$/.test(skipText)) return { status: 400, code: outlookCode, message: `Invalid value '${skipText}' for query option '$skip'.` };
  const filter = parseEventFilter(query['$filter']);
  if (isQueryError(filter)) return filter;
  const expand = parseEventExpand(query['$expand']);
  if (isQueryError(expand)) return expand;
  const select = parseEventSelect(query['$select']);
  if (isQueryError(select)) return select;
  const order = parseOrderBy(query['$orderby']);
  if (isQueryError(order)) return order;
  return { filter, top, skip: Number(skipText), order, render: { zone: preferredZone(request.headers.prefer), expandProperties: expand, select } };
}

function sendResult<T>(reply: FastifyReply, result: CalendarResult<T> & { ok: false }) {
  return sendGraphError(reply, result.status, result.error.code, result.error.message);
}

/** Outlook calendar routes: events, calendarView, create / update / cancel / respond. */
export function registerEventRoutes(app: FastifyInstance, context: SandboxContext): void {
  const calendar = new CalendarService(context.state, context.state.tenantGuid);
  const mailboxConfig = { config: { access: 'mailbox' as const } };
  const graphBase = () => context.urls.graph;

  const mailboxOf = (request: FastifyRequest<{ Params: { id: string } }>): SandboxUser | undefined => context.state.findUser(request.params.id);

  const list = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, path: string, window: { start: number; end: number } | null) => {
    const user = mailboxOf(request);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const query = queryString(request.query);
    const options = readListOptions(request, query);
    if (isQueryError(options)) return sendGraphError(reply, options.status, options.code, options.message);
    const all = context.state
      .events(user.id)
      .filter((e) => window === null || (e.start < window.end && e.end > window.start))
      .filter((e) => options.filter === null || options.filter(e))
      .sort(options.order);
    const page = all.slice(options.skip, options.skip + options.top);
    const body: Record<string, unknown> = { '@odata.context': `${graphBase()}/$metadata#users('${user.id}')/events` };
    if (query['$count'] === 'true') body['@odata.count'] = all.length;
    body['value'] = page.map((e) => eventRecord(e, options.render));
    if (options.skip + options.top < all.length) {
      body['@odata.nextLink'] = linkTo(graphBase(), `/users/${encodeURIComponent(request.params.id)}${path}`, {
        ...query,
        $top: String(options.top),
        $skip: String(options.skip + options.top),
      });
    }
    return body;
  };

  for (const path of ['/events', '/calendar/events']) {
    app.get<{ Params: { id: string } }>(`/v1.0/users/:id${path}`, mailboxConfig, (request, reply) => list(request, reply, path, null));
  }

  for (const path of ['/calendarView', '/calendar/calendarView']) {
    app.get<{ Params: { id: string } }>(`/v1.0/users/:id${path}`, mailboxConfig, async (request, reply) => {
      const query = queryString(request.query);
      const startText = query['startDateTime'] ?? query['startdatetime'];
      const endText = query['endDateTime'] ?? query['enddatetime'];
      if (startText === undefined || endText === undefined) {
        return sendGraphError(reply, 400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
      }
      const start = parseQueryInstant(startText);
      const end = parseQueryInstant(endText);
      if (start === null || end === null) {
        return sendGraphError(reply, 400, 'ErrorInvalidParameter', `The value '${start === null ? startText : endText}' of parameter '${start === null ? 'StartDateTime' : 'EndDateTime'}' is invalid.`);
      }
      return list(request, reply, path, { start, end });
    });
  }

  const create = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const user = mailboxOf(request);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const input = readEventBody(request.body);
    if ('code' in input) return sendGraphError(reply, 400, input.code, input.message);
    const result = calendar.create(user, input.value);
    if (!result.ok) return sendResult(reply, result);
    // The created event comes back in the zone it was written in, unless Prefer says otherwise.
    const renderZone = preferredZone(request.headers.prefer) ?? preferredZoneOf(result.value.startTimeZone);
    reply.code(201).header('location', `${graphBase()}/users/${user.id}/events/${result.value.id}`);
    return { '@odata.context': `${graphBase()}/$metadata#users('${user.id}')/events/$entity`, ...eventRecord(result.value, { zone: renderZone, expandProperties: null, select: null }) };
  };
  app.post<{ Params: { id: string } }>('/v1.0/users/:id/events', mailboxConfig, create);
  app.post<{ Params: { id: string } }>('/v1.0/users/:id/calendar/events', mailboxConfig, create);

  for (const prefix of ['/v1.0/users/:id/events/:eventId', '/v1.0/users/:id/calendar/events/:eventId']) {
    app.get<{ Params: { id: string; eventId: string } }>(prefix, mailboxConfig, async (request, reply) => {
      const user = mailboxOf(request);
      if (user === undefined) return invalidUser(reply, request.params.id);
      const query = queryString(request.query);
      const refused = refuseUnsupported(query, ['$select', '$expand'], outlookCode);
      if (refused !== null) return sendGraphError(reply, refused.status, refused.code, refused.message);
      const expand = parseEventExpand(query['$expand']);
      if (isQueryError(expand)) return sendGraphError(reply, expand.status, expand.code, expand.message);
      const select = parseEventSelect(query['$select']);
      if (isQueryError(select)) return sendGraphError(reply, select.status, select.code, select.message);
      const event = context.state.event(user.id, request.params.eventId);
      if (event === undefined) return sendGraphError(reply, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return {
        '@odata.context': `${graphBase()}/$metadata#users('${user.id}')/events/$entity`,
        ...eventRecord(event, { zone: preferredZone(request.headers.prefer), expandProperties: expand, select }),
      };
    });

    app.patch<{ Params: { id: string; eventId: string } }>(prefix, mailboxConfig, async (request, reply) => {
      const user = mailboxOf(request);
      if (user === undefined) return invalidUser(reply, request.params.id);
      const input = readEventBody(request.body);
      if ('code' in input) return sendGraphError(reply, 400, input.code, input.message);
      const result = calendar.update(user, request.params.eventId, input.value);
      if (!result.ok) return sendResult(reply, result);
      return {
        '@odata.context': `${graphBase()}/$metadata#users('${user.id}')/events/$entity`,
        ...eventRecord(result.value, { zone: preferredZone(request.headers.prefer), expandProperties: null, select: null }),
      };
    });

    app.delete<{ Params: { id: string; eventId: string } }>(prefix, mailboxConfig, async (request, reply) => {
      const user = mailboxOf(request);
      if (user === undefined) return invalidUser(reply, request.params.id);
      const result = calendar.delete(user, request.params.eventId);
      if (!result.ok) return sendResult(reply, result);
      return reply.code(204).send();
    });

    app.post<{ Params: { id: string; eventId: string } }>(`${prefix}/cancel`, mailboxConfig, async (request, reply) => {
      const user = mailboxOf(request);
      if (user === undefined) return invalidUser(reply, request.params.id);
      const parameters = readActionParameters(request.body, 'cancel', ['comment']);
      if ('code' in parameters) return sendGraphError(reply, 400, parameters.code, parameters.message);
      const result = calendar.cancel(user, request.params.eventId);
      if (!result.ok) return sendResult(reply, result);
      return reply.code(202).send();
    });

    const answers = { accept: 'accepted', tentativelyAccept: 'tentativelyAccepted', decline: 'declined' } as const;
    for (const [action, answer] of Object.entries(answers)) {
      app.post<{ Params: { id: string; eventId: string } }>(`${prefix}/${action}`, mailboxConfig, async (request, reply) => {
        const user = mailboxOf(request);
        if (user === undefined) return invalidUser(reply, request.params.id);
        const parameters = readActionParameters(request.body, action, action === 'accept' ? ['comment', 'sendResponse'] : ['comment', 'sendResponse', 'proposedNewTime']);
        if ('code' in parameters) return sendGraphError(reply, 400, parameters.code, parameters.message);
        const result = calendar.respond(user, request.params.eventId, answer, parameters.value['sendResponse'] !== false);
        if (!result.ok) return sendResult(reply, result);
        return reply.code(202).send();
      });
    }
  }
}

function preferredZoneOf(name: string): RenderOptions['zone'] {
  return preferredZone(`outlook.timezone="${name}"`);
}

/** An event body as Graph reads it on create and update: unknown properties and bad values are 400s. */
function readEventBody(body: unknown): { value: EventInput } | InputError {
  const unknown = unknownEventProperty(body);
  if (unknown !== null) return unknown;
  const parsed = EventInput.safeParse(body);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  return { code: 'ErrorInvalidRequest', message: `Invalid value for '${issue?.path.join('.') ?? 'body'}': ${issue?.message ?? 'invalid'}.` };
}
