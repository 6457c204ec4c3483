/**
 * Expected failures of the participant use cases, as values with stable codes.
 * Another person's pair, session or note is NOT_FOUND like one that does not
 * exist, so ids cannot be probed. The HTTP edge maps each code to its status once.
 */
export const participationStatus = {
  INVALID_INPUT: 400,
  THEME_NOT_OFFERED: 400,
  PERSON_UNKNOWN: 403,
  NOTE_NOT_YOURS: 403,
  COHORT_NOT_FOUND: 404,
  NOT_VOLUNTEERED: 404,
  PAIR_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  NOTE_NOT_FOUND: 404,
  FEEDBACK_NOT_GIVEN: 404,
  COHORT_NOT_OPEN: 409,
  CHARTER_VERSION_STALE: 409,
  SESSION_NOT_ENDED: 409,
  TRAINING_STALE_VERSION: 409,
  TRAINING_DUPLICATE_THEME: 409,
} as const;

export type ParticipationErrorCode = keyof typeof participationStatus;

export interface ParticipationFailure {
  code: ParticipationErrorCode;
  message: string;
  field: string | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ParticipationFailure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function refuse<T>(code: ParticipationErrorCode, message: string, field: string | null = null): Result<T> {
  return { ok: false, error: { code, message, field } };
}
