import type { Role } from './schema.ts';

/**
 * Whether a person belongs to a directory group, as the Directory port answers it;
 * `unknown` (the directory could not say) never grants a role.
 */
export type GroupMembership = (personId: string, groupId: string) => Promise<boolean | 'unknown'>;

/** Who is HR in a tenant: named directory ids, and optionally the members of one directory group. */
export interface HrPolicy {
  people: readonly string[];
  /** `hr.groupId`, read through the tenant's Directory port. */
  group?: { id: string; isMember: GroupMembership };
}

/** A person's roles: everyone signed in is a participant; HR when named or, as the directory answers yes, in the HR group. */
export async function personRoles(policy: HrPolicy, personId: string): Promise<Role[]> {
  if (policy.people.includes(personId)) return ['hr', 'participant'];
  if (policy.group !== undefined && (await inGroup(policy.group, personId))) return ['hr', 'participant'];
  return ['participant'];
}

/** Only a plain yes counts: `unknown`, or a reader that throws, is no. */
async function inGroup(group: NonNullable<HrPolicy['group']>, personId: string): Promise<boolean> {
  try {
    return (await group.isMember(personId, group.id)) === true;
  } catch {
    return false;
  }
}
