import type { DirectoryPort } from '../../../src/ports/directory.ts';

/**
 * Group membership by the Admin SDK's `members.hasMember` (nested groups count), with
 * the person's directory id as member key and the group's address or id as group key.
 * A refusal, an unknown group or person, or no answer is `unknown`, which never grants anything.
 */
export function createMembership(hasMember: (groupKey: string, memberKey: string) => Promise<boolean>): DirectoryPort['isMemberOf'] {
  return async (personId, groupId) => {
    try {
      return await hasMember(groupId, personId);
    } catch {
      return 'unknown';
    }
  };
}
