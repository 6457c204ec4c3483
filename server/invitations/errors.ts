import type { ProgrammeFailure } from '../programme/errors.ts';

/**
 * Expected failures of the population and invitation use cases, as values; the
 * programme's own (COHORT_NOT_FOUND…) pass through unchanged.
 */
export type PopulationErrorCode = 'POPULATION_FROZEN' | 'POPULATION_NOT_CHOSEN' | 'POPULATION_EMPTY' | 'SENDER_UNKNOWN';

export interface PopulationFailure {
  code: PopulationErrorCode;
  message: string;
  field: string | null;
}

export type PopulationOutcome<T> = { ok: true; value: T } | { ok: false; error: PopulationFailure | ProgrammeFailure };

export function refuse<T>(code: PopulationErrorCode, message: string, field: string | null = null): PopulationOutcome<T> {
  return { ok: false, error: { code, message, field } };
}

/** HTTP statuses of the codes above: each is a state of the cohort or the tenant that HR can change, not a malformed request. */
export const populationStatus: Record<PopulationErrorCode, number> = {
  POPULATION_FROZEN: 409,
  POPULATION_NOT_CHOSEN: 409,
  POPULATION_EMPTY: 409,
  SENDER_UNKNOWN: 409,
};

/** Why one invitation was not sent, as stored in `invitations.last_error`: `CODE: words`. */
export type MailFailureCode = 'MAIL_REFUSED' | 'MAIL_PROVIDER_UNAVAILABLE' | 'MAIL_FAILED' | 'SEND_INTERRUPTED';
