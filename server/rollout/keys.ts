import { createHash } from 'node:crypto';

const digest = (parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** Stable across re-matching: the same two people in a cohort always form the same pair id. */
export function pairIdFor(cohortId: string, mentorEmail: string, menteeEmail: string): string {
  return `p${digest([cohortId, mentorEmail, menteeEmail]).slice(0, 15)}`;
}

/** The idempotency key of one booking: the same (tenant, cohort, pair, session) always gives the same key. */
export function bookingKeyFor(tenantId: string, cohortId: string, pairId: string, session: number): string {
  return `bnm-${digest([tenantId, cohortId, pairId, String(session)]).slice(0, 32)}`;
}
