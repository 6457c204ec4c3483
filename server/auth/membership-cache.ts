import type { GroupMembership } from './roles.ts';

export interface MembershipCacheOptions {
  /** How long a yes or a no is kept: a person taken out of the HR group stops being HR within this time. */
  ttlMs: number;
  /** Past this many people the oldest answers go first. */
  maxEntries: number;
  now?: () => number;
}

/** A few minutes: sign-ins and every HR request ask, the directory is asked once per person in that time. */
export const membershipCacheDefaults: MembershipCacheOptions = { ttlMs: 5 * 60 * 1000, maxEntries: 10_000 };

/**
 * Keeps the directory's yes and no answers for a short while, per person and group.
 * `unknown` is not kept, so the next request asks again rather than staying refused.
 */
export function cachedMembership(read: GroupMembership, options: MembershipCacheOptions = membershipCacheDefaults): GroupMembership {
  const now = options.now ?? Date.now;
  const answers = new Map<string, { member: boolean; until: number }>();
  return async (personId, groupId) => {
    const key = `${groupId}\u0000${personId}`;
    const kept = answers.get(key);
    if (kept !== undefined && kept.until > now()) return kept.member;
    answers.delete(key);
    const answer = await read(personId, groupId);
    if (answer === 'unknown') return answer;
    if (answers.size >= options.maxEntries) {
      const oldest = answers.keys().next();
      if (oldest.done !== true) answers.delete(oldest.value);
    }
    answers.set(key, { member: answer, until: now() + options.ttlMs });
    return answer;
  };
}
