import { z } from 'zod';
import type { DirectoryPort } from '../../../src/ports/directory.ts';
import type { GraphApi } from './graph.ts';

/** `checkMemberGroups` answers the ids, among those asked, of the groups the user is in, directly or not. */
const CheckedGroups = z.object({ value: z.array(z.string()) });

/**
 * Group membership by `POST /users/{id}/checkMemberGroups` (transitive, one group id
 * asked; application permission GroupMember.Read.All or Directory.Read.All). A
 * refusal, an unknown person or no answer is `unknown`, which never grants anything.
 */
export function createMembership(graph: GraphApi): DirectoryPort['isMemberOf'] {
  return async (personId, groupId) => {
    try {
      const answer = await graph.call('POST', `/users/${encodeURIComponent(personId)}/checkMemberGroups`, CheckedGroups, { body: { groupIds: [groupId] } });
      return answer.value.some((id) => id.toLowerCase() === groupId.toLowerCase());
    } catch {
      return 'unknown';
    }
  };
}
