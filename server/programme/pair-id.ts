import { createHash } from 'node:crypto';

const digest = (parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** Stable across re-matching: the same two people in a cohort always form the same pair id. */
export function pairIdFor(cohortId: string, mentorEmail: string, menteeEmail: string): string {
  return `p${digest([cohortId, mentorEmail, menteeEmail]).slice(0, 15)}`;
}
