import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { stableGuid } from '../ids.ts';
import type { SandboxState } from '../state.ts';
import { sendGraphError } from './errors.ts';
import { decodeToken, encodeToken, linkTo, parseSelect, parseTop, pick, queryString, readActionParameters, refuseUnsupported } from './odata.ts';

/**
 * A user's groups, from the fixture's `groups`: `GET /users/{id}/memberOf`
 * (learn.microsoft.com/graph/api/user-list-memberof: direct memberships, a paged
 * directoryObject collection whose items say `#microsoft.graph.group`) and
 * `POST /users/{id}/checkMemberGroups` (directoryobject-checkmembergroups: which of
 * up to 20 group ids the user belongs to).
 */
const directoryCode = 'Request_BadRequest';
export const maxCheckedGroups = 20;

/** A fixture group as Graph sees it: a name-based object id (like users') and its members' user ids. */
export interface GraphGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

export function graphGroups(state: SandboxState): GraphGroup[] {
  return state.groups
    .map((group) => ({ id: stableGuid('group', state.tenant.id, group.id), displayName: group.name, memberIds: group.members.map((m) => state.userIdForFixture(m)) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A security group as Graph writes microsoft.graph.group (the properties a directory read returns). */
export function groupRecord(group: GraphGroup): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: group.id,
    deletedDateTime: null,
    createdDateTime: '2026-01-01T00:00:00Z',
    description: null,
    displayName: group.displayName,
    groupTypes: [],
    mail: null,
    mailEnabled: false,
    mailNickname: group.displayName.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').slice(0, 64) || group.id,
    securityEnabled: true,
    visibility: null,
  };
}

const groupProperties = Object.keys(groupRecord({ id: '', displayName: '', memberIds: [] })).filter((p) => !p.startsWith('@'));

const CheckMemberGroups = z.object({ groupIds: z.array(z.string()) });

function userNotFound(reply: FastifyReply, idOrUpn: string) {
  return sendGraphError(reply, 404, 'Request_ResourceNotFound', `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
}

export function registerGroupRoutes(app: FastifyInstance, context: SandboxContext): void {
  const graphBase = () => context.urls.graph;
  const groupsOf = (userId: string) => graphGroups(context.state).filter((g) => g.memberIds.includes(userId));

  app.get<{ Params: { id: string } }>('/v1.0/users/:id/memberOf', { config: { access: 'directory' } }, async (request, reply) => {
    const query = queryString(request.query);
    const refused = refuseUnsupported(query, ['$select', '$top', '$skiptoken'], directoryCode);
    if (refused !== null) return sendGraphError(reply, refused.status, refused.code, refused.message);
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return userNotFound(reply, request.params.id);
    const top = parseTop(query['$top'], { default: 100, max: 999 }, directoryCode);
    if (typeof top !== 'number') return sendGraphError(reply, top.status, top.code, top.message);
    const select = parseSelect(query['$select']);
    const unknown = select?.find((name) => !groupProperties.includes(name));
    if (unknown !== undefined) {
      return sendGraphError(reply, 400, directoryCode, `Could not find a property named '${unknown}' on type 'Microsoft.DirectoryServices.DirectoryObject'.`);
    }
    let offset = 0;
    if (query['$skiptoken'] !== undefined) {
      const token = decodeToken<{ offset: number }>(query['$skiptoken']);
      if (token === null || typeof token.offset !== 'number') return sendGraphError(reply, 400, directoryCode, 'Invalid $skiptoken.');
      offset = token.offset;
    }
    const all = groupsOf(user.id);
    const body: Record<string, unknown> = { '@odata.context': `${graphBase()}/$metadata#directoryObjects` };
    if (offset + top < all.length) {
      body['@odata.nextLink'] = linkTo(graphBase(), `/users/${encodeURIComponent(request.params.id)}/memberOf`, { ...query, $skiptoken: encodeToken({ offset: offset + top }) });
    }
    body['value'] = all.slice(offset, offset + top).map((group) => {
      const record = groupRecord(group);
      // The item's type always comes back, whatever $select names.
      return select === null ? record : { '@odata.type': record['@odata.type'], ...pick(record, select) };
    });
    return body;
  });

  app.post<{ Params: { id: string } }>('/v1.0/users/:id/checkMemberGroups', { config: { access: 'directory' } }, async (request, reply) => {
    const user = context.state.findUser(request.params.id);
    if (user === undefined) return userNotFound(reply, request.params.id);
    const parameters = readActionParameters(request.body, 'checkMemberGroups', ['groupIds']);
    if ('code' in parameters) return sendGraphError(reply, 400, parameters.code, parameters.message);
    const parsed = CheckMemberGroups.safeParse(parameters.value);
    if (!parsed.success) return sendGraphError(reply, 400, directoryCode, "Invalid checkMemberGroups request: 'groupIds' must be a collection of group ids.");
    const { groupIds } = parsed.data;
    if (groupIds.length > maxCheckedGroups) {
      return sendGraphError(reply, 400, directoryCode, `Too many group ids: ${groupIds.length} were given, checkMemberGroups takes at most ${maxCheckedGroups} per call.`);
    }
    const mine = new Set(groupsOf(user.id).map((g) => g.id));
    return {
      '@odata.context': `${graphBase()}/$metadata#Collection(Edm.String)`,
      value: [...new Set(groupIds.map((id) => id.toLowerCase()))].filter((id) => mine.has(id)),
    };
  });
}
