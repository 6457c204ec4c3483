import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { localeOf, mailboxSettingsRecord } from './mailbox-settings.ts';
import { parseUserFilter, parseUserOrderBy, parseUserSearch } from './directory-query.ts';
import { sendGraphError } from './errors.ts';
import {
  decodeToken,
  encodeToken,
  linkTo,
  parseSelect,
  parseTop,
  pick,
  queryString,
  refuseUnsupported,
  type QueryError,
} from './odata.ts';

/**
 * Where the sandbox puts a person's languages: a multi-valued directory extension
 * of the app (`extension_<client id without dashes>_languages`, ISO 639 codes),
 * returned only when `$select`ed, as Graph does for extension attributes. The first
 * language also sets `preferredLanguage` (as a locale, e.g. "fr-FR") and the
 * mailbox's `language.locale`.
 */
export function languagesExtensionProperty(clientId: string): string {
  return `extension_${clientId.replace(/-/g, '')}_languages`;
}

/** Graph's v1.0 default property set for users when no `$select` is given. */
const defaultUserProperties = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

export function userRecord(user: SandboxUser, clientId: string): Record<string, unknown> {
  const [givenName, ...rest] = user.displayName.split(' ');
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: givenName ?? null,
    surname: rest.length > 0 ? rest.join(' ') : null,
    jobTitle: user.jobTitle,
    mail: user.email,
    mobilePhone: null,
    officeLocation: user.officeLocation,
    preferredLanguage: localeOf(user.languages[0]),
    userPrincipalName: user.email,
    department: user.department,
    employeeHireDate: user.hireDate === null ? null : `${user.hireDate}T00:00:00Z`,
    accountEnabled: true,
    usageLocation: null,
    companyName: null,
    [languagesExtensionProperty(clientId)]: user.languages,
  };
}

const directoryCode = 'Request_BadRequest';

/** `relations`: properties this endpoint also lets `$select` name (`manager` on delta, `mailboxSettings` on one user). */
function selectedProperties(select: string[] | null, clientId: string, relations: string[] = []): string[] | QueryError {
  if (select === null) return defaultUserProperties;
  const known = new Set(Object.keys(userRecord(placeholderUser, clientId)));
  for (const name of select) {
    if (!known.has(name) && !relations.includes(name)) {
      return { status: 400, code: directoryCode, message: `Could not find a property named '${name}' on type 'Microsoft.DirectoryServices.User'.` };
    }
  }
  return select;
}

const placeholderUser: SandboxUser = {
  id: '', fixtureId: '', email: '', displayName: '', jobTitle: null, department: null, officeLocation: null, hireDate: null,
  managerId: null, timeZone: 'UTC', languages: [], workingHours: null, version: 0,
};

/** `manager` or `manager($select=id,displayName)`; null when absent, an error when not understood. */
function parseExpand(value: string | undefined, clientId: string): { select: string[] } | null | QueryError {
  if (value === undefined) return null;
  const match = /^manager(?:\(\$select=([^)]*)\))?$/.exec(value.trim());
  if (match === null) return { status: 400, code: directoryCode, message: `Invalid $expand value '${value}': the sandbox expands only manager.` };
  const select = selectedProperties(parseSelect(match[1]), clientId);
  return 'status' in select ? select : { select };
}

/** Graph's advanced queries need `ConsistencyLevel: eventual` (the value is case-insensitive). */
function consistencyEventual(headers: Record<string, string | string[] | undefined>): boolean {
  const value = headers['consistencylevel'];
  return typeof value === 'string' && value.trim().toLowerCase() === 'eventual';
}

function sendQueryError(reply: FastifyReply, error: QueryError) {
  return sendGraphError(reply, error.status, error.code, error.message);
}

function isQueryError(value: unknown): value is QueryError {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value;
}

function notFound(reply: FastifyReply, what: string) {
  return sendGraphError(reply, 404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);
}

interface DeltaToken {
  /** Directory version the round started from (null: the initial full round). */
  since: number | null;
  /** Version the next round starts from. */
  upTo: number;
  offset: number;
  select: string[] | null;
  /** `$filter=id eq '…' or …` of the first call: the users tracked (absent: all). */
  ids?: string[];
}

const maxDeltaFilterIds = 50;

/** Delta's only filter: `id eq '…'` clauses joined by `or`, at most 50. */
function parseDeltaFilter(value: string | undefined): string[] | undefined | QueryError {
  if (value === undefined) return undefined;
  const ids: string[] = [];
  for (const clause of value.trim().split(/\s+or\s+/i)) {
    const match = /^id\s+eq\s+'([^']*)'$/i.exec(clause.trim());
    if (match?.[1] === undefined) {
      return { status: 400, code: 'Request_UnsupportedQuery', message: `Unsupported or invalid query filter clause specified for property '${clause.trim()}' of resource 'User': delta filters only by id eq '{id}'.` };
    }
    ids.push(match[1].toLowerCase());
  }
  if (ids.length > maxDeltaFilterIds) {
    return { status: 400, code: 'Request_UnsupportedQuery', message: `Too many ids in $filter: ${ids.length}; delta tracks at most ${maxDeltaFilterIds} objects by id.` };
  }
  return ids;
}

const deltaPageSize = 100;

/** The directory part of Graph: users, manager, delta, mailbox settings. */
export function registerUserRoutes(app: FastifyInstance, context: SandboxContext): void {
  const clientId = context.app.clientId;
  const graphBase = () => context.urls.graph;

  const render = (user: SandboxUser, properties: string[], expand: { select: string[] } | null): Record<string, unknown> => {
    const result = pick(userRecord(user, clientId), properties);
    if (properties.includes('mailboxSettings')) result['mailboxSettings'] = mailboxSettingsRecord(user);
    if (expand !== null && user.managerId !== null) {
      const manager = context.state.users.get(user.managerId);
      if (manager !== undefined) {
        result['manager'] = { '@odata.type': '#microsoft.graph.user', ...pick(userRecord(manager, clientId), expand.select) };
      }
    }
    return result;
  };

  app.get('/v1.0/users', { config: { access: 'directory' } }, async (request, reply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$top', '$filter', '$expand', '$skiptoken', '$count', '$orderby', '$search'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const top = parseTop(query['$top'], { default: 100, max: 999 }, directoryCode);
    if (isQueryError(top)) return sendQueryError(reply, top);
    // mailboxSettings is selectable on one user only; a list answers with Exchange's error
    // (learn.microsoft.com/answers/questions/1134291).
    if (parseSelect(query['$select'])?.includes('mailboxSettings') === true) {
      return sendGraphError(reply, 400, 'ExplicitTargetMailboxIdShouldNotBeNullOrWhiteSpace', 'The Id is invalid.');
    }
    const properties = selectedProperties(parseSelect(query['$select']), clientId);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    const expand = parseExpand(query['$expand'], clientId);
    if (isQueryError(expand)) return sendQueryError(reply, expand);
    const eventual = consistencyEventual(request.headers);
    const advanced = eventual && query['$count'] === 'true';
    const search = parseUserSearch(query['$search'], eventual);
    if (isQueryError(search)) return sendQueryError(reply, search);
    const filter = parseUserFilter(query['$filter'], advanced);
    if (isQueryError(filter)) return sendQueryError(reply, filter);
    const order = parseUserOrderBy(query['$orderby'], filter !== null, advanced);
    if (isQueryError(order)) return sendQueryError(reply, order);
    let offset = 0;
    if (query['$skiptoken'] !== undefined) {
      const token = decodeToken<{ offset: number }>(query['$skiptoken']);
      if (token === null || typeof token.offset !== 'number') return sendGraphError(reply, 400, directoryCode, 'Invalid $skiptoken.');
      offset = token.offset;
    }
    const records = context.state.listUsers().map((u) => ({ user: u, record: userRecord(u, clientId) }));
    const all = records.filter(({ record }) => (filter === null || filter(record)) && (search === null || search(record)));
    if (order !== null) all.sort((a, b) => order(a.record, b.record));
    const page = all.slice(offset, offset + top);
    const selectSuffix = query['$select'] === undefined ? '' : `(${query['$select']})`;
    const body: Record<string, unknown> = { '@odata.context': `${graphBase()}/$metadata#users${selectSuffix}` };
    // Without ConsistencyLevel: eventual, Graph ignores $count=true silently.
    if (eventual && query['$count'] === 'true') body['@odata.count'] = all.length;
    if (offset + top < all.length) {
      body['@odata.nextLink'] = linkTo(graphBase(), '/users', { ...query, $skiptoken: encodeToken({ offset: offset + top }) });
    }
    body['value'] = page.map(({ user }) => render(user, properties, expand));
    return body;
  });

  const countUsers = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$filter', '$search'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const eventual = consistencyEventual(request.headers);
    if (!eventual) {
      return sendGraphError(reply, 400, 'Request_UnsupportedQuery', "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information");
    }
    const search = parseUserSearch(query['$search'], eventual);
    if (isQueryError(search)) return sendQueryError(reply, search);
    const filter = parseUserFilter(query['$filter'], true);
    if (isQueryError(filter)) return sendQueryError(reply, filter);
    const count = context.state
      .listUsers()
      .map((u) => userRecord(u, clientId))
      .filter((record) => (filter === null || filter(record)) && (search === null || search(record))).length;
    return reply.type('text/plain').send(String(count));
  };
  app.get('/v1.0/users/$count', { config: { access: 'directory' } }, countUsers);

  const delta = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$skiptoken', '$deltatoken', '$filter'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    let token: DeltaToken;
    const raw = query['$skiptoken'] ?? query['$deltatoken'];
    if (raw !== undefined) {
      const decoded = decodeToken<DeltaToken>(raw);
      if (decoded === null || typeof decoded.upTo !== 'number') return sendGraphError(reply, 400, directoryCode, 'Badly formed token.');
      token =
        query['$deltatoken'] !== undefined
          ? { ...decoded, since: decoded.upTo, upTo: context.state.directoryVersion, offset: 0 }
          : decoded;
    } else {
      const ids = parseDeltaFilter(query['$filter']);
      if (isQueryError(ids)) return sendQueryError(reply, ids);
      token = { since: null, upTo: context.state.directoryVersion, offset: 0, select: parseSelect(query['$select']), ...(ids === undefined ? {} : { ids }) };
    }
    const properties = selectedProperties(token.select, clientId, ['manager']);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    const since = token.since;
    const tracked = (id: string) => token.ids === undefined || token.ids.includes(id.toLowerCase());
    const changed = context.state.listUsers().filter((u) => (since === null || u.version > since) && tracked(u.id));
    const removed = since === null ? [] : [...context.state.removedUsers.entries()].filter(([id, v]) => v > since && tracked(id)).map(([id]) => id).sort();
    const items: Record<string, unknown>[] = [
      ...changed.map((u) => {
        const record = pick(userRecord(u, clientId), properties.filter((p) => p !== 'manager'));
        record['id'] = u.id;
        if (properties.includes('manager') && u.managerId !== null) {
          record['manager@delta'] = [{ '@odata.type': '#microsoft.graph.user', id: u.managerId }];
        }
        return record;
      }),
      ...removed.map((id) => ({ id, '@removed': { reason: 'changed' } })),
    ];
    const page = items.slice(token.offset, token.offset + deltaPageSize);
    const body: Record<string, unknown> = { '@odata.context': `${graphBase()}/$metadata#users` };
    if (token.offset + deltaPageSize < items.length) {
      body['@odata.nextLink'] = linkTo(graphBase(), '/users/delta', { $skiptoken: encodeToken({ ...token, offset: token.offset + deltaPageSize }) });
    } else {
      body['@odata.deltaLink'] = linkTo(graphBase(), '/users/delta', { $deltatoken: encodeToken({ ...token, offset: 0 }) });
    }
    body['value'] = page;
    return body;
  };
  // `delta` is short for the function's qualified name; the SDKs call `microsoft.graph.delta()`.
  for (const name of ['delta', 'delta()', 'microsoft.graph.delta', 'microsoft.graph.delta()']) {
    app.get(`/v1.0/users/${name}`, { config: { access: 'directory' } }, delta);
  }

  app.get<{ Params: { id: string } }>('/v1.0/users/:id', { config: { access: 'directory' } }, async (request, reply) => {
    // "/users/%24count" reaches here already decoded.
    if (request.params.id === '$count') return countUsers(request, reply);
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$expand'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return notFound(reply, request.params.id);
    const properties = selectedProperties(parseSelect(query['$select']), clientId, ['mailboxSettings']);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    const expand = parseExpand(query['$expand'], clientId);
    if (isQueryError(expand)) return sendQueryError(reply, expand);
    return { '@odata.context': `${graphBase()}/$metadata#users/$entity`, ...render(user, properties, expand) };
  });

  app.get<{ Params: { id: string } }>('/v1.0/users/:id/manager', { config: { access: 'directory' } }, async (request, reply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return notFound(reply, request.params.id);
    const manager = user.managerId === null ? undefined : context.state.users.get(user.managerId);
    if (manager === undefined) return notFound(reply, 'manager');
    const properties = selectedProperties(parseSelect(query['$select']), clientId);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    return {
      '@odata.context': `${graphBase()}/$metadata#directoryObjects/$entity`,
      '@odata.type': '#microsoft.graph.user',
      ...pick(userRecord(manager, clientId), properties),
    };
  });

}
