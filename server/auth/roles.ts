import type { Role } from './schema.ts';

/**
 * Whether a person belongs to a directory group. The seam for `hr.groupId`: the
 * Directory port answers it once group reads exist; `unknown` never grants a role.
 */
export type GroupMembership = (personId: string, groupId: string) => Promise<boolean | 'unknown'>;

/** Who is HR in a tenant: named directory ids, and optionally the members of one group. */
export interface HrPolicy {
  people: readonly string[];
  groupId?: string;
  isMember?: GroupMembership;
}

/** A person's roles: everyone signed in is a participant; HR when named or in the HR group. */
export async function personRoles(policy: HrPolicy, personId: string): Promise<Role[]> {
  if (policy.people.includes(personId)) return ['hr', 'participant'];
  if (policy.groupId !== undefined && policy.isMember !== undefined && (await policy.isMember(personId, policy.groupId)) === true) {
    return ['hr', 'participant'];
  }
  return ['participant'];
}
