import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxUser } from '../state.ts';
import { directoryUser, directoryUserId, customerId, etagOf, isAdmin } from './directory-user.ts';
import { googleErrors, invalid, outOfRange, resourceNotFound, sendGoogleError } from './errors.ts';
import { boundedInteger, pageOffset, pageToken } from './paging.ts';
import { callerOf } from './pipeline.ts';
import { numericId } from './service-account.ts';
import { routeScopes } from './scopes.ts';

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

type Predicate = (user: SandboxUser) => boolean;

const textFields: Record<string, (user: SandboxUser, state: SandboxContext['state']) => string[]> = {
  email: (u) => [u.email],
  name: (u) => [u.displayName],
  givenname: (u) => [u.displayName.split(/\s+/).slice(0, -1).join(' ') || u.displayName],
  familyname: (u) => [u.displayName.split(/\s+/).at(-1) ?? u.displayName],
  orgtitle: (u) => (u.jobTitle === null ? [] : [u.jobTitle]),
  orgdepartment: (u) => (u.department === null ? [] : [u.department]),
  directmanager: (u, state) => {
    const manager = u.managerId === null ? undefined : state.users.get(u.managerId);
    return manager === undefined ? [] : [manager.email];
  },
};

/**
 * The Directory `query` parameter: space-separated `field:value` (or `field=value`)
 * terms, all of which must hold. `value*` matches a prefix; quotes allow spaces.
 * Fields: email, name, givenName, familyName, orgTitle, orgDepartment, directManager, isAdmin.
 */
function parseUserQuery(query: string, state: SandboxContext['state']): Predicate[] | null {
  const predicates: Predicate[] = [];
  const term = /\s*([A-Za-z]+)\s*([:=])\s*(?:'([^']*)'|"([^"]*)"|(\S+))/y;
  let rest = query.trim();
  while (rest !== '') {
    term.lastIndex = 0;
    const match = term.exec(rest);
    if (match === null) return null;
    rest = rest.slice(term.lastIndex).trim();
    const field = (match[1] ?? '').toLowerCase();
    const value = (match[3] ?? match[4] ?? match[5] ?? '').toLowerCase();
    if (field === 'isadmin') {
      if (value !== 'true' && value !== 'false') return null;
      predicates.push((u) => isAdmin(u) === (value === 'true'));
      continue;
    }
    const read = textFields[field];
    if (read === undefined) return null;
    const prefix = value.endsWith('*');
    const wanted = prefix ? value.slice(0, -1) : value;
    predicates.push((u) => read(u, state).some((text) => (prefix ? text.toLowerCase().startsWith(wanted) : text.toLowerCase() === wanted)));
  }
  return predicates;
}

function viewOf(raw: string | undefined): 'admin_view' | 'domain_public' | null {
  if (raw === undefined || raw === 'admin_view') return 'admin_view';
  if (raw === 'domain_public') return 'domain_public';
  return null;
}

/**
 * Admin SDK Directory: users.list, users.get, members.list and members.hasMember.
 * `admin_view` (the default) needs an administrator (a person at the top of the
 * tree); any user of the domain may read `domain_public`.
 */
export function registerDirectoryRoutes(app: FastifyInstance, context: SandboxContext): void {
  const { state } = context;
  const usersConfig = { googleRoute: 'api' as const, googleScopes: routeScopes.directoryUsers };
  const membersConfig = { googleRoute: 'api' as const, googleScopes: routeScopes.directoryMembers };

  const caller = (reply: FastifyReply): SandboxUser | null => callerOf(reply.request).user;
  const forbidden = (reply: FastifyReply) => sendGoogleError(reply, 403, googleErrors.directoryForbidden);

  app.get<{ Querystring: Query }>('/admin/directory/v1/users', { config: usersConfig }, async (request, reply) => {
    const me = caller(reply);
    if (me === null) return forbidden(reply);
    const query = request.query;
    const customer = single(query, 'customer');
    const domain = single(query, 'domain');
    if (customer === undefined && domain === undefined) return sendGoogleError(reply, 400, googleErrors.badRequest);
    if (customer !== undefined && customer !== 'my_customer' && customer !== customerId(state)) return forbidden(reply);
    if (domain !== undefined && domain.toLowerCase() !== state.tenant.domain.toLowerCase()) return forbidden(reply);
    const view = viewOf(single(query, 'viewType'));
    if (view === null) return sendGoogleError(reply, 400, invalid(`Invalid value '${single(query, 'viewType') ?? ''}'. Values must be one of: admin_view, domain_public`, 'viewType'));
    if (view === 'admin_view' && !isAdmin(me)) return forbidden(reply);
    const projection = single(query, 'projection') ?? 'basic';
    if (!['basic', 'full', 'custom'].includes(projection)) return sendGoogleError(reply, 400, invalid(`Invalid value '${projection}'. Values must be one of: basic, custom, full`, 'projection'));
    const maxResults = boundedInteger(single(query, 'maxResults'), 1, 500, 100);
    if (typeof maxResults !== 'number') return sendGoogleError(reply, 400, outOfRange(maxResults.bad, 1, 500, 'maxResults'));
    const orderBy = single(query, 'orderBy');
    if (orderBy !== undefined && !['email', 'familyName', 'givenName'].includes(orderBy)) {
      return sendGoogleError(reply, 400, invalid(`Invalid value '${orderBy}'. Values must be one of: email, familyName, givenName`, 'orderBy'));
    }
    const sortOrder = single(query, 'sortOrder') ?? 'ASCENDING';
    if (!['ASCENDING', 'DESCENDING'].includes(sortOrder)) return sendGoogleError(reply, 400, invalid(`Invalid value '${sortOrder}'. Values must be one of: ASCENDING, DESCENDING`, 'sortOrder'));
    const text = single(query, 'query');
    const predicates = text === undefined ? [] : parseUserQuery(text, state);
    if (predicates === null) return sendGoogleError(reply, 400, googleErrors.invalidInput);
    const offset = pageOffset(single(query, 'pageToken'), query);
    if (offset === null) return sendGoogleError(reply, 400, invalid('Invalid Input: pageToken', 'pageToken'));

    const key = (u: SandboxUser): string => {
      const resource = directoryUser(state, u, 'domain_public');
      if (orderBy === 'email') return u.email.toLowerCase();
      if (orderBy === 'familyName') return resource.name.familyName.toLowerCase();
      if (orderBy === 'givenName') return resource.name.givenName.toLowerCase();
      return directoryUserId(u);
    };
    const matching = state
      .listUsers()
      .filter((u) => predicates.every((p) => p(u)))
      .map((u) => ({ u, k: key(u) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) * (sortOrder === 'DESCENDING' ? -1 : 1))
      .map(({ u }) => u);
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + maxResults < matching.length ? pageToken(offset + maxResults, query) : undefined;
    return {
      kind: 'admin#directory#users',
      etag: etagOf('users', String(state.directoryVersion), String(offset)),
      // Google leaves `users` out of an empty page.
      ...(page.length === 0 ? {} : { users: page.map((u) => directoryUser(state, u, view)) }),
      ...(next === undefined ? {} : { nextPageToken: next }),
    };
  });

  app.get<{ Params: { userKey: string }; Querystring: Query }>('/admin/directory/v1/users/:userKey', { config: usersConfig }, async (request, reply) => {
    const me = caller(reply);
    if (me === null) return forbidden(reply);
    const view = viewOf(single(request.query, 'viewType'));
    if (view === null) return sendGoogleError(reply, 400, invalid(`Invalid value '${single(request.query, 'viewType') ?? ''}'. Values must be one of: admin_view, domain_public`, 'viewType'));
    const userKey = request.params.userKey;
    if (userKey.includes('@') && !userKey.toLowerCase().endsWith(`@${state.tenant.domain.toLowerCase()}`)) return forbidden(reply);
    const user = state.findUser(userKey) ?? state.listUsers().find((u) => directoryUserId(u) === userKey);
    if (user === undefined) return sendGoogleError(reply, 404, resourceNotFound('userKey'));
    if (view === 'admin_view' && !isAdmin(me) && user.id !== me.id) return forbidden(reply);
    return directoryUser(state, user, view);
  });

  const findGroup = (groupKey: string) => {
    const key = groupKey.toLowerCase();
    const domain = state.tenant.domain.toLowerCase();
    return state.groups.find((g) => g.id.toLowerCase() === key || `${g.id.toLowerCase()}@${domain}` === key || numericId('group', g.id) === key);
  };
  const memberUsers = (members: string[]) =>
    members.map((fixtureId) => state.users.get(state.userIdForFixture(fixtureId))).filter((u): u is SandboxUser => u !== undefined);

  app.get<{ Params: { groupKey: string }; Querystring: Query }>('/admin/directory/v1/groups/:groupKey/members', { config: membersConfig }, async (request, reply) => {
    const me = caller(reply);
    if (me === null || !isAdmin(me)) return forbidden(reply);
    const group = findGroup(request.params.groupKey);
    if (group === undefined) return sendGoogleError(reply, 404, resourceNotFound('groupKey'));
    const maxResults = boundedInteger(single(request.query, 'maxResults'), 1, 200, 200);
    if (typeof maxResults !== 'number') return sendGoogleError(reply, 400, outOfRange(maxResults.bad, 1, 200, 'maxResults'));
    const offset = pageOffset(single(request.query, 'pageToken'), { ...request.query, groupKey: group.id });
    if (offset === null) return sendGoogleError(reply, 400, invalid('Invalid Input: pageToken', 'pageToken'));
    const members = memberUsers(group.members);
    const page = members.slice(offset, offset + maxResults);
    const next = offset + maxResults < members.length ? pageToken(offset + maxResults, { ...request.query, groupKey: group.id }) : undefined;
    return {
      kind: 'admin#directory#members',
      etag: etagOf('members', group.id, String(offset)),
      ...(page.length === 0
        ? {}
        : {
            members: page.map((u) => ({
              kind: 'admin#directory#member',
              etag: etagOf('member', group.id, u.id),
              id: directoryUserId(u),
              email: u.email,
              role: 'MEMBER',
              type: 'USER',
              status: 'ACTIVE',
            })),
          }),
      ...(next === undefined ? {} : { nextPageToken: next }),
    };
  });

  app.get<{ Params: { groupKey: string; memberKey: string } }>('/admin/directory/v1/groups/:groupKey/hasMember/:memberKey', { config: membersConfig }, async (request, reply) => {
    const me = caller(reply);
    if (me === null || !isAdmin(me)) return forbidden(reply);
    const group = findGroup(request.params.groupKey);
    if (group === undefined) return sendGoogleError(reply, 404, resourceNotFound('groupKey'));
    const memberKey = request.params.memberKey;
    const member = state.findUser(memberKey) ?? state.listUsers().find((u) => directoryUserId(u) === memberKey);
    if (member === undefined) return sendGoogleError(reply, 404, resourceNotFound('memberKey'));
    return { isMember: memberUsers(group.members).some((u) => u.id === member.id) };
  });
}
