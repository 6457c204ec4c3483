import type { BookingFailureCode, MessageParams } from '../../src/model/schema.ts';
import { renderMessage } from '../../contract/messages.ts';
import { moveAttempts } from './moves.ts';

interface FailedSession {
  code: BookingFailureCode;
  mentorEmail: string;
  menteeEmail: string;
  startsAt: string;
  error: string;
}

/**
 * The facts HR's advice about one session given up is worded from (the `failure`
 * group of contract/messages/): who, when, and the provider's own words where they
 * name what to fix. Every piece of advice ends with the retry, which never books a
 * session twice.
 */
export function failureParams(failure: FailedSession): MessageParams {
  const { mentorEmail: mentor, menteeEmail: mentee, startsAt } = failure;
  switch (failure.code) {
    case 'OUTCOME_UNKNOWN':
    case 'EVENT_MISSING':
    case 'RETRIES_EXHAUSTED':
      return { mentor, startsAt };
    case 'CALENDAR_UNREADABLE':
      return { mentor, mentee };
    case 'NO_FREE_SLOT':
      return { mentor, mentee, startsAt };
    case 'PROVIDER_REFUSED':
      return { startsAt, detail: failure.error };
    case 'MOVE_NOT_CONFIRMED':
      return { mentor, startsAt, attempts: moveAttempts };
  }
}

/** The advice in English, instants in UTC, for the API and the scenario report. */
export function adviceFor(failure: FailedSession, params: MessageParams = failureParams(failure)): string {
  return renderMessage('failure', { code: failure.code, params }, 'en', { timeZone: 'UTC' });
}
