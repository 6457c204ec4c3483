import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { windowsZoneOf } from '../zones.ts';
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

const locales: Record<string, string> = {
  fr: 'fr-FR', en: 'en-US', de: 'de-DE', es: 'es-ES', it: 'it-IT', pt: 'pt-PT', nl: 'nl-NL', pl: 'pl-PL',
  sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI', no: 'nb-NO', nb: 'nb-NO', ja: 'ja-JP', zh: 'zh-CN', ko: 'ko-KR',
  ar: 'ar-SA', hi: 'hi-IN', ru: 'ru-RU', tr: 'tr-TR', cs: 'cs-CZ', ro: 'ro-RO', el: 'el-GR', he: 'he-IL',
};

export function localeOf(language: string | undefined): string | null {
  if (language === undefined) return null;
  return locales[language.toLowerCase()] ?? language;
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

function selectedProperties(select: string[] | null, clientId: string, allowManager: boolean): string[] | QueryError {
  if (select === null) return defaultUserProperties;
  const known = new Set(Object.keys(userRecord(placeholderUser, clientId)));
  for (const name of select) {
    if (!known.has(name) && !(allowManager && name === 'manager')) {
      return { status: 400, code: directoryCode, message: `Could not find a property named '${name}' on type 'Microsoft.DirectoryServices.User'.` };
    }
  }
  return select;
}

const placeholderUser: SandboxUser = {
  id: '', fixtureId: '', email: '', displayName: '', jobTitle: null, department: null, officeLocation: null, hireDate: null,
  managerId: null, timeZone: 'UTC', languages: [], workingHours: { days: ['mon'], start: '09:00', end: '17:00' }, version: 0,
};

/** `manager` or `manager($select=id,displayName)`; null when absent, an error when not understood. */
function parseExpand(value: string | undefined, clientId: string): { select: string[] } | null | QueryError {
  if (value === undefined) return null;
  const match = /^manager(?:\(\$select=([^)]*)\))?$/.exec(value.trim());
  if (match === null) return { status: 400, code: directoryCode, message: `Invalid $expand value '${value}': the sandbox expands only manager.` };
  const select = selectedProperties(parseSelect(match[1]), clientId, false);
  return 'status' in select ? select : { select };
}

/** `prop eq 'v'` or `startswith(prop,'v')` on a few string properties: Graph's common cases. */
function parseFilter(value: string | undefined): ((record: Record<string, unknown>) => boolean) | null | QueryError {
  if (value === undefined) return null;
  const filterable = ['id', 'mail', 'userPrincipalName', 'displayName', 'department', 'jobTitle', 'officeLocation'];
  const eq = /^(\w+)\s+eq\s+'((?:[^']|'')*)'$/.exec(value.trim());
  const starts = /^startswith\((\w+),\s*'((?:[^']|'')*)'\)$/.exec(value.trim());
  const match = eq ?? starts;
  if (match === null || match[1] === undefined || match[2] === undefined || !filterable.includes(match[1])) {
    return { status: 400, code: 'Request_UnsupportedQuery', message: `Unsupported or invalid query filter clause specified for property '${match?.[1] ?? value}' of resource 'User'.` };
  }
  const property = match[1];
  const needle = match[2].replace(/''/g, "'").toLowerCase();
  return (record) => {
    const actual = record[property];
    if (typeof actual !== 'string') return false;
    return eq !== null ? actual.toLowerCase() === needle : actual.toLowerCase().startsWith(needle);
  };
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
}

const deltaPageSize = 100;

/** The directory part of Graph: users, manager, delta, mailbox settings. */
export function registerUserRoutes(app: FastifyInstance, context: SandboxContext): void {
  const clientId = context.app.clientId;
  const graphBase = () => context.urls.graph;

  const render = (user: SandboxUser, properties: string[], expand: { select: string[] } | null): Record<string, unknown> => {
    const result = pick(userRecord(user, clientId), properties);
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
    const refused = refuseUnsupported(query, ['$select', '$top', '$filter', '$expand', '$skiptoken', '$count'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const top = parseTop(query['$top'], { default: 100, max: 999 }, directoryCode);
    if (isQueryError(top)) return sendQueryError(reply, top);
    const properties = selectedProperties(parseSelect(query['$select']), clientId, false);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    const expand = parseExpand(query['$expand'], clientId);
    if (isQueryError(expand)) return sendQueryError(reply, expand);
    const filter = parseFilter(query['$filter']);
    if (isQueryError(filter)) return sendQueryError(reply, filter);
    let offset = 0;
    if (query['$skiptoken'] !== undefined) {
      const token = decodeToken<{ offset: number }>(query['$skiptoken']);
      if (token === null || typeof token.offset !== 'number') return sendGraphError(reply, 400, directoryCode, 'Invalid $skiptoken.');
      offset = token.offset;
    }
    const all = context.state.listUsers().filter((u) => filter === null || filter(userRecord(u, clientId)));
    const page = all.slice(offset, offset + top);
    const selectSuffix = query['$select'] === undefined ? '' : `(${query['$select']})`;
    const body: Record<string, unknown> = { '@odata.context': `${graphBase()}/$metadata#users${selectSuffix}` };
    if (query['$count'] === 'true') body['@odata.count'] = all.length;
    if (offset + top < all.length) {
      body['@odata.nextLink'] = linkTo(graphBase(), '/users', { ...query, $skiptoken: encodeToken({ offset: offset + top }) });
    }
    body['value'] = page.map((u) => render(u, properties, expand));
    return body;
  });

  app.get('/v1.0/users/delta', { config: { access: 'directory' } }, async (request, reply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$skiptoken', '$deltatoken'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    let token: DeltaToken;
    const raw = query['$skiptoken'] ?? query['$deltatoken'];
    if (raw !== undefined) {
      const decoded = decodeToken<DeltaToken>(raw);
      if (decoded === null || typeof decoded.upTo !== 'number') return sendGraphError(reply, 400, directoryCode, 'Badly formed token.');
      token =
        query['$deltatoken'] !== undefined
          ? { since: decoded.upTo, upTo: context.state.directoryVersion, offset: 0, select: decoded.select }
          : decoded;
    } else {
      token = { since: null, upTo: context.state.directoryVersion, offset: 0, select: parseSelect(query['$select']) };
    }
    const properties = selectedProperties(token.select, clientId, true);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    const since = token.since;
    const changed = context.state.listUsers().filter((u) => since === null || u.version > since);
    const removed = since === null ? [] : [...context.state.removedUsers.entries()].filter(([, v]) => v > since).map(([id]) => id).sort();
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
  });

  app.get<{ Params: { id: string } }>('/v1.0/users/:id', { config: { access: 'directory' } }, async (request, reply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$expand'], directoryCode);
    if (refused !== null) return sendQueryError(reply, refused);
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return notFound(reply, request.params.id);
    const properties = selectedProperties(parseSelect(query['$select']), clientId, false);
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
    const properties = selectedProperties(parseSelect(query['$select']), clientId, false);
    if (isQueryError(properties)) return sendQueryError(reply, properties);
    return {
      '@odata.context': `${graphBase()}/$metadata#directoryObjects/$entity`,
      '@odata.type': '#microsoft.graph.user',
      ...pick(userRecord(manager, clientId), properties),
    };
  });

  app.get<{ Params: { id: string } }>('/v1.0/users/:id/mailboxSettings', { config: { access: 'mailbox' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return invalidUser(reply, request.params.id);
    const windowsZone = windowsZoneOf(user.timeZone) ?? 'UTC';
    const locale = localeOf(user.languages[0]) ?? 'en-US';
    return {
      '@odata.context': `${graphBase()}/$metadata#users('${user.id}')/mailboxSettings`,
      archiveFolder: 'AQMkAD' + user.id.replace(/-/g, ''),
      timeZone: windowsZone,
      delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
      dateFormat: locale.startsWith('en-US') ? 'M/d/yyyy' : 'dd/MM/yyyy',
      timeFormat: locale.startsWith('en-US') ? 'h:mm tt' : 'HH:mm',
      userPurpose: 'user',
      automaticRepliesSetting: {
        status: 'disabled',
        externalAudience: 'all',
        internalReplyMessage: '',
        externalReplyMessage: '',
        scheduledStartDateTime: { dateTime: '2026-01-01T00:00:00.0000000', timeZone: 'UTC' },
        scheduledEndDateTime: { dateTime: '2026-01-02T00:00:00.0000000', timeZone: 'UTC' },
      },
      language: { locale, displayName: locale },
      workingHours: workingHoursRecord(user),
    };
  });
}

const weekdayNames = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' } as const;

/** Graph's workingHours: day names, times with seven fractional digits, the zone by its Windows name. */
export function workingHoursRecord(user: SandboxUser) {
  return {
    daysOfWeek: user.workingHours.days.map((d) => weekdayNames[d]),
    startTime: `${user.workingHours.start}:00.0000000`,
    endTime: `${user.workingHours.end}:00.0000000`,
    timeZone: { name: windowsZoneOf(user.timeZone) ?? 'UTC' },
  };
}

/** Outlook's answer for a mailbox path naming nobody. */
export function invalidUser(reply: FastifyReply, idOrUpn: string) {
  return sendGraphError(reply, 404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
}

