import type { BookingFailureCode } from '../../src/model/schema.ts';

interface FailedSession {
  code: BookingFailureCode;
  mentorEmail: string;
  menteeEmail: string;
  startsAt: string;
  error: string;
}

/**
 * What HR should do about one session given up, in a sentence they can act on.
 * Every path ends with the retry, which never books a session twice.
 */
export function adviceFor(failure: FailedSession): string {
  const when = failure.startsAt.slice(0, 16).replace('T', ' ') + ' UTC';
  const both = `${failure.mentorEmail} and ${failure.menteeEmail}`;
  switch (failure.code) {
    case 'OUTCOME_UNKNOWN':
      return `The calendar of ${failure.mentorEmail} never confirmed the session of ${when}; it may be there. Check that the mailbox is reachable, then retry the rollout: Binome looks the session up before booking it again.`;
    case 'CALENDAR_UNREADABLE':
      return `The free/busy of ${both} could not be read. Check that both still have a mailbox Binome may read, then retry the rollout.`;
    case 'NO_FREE_SLOT':
      return `${both} have no common free slot left around ${when}. Ask them to free an hour in their working hours, then retry the rollout.`;
    case 'PROVIDER_REFUSED':
      return `The calendar provider refused the session of ${when} (${failure.error}). Fix what it names (mailbox, permission), then retry the rollout.`;
    case 'EVENT_MISSING':
      return `The session of ${when} was booked, but its event is no longer in the calendar of ${failure.mentorEmail} (deleted by hand?). Retry the rollout to book it again.`;
    case 'RETRIES_EXHAUSTED':
      return `Every attempt to book the session of ${when} in the calendar of ${failure.mentorEmail} failed. Retry the rollout once the provider answers again.`;
  }
}
