import { pairRefusalCodes, swapRefusalCodes, type PairRefusalCode, type SwapRefusalCode } from '../../src/matching/manual-changes.ts';
import type { MessageParams } from '../../src/model/schema.ts';

/**
 * Expected failures of the programme use cases, as values. Each edge maps the
 * codes once (HTTP statuses in server/http/errors.ts).
 */
export const programmeErrorCodes = [
  'COHORT_NOT_FOUND',
  'COHORT_LOCKED',
  'INVALID_INPUT',
  'CSV_FILE_INVALID',
  'NOTHING_TO_MATCH',
  'NOT_MATCHED',
  'ALREADY_PUBLISHED',
  'NOT_PUBLISHED',
  'NOT_ROLLING_OUT',
  'PAIR_NOT_FOUND',
  'PAIR_LOCKED',
  'PERSON_NOT_IN_PROPOSAL',
  'PROPOSAL_CHANGED',
  'STATUS_OUT_OF_ORDER',
  'ENROLMENT_NOT_FOUND',
  ...pairRefusalCodes,
  ...swapRefusalCodes,
] as const;
export type ProgrammeErrorCode = (typeof programmeErrorCodes)[number] | PairRefusalCode | SwapRefusalCode;

export interface ProgrammeFailure {
  code: ProgrammeErrorCode;
  message: string;
  field: string | null;
  /** The facts each edge words the refusal from (group `error` of contract/messages/); absent when the code says it all. */
  params?: MessageParams;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ProgrammeFailure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T>(code: ProgrammeErrorCode, message: string, field: string | null = null, params?: MessageParams): Outcome<T> {
  return { ok: false, error: params === undefined ? { code, message, field } : { code, message, field, params } };
}
