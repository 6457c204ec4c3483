import type { CohortStatus } from './schema.ts';

/**
 * A cohort's life, in order: draft → open (volunteers enrol themselves) → matched →
 * published → rolling_out → running (every session booked) → closed (by HR, or once
 * its last session is over). Pure decisions; the service reads and writes the states.
 */

/** What HR (or time) does to a cohort. */
export type CohortAction = 'open' | 'enrol' | 'withdraw' | 'match' | 'close';

const allowedFrom: Record<CohortAction, readonly CohortStatus[]> = {
  open: ['draft'],
  enrol: ['draft', 'open', 'matched'],
  withdraw: ['draft', 'open', 'matched'],
  match: ['draft', 'open', 'matched'],
  close: ['draft', 'open', 'matched', 'published', 'rolling_out', 'running'],
};

const doing: Record<CohortAction, string> = {
  open: 'opened for volunteering',
  enrol: 'take enrolments',
  withdraw: 'let volunteers withdraw',
  match: 'be matched',
  close: 'be closed',
};

/** `params` word it in any language: the state the cohort is in and what was asked (group `error` of contract/messages/). */
export type StepRefusal = { code: 'COHORT_LOCKED' | 'STATUS_OUT_OF_ORDER'; message: string; params: { context: 'step'; status: CohortStatus; action: CohortAction } };

/**
 * Null when `action` may happen in `status`; otherwise why not. Enrolments and pairs
 * of a published cohort are frozen (COHORT_LOCKED); any other step out of order is
 * STATUS_OUT_OF_ORDER, naming the state the cohort is in and the ones that allow it.
 */
export function stepRefusal(action: CohortAction, status: CohortStatus): StepRefusal | null {
  const allowed = allowedFrom[action];
  if (allowed.includes(status)) return null;
  const frozen = (action === 'enrol' || action === 'withdraw' || action === 'match') && !['draft', 'open', 'matched'].includes(status);
  const message =
    action === 'open'
      ? `the cohort is ${status}: only a draft can be opened for volunteering`
      : `the cohort is ${status}: a cohort can ${doing[action]} only when it is ${allowed.join(', ')}`;
  const params = { context: 'step' as const, status, action };
  return frozen
    ? { code: 'COHORT_LOCKED', message: `the cohort is ${status === 'closed' ? 'closed' : 'published'}: ${action === 'match' ? 'its pairs' : 'its enrolments'} can no longer change`, params }
    : { code: 'STATUS_OUT_OF_ORDER', message, params };
}

/** What the booking ledger says about a cohort's sessions. */
export interface LedgerSummary {
  total: number;
  /** Sessions whose event is in both calendars (booked, or booked and being moved). */
  booked: number;
  /** Epoch ms the last session ends; null without sessions. */
  lastEnd: number | null;
}

/**
 * The state a cohort is in once its ledger is read: rolling out until every session
 * is booked, running from then (back to rolling out if a session is lost and must be
 * booked again), closed once its last session is over.
 */
export function settledStatus(status: CohortStatus, ledger: LedgerSummary, now: number): CohortStatus {
  if (status !== 'rolling_out' && status !== 'running') return status;
  const allBooked = ledger.total > 0 && ledger.booked === ledger.total;
  if (!allBooked) return 'rolling_out';
  return ledger.lastEnd !== null && now >= ledger.lastEnd ? 'closed' : 'running';
}
