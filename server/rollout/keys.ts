import { createHash } from 'node:crypto';

const digest = (parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** The idempotency key of one booking: the same (tenant, cohort, pair, session) always gives the same key. */
export function bookingKeyFor(tenantId: string, cohortId: string, pairId: string, session: number): string {
  return `bnm-${digest([tenantId, cohortId, pairId, String(session)]).slice(0, 32)}`;
}
